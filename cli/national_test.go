package cli

import (
	"encoding/json"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// An agency server started as `serve --nats-listen` publishes what it
// stores; `scores --national` reads it back merged, with a row per agency.
func TestServeNATSThenNationalScores(t *testing.T) {
	dir := t.TempDir()
	dbPath := newDB(t, filepath.Join(dir, "agency.db"))
	file, _ := sampleJSONL(t, 5, map[string]int{"root": 12}, questionnaire.AudienceASN)
	if _, stderr, code := run(t, "import", file, "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	store, err := db.Open(dbPath, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	addr := freeLoopbackAddr(t)
	stop, _, err := startNATS(store, questionnaire.Default(), natsFlags{listen: addr, agency: "bkn"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	url := "nats://" + addr

	// The server lets no one in without credentials of the national role.
	if _, stderr, code := run(t, "scores", "--national", url, "--survey", "2026", "--json"); code == 0 || !strings.Contains(stderr, "Authorization Violation") {
		t.Fatalf("scores --national without credentials: exit %d, %s", code, stderr)
	}
	creds := filepath.Join(dir, "national.creds")
	if out, stderr, code := run(t, "nats", "creds", "national", "--db", dbPath, "--out", creds); code != 0 || !strings.Contains(out, "credentials of national written") {
		t.Fatalf("nats creds: %s %s", out, stderr)
	}
	if info, err := os.Stat(creds); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("credentials file: %v", err)
	}

	var doc struct {
		National scoring.GroupScores   `json:"national"`
		Agencies []scoring.GroupScores `json:"agencies"`
	}
	deadline := time.Now().Add(20 * time.Second)
	// 12 respondents imported in one commit: one chunk of 12 (at least k).
	for doc.National.Scores == nil || doc.National.AsOfN != 12 || doc.National.Respondents != 12 {
		if time.Now().After(deadline) {
			t.Fatalf("the national view never showed the agency's 12 respondents: %+v", doc.National)
		}
		out, stderr, code := run(t, "scores", "--national", url, "--nats-creds", creds, "--survey", "2026", "--json")
		if code == 0 {
			json.Unmarshal([]byte(out), &doc)
		} else if !strings.Contains(stderr, "no agency server has published yet") {
			t.Fatalf("scores --national: %s", stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if len(doc.Agencies) != 1 || doc.Agencies[0].Unit != "bkn/root" || doc.Agencies[0].NASN != 12 {
		t.Fatalf("agencies = %+v", doc.Agencies)
	}
	if _, stderr, code := run(t, "scores", "--national", url, "--nats-creds", creds, "--survey", "2026", "--unit", "bkn/root"); code != 0 {
		t.Fatalf("--unit bkn/root: %s", stderr)
	}
	if _, stderr, code := run(t, "scores", "--national", url, "--nats-creds", creds, "--survey", "2026", "--unit", "root"); code == 0 || !strings.Contains(stderr, "AGENCY/UNIT") {
		t.Fatalf("--unit root (no agency) = exit %d, %q; want the AGENCY/UNIT hint", code, stderr)
	}
}

func TestNationalUnreachableIsClear(t *testing.T) {
	_, stderr, code := run(t, "scores", "--national", "nats://127.0.0.1:1", "--db", filepath.Join(t.TempDir(), "x.db"))
	if code == 0 || !strings.Contains(stderr, "cannot be reached") {
		t.Fatalf("exit %d, %q", code, stderr)
	}
}

// freeLoopbackAddr is a loopback address with a port free a moment ago.
func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// simulate national fills the bucket through agency credentials, reports
// what a national view makes of its updates, and (unless --keep) takes its
// records away again; it refuses a survey id that could be a real one.
func TestSimulateNational(t *testing.T) {
	dir := t.TempDir()
	dbPath := newDB(t, filepath.Join(dir, "national.db"))
	store, err := db.Open(dbPath, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	addr := freeLoopbackAddr(t)
	stop, _, err := startNATS(store, questionnaire.Default(), natsFlags{listen: addr, agency: "pusat"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	url := "nats://" + addr
	creds := filepath.Join(dir, "national.creds")
	if _, stderr, code := run(t, "nats", "creds", "national", "--db", dbPath, "--out", creds); code != 0 {
		t.Fatal(stderr)
	}
	agencies := func() int {
		out, stderr, code := run(t, "scores", "--national", url, "--nats-creds", creds, "--survey", "simulasi", "--json")
		if code != 0 {
			t.Fatalf("scores --national: %s", stderr)
		}
		var doc struct {
			Agencies []scoring.GroupScores `json:"agencies"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("scores --national --json: %v\n%s", err, out)
		}
		return len(doc.Agencies)
	}

	out, stderr, code := run(t, "simulate", "national", "--db", dbPath, "--nats", url, "--agencies", "3", "--units", "4",
		"--rate", "20", "--duration", "1s", "--keep", "--json")
	if code != 0 {
		t.Fatalf("simulate national: %s", stderr)
	}
	var rep struct {
		Records      int     `json:"records"`
		Updates      int     `json:"updates"`
		Behind       int     `json:"behind"`
		FirstFigures float64 `json:"first_figures_seconds"`
		VisibleP99   float64 `json:"visible_p99_ms"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rep.Records != 12 || rep.Updates < 10 || rep.Behind != 0 || rep.FirstFigures <= 0 || rep.VisibleP99 <= 0 {
		t.Fatalf("report = %+v", rep)
	}
	if n := agencies(); n != 3 {
		t.Fatalf("after simulate --keep the national view shows %d agencies; want the 3 simulated", n)
	}
	if _, stderr, code := run(t, "simulate", "national", "--db", dbPath, "--nats", url, "--agencies", "3", "--units", "4",
		"--rate", "20", "--duration", "200ms"); code != 0 {
		t.Fatalf("simulate national: %s", stderr)
	}
	if n := agencies(); n != 0 {
		t.Fatalf("simulate without --keep left %d agencies in the bucket", n)
	}

	for _, bad := range []struct{ args []string }{
		{[]string{"--survey", "2026"}},
		{[]string{"--agencies", "0"}},
		{[]string{"--nats-auth", filepath.Join(dir, "nowhere")}},
	} {
		args := append([]string{"simulate", "national", "--db", dbPath, "--nats", url}, bad.args...)
		if _, stderr, code := run(t, args...); code == 0 || stderr == "" {
			t.Errorf("simulate %v: exit %d, %q; want a refusal", bad.args, code, stderr)
		}
	}
}
