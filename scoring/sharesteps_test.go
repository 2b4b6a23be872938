package scoring

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestShareSumsGiveTheSameShares: what a record carries of its share chunks
// (ShareSums) gives every share its whole sums give, for both audiences, and
// computeShares gives them as Compute does.
func TestShareSumsGiveTheSameShares(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 12))
	asnSums, publicSums := NewAggregate(), NewAggregate()
	for range 40 {
		asnSums.Add(instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", "u", "2026-11-27", 0))
		publicSums.Add(instrument.SampleResponse(rng, questionnaire.AudiencePublic, "2026", "u", "2026-11-27", 0))
	}
	whole := Compute(asnSums, publicSums, instrument)
	from := computeShares(ShareSums(asnSums), ShareSums(publicSums), instrument)
	checked := 0
	for m := range numMeasures {
		if !measureInfos[m].share {
			continue
		}
		if whole.measureN(m) == 0 {
			t.Fatalf("%s: the sample has none", measureInfos[m].key)
		}
		got, want := &Scores{Engagement: &Engagement{}, EmployerBranding: &Branding{}}, &Scores{Engagement: &Engagement{}, EmployerBranding: &Branding{}}
		got.copyShare(m, from)
		want.copyShare(m, whole)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s from the share sums: %+v; from the whole sums %+v", measureInfos[m].key, got, want)
		}
		checked++
	}
	if checked != 7 {
		t.Fatalf("%d shares checked, want 7", checked)
	}
	if kept := ShareSums(asnSums); len(kept.Scales) != 1 || kept.Drivers != nil || kept.Limiting.N != 0 {
		t.Errorf("the share sums keep %d scales, drivers %v, limiting sums %+v: only the engagement scale is theirs",
			len(kept.Scales), kept.Drivers != nil, kept.Limiting)
	}
}
