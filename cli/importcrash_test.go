package cli

import (
	"context"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
)

const importChildEnv = "BERAKHLAK_IMPORT_CHILD" // "DB FILE": import FILE into DB, then exit

func TestMain(m *testing.M) {
	if job := os.Getenv(importChildEnv); job != "" {
		dbPath, file, _ := strings.Cut(job, " ")
		os.Exit(Main([]string{"import", file, "--db", dbPath}, strings.NewReader(""), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestImportIsAllOrNothingAcrossACrash kills an importing process at random
// moments while it stores (it took 40,000 of 100,000 lines to a kill at 22 s
// before) — 6,000 lines, so that it has written a batch of its own
// (db.Import) — and afterwards the database holds none of the file's lines
// or all of them, and stays sound.
func TestImportIsAllOrNothingAcrossACrash(t *testing.T) {
	const lines = 6_000
	file, _ := sampleJSONL(t, 40, map[string]int{"root": lines}, "asn")
	rng := rand.New(rand.NewPCG(40, 40))
	outcomes := map[int]int{}
	var whole time.Duration // how long an import left alone takes (round 0)
	for round := range 7 {
		dbPath := newDB(t, filepath.Join(t.TempDir(), "c.db"))
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), importChildEnv+"="+dbPath+" "+file)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var kill <-chan time.Time
		if round > 0 { // in its second half, while it stores (the first checks)
			kill = time.After(whole/2 + time.Duration(rng.Int64N(int64(whole/2))))
		}
		select {
		case <-kill:
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
		case <-done:
		}
		if round == 0 {
			whole = time.Since(start)
		}
		store, err := db.Open(dbPath, time.Now())
		if err != nil {
			// Killed before it made the file: nothing stored, as it should.
			if _, statErr := os.Stat(dbPath); os.IsNotExist(statErr) {
				outcomes[0]++
				continue
			}
			t.Fatalf("round %d: open after the kill: %v", round, err)
		}
		n, err := store.CountResponses()
		if err == nil {
			err = store.Check()
		}
		store.Close()
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if n != 0 && n != lines {
			t.Fatalf("round %d: %d of the file's %d lines stored after a kill (output %q)", round, n, lines, out.String())
		}
		outcomes[n]++
	}
	if outcomes[lines] == 0 {
		t.Fatal("not even the import left alone stored the file")
	}
	t.Logf("an import of %d took %s alone; after 6 kills while it stored: %d databases with none, %d with all (the one left alone among them)", lines, whole, outcomes[0], outcomes[lines])
}

// An import interrupted (Ctrl+C) before its commit stores nothing and says
// so; a report's PDF interrupted leaves no PDF.
func TestInterruptedImportAndPDFSaySo(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "i.db"))
	file, _ := sampleJSONL(t, 51, map[string]int{"root": 20}, "asn")
	store, err := db.Open(dbPath, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // Ctrl+C pressed
	if _, _, err := importFile(ctx, file, lineErrors{file: "r.jsonl"}, questionnaire.Default(), store, nil, io.Discard); err == nil || !strings.Contains(err.Error(), "import r.jsonl interrupted: nothing was stored") {
		t.Fatalf("an interrupted import: %v", err)
	}
	if n, _ := store.CountResponses(); n != 0 {
		t.Fatalf("an interrupted import stored %d", n)
	}

	requireChromium(t)
	dir := t.TempDir()
	html, pdf := filepath.Join(dir, "r.html"), filepath.Join(dir, "r.pdf")
	os.WriteFile(html, []byte("<html><body>report</body></html>"), 0o600)
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	if err := printPDF(ctx, html, pdf); err == nil {
		t.Skip("Chromium printed before the interruption; nothing to check")
	}
	time.Sleep(time.Second) // a helper left running would write it now
	if _, err := os.Stat(pdf); !os.IsNotExist(err) {
		t.Fatalf("an interrupted print left %s (%v)", pdf, err)
	}
}
