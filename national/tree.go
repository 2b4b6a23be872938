package national

import (
	"cmp"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/berakhlak/berakhlak/internal/procs"
	"github.com/berakhlak/berakhlak/scoring"
)

// nationalTree is the national tree with every unit's subtree sums kept
// current: an update to a unit's record adds the difference to that unit
// and the units above it, and nothing else is touched. Readings share it:
// a treeNode in a reading is never changed — an update puts changed copies
// in place of the path's nodes.
type nationalTree struct {
	nodes  []scoring.Node   // sorted by id, as readers list them
	index  map[string]int32 // node id → place in at; "" (the nation) is 0
	parent []int32          // place of each node's parent; -1 for the nation
	at     []*treeNode
}

// treeClock gives versions: it only moves forward, across trees built
// again, so a version never names two states of a unit.
var treeClock atomic.Uint64

// treeNode is what the national view knows of one unit (or the nation).
type treeNode struct {
	own      [slots][]byte                 // the unit's own released chunk per slot, packed (scoring.Dense.Pack)
	released [slots]int64                  // respondents in own
	counts   *[slots]scoring.MeasureCounts // own's respondents per scale, pick question and share (the record's); nil for the nation
	sum      [slots]scoring.Dense          // the subtree's sum; nil on a leaf, whose sum is own
	count    [slots]int64                  // respondents so far in the subtree, released or not
	leaf     bool
	version  uint64 // when the subtree's figures last changed
	// ownPairs caches a leaf's drivers' pairs (SubtreePairs): own stays
	// while the node is shared by later readings, so an update does not
	// unpack every leaf again; a new own gets a new cache.
	ownPairs *pairCache
}

// pairCache holds a leaf's pairs per audience once read.
type pairCache [audiences]atomic.Pointer[map[string]*scoring.Pair]

// placeTree lays out the tree of the records, less those outside any
// agency's tree: nodes sorted by id, each one's parent, which are leaves.
// It returns the record of each node (node i+1's is units[i]).
func placeTree(records map[string]*nationalUnit, outside map[string]string) (*nationalTree, []*nationalUnit) {
	t := &nationalTree{index: map[string]int32{"": 0}}
	version := treeClock.Add(1)
	units := make([]*nationalUnit, 0, len(records))
	for key, r := range records {
		if _, out := outside[key]; out {
			continue
		}
		node := scoring.Node{ID: r.id, Parent: r.parentID, Name: r.Name, Headcount: r.Headcount}
		if r.Parent == "" {
			node.Name = r.Agency + " · " + r.Name
		}
		t.nodes = append(t.nodes, node)
		units = append(units, r)
	}
	sort.Sort(nodesByID{t.nodes, units})
	t.parent = make([]int32, len(t.nodes)+1)
	t.at = make([]*treeNode, len(t.nodes)+1)
	t.at[0] = &treeNode{version: version, leaf: len(t.nodes) == 0}
	t.parent[0] = -1
	for i, n := range t.nodes {
		t.index[n.ID] = int32(i + 1)
	}
	for i, n := range t.nodes {
		t.parent[i+1] = t.index[n.Parent] // a root's parent "" is the nation
		t.at[i+1] = &treeNode{own: units[i].packed, released: units[i].released, counts: &units[i].counts, leaf: true, version: version, ownPairs: new(pairCache)}
	}
	for i := range t.nodes {
		t.at[t.parent[i+1]].leaf = false
	}
	return t, units
}

