package scoring

import (
	"math/rand/v2"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestRealAggregatesArePlausible: aggregates of random responses (with items
// left out) of both audiences, merged and released, all pass once their
// demographic counts are dropped, as every release drops them; a record
// still carrying them is refused (no chunk may say who its respondents are).
func TestRealAggregatesArePlausible(t *testing.T) {
	for seed := range uint64(30) {
		rng := rand.New(rand.NewPCG(seed, 3))
		for _, aud := range Audiences {
			a := NewAggregate()
			for range 1 + rng.IntN(40) {
				a.Add(instrument.SampleResponse(rng, aud, "2026", "u", "2026-11-27", 0.1))
			}
			if len(a.Demo) > 0 && a.Plausible(aud) == nil {
				t.Fatalf("seed %d, %s: a record with demographic counts was read", seed, aud)
			}
			if err := a.Clone().WithoutDemo().Plausible(aud); err != nil {
				t.Fatalf("seed %d, %s: a real aggregate is implausible: %v", seed, aud, err)
			}
			if err := Residue(a, nil).Plausible(aud); err != nil {
				t.Fatalf("seed %d, %s: a released chunk is implausible: %v", seed, aud, err)
			}
		}
	}
}

// TestTamperedAggregatesAreImplausible: each way a record could lie is
// caught.
func TestTamperedAggregatesAreImplausible(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	fresh := func() *Aggregate {
		a := NewAggregate()
		for range 10 {
			a.Add(instrument.SampleResponse(rng, "asn", "2026", "u", "2026-11-27", 0))
		}
		return a
	}
	for name, tamper := range map[string]func(a *Aggregate){
		"negative n":              func(a *Aggregate) { a.N = -3 },
		"more complete than n":    func(a *Aggregate) { a.Scales[ScaleImplementation].Total.N = 50 },
		"item sum above the max":  func(a *Aggregate) { a.Scales[ValueScale("pelayanan")].ItemSum[0] = 51 },
		"sum of squares too low":  func(a *Aggregate) { a.Scales[ValueScale("pelayanan")].ItemSumSq[0] = 1 },
		"votes beyond voters":     func(a *Aggregate) { a.Votes[questionnaire.ItemValuesCurrent]["gosip"] = 11 },
		"classes do not add up":   func(a *Aggregate) { a.Engaged += 2 },
		"more promoters than n":   func(a *Aggregate) { a.Recommend[questionnaire.ItemEngRecommend].Promoters = 11 },
		"a public scale on asn":   func(a *Aggregate) { a.Scales[ScaleIntention] = &Scale{} },
		"days do not add up":      func(a *Aggregate) { a.ByDay["2026-11-28"] = 4 },
		"driver beyond its range": func(a *Aggregate) { a.Drivers[DriverKey(TargetStay, "loyal")].SumY += 100 },
		"driver crossed too far":  func(a *Aggregate) { p := a.Drivers[DriverKey(TargetEngagement, "adaptif")]; p.SumXY = p.N * 15 * 45 },
		"driver of no value": func(a *Aggregate) {
			a.Drivers["engagement/gosip"] = &Pair{N: 1, SumX: 3, SumX2: 9, SumY: 9, SumY2: 81, SumXY: 27}
		},
	} {
		a := fresh()
		tamper(a)
		if err := a.Plausible("asn"); err == nil {
			t.Errorf("%s: passed", name)
		}
	}
}
