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
	dbPath := filepath.Join(dir, "agency.db")
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
	stop, err := startNATS(store, questionnaire.Default(), natsFlags{listen: addr, agency: "bkn", replicas: 1}, io.Discard)
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
	if out, stderr, code := run(t, "nats", "creds", "national", "--db", dbPath, "--out", creds); code != 0 || !strings.Contains(out, "national credentials written") {
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
