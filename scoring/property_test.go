package scoring

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// randomResponse answers the instrument at random, leaving out each item with
// probability skip (so complete-case handling is exercised too).
func randomResponse(rng *rand.Rand, audience string, skip float64) *questionnaire.Response {
	return instrument.SampleResponse(rng, audience, "2026", "u", "2026-11-27", skip)
}

// TestMergeOfHalvesEqualsWhole: aggregating two halves and merging them gives
// exactly the aggregate of all responses, and so exactly the same scores.
func TestMergeOfHalvesEqualsWhole(t *testing.T) {
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 1))
		var rs []*questionnaire.Response
		for range 1 + rng.IntN(60) {
			aud := questionnaire.AudienceASN
			if rng.IntN(3) == 0 {
				aud = questionnaire.AudiencePublic
			}
			rs = append(rs, randomResponse(rng, aud, 0.05))
		}
		cut := rng.IntN(len(rs) + 1)
		whole := aggregateOf(rs...)
		merged := aggregateOf(rs[:cut]...)
		merged.Merge(aggregateOf(rs[cut:]...))
		if !reflect.DeepEqual(roundTrip(t, whole), roundTrip(t, merged)) {
			t.Fatalf("seed %d: merged halves differ from the whole", seed)
		}
		if !reflect.DeepEqual(Compute(whole, whole, instrument), Compute(merged, merged, instrument)) {
			t.Fatalf("seed %d: scores of merged halves differ", seed)
		}
	}
}

// roundTrip normalises an aggregate through JSON, as the store keeps it.
func roundTrip(t *testing.T, a *Aggregate) *Aggregate {
	t.Helper()
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	out := NewAggregate()
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestScoresStayInRange: random groups (down to a single respondent, with
// items left out) never give NaN, infinities, or an index out of its range.
func TestScoresStayInRange(t *testing.T) {
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 2))
		var asnRs, pubRs []*questionnaire.Response
		for range 1 + rng.IntN(8) {
			asnRs = append(asnRs, randomResponse(rng, questionnaire.AudienceASN, rng.Float64()*0.5))
			pubRs = append(pubRs, randomResponse(rng, questionnaire.AudiencePublic, rng.Float64()*0.5))
		}
		checkRanges(t, Compute(aggregateOf(asnRs...), aggregateOf(pubRs...), instrument))
	}
}

// checkRanges walks the scores as JSON: every number finite, every index in
// 0..100 but the recommendations (−100..100) and jumps (−100..100).
func checkRanges(t *testing.T, s *Scores) {
	t.Helper()
	data, err := json.Marshal(s) // fails on NaN or ±Inf
	if err != nil {
		t.Fatalf("scores do not encode: %v", err)
	}
	var tree any
	json.Unmarshal(data, &tree)
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				walk(path+"."+k, c)
			}
		case []any:
			for _, c := range v {
				walk(path+"[]", c)
			}
		case float64:
			lo, hi := 0.0, 100.0
			switch {
			case strings.Contains(path, "recommendation") && (strings.HasSuffix(path, ".index")):
				lo = -100
			case strings.Contains(path, "value_jumps") && strings.HasSuffix(path, ".jump"):
				lo = -100
			case strings.HasSuffix(path, ".n") || strings.Contains(path, ".sd") || strings.Contains(path, "ci95"):
				lo, hi = math.Inf(-1), math.Inf(1) // CIs may pass the scale's ends
			case strings.Contains(path, "alpha"):
				lo, hi = math.Inf(-1), 1 // alpha can be negative, never above 1
			case strings.Contains(path, "drivers") && (strings.HasSuffix(path, ".r") || strings.HasSuffix(path, ".low") || strings.HasSuffix(path, ".high")):
				lo, hi = -1, 1 // correlations
			}
			if v < lo-1e-9 || v > hi+1e-9 {
				t.Errorf("%s = %v, outside %v..%v", path, v, lo, hi)
			}
		}
	}
	walk("", tree)
}
