package scoring

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// allFives answers every engagement item of r with 5: an engagement index
// of 100, which says each such respondent's every answer.
func allFives(r *questionnaire.Response) *questionnaire.Response {
	for id := range r.Answers.Scale {
		if strings.HasPrefix(id, ScaleEngagement+".") {
			r.Answers.Scale[id] = 5
		}
	}
	return r
}

// TestAMeanAtItsScaleEndInASmallGroupIsLeftOut is issue 29's fourth door: a
// unit of 7 (k = 5) whose every member answered every engagement item with
// 5 showed engagement 100.0. Under 2k = 10 the engagement family is left
// out, named under at_scale_end; the unit's other indices stay. A unit of 10
// like it shows its 100.0.
func TestAMeanAtItsScaleEndInASmallGroupIsLeftOut(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 41))
	set := Settings{Survey: "2026", K: 5}
	unitOf := func(n int) GroupScores {
		var rs []*questionnaire.Response
		for range n {
			rs = append(rs, allFives(instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", "u", "2026-11-27", 0)))
		}
		return groupsOfResponses([]Node{{ID: "u"}}, map[string][]*questionnaire.Response{"u": rs}).Group("u", set, instrument)
	}
	small := unitOf(7)
	if small.Engagement != nil || !slices.Equal(small.AtScaleEnd, []string{FamilyEngagement}) || small.Implementation == nil {
		t.Errorf("a unit of 7 answering all 5: engagement %v, at scale end %v, implementation shown %v",
			small.Engagement, small.AtScaleEnd, small.Implementation != nil)
	}
	if big := unitOf(10); big.Engagement == nil || len(big.AtScaleEnd) != 0 {
		t.Errorf("a unit of 10 answering all 5: engagement %v, at scale end %v; want 100.0 shown", big.Engagement, big.AtScaleEnd)
	} else {
		near(t, "engagement of 10", big.Engagement.Index, 100)
	}
}

// TestAMeanAtItsScaleEndCannotBeSubtracted: A has A1 (10, answers at
// random) and A2 (7, every engagement item 5). A2's engagement is left
// out; A's (17) minus A1's (10) would give A2's 100.0, so A's goes too, and
// the survey's (the same 17) with it. A1's stays.
func TestAMeanAtItsScaleEndCannotBeSubtracted(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 42))
	own := map[string][]*questionnaire.Response{}
	for range 10 {
		own["A1"] = append(own["A1"], instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", "A1", "2026-11-27", 0))
	}
	for range 7 {
		own["A2"] = append(own["A2"], allFives(instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", "A2", "2026-11-27", 0)))
	}
	g := groupsOfResponses([]Node{{ID: "A"}, {ID: "A1", Parent: "A"}, {ID: "A2", Parent: "A"}}, own)
	set := Settings{Survey: "2026", K: 5}
	for unit, shown := range map[string]bool{"A1": true, "A2": false, "A": false, "": false} {
		gs := g.Group(unit, set, instrument)
		if (gs.Engagement != nil) != shown || shown == slices.Contains(gs.AtScaleEnd, FamilyEngagement) {
			t.Errorf("%q: engagement %v, at scale end %v; want shown %v", unit, gs.Engagement, gs.AtScaleEnd, shown)
		}
	}
	if err := AuditSubtraction(g, set, instrument); err != nil {
		t.Fatal(err)
	}
}
