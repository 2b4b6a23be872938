package scoring

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkSuppressedNational: what to hide worked out for one audience on
// a national tree of 632 agencies × 50 units, a third of them below k.
func BenchmarkSuppressedNational(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 3))
	var nodes []Node
	direct := map[string]*Aggregate{}
	for a := range 632 {
		root := fmt.Sprintf("a%03d", a)
		nodes = append(nodes, Node{ID: root})
		for u := range 49 {
			id := fmt.Sprintf("%s/u%02d", root, u)
			nodes = append(nodes, Node{ID: id, Parent: root})
			direct[id] = &Aggregate{N: int64(rng.IntN(15))}
		}
	}
	sums := map[string]map[string]*Aggregate{"asn": direct}
	b.Run("new-tree", func(b *testing.B) { // the tree's shape built too
		for b.Loop() {
			NewGroups(nodes, sums, nil).Suppressed("asn", 5)
		}
	})
	b.Run("next-reading", func(b *testing.B) { // a reading sharing the last one's shape
		g := NewGroups(nodes, sums, nil)
		g.Suppressed("asn", 5)
		for b.Loop() {
			g.Over(g.sums, nil, false).Suppressed("asn", 5)
		}
	})
}
