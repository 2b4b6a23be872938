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
