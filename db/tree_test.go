package db

import (
	"strings"
	"testing"
)

// The tree's rules hold whoever replaces it, not only `org import`: the
// store refuses, changing nothing, a tree with a cycle, an unknown parent,
// a repeated or unsafe id, a name a terminal could act on, or no root.
func TestStoreRefusesABrokenTree(t *testing.T) {
	s := openTemp(t)
	good := []Unit{{ID: "root", Name: "Instansi"}, {ID: "a", Parent: "root", Name: "A", Headcount: 7}}
	if err := s.ReplaceUnits(good); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		units []Unit
		want  string
	}{
		{"a cycle", []Unit{{ID: "root"}, {ID: "a", Parent: "b"}, {ID: "b", Parent: "a"}}, "is its own ancestor: a → b → a"},
		{"an unknown parent", []Unit{{ID: "root"}, {ID: "a", Parent: "zz"}}, `parent "zz" of unit "a" is not in the tree`},
		{"an id twice", []Unit{{ID: "root"}, {ID: "a", Parent: "root"}, {ID: "a", Parent: "root"}}, `unit 3: duplicate id "a" (first on unit 2)`},
		{"an unsafe id", []Unit{{ID: "root"}, {ID: "a b\x1b", Parent: "root"}}, "may use only letters"},
		{"a name with an escape", []Unit{{ID: "root", Name: "Biro\x1b[2J"}}, "characters a terminal could act on"},
		{"a negative headcount", []Unit{{ID: "root", Headcount: -1}}, "headcount -1"},
		{"no root", []Unit{{ID: "a", Parent: "b"}, {ID: "b", Parent: "a"}}, "the tree needs a root"},
	} {
		if err := s.ReplaceUnits(tc.units); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
		if units, _ := s.Units(); len(units) != 2 || units[0] != good[1] {
			t.Fatalf("%s: the stored tree changed: %+v", tc.name, units)
		}
	}
}
