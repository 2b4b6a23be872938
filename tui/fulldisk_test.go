package tui

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// tinyDisk mounts a 512 KiB tmpfs for the test, or skips saying why.
func tinyDisk(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("full-disk test skipped: it mounts a 512 KiB tmpfs, which needs root (CI runs as root)")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("full-disk test skipped: cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// TestFullDisk: with the disk full the respondent is told the answer was not
// saved (never thanked), without the cause or the database's path, which go
// to the operator's log; the kiosk stays up, everything saved before is
// intact, and once space is freed the same response saves exactly once.
func TestFullDisk(t *testing.T) {
	dir := tinyDisk(t)
	ballast := filepath.Join(dir, "ballast")
	if err := os.WriteFile(ballast, make([]byte, 160*1024), 0o600); err != nil {
		t.Fatal(err)
	}
	store, err := db.Open(filepath.Join(dir, "kiosk.db"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()

	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(1, 2))
	// Fill until five saves in a row fail: one failed commit can free pages
	// that a smaller later one fits in.
	var saved []string
	for failures := 0; failures < 5; {
		r := in.SampleResponse(rng, "asn", "2026", db.RootUnitID, "2026-11-27", 0)
		if err := store.SaveResponse(r); err != nil {
			if !strings.Contains(err.Error(), "no space left") {
				t.Fatalf("filling the disk: %v", err)
			}
			failures++
			continue
		}
		failures = 0
		saved = append(saved, r.ID)
		if len(saved) > 5000 {
			t.Fatal("the 512 KiB disk never filled up")
		}
	}
	t.Logf("disk full after %d responses", len(saved))

	// A save can still fit after the filling fails (bbolt reuses pages it has
	// already written), and then it is rightly thanked. So respondents keep
	// coming until one is told the answer was not saved.
	cfg := testConfig(store)
	var logged []error
	cfg.SaveFailed = func(err error) { logged = append(logged, err) }
	d := newDriver(t, New(cfg), 100, 30)
	var id string
	for attempt := 0; id == ""; attempt++ {
		if attempt == 20 {
			t.Fatal("20 surveys saved on a full disk")
		}
		d.keys("1", "1")
		answerASN(d)
		d.keys("enter", "enter")
		k := d.m.(*Kiosk)
		d.waitUntil("the save's outcome", func() bool { return !k.saving })
		if k.screen == screenThanks {
			saved = append(saved, k.responseID)
			d.key("space") // the next person
			continue
		}
		d.expect("Jawaban BELUM tersimpan", "tekan enter untuk mencoba lagi", "Yang akan disimpan")
		if screen := d.screen(); strings.Contains(screen, "no space") || strings.Contains(screen, dir) || strings.Contains(screen, "kiosk.db") {
			t.Fatalf("the respondent's screen shows the cause or the path:\n%s", screen)
		}
		if len(logged) == 0 || !strings.Contains(logged[len(logged)-1].Error(), "no space left") {
			t.Fatalf("the failed save did not reach the operator's log with its cause: %v", logged)
		}
		if d.quit {
			t.Fatal("the kiosk stopped on a full disk")
		}
		id = k.responseID
	}

	if err := os.Remove(ballast); err != nil {
		t.Fatal(err)
	}
	d.key("enter") // try again
	d.expect("Terima kasih")

	count := map[string]int{}
	store.EachResponse(nil, func(r *questionnaire.Response) error { count[r.ID]++; return nil })
	for _, s := range append(saved, id) {
		if count[s] != 1 {
			t.Fatalf("response %s stored %d times, want once", s, count[s])
		}
	}
	if len(count) != len(saved)+1 {
		t.Fatalf("%d responses stored, want %d", len(count), len(saved)+1)
	}
	if err := store.Check(); err != nil {
		t.Fatalf("consistency check after the full disk: %v", err)
	}
}
