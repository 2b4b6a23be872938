package questionnaire

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// edit returns the default instrument's YAML with one replacement made, and
// fails if the text to replace is not there exactly once.
func edit(t *testing.T, old, new string) []byte {
	t.Helper()
	src := DefaultYAML()
	if n := bytes.Count(src, []byte(old)); n != 1 {
		t.Fatalf("%q occurs %d times in default.yaml, want once", old, n)
	}
	return bytes.Replace(src, []byte(old), []byte(new), 1)
}

// lineOf is the 1-based line of the first occurrence of s in the default YAML.
func lineOf(t *testing.T, s string) int {
	t.Helper()
	i := bytes.Index(DefaultYAML(), []byte(s))
	if i < 0 {
		t.Fatalf("%q not in default.yaml", s)
	}
	return bytes.Count(DefaultYAML()[:i], []byte("\n")) + 1
}

func TestParseRejectsBadFiles(t *testing.T) {
	limitingLine := "  - {id: kontrol-berlebihan, area: 1, limiting: true,"
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		line func(t *testing.T) int
		msg  string
	}{
		{"duplicate item id",
			func(t *testing.T) []byte { return edit(t, "- id: impl.pelayanan.2\n", "- id: impl.pelayanan.1\n") },
			func(t *testing.T) int { return lineOf(t, "- id: impl.pelayanan.2\n") },
			`duplicate item id "impl.pelayanan.1"`},
		{"unknown scale",
			func(t *testing.T) []byte {
				return edit(t, "      - id: eng.vigor.1\n        type: likert\n        scale: agreement", "      - id: eng.vigor.1\n        type: likert\n        scale: agreeable")
			},
			func(t *testing.T) int { return lineOf(t, "- id: eng.vigor.1") },
			`uses unknown scale "agreeable"`},
		{"values question not asking for 10",
			func(t *testing.T) []byte {
				return edit(t, "- id: values.current\n        type: values\n        pick: 10", "- id: values.current\n        type: values\n        pick: 5")
			},
			func(t *testing.T) int { return lineOf(t, "- id: values.current") },
			`asks for 5 values: it must ask for exactly 10`},
		{"catalogue entry without area",
			func(t *testing.T) []byte { return edit(t, "{id: gosip, area: 2, ", "{id: gosip, ") },
			func(t *testing.T) int { return lineOf(t, "{id: gosip,") },
			`catalogue entry "gosip" has no ` + "`area`"},
		{"limiting entry outside areas 1..3",
			func(t *testing.T) []byte {
				return edit(t, limitingLine, "  - {id: kontrol-berlebihan, area: 5, limiting: true,")
			},
			func(t *testing.T) int { return lineOf(t, limitingLine) },
			`is limiting in area 5`},
		{"missing translation",
			func(t *testing.T) []byte {
				return edit(t, `en: "How often do colleagues in your unit share what they know and help others learn?"`, `en: ""`)
			},
			func(t *testing.T) int { return lineOf(t, "- id: impl.kompeten.2") },
			`item "impl.kompeten.2" has no English translation`},
		{"YAML syntax",
			func(t *testing.T) []byte { return edit(t, `version: "2026.1"`, `version: "2026.1`) },
			func(t *testing.T) int { return 0 }, // the parser names the line it gave up on
			`YAML`},
		{"unknown field inside an item",
			func(t *testing.T) []byte {
				return edit(t, "      - id: impl.loyal.3\n        type: likert", "      - id: impl.loyal.3\n        typo: likert\n        type: likert")
			},
			func(t *testing.T) int { return lineOf(t, "- id: impl.loyal.3") + 1 },
			`field typo is not known here`},
		{"methodology item missing",
			func(t *testing.T) []byte {
				return edit(t, "      - id: brand.intent.3\n", "      - id: brand.intent.4\n")
			},
			func(t *testing.T) int { return 1 },
			`item "brand.intent.3" of the branding module is missing`},
		{"scale with the wrong range for its item",
			func(t *testing.T) []byte {
				return edit(t, "      - id: eng.recommend\n        type: likert\n        scale: likelihood", "      - id: eng.recommend\n        type: likert\n        scale: agreement")
			},
			func(t *testing.T) int { return lineOf(t, "- id: eng.recommend") },
			`must use a 0..10 scale`},
		{"catalogue too small",
			func(t *testing.T) []byte {
				src := DefaultYAML()
				cut := bytes.Index(src, []byte("  - {id: kesejahteraan,"))
				end := bytes.Index(src, []byte("  - {id: kontrol-berlebihan,"))
				return append(append([]byte{}, src[:cut]...), src[end:]...)
			},
			func(t *testing.T) int { return 1 },
			`the methodology needs at least 50`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("custom.yaml", tc.data(t))
			var pl *ProblemList
			if !errors.As(err, &pl) {
				t.Fatalf("Parse returned %v, want a ProblemList", err)
			}
			wantLine := tc.line(t)
			for _, p := range pl.Problems {
				if strings.Contains(p.Msg, tc.msg) && (wantLine == 0 || p.Line == wantLine) {
					if !strings.Contains(err.Error(), "custom.yaml:") {
						t.Errorf("message %q does not name the file", err)
					}
					return
				}
			}
			t.Fatalf("no problem %q at line %d; got:\n%v", tc.msg, wantLine, err)
		})
	}
}

// TestParseReportsEveryProblem: one message per problem, not just the first.
func TestParseReportsEveryProblem(t *testing.T) {
	data := edit(t, "{id: gosip, area: 2, ", "{id: gosip, ")
	data = bytes.Replace(data, []byte("{id: birokratis, area: 3,"), []byte("{id: birokratis, area: 4,"), 1)
	_, err := Parse("two.yaml", data)
	var pl *ProblemList
	if !errors.As(err, &pl) || len(pl.Problems) != 2 {
		t.Fatalf("want exactly 2 problems, got %v", err)
	}
	if pl.Problems[0].Line >= pl.Problems[1].Line {
		t.Errorf("problems are not in line order: %v", pl.Problems)
	}
}

func TestParseEmptyFile(t *testing.T) {
	if _, err := Parse("empty.yaml", nil); err == nil || !strings.Contains(err.Error(), "empty.yaml:1: the file is empty") {
		t.Fatalf("want a message naming the empty file, got %v", err)
	}
}
