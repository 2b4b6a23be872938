package oplog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A capped log moves aside once a write would take it past its cap, keeps
// one file before the current one, writes whole lines to each, and makes
// both 0600; a file already past its cap is moved aside when opened.
func TestCappedLogKeepsTwoFilesOfWholeLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db.log")
	log, err := OpenCapped(path, 100)
	if err != nil {
		t.Fatal(err)
	}
	line := func(i int) string { return "2026-12-07 line " + strings.Repeat("x", 20) + string(rune('a'+i)) + "\n" } // 38 bytes
	for i := range 8 {
		if _, err := log.Write([]byte(line(i))); err != nil {
			t.Fatal(err)
		}
	}
	log.Close()
	read := func(p string) string {
		t.Helper()
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if info, _ := os.Stat(p); info.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v; want 0600", p, info.Mode().Perm())
		}
		return string(data)
	}
	// Two lines fit in 100 bytes, a third does not: lines 0–1, 2–3, 4–5, 6–7.
	if got, want := read(path), line(6)+line(7); got != want {
		t.Errorf("the log holds %q; want %q", got, want)
	}
	if got, want := read(path+".1"), line(4)+line(5); got != want {
		t.Errorf("the log before holds %q; want %q", got, want)
	}

	if err := os.WriteFile(path, []byte(strings.Repeat("y", 150)), 0o600); err != nil {
		t.Fatal(err)
	}
	log, err = OpenCapped(path, 100)
	if err != nil {
		t.Fatal(err)
	}
	log.Write([]byte(line(0)))
	log.Close()
	if got := read(path); got != line(0) {
		t.Errorf("a log opened past its cap was written on: %q", got)
	}
	if got := read(path + ".1"); got != strings.Repeat("y", 150) {
		t.Errorf("the log moved aside at opening holds %q", got)
	}
}
