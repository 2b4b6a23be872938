package scoring

import (
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

// Groups holds the organisation tree and the released aggregates of each
// unit's own (direct) respondents, per audience; a unit's figures include
// its subtree. Unit "" may hold a chunk released at the level of the whole
// survey (see release.go).
type Groups struct {
	nodes    map[string]Node
	children map[string][]string // sorted ids
	roots    []string
	direct   map[string]map[string]*Aggregate // audience → unit → aggregate

	// live counts respondents per audience and unit as they arrive; direct
	// holds only the released ones (see release.go).
	live map[string]map[string]int64

	// hidden remembers Suppressed per audience and k: it walks the whole
	// tree, and Group asks for it once per unit. A Groups never changes.
	mu     sync.Mutex
	hidden map[string]map[string]Hidden

	// subtrees remembers each unit's subtree sum per audience (audience →
	// unit → sum): a unit's is its own aggregate plus its children's, so on a
	// national tree the whole survey's row and the agencies' rows merge each
	// unit's aggregate once, not once per level.
	subMu    sync.Mutex
	subtrees map[string]map[string]*Aggregate

	indexOnce sync.Once
	numbered  *treeIndex
}

// treeIndex numbers the units: 0 is the whole survey (""), then every unit
// in preorder, so a unit's children come after it.
type treeIndex struct {
	ids  []string
	kids [][]int32
}

// index numbers the tree once.
func (g *Groups) index() *treeIndex {
	g.indexOnce.Do(func() {
		t := &treeIndex{ids: make([]string, 0, len(g.nodes)+1), kids: make([][]int32, 0, len(g.nodes)+1)}
		var number func(u string, below []string) int32
		number = func(u string, below []string) int32 {
			i := int32(len(t.ids))
			t.ids, t.kids = append(t.ids, u), append(t.kids, nil)
			kids := make([]int32, len(below))
			for j, c := range below {
				kids[j] = number(c, g.children[c])
			}
			t.kids[i] = kids
			return i
		}
		number("", g.roots)
		g.numbered = t
	})
	return g.numbered
}

// NewGroups builds the tree over released aggregates. live counts the
// respondents stored so far (audience → unit → n) for Count; nil means the
// released ones. Units named by aggregates but missing from nodes are ignored.
func NewGroups(nodes []Node, direct map[string]map[string]*Aggregate, live map[string]map[string]int64) *Groups {
	g := &Groups{nodes: map[string]Node{}, children: map[string][]string{}, direct: direct, live: live}
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

// each calls fn with a unit and every unit below it; unit "" is the whole
// survey, which holds the chunk released at its own level ("") and the
// roots' subtrees.
func (g *Groups) each(unit string, fn func(u string)) {
	var walk func(string)
	walk = func(u string) {
		fn(u)
		for _, c := range g.children[u] {
			walk(c)
		}
	}
	if unit != "" {
		walk(unit)
		return
	}
	fn("")
	for _, r := range g.roots {
		walk(r)
	}
}

// Subtree merges the aggregates of a unit and all its descendants; unit ""
// means the whole survey. The caller owns the result.
func (g *Groups) Subtree(unit, audience string) *Aggregate {
	g.subMu.Lock()
	defer g.subMu.Unlock()
	return g.subtree(unit, audience).Clone()
}

// subtree is Subtree's remembered sum; subMu is held.
func (g *Groups) subtree(unit, audience string) *Aggregate {
	if sum, ok := g.subtrees[audience][unit]; ok {
		return sum
	}
	below := g.children[unit]
	if unit == "" {
		below = g.roots
	}
	own := g.direct[audience][unit]
	var sum *Aggregate
	switch {
	case len(below) == 0 && own != nil:
		sum = own // a leaf's sum is its own aggregate, never changed here: Subtree hands out copies
	default:
		sum = NewAggregate()
		sum.Merge(own)
		for _, c := range below {
			sum.Merge(g.subtree(c, audience))
		}
	}
	if g.subtrees == nil {
		g.subtrees = map[string]map[string]*Aggregate{}
	}
	if g.subtrees[audience] == nil {
		g.subtrees[audience] = map[string]*Aggregate{}
	}
	g.subtrees[audience][unit] = sum
	return sum
}

// Count is how many respondents of an audience a unit's subtree has ("" for
// the whole survey) as they arrive: counts move at once, figures in steps.
func (g *Groups) Count(unit, audience string) int64 {
	if g.live == nil {
		return g.ReleasedCount(unit, audience)
	}
	var n int64
	g.each(unit, func(u string) { n += g.live[audience][u] })
	return n
}

// ReleasedCount is how many respondents a unit's figures include ("as of n").
func (g *Groups) ReleasedCount(unit, audience string) int64 {
	var n int64
	g.each(unit, func(u string) { n += g.directN(audience, u) })
	return n
}

func (g *Groups) directN(audience, unit string) int64 {
	if a := g.direct[audience][unit]; a != nil {
		return a.N
	}
	return 0
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
