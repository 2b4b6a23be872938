package scoring

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestSinceEqualsAFreshReading: readings told apart from the one before
// (Since) — sums kept where nothing changed below a unit, updated where
// something did — give every unit the same sums as a reading built afresh,
// whichever sums the earlier readings happened to work out; a unit keeps its
// version exactly when nothing in its subtree changed.
func TestSinceEqualsAFreshReading(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	var pool []*Aggregate
	for range 8 {
		pool = append(pool, sampleAggregate(rng, questionnaire.AudienceASN, 1+rng.IntN(6)))
	}
	for seed := range uint64(30) {
		rng := rand.New(rand.NewPCG(seed, 1))
		nodes, _ := randomTree(rng, 25)
		units := []string{""}
		for _, n := range nodes {
			units = append(units, n.ID)
		}
		direct := map[string]*Aggregate{}
		for _, u := range units {
			if rng.IntN(3) > 0 {
				direct[u] = pool[rng.IntN(len(pool))]
			}
		}
		var prev *Groups
		for step := range 12 {
			changed := map[string]bool{}
			if prev != nil {
				next := map[string]*Aggregate{}
				for u, a := range direct {
					next[u] = a
				}
				for range 1 + rng.IntN(3) {
					u := units[rng.IntN(len(units))]
					next[u], changed[u] = pool[rng.IntN(len(pool))].Clone(), true
				}
				direct = next
			}
			g := NewGroups(nodes, map[string]map[string]*Aggregate{"asn": direct}, nil).Since(prev, func(u string) bool { return changed[u] })
			for _, u := range units { // some sums worked out, in random order, some not
				if rng.IntN(2) == 0 {
					g.Subtree(u, "asn")
				}
			}
			fresh := NewGroups(nodes, map[string]map[string]*Aggregate{"asn": direct}, nil)
			for _, u := range units {
				if a, b := jsonOf(g.Subtree(u, "asn")), jsonOf(fresh.Subtree(u, "asn")); !reflect.DeepEqual(a, b) {
					t.Fatalf("seed %d step %d: unit %q sums differ from a fresh reading", seed, step, u)
				}
				if prev != nil {
					moved := false
					g.each(u, func(v string) { moved = moved || changed[v] })
					if (g.Version(u) == prev.Version(u)) == moved {
						t.Fatalf("seed %d step %d: unit %q kept its version %t with a change below it %t", seed, step, u, g.Version(u) == prev.Version(u), moved)
					}
				}
			}
			prev = g
		}
	}
}
