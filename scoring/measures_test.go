package scoring

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// withoutEngagement is an ASN response that did not answer the engagement
// module: as a survey whose module was switched on mid-way, or an import,
// stores.
func withoutEngagement(r *questionnaire.Response) *questionnaire.Response {
	for id := range r.Answers.Scale {
		if strings.HasPrefix(id, ScaleEngagement+".") {
			delete(r.Answers.Scale, id)
		}
	}
	return r
}

// groupsOfResponses puts responses into a tree: unit → its own ASN responses.
func groupsOfResponses(nodes []Node, own map[string][]*questionnaire.Response) *Groups {
	direct := map[string]map[string]*Aggregate{questionnaire.AudienceASN: {}}
	for unit, rs := range own {
		direct[questionnaire.AudienceASN][unit] = aggregateOf(rs...)
	}
	return NewGroups(nodes, direct, nil)
}

// TestAnIndexIsProtectedAcrossTheTreeByItsOwnRespondents: kem has units a
// (5 respondents, all with engagement) and b (5, one with engagement). b's
// engagement rests on one person and is left out; but kem's engagement (6)
// minus a's (5) would still give that one person's. The complementary rule
// run on engagement's own respondents hides a's engagement (the cheapest
// choice: hiding kem's instead leaves the survey's 6 − 5 as well), and
// keeps every other figure of a.
func TestAnIndexIsProtectedAcrossTheTreeByItsOwnRespondents(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 11))
	sample := func() *questionnaire.Response {
		return instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", "u", "2026-11-27", 0)
	}
	own := map[string][]*questionnaire.Response{"b": {sample()}}
	for range 5 {
		own["a"] = append(own["a"], sample())
	}
	for range 4 {
		own["b"] = append(own["b"], withoutEngagement(sample()))
	}
	g := groupsOfResponses([]Node{{ID: "kem"}, {ID: "a", Parent: "kem"}, {ID: "b", Parent: "kem"}}, own)
	set := Settings{Survey: "2026", K: 5}
	a, b, kem, all := g.Group("a", set, instrument), g.Group("b", set, instrument), g.Group("kem", set, instrument), g.Group("", set, instrument)

	if a.Engagement != nil || !slices.Equal(a.Protected, []string{FamilyEngagement}) || a.Implementation == nil || a.Entropy == nil {
		t.Errorf("a: engagement %v, protected %v, implementation shown %v, values shown %v; want only engagement protected",
			a.Engagement, a.Protected, a.Implementation != nil, a.Entropy != nil)
	}
	if b.Engagement != nil || !slices.Contains(b.TooFew, FamilyEngagement) || b.Implementation == nil {
		t.Errorf("b: engagement %v, too few %v; want engagement left out, implementation shown", b.Engagement, b.TooFew)
	}
	for _, gs := range []GroupScores{kem, all} {
		if gs.Engagement == nil || gs.Engagement.N != 6 || len(gs.Protected) != 0 {
			t.Errorf("%q: engagement %+v, protected %v; want engagement of 6 shown", gs.Unit, gs.Engagement, gs.Protected)
		}
	}
}