// sum fills every node's subtree sums and counts: each node adds its own
// chunk to its sum and its sum to its parent's, children first, so each
// chunk is unpacked once and each sum added once. The agencies' trees are
// summed on every core; the nation adds their roots.
func (t *nationalTree) sum(units []*nationalUnit) {
	top := make([]int32, len(t.at)) // each node's top unit, below the nation
	depth := make([]int32, len(t.at))
	byTop := map[int32][]int32{}
	for i := int32(1); i < int32(len(t.at)); i++ {
		top[i] = i
		for p := t.parent[i]; p > 0; p = t.parent[p] {
			top[i] = p
			depth[i]++
		}
		byTop[top[i]] = append(byTop[top[i]], i)
	}
	tops := make([]int32, 0, len(byTop))
	for r := range byTop {
		tops = append(tops, r)
	}
	workers := procs.Available()
	partial := make([]treeNode, workers) // each worker's share of the nation
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			d := scratch.Get().(*scoring.Dense)
			defer scratch.Put(d)
			for k := w; k < len(tops); k += workers {
				nodes := byTop[tops[k]]
				slices.SortStableFunc(nodes, func(a, b int32) int { return cmp.Compare(depth[b], depth[a]) })
				for _, i := range nodes {
					t.sumNode(i, units[i-1], d, &partial[w])
				}
			}
		})
	}
	wg.Wait()
	nation := t.at[0]
	for _, part := range partial {
		for a := range part.sum {
			nation.count[a] += part.count[a]
			if part.sum[a] != nil {
				nation.sum[a] = nation.sum[a].Add(part.sum[a], 1)
			}
		}
	}
}

// sumNode adds node i's own chunk to its sum, and its sum to its parent's
// (to nation when its parent is the nation). Its children are done.
func (t *nationalTree) sumNode(i int32, u *nationalUnit, d *scoring.Dense, nation *treeNode) {
	node, parent := t.at[i], nation
	if p := t.parent[i]; p > 0 {
		parent = t.at[p]
	}
	for a := range node.sum {
		node.count[a] += u.live[a]
		parent.count[a] += node.count[a]
		if u.packed[a] != nil {
			*d = mustUnpack(u.packed[a], *d)
			if !node.leaf {
				node.sum[a] = node.sum[a].Add(*d, 1)
			}
		}
		switch {
		case !node.leaf && node.sum[a] != nil:
			parent.sum[a] = parent.sum[a].Add(node.sum[a], 1)
		case node.leaf && u.packed[a] != nil:
			parent.sum[a] = parent.sum[a].Add(*d, 1)
		}
	}
}

// mustUnpack unpacks a chunk that was packed here.
func mustUnpack(packed []byte, into scoring.Dense) scoring.Dense {
	d, err := scoring.Unpack(packed, into)
	if err != nil {
		panic("relay: a packed chunk no longer unpacks: " + err.Error())
	}
	return d
}

type nodesByID struct {
	nodes []scoring.Node
	units []*nationalUnit
}

func (s nodesByID) Len() int           { return len(s.nodes) }
func (s nodesByID) Less(i, j int) bool { return s.nodes[i].ID < s.nodes[j].ID }
func (s nodesByID) Swap(i, j int) {
	s.nodes[i], s.nodes[j] = s.nodes[j], s.nodes[i]
	s.units[i], s.units[j] = s.units[j], s.units[i]
}

// update takes a unit's new record in place of its old one along the
// unit's path. It reports false, changing nothing, when the tree itself
// changes (a new unit, one that moved, was renamed or sits outside the
// tree): the tree is then built again.
func (t *nationalTree) update(old, u *nationalUnit) bool {
	if old == nil || old.Agency != u.Agency || old.Unit != u.Unit || old.Parent != u.Parent ||
		old.Name != u.Name || old.Headcount != u.Headcount {
		return false
	}
	i, ok := t.index[u.id]
	if !ok {
		return false
	}
	var delta [slots]scoring.Dense
	for a := range delta {
		if u.packed[a] != nil {
			delta[a] = mustUnpack(u.packed[a], nil)
		}
		if old.packed[a] != nil {
			delta[a] = delta[a].Add(mustUnpack(old.packed[a], nil), -1)
		}
	}
	version := treeClock.Add(1)
	for p := i; p >= 0; p = t.parent[p] {
		node := *t.at[p] // a copy: readings keep the old one
		for a := range delta {
			node.count[a] += u.live[a] - old.live[a]
			if !node.leaf && delta[a] != nil {
				node.sum[a] = append(scoring.Dense{}, node.sum[a]...).Add(delta[a], 1)
			}
		}
		if p == i {
			node.own, node.released, node.counts, node.ownPairs = u.packed, u.released, &u.counts, new(pairCache)
		}
		node.version = version
		t.at[p] = &node
	}
	return true
}

