package db

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// TestSchema7FileGetsLimitingSums: a file written before the limiting sums
// (schema 7) gets them on opening, from the stored responses, for a survey
// in the clear — its aggregates then equal the responses recomputed, and
// its entropy has the respondents' SD; a sealed survey, which cannot be
// read, counts only later respondents and shows entropy without an SD.
func TestSchema7FileGetsLimitingSums(t *testing.T) {
	s := openTemp(t)
	sealSurvey(t, s.Store) // 2026 sealed
	if err := s.SaveSurvey(DefaultSurvey("2025")); err != nil {
		t.Fatal(err)
	}
	in, rng := questionnaire.Default(), rand.New(rand.NewPCG(8, 8))
	for i := range 2*checkpointEvery + 17 { // some checkpointed, some still in the journal
		r := in.SampleResponse(rng, "asn", []string{"2025", "2026"}[i%2], RootUnitID, "2026-11-27", 0)
		if err := s.SaveResponse(r); err != nil {
			t.Fatal(err)
		}
	}
	asOlderSchema(s, "7", func(a *scoring.Aggregate) { a.Limiting = scoring.Moments{} })
	stored, fresh := storedAndRecomputed(t, s, "2025")
	live := stored["asn"][RootUnitID]
	if live.Limiting.N != live.N || !reflect.DeepEqual(jsonOf(stored), jsonOf(fresh)) {
		t.Fatalf("after the upgrade the plain survey's limiting sums are %+v of %d respondents, not its responses'", live.Limiting, live.N)
	}
	published, err := s.Released("2025")
	if err != nil {
		t.Fatal(err)
	}
	if pub := published["asn"][RootUnitID]; pub == nil || (pub.N == live.N) != (pub.Limiting == live.Limiting) {
		t.Fatalf("published %+v: all released should carry the live limiting sums %+v, and only then", pub, live.Limiting)
	}
	if e := scoring.Compute(live, nil, in).Entropy; e.SD == nil {
		t.Fatal("the upgraded plain survey's entropy has no SD")
	}
	sealed, err := s.SurveyAggregates("2026")
	if err != nil {
		t.Fatal(err)
	}
	if a := sealed["asn"][RootUnitID]; a.Limiting.N != 0 || scoring.Compute(a, nil, in).Entropy.SD != nil {
		t.Fatalf("the sealed survey's limiting sums %+v after an upgrade that could not read its responses", a.Limiting)
	}
}
