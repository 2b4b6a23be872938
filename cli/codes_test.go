package cli

import (
	"encoding/csv"
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
	dbPath := filepath.Join(dir, "c.db")
	out := filepath.Join(dir, "setjen.csv")
	if _, stderr, code := run(t, "codes", "generate", "--unit", "root", "--count", "20", "--out", out, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	f, _ := os.Open(out)
	records, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(records) != 21 || strings.Join(records[0], ",") != "code,unit" {
		t.Fatalf("csv %v, %v", records, err)
	}
	sheet, _ := os.ReadFile(filepath.Join(dir, "setjen.sheet.txt"))
	if !strings.Contains(string(sheet), records[1][0]) || strings.Count(string(sheet), "✂") != 21 {
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
		if unit, err := store.CodeUnit(c); err != nil || unit != "root" {
			t.Fatalf("generated code %s: %q, %v", rec[0], unit, err)
		}
	}
	if _, stderr, code := run(t, "codes", "generate", "--unit", "nowhere", "--count", "2", "--db", filepath.Join(dir, "d.db")); code == 0 || !strings.Contains(stderr, `unit "nowhere"`) {
		t.Fatalf("unknown unit accepted: %s", stderr)
	}
}

func TestKioskPIN(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "p.db")
	var out, errb strings.Builder
	if code := Main([]string{"kiosk", "pin", "--db", dbPath}, strings.NewReader("2468\n2468\n"), &out, &errb); code != 0 {
		t.Fatal(errb.String())
	}
	store, _ := db.Open(dbPath, time.Now())
	h, ok, _ := store.KioskPIN()
	store.Close()
	if !ok || strings.Contains(h, "2468") || !verifyPIN(h, "2468") || verifyPIN(h, "2469") {
		t.Fatalf("stored %q: want a hash that verifies 2468 only", h)
	}
	if code := Main([]string{"kiosk", "pin", "--db", dbPath}, strings.NewReader("2468\n1357\n"), &out, &errb); code == 0 {
		t.Fatal("two different PINs accepted")
	}
}
