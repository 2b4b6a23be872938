package scoring

import (
	"fmt"
	"maps"
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

// TestAChunkAtItsScaleEndWaits is the same door over time: a unit showing
// 10 respondents at random takes 5 more who answered every engagement item
// with 5. Released as a chunk of 5, the unit's engagement would move from
// e₁₀ to e₁₅ and (15·e₁₅ − 10·e₁₀) / 5 = 100 would give those five's every
// answer. The chunk waits; five more at random release all ten, and a chunk
// of 10 at the end is released as a group of 10 at the end is shown. A
// closed survey's pool is held to the same rule: it goes on up, and what
// reaches the top at the end is withheld.
func TestAChunkAtItsScaleEndWaits(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 43))
	sample := func() *questionnaire.Response { return sampleASN(rng) }
	released := NewAggregate()
	for range 10 {
		released.Add(sample())
	}
	live := released.Clone()
	for range 5 {
		live.Add(allFives(sample()))
	}
	if ReleaseDue(live, released, 5) {
		t.Fatal("a chunk of 5 answering every engagement item with 5 is released: its engagement of 100 can be subtracted")
	}
	atEnd := live.Clone()
	for range 5 {
		live.Add(sample())
	}
	if !ReleaseDue(live, released, 5) {
		t.Error("10 new respondents, 5 of them at random, are not released")
	}
	for range 5 {
		atEnd.Add(allFives(sample()))
	}
	if !ReleaseDue(atEnd, released, 5) {
		t.Error("a chunk of 10 at the scale's end is held; a group of 2k at the end is shown")
	}

	fives := NewAggregate()
	for range 6 {
		fives.Add(allFives(sample()))
	}
	nodes := []Node{{ID: "A"}, {ID: "A1", Parent: "A"}}
	if pools, _ := Pools(nodes, map[string]*Aggregate{"A1": fives}, PoolDue(5)); len(pools) != 0 {
		t.Errorf("a closed survey's pool of 6 at the scale's end is released at %v", slices.Collect(maps.Keys(pools)))
	}
	mixed := NewAggregate()
	for range 4 {
		mixed.Add(sample())
	}
	pools, _ := Pools(nodes, map[string]*Aggregate{"A1": fives, "A": mixed}, PoolDue(5))
	if p := pools["A"]; p == nil || p.N != 10 || len(pools) != 1 {
		t.Errorf("pools %v; want A1's 6 at the end pooled with A's 4 into one pool of 10 at A", pools)
	}
}

// TestNoShownFigurePinsEveryAnswer enumerates small groups — every size
// from k to 2k − 1, units and segments, both audiences — whose members
// answer a family's every item alike at either end, or at random, and fails
// if any figure shown could only have come from one answer per member: a
// mean of answers at exactly 0 or 100 (every member at that end), or any
// share (0 % and 100 % of a group under 2k say each member's answer, and
// shares are withheld there whatever their value). The top ten of a small
// group is not such a figure: a member's pick outside it, replacing one in
// it, leaves the same ten.
func TestNoShownFigurePinsEveryAnswer(t *testing.T) {
	const k = 5
	rng := rand.New(rand.NewPCG(29, 50))
	at := func(prefixes []string, v int) func(r *questionnaire.Response) {
		return func(r *questionnaire.Response) {
			for id := range r.Answers.Scale {
				for _, p := range prefixes {
					if strings.HasPrefix(id, p) && id != questionnaire.ItemEngRecommend && id != questionnaire.ItemBrandRecommend {
						r.Answers.Scale[id] = v
					}
				}
			}
		}
	}
	everything := []string{"impl.", "eng.", "brand."}
	patterns := map[string]func(*questionnaire.Response){
		"at random": func(*questionnaire.Response) {},
		"all at 1":  at(everything, 1), "all at 5": at(everything, 5),
		"implementation at 5": at([]string{"impl."}, 5), "engagement at 1": at([]string{"eng."}, 1),
		"branding at 5": at([]string{"brand."}, 5), "intention at 1": at([]string{"brand.intent."}, 1),
	}
	pins := func(s *Scores) string {
		if s == nil {
			return ""
		}
		for key, st := range IndexStats(s) {
			switch {
			case strings.HasPrefix(key, "engagement.") || key == "retention_intention" || strings.HasSuffix(key, "recommendation") ||
				key == "employer_branding.high_intention":
				return fmt.Sprintf("the share %s (%.1f of %d)", key, st.Index, st.N)
			case strings.HasPrefix(key, "implementation") || key == "engagement" || strings.HasPrefix(key, "employer_branding"):
				if st.Index == 0 || st.Index == 100 {
					return fmt.Sprintf("%s = %.1f of %d", key, st.Index, st.N)
				}
			}
		}
		if e := s.Engagement; e != nil {
			for c, st := range e.Constructs {
				if st.Index == 0 || st.Index == 100 {
					return fmt.Sprintf("engagement.%s = %.1f", c, st.Index)
				}
			}
		}
		if s.ValueJumps != nil {
			return "the value jumps"
		}
		return ""
	}
	groups := 0
	for n := k; n < 2*k; n++ {
		for _, name := range slices.Sorted(maps.Keys(patterns)) { // in order: the same answers every run
			pattern := patterns[name]
			for _, audience := range Audiences {
				a := NewAggregate()
				for range n {
					r := instrument.SampleResponse(rng, audience, "2026", "u", "2026-11-27", 0)
					pattern(r)
					a.Add(r)
				}
				unit := NewGroups([]Node{{ID: "u"}}, Released{audience: {"u": a}}, nil).Group("u", Settings{Survey: "2026", K: k}, instrument)
				if why := pins(unit.Scores); why != "" {
					t.Errorf("a unit of %d %s (%s) shows %s", n, audience, name, why)
				}
				if why := pins(SegmentFigures(audience, a, k, instrument)); why != "" {
					t.Errorf("a segment of %d %s (%s) shows %s", n, audience, name, why)
				}
				groups++
			}
		}
	}
	if groups != 5*len(patterns)*2 {
		t.Fatalf("%d groups enumerated", groups)
	}
}

// TestAChunkMovingAFamilyByFewerThanKWaits: each index family counts its
// own respondents in its steps too. Five new respondents of whom two
// answered the engagement items would move the unit's engagement by those
// two alone; the chunk waits until five have answered them.
func TestAChunkMovingAFamilyByFewerThanKWaits(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 44))
	sample := func() *questionnaire.Response { return sampleASN(rng) }
	released := NewAggregate()
	for range 10 {
		released.Add(sample())
	}
	live := released.Clone()
	for i := range 5 {
		r := sample()
		if i >= 2 {
			r = withoutEngagement(r)
		}
		live.Add(r)
	}
	if ReleaseDue(live, released, 5) {
		t.Fatal("five new respondents, two with engagement, are released: the engagement index moves by those two")
	}
	for range 3 {
		live.Add(sample())
	}
	if !ReleaseDue(live, released, 5) {
		t.Error("eight new respondents, five with engagement, are not released")
	}
}

// sampleASN is an ASN respondent answering at random.
func sampleASN(rng *rand.Rand) *questionnaire.Response {
	return instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", "u", "2026-11-27", 0)
}
