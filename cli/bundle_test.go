package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
)

func countIn(t *testing.T, dbPath string) int {
	t.Helper()
	s, err := db.Open(dbPath, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.CountResponses()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A kiosk with no network: its bundle imported twice at the agency, and a
// bundle cut short on the way, store each response once and nothing else.
func TestBundleMovesResponsesExactlyOnce(t *testing.T) {
	dir := t.TempDir()
	kiosk, agency := newDB(t, filepath.Join(dir, "kiosk.db")), newDB(t, filepath.Join(dir, "agency.db"))
	file, rs := sampleJSONL(t, 21, map[string]int{"root": 30}, questionnaire.AudienceASN)
	if _, stderr, code := run(t, "import", file, "--db", kiosk); code != 0 {
		t.Fatal(stderr)
	}
	bundle := filepath.Join(dir, "usb", "kiosk-1.bundle")
	os.MkdirAll(filepath.Dir(bundle), 0o700)
	if _, stderr, code := run(t, "export", "--bundle", bundle, "--db", kiosk); code != 0 || !strings.Contains(stderr, "30 responses") {
		t.Fatalf("export --bundle: exit %d, %s", code, stderr)
	}
	// One response already reached the agency another way (over NATS).
	if _, stderr, code := run(t, "import", writeFile(t, "one.jsonl", jsonLine(t, rs[0])), "--db", agency); code != 0 {
		t.Fatal(stderr)
	}
	out, stderr, code := run(t, "import", bundle, "--db", agency)
	if code != 0 || !strings.Contains(out, "30 responses read, 29 stored, 1 already stored") {
		t.Fatalf("first import: exit %d, %q %s", code, out, stderr)
	}
	out, _, code = run(t, "import", bundle, "--db", agency)
	if code != 0 || !strings.Contains(out, "0 stored, 30 already stored") {
		t.Fatalf("second import: exit %d, %q", code, out)
	}
	if n := countIn(t, agency); n != 30 {
		t.Fatalf("agency holds %d; want 30", n)
	}

	// A copy cut short is refused whole, naming what to do.
	data, err := os.ReadFile(bundle)
	if err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short.bundle")
	os.WriteFile(short, data[:len(data)*2/3], 0o600)
	fresh := newDB(t, filepath.Join(dir, "fresh.db"))
	_, stderr, code = run(t, "import", short, "--db", fresh)
	if code == 0 || !strings.Contains(stderr, "damaged or incomplete") || !strings.Contains(stderr, "nothing was stored") {
		t.Fatalf("short bundle: exit %d, %s", code, stderr)
	}
	if n := countIn(t, fresh); n != 0 {
		t.Fatalf("a damaged bundle stored %d responses", n)
	}
}

func jsonLine(t *testing.T, r *questionnaire.Response) string {
	t.Helper()
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(data) + "\n"
}
