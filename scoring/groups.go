package scoring

import (
	"maps"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// Node is one organisational unit as scoring needs it.
type Node struct {
	ID        string
	Parent    string // empty for a root
	Name      string
	Headcount int // 0 when unknown
	Order     int // place among its siblings from the organisation file; 0 when not given (CompareNodes)
}

// Groups holds the organisation tree and the released aggregates of each
// unit's own (direct) respondents, per audience; a unit's figures include
// its subtree. Unit "" may hold a chunk released at the level of the whole
// survey (see release.go). A Groups never changes: a new reading is a new
// Groups, which may share the tree of the one before (Over).
type Groups struct {
	*shape
	sums   Sums
	serial uint64 // the version of every unit when the sums keep none

	// versions, when set (Since), are the units' versions.
	versions map[string]uint64

	// shares, when set (WithShares), are the share chunks a Group takes
	// its shares from, over the same tree.
	shares *Groups

	// hidden remembers Suppressed per audience and k: it walks the whole
	// tree, and Group asks for it once per unit.
	mu     sync.Mutex
	hidden map[string]map[string]Hidden
	// counts remembers every unit's DirectCounts per audience, in the
	// tree's order (unitCounts): each measure's rules read them all.
	counts map[string][]*MeasureCounts
}

// shape is the tree: units, their children, the roots.
type shape struct {
	nodes    map[string]Node
	children map[string][]string // sorted ids
	roots    []string

	indexOnce sync.Once
	numbered  *treeIndex
}

// Sums are where a Groups reads the respondents of its units.
type Sums interface {
	// DirectN is how many released respondents of an audience a unit has of
	// its own ("" is the chunk released at the level of the whole survey).
	DirectN(audience, unit string) int64
	// DirectCounts counts those respondents per component of the measures:
	// how many are behind each scale, pick question and share; nil when
	// there are none. It may be shared: callers must not change it.
	DirectCounts(audience, unit string) *MeasureCounts
	// Subtree is the released sum of a unit and every unit below it ("" the
	// whole survey); nil when there is none. It may be shared: callers must
	// not change it.
	Subtree(audience, unit string) *Aggregate
	// Count is how many respondents of an audience a unit's subtree has so
	// far, released or not.
	Count(audience, unit string) int64
}

// PairSums give a subtree's drivers' pairs without its whole aggregate:
// pooling a group's drivers within its units needs only those (within.go),
// and the national view would otherwise build every unit's aggregate.
type PairSums interface {
	SubtreePairs(audience, unit string) map[string]*Pair
}

// Versioned sums say when each unit's figures last changed: a screen keeps
// what it computed for a unit until its version moves.
type Versioned interface {
	Version(unit string) uint64
}

var groupsSerial atomic.Uint64

// NewGroups builds the tree over released aggregates. live counts the
// respondents stored so far (audience → unit → n) for Count; nil means the
// released ones. Units named by aggregates but missing from nodes are ignored.
func NewGroups(nodes []Node, direct Released, live map[string]map[string]int64) *Groups {
	sh := newShape(nodes)
	return &Groups{shape: sh, sums: &mapSums{shape: sh, direct: direct, live: live}, serial: groupsSerial.Add(1)}
}

// NewGroupsOver builds the tree over sums kept elsewhere (the national
// view's).
func NewGroupsOver(nodes []Node, sums Sums) *Groups {
	return &Groups{shape: newShape(nodes), sums: sums, serial: groupsSerial.Add(1)}
}

// Over is g's tree over other sums (the national view's next reading, whose
// tree did not change), with shares, when not nil, the share chunks' sums
// over the same tree (WithShares). sameReleased says no unit's released
// count moved since g — only figures or live counts did — so what g worked
// out to hide still holds and is kept.
func (g *Groups) Over(sums, shares Sums, sameReleased bool) *Groups {
	next := &Groups{shape: g.shape, sums: sums, serial: groupsSerial.Add(1)}
	if sameReleased {
		g.mu.Lock()
		next.hidden = maps.Clone(g.hidden) // each entry is never changed once made
		g.mu.Unlock()
	}
	if shares != nil {
		before := g.shares
		if before == nil {
			before = &Groups{shape: g.shape}
		}
		next.shares = before.Over(shares, nil, sameReleased)
	}
	return next
}

// Since makes g, a new reading of prev's tree, keep prev's version — and
// remembered subtree sum — for every unit with nothing changed in its
// subtree; changed names the units whose own aggregate or count moved. A
// screen then computes again only what changed. g must not be in use yet.
func (g *Groups) Since(prev *Groups, changed func(unit string) bool) *Groups {
	if prev == nil || !sameTree(g.shape, prev.shape) {
		return g
	}
	g.versions = map[string]uint64{}
	moved := map[string]bool{}
	var walk func(u string, below []string) bool
	walk = func(u string, below []string) bool {
		m := changed(u)
		for _, c := range below {
			m = walk(c, g.children[c]) || m // every child walked
		}
		if m {
			g.versions[u], moved[u] = g.serial, true
		} else {
			g.versions[u] = prev.Version(u)
		}
		return m
	}
	walk("", g.roots)
	for _, pair := range [][2]*Groups{{g, prev}, {g.shares, prev.shares}} {
		if pair[0] == nil || pair[1] == nil {
			continue
		}
		mine, _ := pair[0].sums.(*mapSums)
		before, _ := pair[1].sums.(*mapSums)
		if mine != nil && before != nil {
			mine.remember(before, moved)
		}
	}
	return g
}

// sameTree: two shapes have the same units in the same places.
func sameTree(a, b *shape) bool {
	if a == b {
		return true
	}
	if len(a.nodes) != len(b.nodes) {
		return false
	}
	for id, n := range a.nodes {
		if m, ok := b.nodes[id]; !ok || m != n {
			return false
		}
	}
	return true
}

// Version is when a unit's figures last changed: readings of versioned sums
// tell; otherwise every reading is new throughout.
func (g *Groups) Version(unit string) uint64 {
	if v, ok := g.versions[unit]; ok {
		return v
	}
	if v, ok := g.sums.(Versioned); ok {
		return v.Version(unit)
	}
	return g.serial
}

func newShape(nodes []Node) *shape {
	sh := &shape{nodes: make(map[string]Node, len(nodes)), children: map[string][]string{}}
	for _, n := range nodes {
		sh.nodes[n.ID] = n
	}
	for _, n := range nodes {
		if _, ok := sh.nodes[n.Parent]; n.Parent == "" || !ok {
			sh.roots = append(sh.roots, n.ID)
		} else {
			sh.children[n.Parent] = append(sh.children[n.Parent], n.ID)
		}
	}
	byNode := func(a, b string) int { return CompareNodes(sh.nodes[a], sh.nodes[b]) }
	slices.SortFunc(sh.roots, byNode)
	for _, c := range sh.children {
		slices.SortFunc(c, byNode)
	}
	return sh
}

// treeIndex numbers the units: 0 is the whole survey (""), then every unit
// in preorder, so a unit's children come after it.
type treeIndex struct {
	ids  []string
	kids [][]int32
}

// index numbers the tree once.
func (sh *shape) index() *treeIndex {
	sh.indexOnce.Do(func() {
		t := &treeIndex{ids: make([]string, 0, len(sh.nodes)+1), kids: make([][]int32, 0, len(sh.nodes)+1)}
		var number func(u string, below []string) int32
		number = func(u string, below []string) int32 {
			i := int32(len(t.ids))
			t.ids, t.kids = append(t.ids, u), append(t.kids, nil)
			kids := make([]int32, len(below))
			for j, c := range below {
				kids[j] = number(c, sh.children[c])
			}
			t.kids[i] = kids
			return i
		}
		number("", sh.roots)
		sh.numbered = t
	})
	return sh.numbered
}

// Node is a unit of the tree.
func (sh *shape) Node(unit string) (Node, bool) {
	n, ok := sh.nodes[unit]
	return n, ok
}

// Roots are the top units, sorted.
func (sh *shape) Roots() []string { return sh.roots }

// Children are a unit's direct sub-units, sorted.
func (sh *shape) Children(unit string) []string { return sh.children[unit] }

// each calls fn with a unit and every unit below it; unit "" is the whole
// survey, which holds the chunk released at its own level ("") and the
// roots' subtrees.
func (sh *shape) each(unit string, fn func(u string)) {
	var walk func(string)
	walk = func(u string) {
		fn(u)
		for _, c := range sh.children[u] {
			walk(c)
		}
	}
	if unit != "" {
		walk(unit)
		return
	}
	fn("")
	for _, r := range sh.roots {
		walk(r)
	}
}

// Subtree merges the aggregates of a unit and all its descendants; unit ""
// means the whole survey. The caller owns the result.
func (g *Groups) Subtree(unit, audience string) *Aggregate {
	sum := NewAggregate()
	sum.Merge(g.sums.Subtree(audience, unit))
	return sum
}

// shared is a unit's subtree sum as the sums hold it, for reading only.
func (g *Groups) shared(unit, audience string) *Aggregate {
	if sum := g.sums.Subtree(audience, unit); sum != nil {
		return sum
	}
	return NewAggregate()
}

// Count is how many respondents of an audience a unit's subtree has ("" for
// the whole survey) as they arrive: counts move at once, figures in steps.
func (g *Groups) Count(unit, audience string) int64 { return g.sums.Count(audience, unit) }

// Direct is how many respondents of an audience belong to unit itself, not
// to a unit under it: what a parent's row holds beyond its children's rows,
// so that children and direct add up to the parent wherever counts show.
func (g *Groups) Direct(unit, audience string) int64 {
	n := g.Count(unit, audience)
	children := g.Children(unit)
	if unit == "" { // the whole survey's children are the roots
		children = g.Roots()
	}
	for _, c := range children {
		n -= g.Count(c, audience)
	}
	return n
}

// ReleasedCount is how many respondents a unit's figures include ("as of n").
func (g *Groups) ReleasedCount(unit, audience string) int64 {
	var n int64
	g.each(unit, func(u string) { n += g.sums.DirectN(audience, u) })
	return n
}

func (g *Groups) directN(audience, unit string) int64 { return g.sums.DirectN(audience, unit) }

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
