package scoring

import (
	"math"
	"testing"
)

// TestEveryKindOfChangeIsTestedOrSaysSo, by hand:
//   - retention 40 % → 60 % of 100 each: SE 100·√(.4·.6/100) = 4.899 both,
//     1.96·√(2·4.899²) = 13.58 < 20: significant;
//   - the same shares of 10 each: SE 15.49, threshold 42.94 > 20: not;
//   - workplace recommendation, 100 each: 30 % promoters / 30 % detractors
//     (index 0, variance .6 − 0 = .6, SE 7.746) → 50 % / 20 % (index 30,
//     variance .7 − .09 = .61, SE 7.810): threshold 1.96·√(60 + 61) =
//     21.56 < 30: significant;
//   - an index without a standard error (balance, the alignments, culture
//     health; entropy whose respondents were not all counted) has its
//     change reported as not tested, never "not significant".
func TestEveryKindOfChangeIsTestedOrSaysSo(t *testing.T) {
	scores := func(n, stay, promoters, detractors int64, entropy float64) *Scores {
		ret, _ := shareStat(Share{N: n, Yes: stay})
		return &Scores{RetentionIntention: &ret, WorkplaceRecommendation: recommendation(&NPS{N: n, Promoters: promoters, Detractors: detractors}),
			Entropy: &Stat{Index: entropy, N: n}, CultureHealth: &Stat{Index: entropy, N: n}}
	}
	big := Changes(scores(100, 40, 30, 30, 20), scores(100, 60, 50, 20, 40))
	small := Changes(scores(10, 4, 3, 3, 20), scores(10, 6, 5, 2, 40))
	se := func(key string, s *Scores) float64 { v, _ := IndexStats(s)[key].SE(); return v }
	near(t, "retention SE", se("retention_intention", scores(100, 40, 0, 0, 0)), 100*math.Sqrt(0.24/100))
	near(t, "recommendation SE before", se("workplace_recommendation", scores(100, 0, 30, 30, 0)), 100*math.Sqrt(0.6/100))
	near(t, "recommendation SE now", se("workplace_recommendation", scores(100, 0, 50, 20, 0)), 100*math.Sqrt(0.61/100))
	for _, tc := range []struct {
		changes map[string]Change
		key     string
		delta   float64
		tested  bool
		sig     bool
	}{
		{big, "retention_intention", 20, true, true},
		{small, "retention_intention", 20, true, false},
		{big, "workplace_recommendation", 30, true, true},
		{big, "entropy", 20, false, false},
		{big, "culture_health", 20, false, false},
	} {
		c, ok := tc.changes[tc.key]
		if !ok {
			t.Fatalf("no change of %s", tc.key)
		}
		near(t, tc.key+" delta", c.Delta, tc.delta)
		if c.Tested != tc.tested || (c.Significant != nil) != tc.tested || tc.tested && *c.Significant != tc.sig {
			t.Errorf("%s: tested %v significant %v; want tested %v significant %v", tc.key, c.Tested, c.Significant, tc.tested, tc.sig)
		}
	}
}
