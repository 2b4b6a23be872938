package scoring

import (
	"reflect"
	"testing"
)

// TestSharesOfSmallGroupsAreWithheld: with k = 5, a group of 9 who all
// intend to leave (stay = 1) and are all disengaged (every engagement item 2)
// would show retention 0 % and disengaged 100 %: each member's answer. Below
// 2k = 10 those shares are withheld, while the engagement index (a mean,
// 25: away from its scale's ends) stays. At 10 respondents they are shown:
// 0 % and 100 %.
func TestSharesOfSmallGroupsAreWithheld(t *testing.T) {
	group := func(n int) *Aggregate {
		a := NewAggregate()
		for range n {
			a.Add(asn(engAnswers(2, 2, 2, 0, 1), nil))
		}
		return a
	}
	nodes := []Node{{ID: "u"}}
	set := Settings{Survey: "2026", K: 5}

	small := NewGroups(nodes, map[string]map[string]*Aggregate{"asn": {"u": group(9)}}, nil).Group("u", set, instrument)
	if small.Suppressed || small.Engagement == nil {
		t.Fatalf("a group of 9 with k = 5 shows no engagement: %+v", small)
	}
	near(t, "engagement index of 9", small.Engagement.Index, 25)
	if small.Engagement.Disengaged != nil || small.Engagement.Engaged != nil || small.RetentionIntention != nil || small.WorkplaceRecommendation != nil {
		t.Errorf("a group of 9 shows shares: classes %v/%v, retention %v, recommendation %v",
			small.Engagement.Engaged, small.Engagement.Disengaged, small.RetentionIntention, small.WorkplaceRecommendation)
	}
	want := []string{ShareEngagementClasses, ShareWorkplaceRecommendation, ShareRetentionIntention}
	if !reflect.DeepEqual(small.Withheld, want) {
		t.Errorf("withheld %v, want %v", small.Withheld, want)
	}

	big := NewGroups(nodes, map[string]map[string]*Aggregate{"asn": {"u": group(10)}}, nil).Group("u", set, instrument)
	if big.Engagement.Disengaged == nil || big.RetentionIntention == nil || len(big.Withheld) != 0 {
		t.Fatalf("a group of 10 withholds shares: %v", big.Withheld)
	}
	near(t, "disengaged of 10", *big.Engagement.Disengaged, 100)
	near(t, "retention of 10", big.RetentionIntention.Index, 0)
	near(t, "recommendation of 10", big.WorkplaceRecommendation.Index, -100)
}

// TestBrandingSharesOfSmallGroupsAreWithheld: 6 public respondents (k = 3,
// 2k = 6 is enough) show high intention and reasons; with k = 4 (2k = 8)
// they are withheld, the branding index (75) stays.
func TestBrandingSharesOfSmallGroupsAreWithheld(t *testing.T) {
	a := NewAggregate()
	for range 6 {
		a.Add(public(brandAnswers(4, 4), []string{"pay"}))
	}
	nodes := []Node{{ID: "u"}}
	groups := NewGroups(nodes, map[string]map[string]*Aggregate{"public": {"u": a}}, nil)
	shown := groups.Group("u", Settings{Survey: "2026", K: 3}, instrument).EmployerBranding
	if shown == nil || shown.HighIntention == nil || shown.Reasons == nil {
		t.Fatalf("k = 3: shares of 6 withheld: %+v", shown)
	}
	near(t, "high intention", *shown.HighIntention, 100)
	near(t, "reason pay", shown.Reasons["pay"], 100)
	hidden := groups.Group("u", Settings{Survey: "2026", K: 4}, instrument)
	if b := hidden.EmployerBranding; b == nil || b.HighIntention != nil || b.Reasons != nil || b.Recommendation != nil {
		t.Fatalf("k = 4: shares of 6 shown: %+v", b)
	}
	near(t, "branding index", hidden.EmployerBranding.Index, 75)
}