// TestSharesAreProtectedAt2kBySubtraction is issue 29's third attack: A has
// sub-units A1 (10 respondents) and A2 (7). A2's shares are withheld (7 <
// 2k = 10), but A's (17) minus A1's (10) gave A2's retention of 100 %. Run
// at 2k on the shares' own respondents, the rule hides A1's shares (hiding
// A's would leave the survey's 17 − A2's hidden 7 as well); every mean
// stays, A2's too (7 ≥ k).
func TestSharesAreProtectedAt2kBySubtraction(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 12))
	own := map[string][]*questionnaire.Response{}
	for unit, n := range map[string]int{"A1": 10, "A2": 7} {
		for range n {
			own[unit] = append(own[unit], instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", unit, "2026-11-27", 0))
		}
	}
	g := groupsOfResponses([]Node{{ID: "A"}, {ID: "A1", Parent: "A"}, {ID: "A2", Parent: "A"}}, own)
	set := Settings{Survey: "2026", K: 5}
	shares := []string{ShareEngagementClasses, ShareWorkplaceRecommendation, ShareRetentionIntention, ShareValueJumps}
	a1, a2, a := g.Group("A1", set, instrument), g.Group("A2", set, instrument), g.Group("A", set, instrument)
	if a1.RetentionIntention != nil || a1.Engagement.Engaged != nil || a1.WorkplaceRecommendation != nil || !slices.Equal(a1.Protected, shares) {
		t.Errorf("A1: retention %v, engaged %v, protected %v; want its shares protected", a1.RetentionIntention, a1.Engagement.Engaged, a1.Protected)
	}
	if a2.RetentionIntention != nil || !slices.Equal(a2.Withheld, shares) {
		t.Errorf("A2: retention %v, withheld %v; want its shares withheld", a2.RetentionIntention, a2.Withheld)
	}
	if a.RetentionIntention == nil || a.Engagement.Engaged == nil || len(a.Protected)+len(a.Withheld) != 0 {
		t.Errorf("A: retention %v, protected %v, withheld %v; want its shares shown", a.RetentionIntention, a.Protected, a.Withheld)
	}
	for _, gs := range []GroupScores{a1, a2, a} {
		if gs.Implementation == nil || gs.Engagement == nil {
			t.Errorf("%s: a mean was taken out with the shares", gs.Unit)
		}
	}
}

// TestNoSmallGroupFromAnyMeasure: over random trees in which some
// respondents skipped a module and some single items (so a value index can
// rest on fewer than its family's most), and some answered every
// engagement item with 5, no count any index family rests on is shown for,
// or can be subtracted down to, fewer than k, none of a share's fewer than
// 2k, and no group or remainder under 2k shows a mean near its scale's end.
func TestNoSmallGroupFromAnyMeasure(t *testing.T) {
	for seed := range uint64(120) {
		rng := rand.New(rand.NewPCG(seed, 29))
		nodes, direct := randomTree(rng, 9)
		own := map[string][]*questionnaire.Response{}
		for unit, n := range direct {
			fives := rng.IntN(3) == 0 // a unit whose respondents answer engagement with 5 throughout
			for range min(n, 14) {
				r := instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", unit, "2026-11-27", 0)
				switch rng.IntN(6) {
				case 0:
					r = withoutEngagement(r)
				case 1:
					r.Answers.Picks = nil
				case 2:
					r = instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", unit, "2026-11-27", 0.15)
				}
				if fives {
					r = allFives(r)
				}
				own[unit] = append(own[unit], r)
			}
		}
		k := 3 + rng.IntN(3)
		if err := AuditSubtraction(groupsOfResponses(nodes, own), Settings{Survey: "2026", K: k}, instrument); err != nil {
			t.Fatalf("seed %d (k = %d): %v; tree %v", seed, k, err, nodes)
		}
	}
}

// TestValueJumpsAreShares: a jump gives the share of a group that picked a
// value for today and as desired, so 100 % in a group of five would say
// each one picked it. Below 2k the jumps are withheld with the other
// shares; the values' indices stay.
func TestValueJumpsAreShares(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 13))
	own := map[string][]*questionnaire.Response{}
	for unit, n := range map[string]int{"small": 5, "large": 10} {
		for range n {
			own[unit] = append(own[unit], instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", unit, "2026-11-27", 0))
		}
	}
	set := Settings{Survey: "2026", K: 5}
	alone := func(unit string) GroupScores { // a survey of that unit only
		return groupsOfResponses([]Node{{ID: unit}}, map[string][]*questionnaire.Response{unit: own[unit]}).Group(unit, set, instrument)
	}
	small, large := alone("small"), alone("large")
	if small.ValueJumps != nil || !slices.Contains(small.Withheld, ShareValueJumps) || small.Entropy == nil || small.Top10 == nil {
		t.Errorf("group of 5: jumps %v, withheld %v; want the jumps withheld and the values' indices shown", small.ValueJumps, small.Withheld)
	}
	if len(large.ValueJumps) != len(instrument.Catalogue) {
		t.Errorf("group of 10: %d jumps, want one per value of the catalogue (%d)", len(large.ValueJumps), len(instrument.Catalogue))
	}
}
