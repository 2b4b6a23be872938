package scoring

import (
	"slices"
	"testing"
)

func TestNaturalOrderReadsNumbersAsNumbers(t *testing.T) {
	ids := []string{"p10", "p2", "p1", "p0", "p11", "p2-d10", "p2-d9", "a", "p007", "p7", "99999999999999999999", "100"}
	slices.SortFunc(ids, CompareNatural)
	want := []string{"100", "99999999999999999999", "a", "p0", "p1", "p2", "p2-d9", "p2-d10", "p007", "p7", "p10", "p11"}
	if !slices.Equal(ids, want) {
		t.Errorf("sorted %q, want %q", ids, want)
	}
}

func TestSiblingsFollowTheirOrderThenNaturalIDs(t *testing.T) {
	nodes := []Node{{ID: "root"}, {ID: "u10", Parent: "root"}, {ID: "u2", Parent: "root"}, {ID: "z", Parent: "root", Order: 2},
		{ID: "y", Parent: "root", Order: 1}, {ID: "u1", Parent: "root"}}
	g := NewGroups(nodes, nil, nil)
	if got, want := g.Children("root"), []string{"y", "z", "u1", "u2", "u10"}; !slices.Equal(got, want) {
		t.Errorf("children %q, want %q", got, want)
	}
}
