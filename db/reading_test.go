package db

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/scoring"
)

// A reader cannot be handed live aggregates: scoring's figures are built
// only over scoring.Released, which the store's live sums are not
// assignable to, and no code but the store makes Released values.
func TestReadersCannotBeHandedLiveAggregates(t *testing.T) {
	figuresFrom := reflect.TypeOf(scoring.NewGroups).In(1)
	if figuresFrom != reflect.TypeOf(scoring.Released(nil)) {
		t.Fatalf("scoring.NewGroups builds figures over %v, want scoring.Released", figuresFrom)
	}
	for _, live := range []reflect.Type{
		reflect.TypeOf(Aggregates(nil)),
		reflect.TypeOf((*Store).SurveyAggregates).Out(0),
		reflect.TypeOf((*Store).RecomputeAggregates).Out(0),
	} {
		if live.AssignableTo(figuresFrom) {
			t.Errorf("live sums %v can be handed to scoring.NewGroups", live)
		}
	}
	if got := reflect.TypeOf((*Store).Released).Out(0); got != figuresFrom {
		t.Errorf("Store.Released returns %v, want scoring.Released", got)
	}

	// A conversion (scoring.Released(live)) would compile: none may exist
	// outside tests, and only package db builds Released values at all.
	root := ".."
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		inDB := filepath.Dir(path) == filepath.Join(root, "db")
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if namesReleased(n.Fun, file.Name.Name) {
					t.Errorf("%s converts to scoring.Released: figures must come from Store.Reading", path)
				}
			case *ast.CompositeLit:
				if namesReleased(n.Type, file.Name.Name) && !inDB {
					t.Errorf("%s builds a scoring.Released: only the store makes them", path)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// namesReleased says whether expr names scoring.Released (Released inside
// package scoring).
func namesReleased(expr ast.Expr, pkg string) bool {
	switch e := expr.(type) {
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		return ok && x.Name == "scoring" && e.Sel.Name == "Released"
	case *ast.Ident:
		return pkg == "scoring" && e.Name == "Released"
	case *ast.ParenExpr:
		return namesReleased(e.X, pkg)
	}
	return false
}

// A reading's counts, the counts by day the national records carry, and
// the live sums agree; its figures hold only what was released.
func TestReadingCountsAgreeWithTheLiveSums(t *testing.T) {
	s := openTemp(t)
	for i := range 13 {
		r := sampleResponse()
		r.Date = []string{"2026-11-27", "2026-11-28"}[i%2]
		if err := s.SaveResponse(r); err != nil {
			t.Fatal(err)
		}
	}
	r, err := s.Reading("2026", nil)
	if err != nil {
		t.Fatal(err)
	}
	live, _ := s.SurveyAggregates("2026")
	days, err := s.LiveDays("2026")
	if err != nil {
		t.Fatal(err)
	}
	want := live["asn"][RootUnitID]
	if r.Live["asn"][RootUnitID] != 13 || want.N != 13 || days["asn"][RootUnitID]["2026-11-27"] != 7 || days["asn"][RootUnitID]["2026-11-28"] != 6 {
		t.Fatalf("counts: reading %v, live %d, by day %v", r.Live, want.N, days)
	}
	if r.Days["2026-11-27"] != 7 || r.Days["2026-11-28"] != 6 {
		t.Fatalf("reading's days %v", r.Days)
	}
	var released int64
	for _, a := range r.Released["asn"] {
		released += a.N
	}
	if released != 10 || r.Groups.ReleasedCount("", "asn") != 10 || r.Groups.Count("", "asn") != 13 {
		t.Fatalf("released %d (groups: %d of %d), want 10 of 13 in steps of k = 5", released, r.Groups.ReleasedCount("", "asn"), r.Groups.Count("", "asn"))
	}
}
