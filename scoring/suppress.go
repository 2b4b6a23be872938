package scoring

import (
	"fmt"
	"math"
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
)

// Suppressed returns, for one audience, why each hidden unit is hidden
// ("" is the whole survey; units not in the map are shown). A group with
// fewer than k respondents is hidden; then, by the complementary rule, the
// fewest further groups are hidden such that every remainder an attacker can
// form — a shown group minus the shown groups below it — holds 0 or at
// least k respondents. A hidden group's sub-units stay shown when no
// remainder falls below k. The map is shared: callers must not change it.
func (g *Groups) Suppressed(audience string, k int) map[string]Hidden {
	memo := fmt.Sprintf("%s/%d", audience, k)
	g.mu.Lock()
	defer g.mu.Unlock()
	if h, ok := g.hidden[memo]; ok {
		return h
	}
	if g.hidden == nil {
		g.hidden = map[string]map[string]Hidden{}
	}
	g.hidden[memo] = newSuppression(g, audience, k).solve()
	return g.hidden[memo]
}

// suppression finds a cheapest safe set of hidden groups by dynamic
// programming over the tree. A hidden group passes up its uncovered part:
// its own respondents plus the uncovered parts of its hidden sub-units (its
// shown sub-units an attacker can subtract). A shown group needs its
// remainder — own respondents plus the uncovered parts of hidden sub-units —
// to be 0 or at least k. Only amounts below k matter, so they are capped at
// k, and combining children is a small knapsack over 0..k.
type suppression struct {
	g        *Groups
	audience string
	k        int
	n        map[string]int64 // respondents in each subtree ("" = whole survey)
	plan     map[string]*nodePlan
	total    int64
}

// nodePlan is what the programme knows of one node: the cheapest cost when
// shown, when hidden with each capped uncovered amount, and the children's
// knapsack tables to recover the choices.
type nodePlan struct {
	shown  int64   // cost with the node shown; infinite if not allowed
	hidden []int64 // cost with the node hidden, by uncovered amount 0..k
	tables [][]int64
	kids   []string
	direct int64
}

const infinite = math.MaxInt64 / 4

func newSuppression(g *Groups, audience string, k int) *suppression {
	s := &suppression{g: g, audience: audience, k: k, n: map[string]int64{}, plan: map[string]*nodePlan{}}
	var count func(string) int64
	count = func(u string) int64 {
		total := g.directN(audience, u)
		for _, c := range g.children[u] {
			total += count(c)
		}
		s.n[u] = total
		return total
	}
	s.n[""] = g.directN(audience, "")
	for _, r := range g.roots {
		s.n[""] += count(r)
	}
	s.total = s.n[""]
	return s
}

// cost of hiding a group that could be shown: first the number of such
// groups, then their respondents. Groups below k are hidden anyway, free.
func (s *suppression) hideCost(u string) int64 {
	if s.n[u] < int64(s.k) {
		return 0
	}
	return s.total + 1 + s.n[u]
}

func (s *suppression) kids(u string) []string {
	if u == "" {
		return s.g.roots
	}
	return s.g.children[u]
}

// build fills the plan of u and its subtree, children first.
func (s *suppression) build(u string) *nodePlan {
	kids := s.kids(u)
	p := &nodePlan{kids: kids, direct: s.g.directN(s.audience, u), hidden: make([]int64, s.k+1)}
	// table[i][x]: cheapest cost of the first i children with capped
	// uncovered sum x.
	table := make([]int64, s.k+1)
	for x := range table {
		table[x] = infinite
	}
	table[0] = 0
	p.tables = append(p.tables, table)
	for _, c := range kids {
		cp := s.build(c)
		next := make([]int64, s.k+1)
		for x := range next {
			next[x] = infinite
		}
		for x, base := range table {
			if base >= infinite {
				continue
			}
			next[x] = min(next[x], base+cp.shown)
			for y, hc := range cp.hidden {
				if hc < infinite {
					z := min(x+y, s.k)
					next[z] = min(next[z], base+hc)
				}
			}
		}
		table = next
		p.tables = append(p.tables, table)
	}
	p.shown = infinite
	for x := range p.hidden {
		p.hidden[x] = infinite
	}
	for x, c := range table {
		if c >= infinite {
			continue
		}
		rest := min(int(min(p.direct, int64(s.k)))+x, s.k)
		if s.n[u] >= int64(s.k) && (rest == 0 || rest == s.k) {
			p.shown = min(p.shown, c)
		}
		p.hidden[rest] = min(p.hidden[rest], c+s.hideCost(u))
	}
	s.plan[u] = p
	return p
}

// solve runs the programme and reads off the hidden groups.
func (s *suppression) solve() map[string]Hidden {
	root := s.build("")
	hidden := map[string]Hidden{}
	if root.shown < infinite {
		s.choose("", true, 0, hidden)
		return hidden
	}
	// Below k in all: nothing can be shown.
	for u := range s.n {
		hidden[u] = HiddenSmall
	}
	return hidden
}

// choose marks u shown or hidden (with uncovered amount want) and recovers
// its children's choices from the knapsack tables.
func (s *suppression) choose(u string, shown bool, want int, hidden map[string]Hidden) {
	p := s.plan[u]
	if !shown {
		hidden[u] = HiddenComplementary
		if s.n[u] < int64(s.k) {
			hidden[u] = HiddenSmall
		}
	}
	// The children's capped sum x that achieved the chosen cost.
	last := p.tables[len(p.kids)]
	target, bestX := int64(infinite), -1
	for x, c := range last {
		if c >= infinite {
			continue
		}
		rest := min(int(min(p.direct, int64(s.k)))+x, s.k)
		ok := rest == want
		if shown {
			ok = rest == 0 || rest == s.k
		}
		if ok && c < target {
			target, bestX = c, x
		}
	}
	x := bestX
	for i := len(p.kids) - 1; i >= 0; i-- {
		c, cp, prev := p.kids[i], s.plan[p.kids[i]], p.tables[i]
		cost := p.tables[i+1][x]
		// Prefer showing the child when that is as cheap.
		if prev[x] < infinite && prev[x]+cp.shown == cost {
			s.choose(c, true, 0, hidden)
			continue
		}
		found := false
		for px, base := range prev {
			for y, hc := range cp.hidden {
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
