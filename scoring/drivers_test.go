package scoring

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestDriverWorkedByHand: the example of docs/METHODOLOGY.md "Drivers of
// engagement", worked by hand there.
func TestDriverWorkedByHand(t *testing.T) {
	var p Pair
	for i, x := range []int64{9, 12, 15, 6, 12} {
		p.add(x, []int64{30, 36, 42, 27, 33}[i])
	}
	if p != (Pair{N: 5, SumX: 54, SumX2: 630, SumY: 168, SumY2: 5778, SumXY: 1890}) {
		t.Fatalf("sums %+v", p)
	}
	r, low, high, ok := p.Correlation()
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"r", r, 0.9575}, {"low", low, 0.4848}, {"high", high, 0.9973}} {
		if !ok || math.Abs(c.got-c.want) > 0.00005 {
			t.Errorf("%s = %.5f, by hand %.4f", c.name, c.got, c.want)
		}
	}
	if _, _, _, ok := (Pair{N: 5, SumX: 50, SumX2: 500, SumY: 150, SumY2: 4600, SumXY: 1500}).Correlation(); ok {
		t.Error("a value that never varies gave a correlation")
	}
}

// TestDriversRankAndPlace: values are ranked by r, shown from 30
// respondents, placed in quadrants at the median r and index; responses
// where a value goes with engagement rank it first.
func TestDriversRankAndPlace(t *testing.T) {
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(8, 8))
	a := NewAggregate()
	for range 60 {
		r := in.SampleResponse(rng, questionnaire.AudienceASN, "2026", "u", "2026-11-27", 0)
		level := 1 + rng.IntN(5) // one level for "adaptif" and all of engagement
		for _, id := range defByName(questionnaire.AudienceASN, ValueScale("adaptif")).Items {
			r.Answers.Scale[id] = level
		}
		for _, id := range defByName(questionnaire.AudienceASN, ScaleEngagement).Items {
			r.Answers.Scale[id] = level
		}
		a.Add(r)
	}
	s := Compute(a, nil, in)
	ds := s.Drivers[TargetEngagement]
	if len(ds) != 7 || ds[0].Value != "adaptif" || ds[0].R < 0.99 || ds[0].N != 60 {
		t.Fatalf("engagement drivers = %+v; want all seven, adaptif first with r ≈ 1", ds)
	}
	for i := 1; i < len(ds); i++ {
		if ds[i].R > ds[i-1].R {
			t.Fatalf("not ranked by r: %+v", ds)
		}
	}
	quadrants := map[string]int{}
	for _, d := range ds {
		quadrants[d.Quadrant]++
		if d.Index != s.Implementation.Values[d.Value].Index || d.Low > d.R || d.High < d.R {
			t.Fatalf("driver %+v: index or interval wrong", d)
		}
	}
	// adaptif goes with engagement one to one; the others not at all: it
	// alone is important, and no value overlapping another placed otherwise.
	if ds[0].Quadrant != QuadrantStrongImportant && ds[0].Quadrant != QuadrantWeakImportant {
		t.Fatalf("adaptif (r ≈ 1) placed %s", ds[0].Quadrant)
	}
	if quadrants[QuadrantStrongImportant]+quadrants[QuadrantWeakImportant] != 1 {
		t.Fatalf("quadrants %v: only adaptif is important", quadrants)
	}
	few := NewAggregate()
	for range MinDriverN - 1 {
		few.Add(in.SampleResponse(rng, questionnaire.AudienceASN, "2026", "u", "2026-11-27", 0))
	}
	if d := Compute(few, nil, in).Drivers; d != nil {
		t.Fatalf("drivers shown from %d respondents: %+v", MinDriverN-1, d)
	}
}

// Noise makes no driver: implementation and engagement drawn independently
// (n = 400), every r's interval holds 0, and no value is important — the
// values are alike or minor (issue 31 saw r = −0.012 called "strong &
// important"). Values whose intervals overlap are never in different
// quadrants.
func TestDriversOfNoiseAreNotImportant(t *testing.T) {
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(31, 4))
	a := NewAggregate()
	for range 400 {
		a.Add(in.SampleResponse(rng, questionnaire.AudienceASN, "2026", "u", "2026-11-27", 0))
	}
	for target, ds := range Compute(a, nil, in).Drivers {
		for _, d := range ds {
			if d.Quadrant == QuadrantStrongImportant || d.Quadrant == QuadrantWeakImportant {
				t.Errorf("%s: %s (r %.3f, %.3f–%.3f) called important from noise", target, d.Value, d.R, d.Low, d.High)
			}
		}
		for _, x := range ds {
			for _, y := range ds {
				if x.Low <= y.High && y.Low <= x.High && (x.Quadrant == QuadrantAlike) != (y.Quadrant == QuadrantAlike) {
					t.Errorf("%s: %s (%s) and %s (%s) overlap but are placed apart", target, x.Value, x.Quadrant, y.Value, y.Quadrant)
				}
			}
		}
	}
}
