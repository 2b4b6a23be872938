package scoring

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Hidden says why a group's figures are not shown ("" when they are).
type Hidden string

// Reasons a group is hidden.
const (
	// HiddenSmall: fewer than k respondents in the group's figures.
	HiddenSmall Hidden = "small"
	// HiddenComplementary: the group has k or more, but showing it would let
	// a smaller group be worked out by subtraction.
	HiddenComplementary Hidden = "complementary"
	// HiddenAtScaleEnd: an index family of the group, or of what
	// subtracting the shown groups below it leaves, rests on fewer than 2k
	// respondents and has an index near its scale's end (scaleend.go).
	HiddenAtScaleEnd Hidden = "at_scale_end"
)

// Suppressed returns, for one audience, why each hidden unit is hidden
// ("" is the whole survey; units not in the map are shown). A group with
// fewer than k respondents is hidden; then, by the complementary rule, the
// fewest further groups are hidden such that every remainder an attacker can
// form — a shown group minus the shown groups below it — holds 0 or at
// least k respondents. A hidden group's sub-units stay shown when no
// remainder falls below k. The map is shared: callers must not change it.
func (g *Groups) Suppressed(audience string, k int) map[string]Hidden {
	return g.remember(fmt.Sprintf("%s/%d", audience, k), func() map[string]Hidden {
		t := g.shape.index()
		direct := make([]int64, len(t.ids))
		for i, u := range t.ids {
			direct[i] = g.directN(audience, u)
		}
		return newSuppression(t, direct, k).solve()
	})
}

// SuppressedFor is the same rule for one measure: on the respondents behind
// its figures, at its threshold (k for an index family, 2k for a share). A
// unit it hides shows none of the measure's figures, whatever its group
// shows. A measure rests on several counts (each scale of a family, each
// pick question), and the hidden set must hold for each of them. Where they
// are all the group's respondents (as in a survey whose modules never
// changed and whose items are all required), the rule is the group's at
// that threshold, worked out once for every such measure.
func (g *Groups) SuppressedFor(m Measure, k int) map[string]Hidden {
	info, threshold := measureInfos[m], m.threshold(k)
	return g.remember(fmt.Sprintf("measure %d/%d", m, k), func() map[string]Hidden {
		t := g.shape.index()
		parts := componentsOf(m)
		vectors := make([][]int64, len(parts))
		for j := range parts {
			vectors[j] = make([]int64, len(t.ids))
		}
		group := make([]int64, len(t.ids))
		for i, counts := range g.unitCounts(info.audience) {
			for j, c := range parts {
				vectors[j][i] = int64(counts.N[c])
			}
			group[i] = g.directN(info.audience, t.ids[i])
		}
		distinct := [][]int64{}
		for _, v := range vectors {
			if !slices.ContainsFunc(distinct, func(d []int64) bool { return slices.Equal(d, v) }) {
				distinct = append(distinct, v)
			}
		}
		if len(distinct) == 1 && slices.Equal(distinct[0], group) {
			return g.Suppressed(info.audience, threshold)
		}
		return suppressTogether(t, distinct, threshold)
	})
}

// suppressTogether hides the groups that any count vector's cheapest safe
// set hides. The union is safe for every vector: a group that a vector's
// set leaves shown has a remainder of 0 or at least k, and hiding it as
// well only adds that remainder to the remainder of the shown group above
// it, which stays 0 or at least k.
//
// A vector for which the groups hidden so far are already safe adds
// nothing, and is checked in one pass instead of by the programme: where
// single items were skipped, a family's scales differ in count everywhere,
// but what the scarcest of them hides mostly serves the rest.
func suppressTogether(t *treeIndex, vectors [][]int64, k int) map[string]Hidden {
	// The scarcest count first: it hides the most, so the others are most
	// often safe already.
	slices.SortFunc(vectors, func(a, b []int64) int { return cmp.Compare(sum(a), sum(b)) })
	hidden := map[string]Hidden{}
	for _, direct := range vectors {
		if len(hidden) > 0 && safe(t, direct, k, hidden) {
			continue
		}
		for u, why := range newSuppression(t, direct, k).solve() {
			if hidden[u] != HiddenSmall {
				hidden[u] = why
			}
		}
	}
	return hidden
}

