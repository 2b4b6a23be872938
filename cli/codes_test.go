package cli

import (
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/codes"
	"github.com/berakhlak/berakhlak/db"
)

func TestCodesGenerate(t *testing.T) {
	dir := t.TempDir()
	dbPath := newDB(t, filepath.Join(dir, "c.db"))
	out := filepath.Join(dir, "setjen.csv")
	if _, stderr, code := run(t, "codes", "generate", "--unit", "root", "--count", "20", "--out", out, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	f, _ := os.Open(out)
	records, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(records) != 21 || strings.Join(records[0], ",") != "code,unit,survey" || records[1][2] != "2026" {
		t.Fatalf("csv %v, %v", records, err)
	}
	sheet, _ := os.ReadFile(filepath.Join(dir, "setjen.sheet.txt"))
	if !strings.Contains(string(sheet), records[1][0]) || strings.Count(string(sheet), "✂") != 21 || !strings.Contains(string(sheet), "Survei BerAKHLAK 2026 · ") {
		t.Fatalf("the sheet does not hold the 20 codes as slips")
	}
	store, err := db.Open(dbPath, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, rec := range records[1:] {
		c, err := codes.Normalise(rec[0])
		if err != nil {
			t.Fatal(err)
		}
		if unit, err := store.CodeUnit("2026", c); err != nil || unit != "root" {
			t.Fatalf("generated code %s: %q, %v", rec[0], unit, err)
		}
	}
	if _, stderr, code := run(t, "codes", "generate", "--unit", "nowhere", "--count", "2", "--db", newDB(t, filepath.Join(dir, "d.db"))); code == 0 || !strings.Contains(stderr, `unit "nowhere"`) {
		t.Fatalf("unknown unit accepted: %s", stderr)
	}
}

func TestKioskPIN(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "p.db"))
	var out, errb strings.Builder
	if code := Main([]string{"kiosk", "pin", "--db", dbPath}, strings.NewReader("2468\n2468\n"), &out, &errb); code != 0 {
		t.Fatal(errb.String())
	}
	store, _ := db.Open(dbPath, time.Now())
	check, ok, _ := store.KioskPINChecker()
	store.Close()
	if !ok || !check("2468") || check("2469") {
		t.Fatal("want a PIN set that verifies 2468 only")
	}
	if code := Main([]string{"kiosk", "pin", "--db", dbPath}, strings.NewReader("2468\n1357\n"), &out, &errb); code == 0 {
		t.Fatal("two different PINs accepted")
	}
	if code := Main([]string{"kiosk", "pin", "--db", dbPath}, strings.NewReader("246\n246\n"), &out, &errb); code == 0 || !strings.Contains(errb.String(), "at least 4") {
		t.Fatalf("a PIN of 3 accepted: %s", errb.String())
	}
	// A PIN the kiosk's prompt cannot take would lock the kiosk for good:
	// longer than it takes, or with what a kiosk keyboard may not type (two
	// full-width digits had passed "at least 4" as six bytes).
	for pin, why := range map[string]string{
		strings.Repeat("7", 33): "at most 32",
		"１２":                    "ASCII letters, digits and signs only",
		"24 68":                 "ASCII letters, digits and signs only",
	} {
		errb.Reset()
		if code := Main([]string{"kiosk", "pin", "--db", dbPath}, strings.NewReader(pin+"\n"+pin+"\n"), &out, &errb); code == 0 || !strings.Contains(errb.String(), why) {
			t.Errorf("PIN %q: exit %d, %s", pin, code, errb.String())
		}
	}
	store, _ = db.Open(dbPath, time.Now())
	check, _, _ = store.KioskPINChecker()
	store.Close()
	if !check("2468") {
		t.Fatal("a refused PIN replaced the one set")
	}
}

// The agency's codes reach a forwarding kiosk: `codes import` on the kiosk
// reads the CSV `codes generate` wrote at the agency, and the kiosk then
// takes them; a damaged row is named by file and line, and nothing is stored.
func TestCodesImportOnAKiosk(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "root.csv")
	if _, stderr, code := run(t, "codes", "generate", "--unit", "root", "--count", "5", "--out", csvPath, "--db", newDB(t, filepath.Join(dir, "agency.db"))); code != 0 {
		t.Fatal(stderr)
	}
	kioskDB := newDB(t, filepath.Join(dir, "kiosk.db"))
	if out, stderr, code := run(t, "codes", "import", csvPath, "--db", kioskDB); code != 0 || !strings.Contains(out, "5 codes of 1 units stored") {
		t.Fatalf("codes import: %s %s", out, stderr)
	}
	rows, _ := os.ReadFile(csvPath)
	first := strings.Split(strings.Split(string(rows), "\n")[1], ",")[0]
	store, err := db.Open(kioskDB, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	c, _ := codes.Normalise(first)
	unit, err := store.CodeUnit("2026", c)
	store.Close()
	if err != nil || unit != "root" {
		t.Fatalf("the kiosk does not take the agency's code %s: %q, %v", first, unit, err)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("code,unit\nABCD-EFGH,root\n"), 0o600)
	if _, stderr, code := run(t, "codes", "import", bad, "--db", newDB(t, filepath.Join(dir, "other.db"))); code == 0 || !strings.Contains(stderr, "bad.csv:2") {
		t.Fatalf("a bad code: exit %d, %s", code, stderr)
	}
}

