package cli

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestSealedSurveyEndToEnd: keys init makes a 0600 identity; a survey given
// its recipient stores sealed responses; export needs the identity and then
// writes what an unsealed twin database writes; verify checks what it can
// without it and everything with it; scores need no key.
func TestSealedSurveyEndToEnd(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "agency.key")
	recipient, stderr, code := run(t, "keys", "init", "--out", key)
	if code != 0 || !strings.HasPrefix(recipient, "age1") {
		t.Fatalf("keys init: exit %d, %q %s", code, recipient, stderr)
	}
	if st, err := os.Stat(key); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("identity file: %v %v, want 0600", st.Mode().Perm(), err)
	}
	if _, stderr, code := run(t, "keys", "init", "--out", key); code == 0 || !strings.Contains(stderr, "never overwritten") {
		t.Fatalf("keys init over an existing key: exit %d, %s", code, stderr)
	}
	if out, _, _ := run(t, "keys", "recipient", "--identity", key); out != recipient {
		t.Errorf("keys recipient %q, want %q", out, recipient)
	}
	os.WriteFile(filepath.Join(dir, "agency.pub"), []byte("# agency\n"+recipient), 0o644)

	sealed, plain := newDB(t, filepath.Join(dir, "sealed.db")), newDB(t, filepath.Join(dir, "plain.db"))
	if out, stderr, code := run(t, "survey", "set", "2026", "--recipient-file", filepath.Join(dir, "agency.pub"), "--db", sealed); code != 0 || !strings.Contains(out, "sealed to age1") {
		t.Fatalf("survey set --recipient-file: exit %d, %s %s", code, out, stderr)
	}
	if out, _, _ := run(t, "survey", "list", "--db", sealed); !strings.Contains(out, recipient[:10]+"…") {
		t.Errorf("survey list does not say what the survey is sealed to:\n%s", out)
	}
	if _, stderr, code := run(t, "survey", "set", "2026", "--recipient", "age1nope", "--db", plain); code == 0 || !strings.Contains(stderr, "keys init") {
		t.Fatalf("a bad recipient: exit %d, %s", code, stderr)
	}
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(3, 4))
	var rs []*questionnaire.Response
	for range 30 {
		rs = append(rs, in.SampleResponse(rng, "asn", "2026", db.RootUnitID, "2026-11-27", 0))
	}
	for _, path := range []string{sealed, plain} {
		store, err := db.Open(path, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if err := store.SaveResponse(r); err != nil {
				t.Fatal(err)
			}
		}
		store.Close()
	}

	if _, stderr, code := run(t, "export", "--db", sealed); code == 0 || !strings.Contains(stderr, "--identity") {
		t.Fatalf("export without the identity: exit %d, %s", code, stderr)
	}
	want, _, _ := run(t, "export", "--db", plain)
	got, stderr, code := run(t, "export", "--identity", key, "--db", sealed)
	if code != 0 || got != want || len(want) < 1000 {
		t.Fatalf("export with the identity: exit %d %s; equal to the plain export: %t", code, stderr, got == want)
	}
	for _, format := range []string{"plain", "sealed"} {
		args := []string{"export", "--format", "csv", "--out", filepath.Join(dir, format+".csv"), "--db", filepath.Join(dir, format+".db")}
		if format == "sealed" {
			args = append(args, "--identity", key)
		}
		if _, stderr, code := run(t, args...); code != 0 {
			t.Fatalf("csv export of %s: %s", format, stderr)
		}
	}
	a, _ := os.ReadFile(filepath.Join(dir, "plain.csv"))
	b, _ := os.ReadFile(filepath.Join(dir, "sealed.csv"))
	if !slices.Equal(sortedLines(a), sortedLines(b)) {
		t.Error("csv export with the identity differs from the plain one")
	}

	out, stderr, code := run(t, "verify", "--db", sealed)
	if code != 0 || !strings.Contains(out, "30 responses are sealed") || !strings.Contains(out, "OK") {
		t.Fatalf("verify without the identity: exit %d, %s %s", code, out, stderr)
	}
	out, stderr, code = run(t, "verify", "--identity", key, "--db", sealed)
	if code != 0 || strings.Contains(out, "are sealed") || !strings.Contains(out, "OK") {
		t.Fatalf("verify with the identity: exit %d, %s %s", code, out, stderr)
	}
	checkSealedBundle(t, dir, sealed, key, recipient, want)
	sealedScores, _, _ := run(t, "scores", "--json", "--db", sealed)
	plainScores, _, _ := run(t, "scores", "--json", "--db", plain)
	if sealedScores != plainScores || len(plainScores) < 100 {
		t.Error("scores of the sealed database differ from the plain one's")
	}
	os.Chmod(key, 0o644)
	if _, stderr, code := run(t, "export", "--identity", key, "--db", sealed); code == 0 || !strings.Contains(stderr, "chmod 600") {
		t.Fatalf("an identity others may read: exit %d, %s", code, stderr)
	}
}

// checkSealedBundle: a bundle carries the sealed records as they are; the
// agency imports it only with the identity and a recipient of its own, and
// then holds the same responses, sealed.
func checkSealedBundle(t *testing.T, dir, sealed, key, recipient, plainExport string) {
	t.Helper()
	bundle := filepath.Join(dir, "b.bundle")
	if _, stderr, code := run(t, "export", "--bundle", bundle, "--db", sealed); code != 0 {
		t.Fatalf("bundle of sealed responses: exit %d, %s", code, stderr)
	}
	agency := newDB(t, filepath.Join(dir, "agency.db"))
	if _, stderr, code := run(t, "import", bundle, "--db", agency); code == 0 || !strings.Contains(stderr, "--identity") {
		t.Fatalf("import of a sealed bundle without the identity: exit %d, %s", code, stderr)
	}
	if _, stderr, code := run(t, "import", bundle, "--identity", key, "--db", agency); code == 0 || !strings.Contains(stderr, "no recipient here") {
		t.Fatalf("import of a sealed bundle where the survey would store it in the clear: exit %d, %s", code, stderr)
	}
	if _, stderr, code := run(t, "survey", "set", "2026", "--recipient", strings.TrimSpace(recipient), "--db", agency); code != 0 {
		t.Fatal(stderr)
	}
	if out, stderr, code := run(t, "import", bundle, "--identity", key, "--db", agency); code != 0 || !strings.Contains(out, "30 stored") {
		t.Fatalf("import of a sealed bundle: exit %d, %s %s", code, out, stderr)
	}
	if out, _, _ := run(t, "verify", "--db", agency); !strings.Contains(out, "30 responses are sealed") {
		t.Errorf("the agency does not hold them sealed: %s", out)
	}
	if got, _, _ := run(t, "export", "--identity", key, "--db", agency); got != plainExport {
		t.Error("the agency's export differs from the kiosk's plain twin")
	}
}

func sortedLines(b []byte) []string {
	lines := strings.Split(string(b), "\n")
	slices.Sort(lines)
	return lines
}
