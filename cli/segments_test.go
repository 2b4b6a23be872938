package cli

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestScoresJSONSegments: a closed survey's scores --json carries each
// audience's segments; a shown public segment's employer branding index is
// the mean of its respondents' own indices, 25/24·(A + 4·I − 24), worked out
// here from the responses imported; a unit's scores carry none; a survey
// never closed has none; the segment question cannot change once taken.
func TestScoresJSONSegments(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "s.db"))
	if _, stderr, code := run(t, "org", "import", writeFile(t, "org.csv", orgCSV), "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	asn, _ := sampleJSONL(t, 5, map[string]int{"kem": 30, "setjen": 40, "itjen": 20}, questionnaire.AudienceASN)
	public, publicRs := sampleJSONL(t, 6, map[string]int{"kem": 60}, questionnaire.AudiencePublic)
	for _, f := range []string{asn, public} {
		if _, stderr, code := run(t, "import", f, "--db", dbPath); code != 0 {
			t.Fatal(stderr)
		}
	}
	read := func(args ...string) scoresOut { return scoresDoc(t, dbPath, args...) }
	if doc := read(); len(doc.Segments) != 0 {
		t.Fatalf("segments before the survey closed: %+v", doc.Segments)
	}
	if _, stderr, code := run(t, "survey", "set", "2026", "--status", "closed", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	doc := read()
	if len(doc.Segments) != 2 || doc.Segments[0].Item != "demo.tenure" || doc.Segments[1].Item != "demo.status" {
		t.Fatalf("segments = %+v", doc.Segments)
	}
	checked := 0
	for _, seg := range doc.Segments[1].Segments {
		if seg.Hidden != "" {
			if seg.Scores != nil {
				t.Fatalf("hidden segment %q has figures", seg.Answer)
			}
			continue
		}
		var sum float64
		var n int
		for _, r := range publicRs {
			if r.Answers.Choice["demo.status"] != seg.Answer {
				continue
			}
			a, i := 0, 0
			for key, v := range r.Answers.Scale {
				switch {
				case strings.HasPrefix(key, "brand.attr."):
					a += v
				case strings.HasPrefix(key, "brand.intent."):
					i += v
				}
			}
			sum += 25.0 / 24 * float64(a+4*i-24)
			n++
		}
		got := seg.Scores.EmployerBranding
		if got == nil || got.N != int64(n) || math.Abs(got.Index-sum/float64(n)) > 1e-9 {
			t.Fatalf("segment %q: %+v; want index %.4f over %d", seg.Answer, got, sum/float64(n), n)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no public segment shown")
	}
	if unit := read("--unit", "setjen"); len(unit.Segments) != 0 {
		t.Fatal("a unit's scores carry the whole survey's segments")
	}
	for unit, want := range map[string]bool{"": true, "setjen": false} { // a unit's report (a scoped admin's) has none
		out := filepath.Join(t.TempDir(), "r.html")
		if _, stderr, code := run(t, "report", "--unit", unit, "--out", out, "--db", dbPath); code != 0 {
			t.Fatal(stderr)
		}
		html, _ := os.ReadFile(out)
		if got := strings.Contains(string(html), `id="segments"`); got != want {
			t.Fatalf("report of unit %q: segments section %t, want %t", unit, got, want)
		}
	}
	_, stderr, code := run(t, "survey", "set", "2026", "--segment", "public=demo.field", "--db", dbPath)
	if code == 0 || !strings.Contains(stderr, "cannot change") {
		t.Fatalf("changing the segment question after it was taken: code %d, %s", code, stderr)
	}
}