// Codes are generated for the latest survey unless --survey names another,
// and the output says which: last year's slips are refused this year.
func TestCodesAreForASurvey(t *testing.T) {
	dir := t.TempDir()
	dbPath := newDB(t, filepath.Join(dir, "c.db")) // 2026
	if _, stderr, code := run(t, "survey", "create", "2027", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	latest, stderr, code := run(t, "codes", "generate", "--unit", "root", "--count", "1", "--db", dbPath)
	if code != 0 {
		t.Fatal(stderr)
	}
	out, stderr, code := run(t, "codes", "generate", "--unit", "root", "--count", "1", "--survey", "2026", "--out", filepath.Join(dir, "old.csv"), "--db", dbPath)
	if code != 0 || !strings.Contains(out, "survey 2026") {
		t.Fatalf("exit %d, %s %s", code, out, stderr)
	}
	old, _ := os.ReadFile(filepath.Join(dir, "old.csv"))
	if _, stderr, code := run(t, "codes", "generate", "--unit", "root", "--count", "1", "--survey", "1999", "--db", dbPath); code == 0 || !strings.Contains(stderr, `survey "1999" does not exist`) {
		t.Errorf("codes for a survey that does not exist: exit %d, %s", code, stderr)
	}
	store, err := db.Open(dbPath, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for code, want := range map[string]string{csvCode(t, latest): "2027", csvCode(t, string(old)): "2026"} {
		for _, survey := range []string{"2026", "2027"} {
			_, err := store.CodeUnit(survey, code)
			if (survey == want) != (err == nil) || err != nil && !errors.Is(err, db.ErrCodeOtherSurvey) {
				t.Errorf("a code for %s, looked up in %s: %v", want, survey, err)
			}
		}
	}
}

// csvCode is the one code of a codes CSV (code,unit,survey), normalised.
func csvCode(t *testing.T, text string) string {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(records) != 2 {
		t.Fatalf("codes CSV %q: %v", text, err)
	}
	c, err := codes.Normalise(records[1][0])
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A codes file names the survey its codes were generated for, and a kiosk
// takes them for that survey whatever its latest is: codes of the agency's
// 2026 loaded on a kiosk that has started 2027 stay 2026's. A --survey
// other than the file's is refused; a file of an older version (code,unit)
// still goes to --survey or the latest; one mixing surveys is refused with
// its line.
func TestCodesImportTakesTheFilesSurvey(t *testing.T) {
	dir := t.TempDir()
	agencyDB := newDB(t, filepath.Join(dir, "agency.db")) // 2026
	csvPath := filepath.Join(dir, "root.csv")
	if _, stderr, code := run(t, "codes", "generate", "--unit", "root", "--count", "2", "--out", csvPath, "--db", agencyDB); code != 0 {
		t.Fatal(stderr)
	}
	kioskDB := newDB(t, filepath.Join(dir, "kiosk.db"))
	if _, stderr, code := run(t, "survey", "create", "2027", "--db", kioskDB); code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := run(t, "codes", "import", csvPath, "--survey", "2027", "--db", kioskDB); code == 0 || !strings.Contains(stderr, "generated for survey 2026, not 2027") {
		t.Errorf("--survey other than the file's: exit %d, %s", code, stderr)
	}
	if out, stderr, code := run(t, "codes", "import", csvPath, "--db", kioskDB); code != 0 || !strings.Contains(out, "for survey 2026") {
		t.Fatalf("codes import: %s %s", out, stderr)
	}
	text, _ := os.ReadFile(csvPath)
	lines := strings.Split(strings.TrimSpace(string(text)), "\n")
	older := filepath.Join(dir, "older.csv")
	fresh, err := codes.Generate(nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(older, []byte("code,unit\n"+codes.Format(fresh[0])+",root\n"), 0o600) // as an older version wrote it
	if out, stderr, code := run(t, "codes", "import", older, "--db", kioskDB); code != 0 || !strings.Contains(out, "for survey 2027") {
		t.Errorf("an older file: %s %s", out, stderr)
	}
	mixed := filepath.Join(dir, "mixed.csv")
	os.WriteFile(mixed, []byte(lines[0]+"\n"+lines[1]+"\n"+strings.Replace(lines[2], ",2026", ",2027", 1)+"\n"), 0o600)
	if _, stderr, code := run(t, "codes", "import", mixed, "--db", newDB(t, filepath.Join(dir, "other.db"))); code == 0 || !strings.Contains(stderr, "mixed.csv:3: survey 2027, where the lines before say 2026") {
		t.Errorf("a file mixing surveys: exit %d, %s", code, stderr)
	}
	store, err := db.Open(kioskDB, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	c, _ := codes.Normalise(strings.Split(lines[1], ",")[0])
	if unit, err := store.CodeUnit("2026", c); err != nil || unit != "root" {
		t.Errorf("the agency's 2026 code on the kiosk: %q, %v", unit, err)
	}
}