// readings are the tree as it stands, for one Groups: its figures, and
// its shares over the same nodes.
func (t *nationalTree) readings(layout *scoring.Layout) (figures, shares *nationalReading) {
	at := append([]*treeNode(nil), t.at...)
	figures = &nationalReading{layout: layout, index: t.index, at: at, aggs: map[int32]*[audiences]*scoring.Aggregate{}}
	shares = &nationalReading{layout: layout, index: t.index, at: at, aggs: map[int32]*[audiences]*scoring.Aggregate{}, base: audiences}
	return figures, shares
}

// nationalReading is scoring.Sums over one reading of the tree, of the
// figures' slots or (base audiences) the shares'; a unit's aggregate is
// made from its sums when first asked for.
type nationalReading struct {
	layout *scoring.Layout
	index  map[string]int32
	at     []*treeNode
	base   int // the slot of the first audience

	mu   sync.Mutex
	aggs map[int32]*[audiences]*scoring.Aggregate
}

// slot is an audience's slot in this reading; -1 for none.
func (r *nationalReading) slot(audience string) int {
	if a := audienceIndex(audience); a >= 0 {
		return r.base + a
	}
	return -1
}

func (r *nationalReading) node(unit string) *treeNode {
	if i, ok := r.index[unit]; ok {
		return r.at[i]
	}
	return &treeNode{}
}

func (r *nationalReading) DirectN(audience, unit string) int64 {
	if a := r.slot(audience); a >= 0 {
		return r.node(unit).released[a]
	}
	return 0
}

func (r *nationalReading) DirectCounts(audience, unit string) *scoring.MeasureCounts {
	if a, node := r.slot(audience), r.node(unit); a >= 0 && node.counts != nil {
		return &node.counts[a] // a record's counts never change: a new record is a new node's
	}
	return nil
}

// Count is the respondents so far, the same in both readings.
func (r *nationalReading) Count(audience, unit string) int64 {
	if a := audienceIndex(audience); a >= 0 {
		return r.node(unit).count[a]
	}
	return 0
}

func (r *nationalReading) Version(unit string) uint64 { return r.node(unit).version }

func (r *nationalReading) Subtree(audience, unit string) *scoring.Aggregate {
	i, ok := r.index[unit]
	a := audienceIndex(audience)
	if !ok || a < 0 {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	made := r.aggs[i]
	if made == nil {
		made = &[audiences]*scoring.Aggregate{}
		r.aggs[i] = made
	}
	if made[a] == nil {
		made[a] = r.aggregate(r.at[i], r.base+a)
	}
	return made[a]
}

// SubtreePairs are a subtree's drivers' pairs, read from its sums without
// building (or keeping) its aggregate (scoring.PairSums).
func (r *nationalReading) SubtreePairs(audience, unit string) map[string]*scoring.Pair {
	i, ok := r.index[unit]
	a := audienceIndex(audience)
	if !ok || a < 0 {
		return nil
	}
	node, slot := r.at[i], r.base+a
	if !node.leaf {
		return r.layout.Pairs(node.sum[slot])
	}
	if node.own[slot] == nil {
		return nil
	}
	if r.base != 0 { // the drivers are the figures'; shares have no pairs to cache
		return unpacked(node.own[slot], r.layout.Pairs)
	}
	cache := node.ownPairs
	if cached := cache[a].Load(); cached != nil {
		return *cached
	}
	pairs := unpacked(node.own[slot], r.layout.Pairs)
	cache[a].Store(&pairs)
	return pairs
}

// unpacked reads what read takes from a packed chunk, unpacked into a
// scratch vector: a first reading reads every unit's, and a vector of
// every slot each time was most of what it allocated.
func unpacked[T any](packed []byte, read func(scoring.Dense) T) T {
	d := scratch.Get().(*scoring.Dense)
	defer scratch.Put(d)
	*d = mustUnpack(packed, *d)
	return read(*d)
}

func (r *nationalReading) aggregate(node *treeNode, a int) *scoring.Aggregate {
	if !node.leaf {
		return r.layout.Aggregate(node.sum[a])
	}
	if node.own[a] == nil {
		return scoring.NewAggregate()
	}
	return unpacked(node.own[a], r.layout.Aggregate)
}
