package scoring

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// randomTree makes up to size units with random parents and direct counts,
// many of them below k.
func randomTree(rng *rand.Rand, size int) ([]Node, map[string]int) {
	var nodes []Node
	direct := map[string]int{}
	for i := range 1 + rng.IntN(size) {
		id := fmt.Sprintf("u%d", i)
		parent := ""
		if i > 0 && rng.IntN(5) > 0 {
			parent = fmt.Sprintf("u%d", rng.IntN(i))
		}
		nodes = append(nodes, Node{ID: id, Parent: parent})
		switch rng.IntN(4) {
		case 0: // none of its own
		case 1:
			direct[id] = 1 + rng.IntN(4)
		default:
			direct[id] = rng.IntN(40)
		}
	}
	return nodes, direct
}

// attack is an independent check: for every shown group, subtract every
// shown group below it (the highest ones, so nothing twice); the rest must
// hold 0 or at least k respondents, and every shown group at least k.
func attack(g *Groups, hidden map[string]Hidden, k int) error {
	subtree := func(u string) int64 { return g.Subtree(u, "asn").N }
	// shownBelow sums the highest shown groups under u.
	var shownBelow func(u string) int64
	shownBelow = func(u string) int64 {
		var sum int64
		for _, c := range g.kids(u) {
			if hidden[c] == "" {
				sum += subtree(c)
			} else {
				sum += shownBelow(c)
			}
		}
		return sum
	}
	groups := append([]string{""}, nodeIDsOf(g)...)
	for _, u := range groups {
		if hidden[u] != "" {
			continue
		}
		n := subtree(u)
		if n < int64(k) {
			return fmt.Errorf("group %q of %d is shown", u, n)
		}
		if rest := n - shownBelow(u); rest > 0 && rest < int64(k) {
			return fmt.Errorf("group %q minus its shown sub-groups leaves %d", u, rest)
		}
	}
	return nil
}

func nodeIDsOf(g *Groups) []string {
	var out []string
	for id := range g.nodes {
		out = append(out, id)
	}
	return out
}

func (g *Groups) kids(u string) []string {
	if u == "" {
		return g.roots
	}
	return g.children[u]
}

// bruteForceCost tries every set of groups of k or more to hide and returns
// the cheapest safe one's cost: groups first, then their respondents.
func bruteForceCost(g *Groups, k int) (groups int, respondents int64) {
	var optional []string
	forced := map[string]Hidden{}
	for _, u := range append([]string{""}, nodeIDsOf(g)...) {
		if g.Subtree(u, "asn").N < int64(k) {
			forced[u] = HiddenSmall
		} else if u != "" {
			optional = append(optional, u)
		}
	}
	groups, respondents = len(optional)+1, 0
	for mask := range 1 << len(optional) {
		hidden := map[string]Hidden{}
		for u, why := range forced {
			hidden[u] = why
		}
		count, people := 0, int64(0)
		for i, u := range optional {
			if mask&(1<<i) != 0 {
				hidden[u] = HiddenComplementary
				count++
				people += g.Subtree(u, "asn").N
			}
		}
		if attack(g, hidden, k) != nil {
			continue
		}
		if count < groups || count == groups && people < respondents {
			groups, respondents = count, people
		}
	}
	return groups, respondents
}

// TestSuppressionIsSafeAndMinimal: over random trees the hidden set resists
// the subtracting attacker, and hides no more groups (then respondents) than
// the cheapest safe set found by trying every one.
func TestSuppressionIsSafeAndMinimal(t *testing.T) {
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 7))
		nodes, direct := randomTree(rng, 11)
		k := 3 + rng.IntN(5)
		g := groupsOf(nodes, direct)
		hidden := g.Suppressed("asn", k)
		if err := attack(g, hidden, k); err != nil {
			t.Fatalf("seed %d (k=%d): %v; tree %v %v; hidden %v", seed, k, err, nodes, direct, hidden)
		}
		count, people := 0, int64(0)
		for u, why := range hidden {
			if why == HiddenComplementary {
				count++
				people += g.Subtree(u, "asn").N
			}
			if (why == HiddenSmall) != (g.Subtree(u, "asn").N < int64(k)) {
				t.Fatalf("seed %d: %q hidden as %q with %d respondents", seed, u, why, g.Subtree(u, "asn").N)
			}
		}
		if wantCount, wantPeople := bruteForceCost(g, k); count != wantCount || people != wantPeople {
			t.Fatalf("seed %d: hid %d groups (%d respondents); the cheapest safe set hides %d (%d)",
				seed, count, people, wantCount, wantPeople)
		}
	}
}

// TestSuppressionLargeTreeIsSafe: a tree far too large to try every set is
// still safe against the attacker.
func TestSuppressionLargeTreeIsSafe(t *testing.T) {
	for seed := range uint64(10) {
		rng := rand.New(rand.NewPCG(seed, 9))
		nodes, direct := randomTree(rng, 400)
		g := groupsOf(nodes, direct)
		if err := attack(g, g.Suppressed("asn", 5), 5); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
}

// TestHidingMoreStaysSafe: any safe hidden set stays safe with more groups
// hidden — what lets a measure resting on several counts hide the union of
// each count's safe set (suppressTogether).
func TestHidingMoreStaysSafe(t *testing.T) {
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 31))
		nodes, direct := randomTree(rng, 12)
		k := 3 + rng.IntN(5)
		g := groupsOf(nodes, direct)
		hidden := map[string]Hidden{}
		for u, why := range g.Suppressed("asn", k) {
			hidden[u] = why
		}
		for _, u := range append([]string{""}, nodeIDsOf(g)...) {
			if hidden[u] == "" && rng.IntN(3) == 0 {
				hidden[u] = HiddenComplementary
			}
		}
		if err := attack(g, hidden, k); err != nil {
			t.Fatalf("seed %d (k = %d): %v; tree %v %v; hidden %v", seed, k, err, nodes, direct, hidden)
		}
	}
}

// TestSafeAgreesWithTheAttacker: the one-pass check suppressTogether uses
// to skip the programme says safe exactly when the attacker finds nothing,
// over random trees and random hidden sets.
func TestSafeAgreesWithTheAttacker(t *testing.T) {
	both := map[bool]int{}
	for seed := range uint64(600) {
		rng := rand.New(rand.NewPCG(seed, 37))
		nodes, direct := randomTree(rng, 10)
		k := 3 + rng.IntN(5)
		g := groupsOf(nodes, direct)
		hidden := map[string]Hidden{}
		for _, u := range append([]string{""}, nodeIDsOf(g)...) {
			if rng.IntN(3) == 0 {
				hidden[u] = HiddenComplementary
			}
		}
		tree := g.shape.index()
		counts := make([]int64, len(tree.ids))
		for i, u := range tree.ids {
			counts[i] = g.directN("asn", u)
		}
		want := attack(g, hidden, k) == nil
		if got := safe(tree, counts, k, hidden); got != want {
			t.Fatalf("seed %d (k = %d): safe says %v, the attacker %v; tree %v %v; hidden %v", seed, k, got, attack(g, hidden, k), nodes, direct, hidden)
		}
		both[want]++
	}
	if both[true] < 20 || both[false] < 20 {
		t.Fatalf("too few of each kind to compare: %v", both)
	}
}