func sum(v []int64) (total int64) {
	for _, x := range v {
		total += x
	}
	return total
}

// safe reports whether hiding these groups keeps every shown group, and
// every shown group minus the shown groups below it, at 0 or at least k of
// direct's respondents. Children come after their parent in t, so one walk
// backwards sums each subtree and passes each hidden group's uncovered part
// (its own plus its hidden sub-groups') up to its parent.
func safe(t *treeIndex, direct []int64, k int, hidden map[string]Hidden) bool {
	n := slices.Clone(direct)         // each subtree's respondents
	uncovered := slices.Clone(direct) // own plus the uncovered parts of hidden children
	for i := len(t.ids) - 1; i >= 0; i-- {
		for _, c := range t.kids[i] {
			n[i] += n[c]
			if hidden[t.ids[c]] != "" {
				uncovered[i] += uncovered[c]
			}
		}
		if hidden[t.ids[i]] != "" {
			continue
		}
		if n[i] < int64(k) || uncovered[i] > 0 && uncovered[i] < int64(k) {
			return false
		}
	}
	return true
}

// unitCounts are every unit's DirectCounts of an audience in the tree's
// order, read once per reading (a lookup per unit and measure was most of
// the national view's suppression); none is nil.
func (g *Groups) unitCounts(audience string) []*MeasureCounts {
	g.mu.Lock()
	defer g.mu.Unlock()
	if counts, ok := g.counts[audience]; ok {
		return counts
	}
	ids := g.shape.index().ids
	counts := make([]*MeasureCounts, len(ids))
	for i, u := range ids {
		if counts[i] = g.sums.DirectCounts(audience, u); counts[i] == nil {
			counts[i] = &noCounts
		}
	}
	if g.counts == nil {
		g.counts = map[string][]*MeasureCounts{}
	}
	g.counts[audience] = counts
	return counts
}

var noCounts MeasureCounts

// remember computes a suppression once per reading; g.mu is not held while
// it runs, so one may ask for another.
func (g *Groups) remember(memo string, solve func() map[string]Hidden) map[string]Hidden {
	g.mu.Lock()
	h, ok := g.hidden[memo]
	g.mu.Unlock()
	if ok {
		return h
	}
	h = solve()
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.hidden == nil {
		g.hidden = map[string]map[string]Hidden{}
	}
	if first, ok := g.hidden[memo]; ok { // another reader got there first: one answer for all
		return first
	}
	g.hidden[memo] = h
	return h
}

// suppression finds a cheapest safe set of hidden groups by dynamic
// programming over the tree. A hidden group passes up its uncovered part:
// its own respondents plus the uncovered parts of its hidden sub-units (its
// shown sub-units an attacker can subtract). A shown group needs its
// remainder — own respondents plus the uncovered parts of hidden sub-units —
// to be 0 or at least k. Only amounts below k matter, so they are capped at
// k, and combining children is a small knapsack over 0..k. Units are
// numbered (treeIndex) and the tables are flat slices: on a national tree of
// 30,000 units, maps and a table per child cost 60 ms a run.
type suppression struct {
	k      int
	t      *treeIndex
	direct []int64 // each unit's own respondents
	n      []int64 // respondents in each subtree
	shown  []int64 // cheapest cost with the unit shown; infinite if not allowed
	hidden []int64 // cheapest cost with the unit hidden, by uncovered amount 0..k: unit i at [i*(k+1):]
	tables []int64 // the children's knapsack rows: unit i's row j at [(start[i]+j)*(k+1):]
	start  []int
	total  int64
}

const infinite = math.MaxInt64 / 4

// newSuppression sets up the programme over t with each unit's own count
// (direct, in t's numbering).
func newSuppression(t *treeIndex, direct []int64, k int) *suppression {
	size := len(t.ids)
	s := &suppression{k: k, t: t, direct: direct, n: make([]int64, size),
		shown: make([]int64, size), hidden: make([]int64, size*(k+1)), start: make([]int, size)}
	rows := 0
	for i := range t.ids {
		s.start[i] = rows
		rows += len(t.kids[i]) + 1
	}
	s.tables = make([]int64, rows*(k+1))
	for i := size - 1; i >= 0; i-- { // preorder: children come after their parent
		s.n[i] = s.direct[i]
		for _, c := range t.kids[i] {
			s.n[i] += s.n[c]
		}
	}
	s.total = s.n[0]
	return s
}

