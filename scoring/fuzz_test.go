package scoring

import (
	"math/rand/v2"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// FuzzScoreAggregates: aggregates of random groups (any size from one, any
// share of unanswered items, both audiences) score without a panic, NaN or
// an index out of its range.
func FuzzScoreAggregates(f *testing.F) {
	f.Add(uint64(1), uint8(1), uint8(0))
	f.Add(uint64(2), uint8(40), uint8(128))
	f.Add(uint64(3), uint8(255), uint8(250))
	f.Fuzz(func(t *testing.T, seed uint64, n, skip uint8) {
		rng := rand.New(rand.NewPCG(seed, 5))
		asnAgg, pubAgg := NewAggregate(), NewAggregate()
		for range int(n)%64 + 1 {
			asnAgg.Add(randomResponse(rng, questionnaire.AudienceASN, float64(skip)/255))
			pubAgg.Add(randomResponse(rng, questionnaire.AudiencePublic, float64(skip)/255))
		}
		checkRanges(t, Compute(asnAgg, pubAgg, instrument))
	})
}
