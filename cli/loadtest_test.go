package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/loadgen"
)

// TestLoadReportCPUFigures checks the CPU figures against hand-worked ones:
// 0.9 s of server CPU over 30 thank-you screens is 30 ms each; 100 idle
// sessions using 0.6 s in a 6 s window cost 1 ms per session per second.
func TestLoadReportCPUFigures(t *testing.T) {
	before := &ownerStats{CPUMicros: 2_000_000, Processors: 1}
	after := &ownerStats{CPUMicros: 2_900_000, Processors: 2}
	s := loadReport(loadgen.Result{Sessions: 10, Connected: 10, Completions: 30}, before, before, after, true)
	if s.CPUPerCompletionMs != 30 || s.ProcessorsBefore != 1 || s.ProcessorsAfter != 2 {
		t.Errorf("CPU per completion %v ms on %d → %d processors, want 30 on 1 → 2", s.CPUPerCompletionMs, s.ProcessorsBefore, s.ProcessorsAfter)
	}
	walls := loadReport(loadgen.Result{Completions: 3, Respondent: []time.Duration{30 * time.Second, 10 * time.Second, 20 * time.Second}}, nil, nil, nil, false)
	if walls.RespondentP50 != 20*time.Second || walls.RespondentP99 != 30*time.Second {
		t.Errorf("respondent wall p50 %s, p99 %s; want 20s and 30s", walls.RespondentP50, walls.RespondentP99)
	}
	idle := loadSummary{Connected: 100}
	idle.addIdleCPU(&ownerStats{CPUMicros: 1_000_000}, &ownerStats{CPUMicros: 1_600_000}, 6*time.Second)
	if idle.IdleCPUMsPerSessionSecond != 1 {
		t.Errorf("idle CPU %v ms per session per second, want 1", idle.IdleCPUMsPerSessionSecond)
	}
	if w := idleWindow(loadgen.Config{Duration: 15 * time.Second, Ramp: 3 * time.Second}); w != 9*time.Second {
		t.Errorf("idle window %s, want 9s (15 − 3 ramp − 2 settle − 1 margin)", w)
	}
	if w := idleWindow(loadgen.Config{Duration: 4 * time.Second, Ramp: 1 * time.Second}); w != 0 {
		t.Errorf("idle window of a short run %s, want none", w)
	}
}

// The check of acknowledged = stored = tally is printed whenever the server
// was measured, a failed one too (3 thank-yous, none stored); without a
// server at --db the report says what it left out and why, not "false".
func TestLoadReportSaysWhatItCouldNotCheck(t *testing.T) {
	before, after := &ownerStats{Responses: 7, Tally: 7}, &ownerStats{Responses: 7, Tally: 7}
	var out strings.Builder
	printLoadReport(&out, loadReport(loadgen.Result{Completions: 3}, before, before, after, true))
	if !strings.Contains(out.String(), "acknowledged 3 = stored 0 = admin tally 0: false") {
		t.Errorf("a failed check went unprinted:\n%s", out.String())
	}
	out.Reset()
	s := loadReport(loadgen.Result{Completions: 3}, nil, nil, nil, false)
	s.LeftOut = "no berakhlak holding /srv/x.db answered before and after the run"
	printLoadReport(&out, s)
	if strings.Contains(out.String(), "acknowledged 3") || !strings.Contains(out.String(), "left out: no berakhlak holding /srv/x.db answered") {
		t.Errorf("without a server at --db:\n%s", out.String())
	}
}

// The server at --addr is the one holding --db when the port it published
// beside the database is --addr's, whatever address it listens on.
func TestLoadtestMeasuresOnlyTheServerItLoads(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "s.db")
	if !sameListener(dbPath, "127.0.0.1:2222") {
		t.Error("with no address published there is nothing to tell apart")
	}
	os.WriteFile(adminAddrFile(dbPath), []byte("[::]:2222"), 0o600)
	if !sameListener(dbPath, "127.0.0.1:2222") {
		t.Error("a server on every address at 2222 is not the one at 127.0.0.1:2222")
	}
	if sameListener(dbPath, "127.0.0.1:2223") {
		t.Error("the server at 2223 was taken for the one holding the database at 2222")
	}
}

// TestPSSOfThisProcess: the control socket's PSS is this process's, read
// from the kernel: more than nothing, at most its resident memory.
func TestPSSOfThisProcess(t *testing.T) {
	pss, rss := proportionalKiB(), residentKiB()
	if pss <= 0 || pss > rss+1024 {
		t.Fatalf("PSS %d KiB against RSS %d KiB", pss, rss)
	}
	s := loadReport(loadgen.Result{Sessions: 1, Connected: 1}, &ownerStats{}, &ownerStats{PSSKiB: 70 * 1024}, &ownerStats{}, true)
	if s.ServerPSSKiB != 70*1024 {
		t.Fatalf("server PSS %d KiB, want 71680", s.ServerPSSKiB)
	}
}

// loadtest against a server whose survey is closed says so at once: every
// simulated key had waited out its timeout on the closed welcome screen and
// come back as a cryptic "no screen update".
func TestLoadtestRefusesAClosedSurvey(t *testing.T) {
	f := startFixture(t)
	stopControl, err := serveControl(f.store, "a server", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer stopControl()
	testkit.ChangeSurvey(t, f.store, "2026", func(sv *db.Survey) { sv.Open = false })
	_, stderr, code := run(t, "loadtest", "--addr", f.addr, "--sessions", "1", "--duration", "20s", "--db", f.store.Path())
	if code == 0 || !strings.Contains(stderr, "survey 2026 is closed") || !strings.Contains(stderr, "--status open") {
		t.Fatalf("exit %d, %s", code, stderr)
	}
}
