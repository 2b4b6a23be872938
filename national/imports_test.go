package national

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The national view reads records whatever carried them: it imports no
// transport (NATS) and no agency storage, so it can be tested, sized and
// reasoned about as pure data.
func TestNationalViewImportsNoTransport(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range parsed.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.Contains(path, "nats") || strings.HasSuffix(path, "berakhlak/relay") || strings.HasSuffix(path, "berakhlak/db") {
				t.Errorf("%s imports %s", f, path)
			}
		}
	}
}
