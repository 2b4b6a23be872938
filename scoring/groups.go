package scoring

import (
	"fmt"
	"sort"
	"sync"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// Node is one organisational unit as scoring needs it.
type Node struct {
	ID        string
	Parent    string // empty for a root
	Name      string
	Headcount int // 0 when unknown
}

// Groups holds the organisation tree and the aggregates of each unit's own
// (direct) respondents, per audience; a unit's figures include its subtree.
type Groups struct {
	nodes    map[string]Node
	children map[string][]string // sorted ids
	roots    []string
	direct   map[string]map[string]*Aggregate // audience → unit → aggregate

	// hidden remembers Suppressed per audience and k: it walks the whole
	// tree, and Group asks for it once per unit. A Groups never changes.
	mu     sync.Mutex
	hidden map[string]map[string]bool
}

// NewGroups builds the tree. Units named by aggregates but missing from
// nodes are ignored.
func NewGroups(nodes []Node, direct map[string]map[string]*Aggregate) *Groups {
	g := &Groups{nodes: map[string]Node{}, children: map[string][]string{}, direct: direct}
	for _, n := range nodes {
		g.nodes[n.ID] = n
	}
	for _, n := range nodes {
		if _, ok := g.nodes[n.Parent]; n.Parent == "" || !ok {
			g.roots = append(g.roots, n.ID)
		} else {
			g.children[n.Parent] = append(g.children[n.Parent], n.ID)
		}
	}
	sort.Strings(g.roots)
	for _, c := range g.children {
		sort.Strings(c)
	}
	return g
}

// Roots are the top units, sorted.
func (g *Groups) Roots() []string { return g.roots }

// Children are a unit's direct sub-units, sorted.
func (g *Groups) Children(unit string) []string { return g.children[unit] }

// Subtree merges the aggregates of a unit and all its descendants; unit ""
// means the whole survey.
func (g *Groups) Subtree(unit, audience string) *Aggregate {
	out := NewAggregate()
	var walk func(string)
	walk = func(u string) {
		out.Merge(g.direct[audience][u])
		for _, c := range g.children[u] {
			walk(c)
		}
	}
	if unit == "" {
		for _, r := range g.roots {
			walk(r)
		}
	} else {
		walk(unit)
	}
	return out
}

// Count is how many respondents of an audience a unit's subtree has ("" for
// the whole survey), without merging their aggregates.
func (g *Groups) Count(unit, audience string) int64 {
	var n int64
	var walk func(string)
	walk = func(u string) {
		n += g.directN(audience, u)
		for _, c := range g.children[u] {
			walk(c)
		}
	}
	if unit == "" {
		for _, r := range g.roots {
			walk(r)
		}
	} else {
		walk(unit)
	}
	return n
}

// Suppressed returns, for one audience, the units whose figures must not be
// shown: those with fewer than k respondents, and, by the complementary rule,
// enough siblings of them that no hidden part of a parent can be recovered by
// subtracting visible children (a parent's own direct respondents are always
// such a hidden part). A complementarily suppressed unit takes its whole
// subtree with it, so it cannot be rebuilt from below either. The map is
// shared: callers must not change it.
func (g *Groups) Suppressed(audience string, k int) map[string]bool {
	memo := fmt.Sprintf("%s/%d", audience, k)
	g.mu.Lock()
	defer g.mu.Unlock()
	if h, ok := g.hidden[memo]; ok {
		return h
	}
	if g.hidden == nil {
		g.hidden = map[string]map[string]bool{}
	}
	g.hidden[memo] = g.suppress(audience, k)
	return g.hidden[memo]
}

func (g *Groups) suppress(audience string, k int) map[string]bool {
	n := map[string]int64{}
	var count func(string) int64
	count = func(u string) int64 {
		total := g.directN(audience, u)
		for _, c := range g.children[u] {
			total += count(c)
		}
		n[u] = total
		return total
	}
	for _, r := range g.roots {
		n[""] += count(r) // "" is the whole survey
	}
	hidden := map[string]bool{}
	for u, size := range n {
		if size < int64(k) {
			hidden[u] = true
		}
	}
	var hideSubtree func(string)
	hideSubtree = func(u string) {
		hidden[u] = true
		for _, c := range g.children[u] {
			hideSubtree(c)
		}
	}
	// The whole survey is a parent of the roots with no direct respondents.
	parents := append([]string{""}, sortedKeys(g.children)...)
	for changed := true; changed; {
		changed = false
		for _, p := range parents {
			if hidden[p] {
				continue
			}
			kids := g.roots
			var rest int64
			if p != "" {
				kids, rest = g.children[p], g.directN(audience, p)
			}
			for _, c := range kids {
				if hidden[c] {
					rest += n[c]
				}
			}
			for rest > 0 && rest < int64(k) {
				c, ok := smallestVisible(kids, hidden, n)
				if !ok {
					break // every part is hidden: only the parent's total shows
				}
				hideSubtree(c)
				rest += n[c]
				changed = true
			}
		}
	}
	return hidden
}

func (g *Groups) directN(audience, unit string) int64 {
	if a := g.direct[audience][unit]; a != nil {
		return a.N
	}
	return 0
}

// smallestVisible is the visible child with fewest respondents (ties: id).
func smallestVisible(kids []string, hidden map[string]bool, n map[string]int64) (string, bool) {
	best, found := "", false
	for _, c := range kids {
		if !hidden[c] && (!found || n[c] < n[best]) {
			best, found = c, true
		}
	}
	return best, found
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Audiences in the order figures are shown.
var Audiences = []string{questionnaire.AudienceASN, questionnaire.AudiencePublic}