// cost of hiding a group that could be shown: first the number of such
// groups, then their respondents. Groups below k are hidden anyway, free.
func (s *suppression) hideCost(i int32) int64 {
	if s.n[i] < int64(s.k) {
		return 0
	}
	return s.total + 1 + s.n[i]
}

// row is unit i's knapsack row j: the cheapest cost of its first j children
// by capped uncovered sum.
func (s *suppression) row(i int32, j int) []int64 {
	at := (s.start[i] + j) * (s.k + 1)
	return s.tables[at : at+s.k+1]
}

func (s *suppression) hiddenCosts(i int32) []int64 {
	return s.hidden[int(i)*(s.k+1) : (int(i)+1)*(s.k+1)]
}

// rest is a unit's own respondents plus its children's capped uncovered sum x, capped.
func (s *suppression) rest(i int32, x int) int {
	return min(int(min(s.direct[i], int64(s.k)))+x, s.k)
}

// build fills the plan of every unit, children first.
func (s *suppression) build() {
	for i := int32(len(s.t.ids) - 1); i >= 0; i-- {
		table := s.row(i, 0)
		for x := range table {
			table[x] = infinite
		}
		table[0] = 0
		for j, c := range s.t.kids[i] {
			next := s.row(i, j+1)
			for x := range next {
				next[x] = infinite
			}
			childHidden := s.hiddenCosts(c)
			for x, base := range table {
				if base >= infinite {
					continue
				}
				next[x] = min(next[x], base+s.shown[c])
				for y, hc := range childHidden {
					if hc < infinite {
						z := min(x+y, s.k)
						next[z] = min(next[z], base+hc)
					}
				}
			}
			table = next
		}
		s.shown[i] = infinite
		hidden := s.hiddenCosts(i)
		for x := range hidden {
			hidden[x] = infinite
		}
		for x, c := range table {
			if c >= infinite {
				continue
			}
			rest := s.rest(i, x)
			if s.n[i] >= int64(s.k) && (rest == 0 || rest == s.k) {
				s.shown[i] = min(s.shown[i], c)
			}
			hidden[rest] = min(hidden[rest], c+s.hideCost(i))
		}
	}
}

// solve runs the programme and reads off the hidden groups.
func (s *suppression) solve() map[string]Hidden {
	s.build()
	hidden := map[string]Hidden{}
	if s.shown[0] < infinite {
		s.choose(0, true, 0, hidden)
		return hidden
	}
	// Below k in all: nothing can be shown.
	for _, u := range s.t.ids {
		hidden[u] = HiddenSmall
	}
	return hidden
}

// choose marks unit i shown or hidden (with uncovered amount want) and
// recovers its children's choices from the knapsack tables.
func (s *suppression) choose(i int32, shown bool, want int, hidden map[string]Hidden) {
	if !shown {
		hidden[s.t.ids[i]] = HiddenComplementary
		if s.n[i] < int64(s.k) {
			hidden[s.t.ids[i]] = HiddenSmall
		}
	}
	kids := s.t.kids[i]
	// The children's capped sum x that achieved the chosen cost.
	target, x := int64(infinite), -1
	for cx, c := range s.row(i, len(kids)) {
		if c >= infinite {
			continue
		}
		rest := s.rest(i, cx)
		ok := rest == want
		if shown {
			ok = rest == 0 || rest == s.k
		}
		if ok && c < target {
			target, x = c, cx
		}
	}
	for j := len(kids) - 1; j >= 0; j-- {
		c, prev := kids[j], s.row(i, j)
		cost := s.row(i, j+1)[x]
		// Prefer showing the child when that is as cheap.
		if prev[x] < infinite && prev[x]+s.shown[c] == cost {
			s.choose(c, true, 0, hidden)
			continue
		}
		found := false
		for px, base := range prev {
			for y, hc := range s.hiddenCosts(c) {
				if !found && base < infinite && hc < infinite && min(px+y, s.k) == x && base+hc == cost {
					s.choose(c, false, y, hidden)
					x, found = px, true
				}
			}
		}
		if !found {
			panic("scoring: suppression plan is inconsistent")
		}
	}
}
