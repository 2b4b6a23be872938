package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/codes"
	"github.com/berakhlak/berakhlak/db"
)

// TestANewSurveyKeepsTheSettingsOfTheOneBefore: the next period's survey
// takes the settings of the one before it — sealing and codes above all, so
// that an agency's raw responses do not stop being sealed in the new year —
// and says so; never its targets. --from none starts from the defaults,
// --from names another survey, and a survey with none before it gets the
// defaults.
func TestANewSurveyKeepsTheSettingsOfTheOneBefore(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	recipient := id.Recipient().String()
	dbPath := newDB(t, filepath.Join(t.TempDir(), "s.db")) // this year's survey: 2026
	if _, stderr, code := run(t, "survey", "set", "2026", "--k", "8", "--require-code", "true", "--recipient", recipient,
		"--min", "engagement=140", "--asn-modules", "implementation,values", "--segment", "public=demo.field", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := run(t, "targets", "set", "implementation=60", "--survey", "2026", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}

	out, stderr, code := run(t, "survey", "create", "2027", "--db", dbPath)
	if code != 0 {
		t.Fatal(stderr)
	}
	for _, said := range []string{"taken from survey 2026", "k = 8", "raw responses sealed to " + recipient[:10], "need a participation code", "public=demo.field"} {
		if !strings.Contains(out, said) {
			t.Errorf("survey create does not say %q:\n%s", said, out)
		}
	}
	next := surveyJSON(t, dbPath, "2027")
	for field, want := range map[string]any{
		"open": true, "k": 8.0, "require_code": true, "recipient": recipient,
		"publication_minimums": map[string]any{"engagement": 140.0},
		"segments":             map[string]any{"public": "demo.field"},
	} {
		if !reflect.DeepEqual(next[field], want) {
			t.Errorf("2027 %s = %v, want %v (taken from 2026)", field, next[field], want)
		}
	}
	if mods := next["modules"].(map[string]any)["asn"]; !reflect.DeepEqual(mods, []any{"implementation", "values"}) {
		t.Errorf("2027's ASN modules %v, want 2026's", mods)
	}
	if targets, ok := next["targets"]; ok {
		t.Errorf("2027 took 2026's targets %v", targets)
	}

	if _, stderr, code := run(t, "survey", "create", "2028", "--from", "none", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	if fresh := surveyJSON(t, dbPath, "2028"); fresh["k"] != 5.0 || fresh["recipient"] != nil || fresh["require_code"] != nil {
		t.Errorf("--from none: %v, want the defaults", fresh)
	}
	if _, stderr, code := run(t, "survey", "create", "2029", "--from", "2026", "--k", "12", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	if named := surveyJSON(t, dbPath, "2029"); named["k"] != 12.0 || named["recipient"] != recipient {
		t.Errorf("--from 2026 --k 12: %v, want 2026's sealing and k 12", named)
	}
	if _, stderr, code := run(t, "survey", "create", "2030", "--from", "1999", "--db", dbPath); code == 0 || !strings.Contains(stderr, "--from 1999: survey 1999 does not exist") {
		t.Errorf("--from a survey that does not exist: exit %d, %s", code, stderr)
	}
	if out, _, code := run(t, "survey", "create", "2025", "--db", dbPath); code != 0 || strings.Contains(out, "taken from") {
		t.Errorf("the earliest survey: exit %d, %s", code, out)
	}
	if first := surveyJSON(t, dbPath, "2025"); first["k"] != 5.0 || first["recipient"] != nil {
		t.Errorf("a survey with none before it: %v, want the defaults", first)
	}
}

// TestANewSurveyRefusesASegmentItCannotTake: a segment question of the
// survey before that this instrument cannot split by (an instrument
// revised between the years) is refused, saying what to give instead, and
// nothing is created.
func TestANewSurveyRefusesASegmentItCannotTake(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "s.db"))
	store, err := db.Open(dbPath, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	before, _, err := store.Survey("2026")
	if err == nil {
		before.Segments = map[string]string{"public": "demo.gone"} // as an earlier instrument had it
		err = store.SaveSurvey(before)
	}
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	_, stderr, code := run(t, "survey", "create", "2027", "--db", dbPath)
	if code == 0 || !strings.Contains(stderr, "splits public by demo.gone") || !strings.Contains(stderr, "give --segment") {
		t.Fatalf("exit %d, %s", code, stderr)
	}
	if out, _, _ := run(t, "survey", "list", "--db", dbPath); strings.Contains(out, "2027") {
		t.Errorf("the refused survey was created:\n%s", out)
	}
	if _, stderr, code := run(t, "survey", "create", "2027", "--segment", "public=demo.status", "--db", dbPath); code != 0 {
		t.Errorf("with the segment given: exit %d, %s", code, stderr)
	}
}

// TestSurveyRemoveTakesAMistakeOnly: `survey remove` takes away a survey
// made by mistake, which respondents would otherwise answer as the latest,
// and says which survey is the latest now; a survey with codes issued, or
// the only one, is refused with the reason and kept.
func TestSurveyRemoveTakesAMistakeOnly(t *testing.T) {
	dir := t.TempDir()
	dbPath := newDB(t, filepath.Join(dir, "s.db")) // this year's survey: 2026
	for _, args := range [][]string{{"survey", "create", "2072"}, {"survey", "create", "2027"},
		{"codes", "generate", "--unit", "root", "--count", "2", "--survey", "2027", "--out", filepath.Join(dir, "codes.csv")}} {
		if _, stderr, code := run(t, append(args, "--db", dbPath)...); code != 0 {
			t.Fatal(stderr)
		}
	}
	out, stderr, code := run(t, "survey", "remove", "2072", "--db", dbPath)
	if code != 0 || !strings.Contains(out, "survey 2072 removed; the latest survey is now 2027 (open)") {
		t.Fatalf("survey remove 2072: exit %d, %s %s", code, out, stderr)
	}
	if _, stderr, code := run(t, "survey", "remove", "2027", "--db", dbPath); code == 0 || !strings.Contains(stderr, "survey 2027 has participation codes") ||
		!strings.Contains(stderr, "--void-codes") {
		t.Errorf("removing a survey with codes: exit %d, %s", code, stderr)
	}
	out, _, _ = run(t, "survey", "list", "--db", dbPath)
	if strings.Contains(out, "2072") || !strings.Contains(out, "2027") || !strings.Contains(out, "2026") {
		t.Errorf("survey list after the removals:\n%s", out)
	}
}

// TestSurveyRemoveVoidsCodesIssuedByMistake: a mistaken survey whose codes
// were printed before anyone saw the mistake is removed with --void-codes;
// its slips stop working, the survey meant keeps its own codes, and a
// survey that holds a response is still refused.
func TestSurveyRemoveVoidsCodesIssuedByMistake(t *testing.T) {
	dir := t.TempDir()
	dbPath := newDB(t, filepath.Join(dir, "s.db")) // this year's survey
	year := fmt.Sprint(time.Now().Year())
	for _, args := range [][]string{
		{"codes", "generate", "--unit", "root", "--count", "2", "--out", filepath.Join(dir, "meant.csv")},
		{"survey", "create", "2072"},
		{"codes", "generate", "--unit", "root", "--count", "3", "--out", filepath.Join(dir, "mistaken.csv")},
	} {
		if _, stderr, code := run(t, append(args, "--db", dbPath)...); code != 0 {
			t.Fatal(stderr)
		}
	}
	out, stderr, code := run(t, "survey", "remove", "2072", "--void-codes", "--db", dbPath)
	if code != 0 || !strings.Contains(out, "survey 2072 removed; the latest survey is now "+year) ||
		!strings.Contains(out, "3 participation codes of survey 2072 voided") {
		t.Fatalf("survey remove 2072 --void-codes: exit %d, %s %s", code, out, stderr)
	}
	store, err := db.Open(dbPath, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for file, survey := range map[string]string{"mistaken.csv": "2072", "meant.csv": year} {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n")[1:] {
			code, _ := codes.Normalise(strings.Split(line, ",")[0])
			_, err := store.CodeUnit(year, code)
			switch {
			case survey == "2072" && !errors.Is(err, db.ErrCodeUnknown):
				t.Errorf("a voided code of 2072 (%s): %v; want it unknown", code, err)
			case survey == year && err != nil:
				t.Errorf("a code of %s (%s) no longer works: %v", year, code, err)
			}
		}
	}
	counts, err := store.CodeCounts("2072")
	if err != nil || len(counts) != 0 {
		t.Errorf("the counts of 2072's codes are kept: %v %v", counts, err)
	}
}
