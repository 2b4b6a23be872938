package scoring

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// groupsOf builds a tree where each unit has the given number of direct ASN
// respondents (each answering implementation with 4s).
func groupsOf(nodes []Node, direct map[string]int) *Groups {
	aggs := map[string]*Aggregate{}
	for u, n := range direct {
		a := NewAggregate()
		for range n {
			a.Add(asn(implAnswers(4, nil), nil))
		}
		aggs[u] = a
	}
	return NewGroups(nodes, map[string]map[string]*Aggregate{questionnaire.AudienceASN: aggs}, nil)
}

func hiddenList(h map[string]Hidden) []string {
	var out []string
	for u, why := range h {
		if why != "" {
			out = append(out, u)
		}
	}
	sort.Strings(out)
	return out
}

// TestSuppressionAtK: with k = 5 a unit of 4 (k−1) is hidden and a unit of 5
// (k) is shown; here their parent has no respondents of its own, so hiding
// the 4 forces the 5 to be hidden too (parent − 5 = 4), and a third sibling
// of 6 stays visible: hidden parts 4 + 5 = 9 ≥ k.
func TestSuppressionAtK(t *testing.T) {
	g := groupsOf([]Node{{ID: "p"}, {ID: "a", Parent: "p"}, {ID: "b", Parent: "p"}, {ID: "c", Parent: "p"}},
		map[string]int{"a": 4, "b": 5, "c": 6})
	if got := hiddenList(g.Suppressed("asn", 5)); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Fatalf("hidden %v, want [a b]", got)
	}
	// Alone under a parent with 10 direct respondents of its own, a unit of
	// exactly k is shown and one of k−1 is not.
	g = groupsOf([]Node{{ID: "p"}, {ID: "x", Parent: "p"}}, map[string]int{"p": 10, "x": 5})
	if got := hiddenList(g.Suppressed("asn", 5)); len(got) != 0 {
		t.Fatalf("with k respondents: hidden %v, want none", got)
	}
	g = groupsOf([]Node{{ID: "p"}, {ID: "x", Parent: "p"}}, map[string]int{"p": 10, "x": 4})
	if got := hiddenList(g.Suppressed("asn", 5)); !reflect.DeepEqual(got, []string{"x"}) {
		t.Fatalf("with k−1 respondents: hidden %v, want [x]", got)
	}
}

// TestComplementarySuppression: a parent with two children, one below k.
// Showing the parent and the other child would give the small one by
// subtraction, so the other child is hidden too; it is covered by its two
// sub-units, so one of them (the smaller) goes with it, and the other stays.
func TestComplementarySuppression(t *testing.T) {
	g := groupsOf([]Node{{ID: "p"}, {ID: "small", Parent: "p"}, {ID: "big", Parent: "p"}, {ID: "big.1", Parent: "big"}, {ID: "big.2", Parent: "big"}},
		map[string]int{"small": 2, "big.1": 20, "big.2": 30})
	h := g.Suppressed("asn", 5)
	if got := hiddenList(h); !reflect.DeepEqual(got, []string{"big", "big.1", "small"}) {
		t.Fatalf("hidden %v, want big, big.1 and small", got)
	}
	if h["small"] != HiddenSmall || h["big"] != HiddenComplementary || h["big.1"] != HiddenComplementary {
		t.Fatalf("reasons %v", h)
	}
	// The parent is still shown: its total hides both parts.
	if h["p"] != "" || h[""] != "" {
		t.Fatal("the parent or the whole survey was hidden")
	}
	// Merged figures of the parent still count every respondent.
	if n := g.Subtree("p", "asn").N; n != 52 {
		t.Fatalf("parent has %d respondents, want 52", n)
	}
}

