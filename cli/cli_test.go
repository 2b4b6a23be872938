package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// run runs the command line and returns stdout, stderr and the exit code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func TestInstrumentJSONHasCatalogueAndReasons(t *testing.T) {
	out, stderr, code := run(t, "instrument", "--json", "--db", filepath.Join(t.TempDir(), "x.db"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Catalogue []map[string]any `json:"catalogue"`
		Reasons   []map[string]any `json:"reasons"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Catalogue) < 50 || len(doc.Reasons) != 10 {
		t.Fatalf("catalogue %d, reasons %d", len(doc.Catalogue), len(doc.Reasons))
	}
	var keys []string
	for k := range doc.Catalogue[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if strings.Join(keys, ",") != "area,id,label,limiting" {
		t.Errorf("catalogue entry keys %v, want id, area, limiting, label", keys)
	}
	label, _ := doc.Catalogue[0]["label"].(map[string]any)
	if label["id"] == "" || label["en"] == "" {
		t.Errorf("catalogue label %v lacks id/en", label)
	}
}

func TestExportPrintsInterchangeRecord(t *testing.T) {
	path := newDB(t, filepath.Join(t.TempDir(), "k.db"))
	in := questionnaire.Default()
	r := &questionnaire.Response{ID: questionnaire.NewResponseID(), Survey: "2026", Unit: "root", Audience: "asn",
		Date: "2026-11-27", Instrument: in.Version, Answers: questionnaire.Answers{Scale: map[string]int{}, Picks: map[string][]string{}}}
	for _, it := range questionnaire.RequiredItems() {
		switch {
		case it.Audience != "asn":
		case it.Type == questionnaire.TypeValues:
			var ids []string
			for _, v := range in.Catalogue[:10] {
				ids = append(ids, v.ID)
			}
			r.Answers.Picks[it.ID] = ids
		default:
			r.Answers.Scale[it.ID] = it.Max
		}
	}
	store, err := db.Open(path, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SaveResponse(r); err != nil {
		t.Fatal(err)
	}
	store.Close()

	out, stderr, code := run(t, "export", "--format", "jsonl", "--db", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d lines, want 1", len(lines))
	}
	var rec map[string]json.RawMessage
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	var fields []string
	for k := range rec {
		fields = append(fields, k)
	}
	sort.Strings(fields)
	if got := strings.Join(fields, ","); got != "answers,audience,date,id,instrument,survey,unit" {
		t.Errorf("record fields %s", got)
	}
	if !regexp.MustCompile(`^"[0-9a-f]{32}"$`).Match(rec["id"]) || string(rec["date"]) != `"2026-11-27"` {
		t.Errorf("id %s, date %s", rec["id"], rec["date"])
	}
	var back questionnaire.Response
	json.Unmarshal([]byte(lines[0]), &back)
	if err := in.CheckResponse(&back); err != nil {
		t.Errorf("exported record is not a valid response: %v", err)
	}
}

func TestClosedSurveyIsRefusedAtTheKiosk(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "c.db"))
	run(t, "survey", "set", "2026", "--status", "closed", "--db", dbPath)
	_, stderr, code := run(t, "--db", dbPath)
	if code == 0 || !strings.Contains(stderr, "survey 2026 is closed") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

// Whole numbers on the command line are read as people write them: the
// flag library had read "--k 010" as octal 8, a smaller minimum group than
// the 10 meant, and "0x10" as 16.
func TestIntFlagsAreDecimal(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "k.db"))
	if _, stderr, code := run(t, "survey", "set", "2026", "--k", "010", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	if k := surveyJSON(t, dbPath, "2026")["k"]; k != 10.0 {
		t.Fatalf("--k 010 stored k = %v, want 10", k)
	}
	for _, typed := range []string{"0x10", "1_0", "ten"} {
		if _, stderr, code := run(t, "survey", "set", "2026", "--k", typed, "--db", dbPath); code == 0 || !strings.Contains(stderr, fmt.Sprintf("%q is not a whole number", typed)) {
			t.Errorf("--k %s: exit %d %s", typed, code, stderr)
		}
	}
	if k := surveyJSON(t, dbPath, "2026")["k"]; k != 10.0 {
		t.Fatalf("after refused flags k = %v, want 10 still", k)
	}
}

func TestErrorsGoToStderrWithExitCode(t *testing.T) {
	_, stderr, code := run(t, "export", "--format", "xml", "--db", filepath.Join(t.TempDir(), "x.db"))
	if code == 0 || !strings.Contains(stderr, `--format "xml" is not supported`) {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = run(t, "--unit", "nowhere", "--db", newDB(t, filepath.Join(t.TempDir(), "y.db")))
	if code == 0 || !strings.Contains(stderr, `unit "nowhere" is not in the organisation tree`) {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

// newDB creates a database at path, as `berakhlak init` does, and returns
// the path: no other command creates one.
func newDB(t *testing.T, path string) string {
	t.Helper()
	if _, stderr, code := run(t, "init", "--db", path); code != 0 {
		t.Fatalf("init %s: %s", path, stderr)
	}
	return path
}

// No database by accident: a command given a --db that names nothing
// refuses, says how to make one, and creates neither the file nor its
// folder; the kiosk too, unless --create; `init` makes one, once.
func TestNoDatabaseByAccident(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing", "x.db")
	org := filepath.Join(dir, "org.csv")
	os.WriteFile(org, []byte(orgCSV), 0o600)
	for _, args := range [][]string{{"scores"}, {"org", "import", org}, {"survey", "list"}, {"export"}, {"--unit", "root"}} {
		_, stderr, code := run(t, append(args, "--db", missing)...)
		if code != 1 || !strings.Contains(stderr, "no database at "+missing) || !strings.Contains(stderr, "berakhlak init --db") {
			t.Errorf("%v on a missing database: exit %d, %q", args, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Dir(missing)); !os.IsNotExist(err) {
		t.Fatalf("a refused command created %s", filepath.Dir(missing))
	}
	if out, stderr, code := run(t, "init", "--db", missing); code != 0 || !strings.Contains(out, "database created at "+missing) {
		t.Fatalf("init: %d %s %s", code, out, stderr)
	}
	if out, _, code := run(t, "init", "--db", missing); code != 0 || !strings.Contains(out, "already") {
		t.Fatalf("init again: %d %s", code, out)
	}
	if _, stderr, code := run(t, "scores", "--db", missing); code != 0 {
		t.Fatalf("scores after init: %s", stderr)
	}
}
