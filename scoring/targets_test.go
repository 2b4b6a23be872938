package scoring

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestProgressTowardsATarget, by hand, for every direction and sign:
//   - workplace recommendation, baseline −10.7, target −2.9: actual −10.7 is
//     0 % of the way and not reached; −5 is 5.7 ÷ 7.8 = 73.08 %; −2.9 is
//     reached, 100 %. (Actual ÷ target read 375 % for −10.7.)
//   - entropy, lower is better, baseline 39.4, target 30: 35 is 4.4 ÷ 9.4 =
//     46.81 %, not reached; 29 is reached, beyond the target: 100 % (never
//     more). (Actual ÷ target read 131 % for 39.4.)
//   - a target equal to its baseline: reached or not, no progress figure.
//   - issue 31's targets on the worse side of their baselines — engagement 60
//     under 61.3, entropy 40 over 33.9 — ask for a decline: no progress (they
//     had read −327 % and 93 %); a move away from a sound target is 0 %.
func TestProgressTowardsATarget(t *testing.T) {
	figure := func(key string, baseline, target, actual float64) TargetFigure {
		s := &Scores{}
		before := &Scores{}
		switch key {
		case "workplace_recommendation":
			s.WorkplaceRecommendation = &Recommendation{Index: actual, N: 100}
			before.WorkplaceRecommendation = &Recommendation{Index: baseline, N: 100}
		case "entropy":
			s.Entropy, before.Entropy = &Stat{Index: actual}, &Stat{Index: baseline}
		case "engagement":
			s.Engagement, before.Engagement = &Engagement{Stat: Stat{Index: actual}}, &Engagement{Stat: Stat{Index: baseline}}
		}
		gs := GroupScores{Scores: s, Targets: targets(s, map[string]float64{key: target})}
		gs.SetBaseline(before)
		return gs.Targets[key]
	}
	for _, tc := range []struct {
		key                      string
		baseline, target, actual float64
		reached                  bool
		progress                 float64 // −1: none
	}{
		{"workplace_recommendation", -10.7, -2.9, -10.7, false, 0},
		{"workplace_recommendation", -10.7, -2.9, -5, false, 5.7 / 7.8 * 100},
		{"workplace_recommendation", -10.7, -2.9, -2.9, true, 100},
		{"entropy", 39.4, 30, 35, false, 4.4 / 9.4 * 100},
		{"entropy", 39.4, 30, 29, true, 100},
		{"entropy", 30, 30, 31, false, -1},
		{"workplace_recommendation", 0, 0, 0, true, -1},
		{"engagement", 61.3, 60, 65.7, true, -1},
		{"entropy", 33.9, 40, 39.6, true, -1},
		{"workplace_recommendation", -10.7, -2.9, -20, false, 0},
	} {
		tf := figure(tc.key, tc.baseline, tc.target, tc.actual)
		if tf.Reached == nil || *tf.Reached != tc.reached {
			t.Errorf("%s %v→%v at %v: reached %v, want %v", tc.key, tc.baseline, tc.target, tc.actual, tf.Reached, tc.reached)
		}
		switch {
		case tc.progress == -1 && tf.Progress != nil:
			t.Errorf("%s: progress %v with the target at its baseline", tc.key, *tf.Progress)
		case tc.progress != -1 && tf.Progress == nil:
			t.Errorf("%s: no progress", tc.key)
		case tc.progress != -1:
			near(t, tc.key+" progress", *tf.Progress, tc.progress)
		}
		if decline := tc.progress == -1 && tc.target != tc.baseline; tf.AsksForDecline != decline {
			t.Errorf("%s %v→%v: asks for a decline %v, want %v", tc.key, tc.baseline, tc.target, tf.AsksForDecline, decline)
		}
		if tf.LowerIsBetter != (tc.key == "entropy") {
			t.Errorf("%s: lower is better %v", tc.key, tf.LowerIsBetter)
		}
	}
}

// Issue 31's unit that rose 72.5 → 73.9 read "reached, −8 %" against the
// agency's target 54.75. Held to its own target from its own baseline,
// 72.5 + (100 − 72.5)/10 = 75.25, it has made 1.4 ÷ 2.75 = 50.9 % of the way
// and not reached it; a unit without targets of its own is held to the
// agency's.
func TestAUnitIsHeldToItsOwnTarget(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 31))
	u := NewAggregate()
	for range 40 {
		u.Add(instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", "u", "2026-11-27", 0))
	}
	nodes := []Node{{ID: "p", Name: "Pusat"}, {ID: "u", Parent: "p", Name: "U"}}
	g := NewGroups(nodes, Released{questionnaire.AudienceASN: {"u": u}}, nil)
	set := Settings{Survey: "2026", K: 5, Targets: map[string]float64{"implementation": 54.75, "engagement": 70},
		UnitTargets: map[string]map[string]float64{"u": {"implementation": ProposeTarget("implementation", 72.5)},
			"p": {"implementation": 99}}} // p, the only root, is the whole survey: its own are ignored
	held := g.Group("u", set, instrument).Targets
	if got := held["implementation"].Target; got != 75.25 {
		t.Errorf("unit u is held to %v, want its own 75.25", got)
	}
	// An index it has no target of its own for keeps the survey's: a unit
	// given one target is not freed from the others.
	if got, ok := held["engagement"]; !ok || got.Target != 70 {
		t.Errorf("unit u's engagement target %+v (set %v), want the survey's 70", got, ok)
	}
	if set.Targets["implementation"] != 54.75 || len(set.Targets) != 2 {
		t.Errorf("the survey's targets were changed by a unit's: %v", set.Targets)
	}
	if got := g.Group("p", set, instrument).Targets["implementation"].Target; got != 54.75 {
		t.Errorf("unit p, the only root, is held to %v, want the survey's 54.75", got)
	}
	s, before := &Scores{Implementation: &Implementation{Stat: Stat{Index: 73.9}}}, &Scores{Implementation: &Implementation{Stat: Stat{Index: 72.5}}}
	own := GroupScores{Scores: s, Targets: targets(s, set.UnitTargets["u"])}
	own.SetBaseline(before)
	tf := own.Targets["implementation"]
	if tf.Target != 75.25 || *tf.Reached || math.Abs(*tf.Progress-1.4/2.75*100) > 1e-9 {
		t.Errorf("held to its own target: %+v", tf)
	}
}