// TestHiddenSiblingKeepsItsSubUnits is the tree of the privacy issue:
// parent (4 of its own) → A 110, B (B1 55, B2 3), C 83. B2 is below k; B
// shown would give B − B1 = 3, so B is hidden, and the parent's remainder is
// then 4 + 3 = 7 ≥ k: A, B1 and C stay shown.
func TestHiddenSiblingKeepsItsSubUnits(t *testing.T) {
	g := groupsOf([]Node{{ID: "p"}, {ID: "A", Parent: "p"}, {ID: "B", Parent: "p"}, {ID: "B1", Parent: "B"}, {ID: "B2", Parent: "B"}, {ID: "C", Parent: "p"}},
		map[string]int{"p": 4, "A": 110, "B1": 55, "B2": 3, "C": 83})
	h := g.Suppressed("asn", 5)
	want := map[string]Hidden{"B": HiddenComplementary, "B2": HiddenSmall}
	if !reflect.DeepEqual(h, want) {
		t.Fatalf("hidden %v, want %v", h, want)
	}
}

// TestDirectRespondentsAreAHiddenPart: 3 people answered at the parent unit
// itself; its one child of 40 must be hidden, or parent − child = those 3.
func TestDirectRespondentsAreAHiddenPart(t *testing.T) {
	g := groupsOf([]Node{{ID: "p"}, {ID: "c", Parent: "p"}}, map[string]int{"p": 3, "c": 40})
	if got := hiddenList(g.Suppressed("asn", 5)); !reflect.DeepEqual(got, []string{"c"}) {
		t.Fatalf("hidden %v, want [c]", got)
	}
}

func TestWholeSurveyBelowK(t *testing.T) {
	g := groupsOf([]Node{{ID: "a"}, {ID: "b"}}, map[string]int{"a": 2, "b": 1})
	if g.Suppressed("asn", 5)[""] != HiddenSmall {
		t.Fatal("a survey of 3 respondents is shown with k = 5")
	}
}

// TestCountEqualsMergedN: Count gives the n a full merge gives, without it.
func TestCountEqualsMergedN(t *testing.T) {
	g := groupsOf([]Node{{ID: "p"}, {ID: "a", Parent: "p"}, {ID: "b", Parent: "a"}}, map[string]int{"p": 2, "a": 3, "b": 4})
	for _, u := range []string{"", "p", "a", "b"} {
		if c, m := g.Count(u, "asn"), g.Subtree(u, "asn").N; c != m || c == 0 {
			t.Errorf("Count(%q) = %d, merged n = %d", u, c, m)
		}
	}
	if g.Count("p", "public") != 0 {
		t.Error("public respondents counted where there are none")
	}
}

// TestRememberedSubtreesEqualMerging: on random trees, every unit's subtree
// — asked for in a random order, parents before or after children, twice —
// equals merging its units' aggregates one by one, and a caller changing the
// result changes nothing remembered.
func TestRememberedSubtreesEqualMerging(t *testing.T) {
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(11, 11))
	for round := range 5 {
		nodes := []Node{{ID: "r"}}
		direct := map[string]map[string]*Aggregate{"asn": {}}
		for i := 1; i < 40; i++ {
			id := fmt.Sprintf("u%d", i)
			nodes = append(nodes, Node{ID: id, Parent: nodes[rng.IntN(len(nodes))].ID})
		}
		for _, n := range nodes {
			if rng.IntN(3) > 0 {
				a := NewAggregate()
				for range 1 + rng.IntN(4) {
					a.Add(in.SampleResponse(rng, "asn", "2026", n.ID, "2026-11-27", 0.1))
				}
				direct["asn"][n.ID] = a
			}
		}
		g := NewGroups(nodes, direct, nil)
		naive := func(unit string) *Aggregate {
			out := NewAggregate()
			g.each(unit, func(u string) { out.Merge(direct["asn"][u]) })
			return out
		}
		order := append([]string{""}, func() []string {
			var ids []string
			for _, n := range nodes {
				ids = append(ids, n.ID)
			}
			return ids
		}()...)
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for pass := range 2 {
			for _, u := range order {
				got, want := g.Subtree(u, "asn"), naive(u)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("round %d pass %d: subtree of %q differs from merging its units", round, pass, u)
				}
				got.Merge(want) // the caller's copy: must not reach what is remembered
			}
		}
	}
}
