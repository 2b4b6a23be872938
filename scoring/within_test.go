package scoring

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// Issue 31's drivers from between units: eight units at different levels,
// where each respondent's implementation and engagement both sit near the
// unit's level but vary independently inside it. Over the whole group r is
// large; no unit shows it within. Pooled within the units, no value is
// important, and the whole group's r stays beside it (RWhole).
func TestDriversFromDifferencesBetweenUnitsAreNotImportant(t *testing.T) {
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(31, 9))
	nodes := []Node{{ID: "p", Name: "Pusat"}}
	direct := map[string]*Aggregate{}
	answer := func(level float64) int { return int(math.Max(1, math.Min(5, math.Round(level+rng.NormFloat64()*0.7)))) }
	for u := range 8 {
		id := string(rune('a' + u))
		nodes = append(nodes, Node{ID: id, Parent: "p", Name: "Unit " + id})
		level := 1.6 + 0.4*float64(u)
		a := NewAggregate()
		for range 60 {
			r := in.SampleResponse(rng, questionnaire.AudienceASN, "2026", id, "2026-11-27", 0)
			// In the items' order, not the map's: the random answers must
			// be the same at every run.
			for _, item := range slices.Sorted(maps.Keys(r.Answers.Scale)) {
				if strings.HasPrefix(item, "impl.") || strings.HasPrefix(item, "eng.") && item != questionnaire.ItemEngRecommend {
					r.Answers.Scale[item] = answer(level)
				}
			}
			a.Add(r)
		}
		direct[id] = a
	}
	g := NewGroups(nodes, Released{questionnaire.AudienceASN: direct}, nil)
	gs := g.Group("p", Settings{Survey: "2026", K: 5}, in)
	ds := gs.Drivers[TargetEngagement]
	if len(ds) != 7 {
		t.Fatalf("%d drivers of engagement, want 7", len(ds))
	}
	bigWhole, apart := 0, 0
	for _, d := range ds {
		if d.Quadrant == QuadrantStrongImportant || d.Quadrant == QuadrantWeakImportant {
			t.Errorf("%s called %s: r within %.3f (%.3f–%.3f), whole %.3f", d.Value, d.Quadrant, d.R, d.Low, d.High, d.RWhole)
		}
		if d.Parts != 8 {
			t.Errorf("%s: pooled within %d parts, want 8", d.Value, d.Parts)
		}
		if d.Low > 0 || d.High < 0 {
			apart++ // by chance, at 5 % a value
		}
		if d.RWhole > 0.5 {
			bigWhole++
		}
	}
	if apart > 1 {
		t.Errorf("%d of 7 values have a within-unit interval apart from 0", apart)
	}
	if bigWhole != 7 {
		t.Errorf("only %d values have a whole-group r above 0.5: the data do not show the trap", bigWhole)
	}
	// The whole survey of one agency pools within the root's units too.
	for _, d := range g.Group("", Settings{Survey: "2026", K: 5}, in).Drivers[TargetEngagement] {
		if d.Parts != 8 || d.Quadrant == QuadrantStrongImportant || d.Quadrant == QuadrantWeakImportant {
			t.Errorf("whole survey: %s pooled within %d parts, %s", d.Value, d.Parts, d.Quadrant)
		}
	}
	// One unit alone has no parts: its r is its own.
	leaf := g.Group("c", Settings{Survey: "2026", K: 5}, in).Drivers[TargetEngagement]
	for _, d := range leaf {
		if d.Parts != 0 || d.R != d.RWhole {
			t.Errorf("a unit without units under it pooled %d parts (r %.3f, whole %.3f)", d.Parts, d.R, d.RWhole)
		}
	}
}

// Pooling by hand: two parts, each with a perfect line inside (x = y), set
// apart so that the whole group's r differs; the pooled r is 1.
func TestWithinPooledByHand(t *testing.T) {
	part := func(xs ...int64) *Aggregate {
		a := NewAggregate()
		p := Pair{}
		for _, x := range xs {
			p.add(x, x)
		}
		a.Drivers[DriverKey(TargetEngagement, "adaptif")] = &p
		return a
	}
	one, two := part(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), part(10, 9, 8, 7, 6, 5, 4, 3, 2, 1)
	whole := NewAggregate()
	whole.Merge(one)
	whole.Merge(two)
	ds := map[string][]Driver{TargetEngagement: {{Value: "adaptif", R: 0.5}}}
	withinParts(ds, whole, []map[string]*Pair{one.Drivers, two.Drivers})
	d := ds[TargetEngagement][0]
	if d.R != 1 || d.RWhole != 0.5 || d.Parts != 2 {
		t.Fatalf("pooled %+v, want r 1 within 2 parts, whole 0.5 kept", d)
	}
}
