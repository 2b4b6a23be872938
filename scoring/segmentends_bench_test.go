package scoring

import (
	"math/rand/v2"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// BenchmarkSegmentFamiliesOut: the close's check of a survey of 20,000 ASN
// respondents released in 4,000 chunks of 5, split by an answer of 5
// (the ledger of a live survey: a chunk per k responses).
func BenchmarkSegmentFamiliesOut(b *testing.B) {
	rng := rand.New(rand.NewPCG(29, 70))
	answers := []string{"a", "b", "c", "d", NotStated}
	cells := map[string]*Aggregate{}
	for _, a := range answers {
		cells[a] = NewAggregate()
	}
	var steps []SegmentStep
	for range 4000 {
		chunk := NewAggregate()
		st := SegmentStep{ByAnswer: map[string]int64{}, Shown: true}
		for range 5 {
			r := instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", "u", "2026-11-27", 0)
			a := answers[rng.IntN(len(answers))]
			st.ByAnswer[a]++
			cells[a].Add(r)
			chunk.Add(r)
		}
		st.Means = MeansOf(CountsOf(chunk))
		steps = append(steps, st)
	}
	for b.Loop() {
		if _, err := SegmentFamiliesOut(cells, nil, steps, 5); err != nil {
			b.Fatal(err)
		}
	}
}
