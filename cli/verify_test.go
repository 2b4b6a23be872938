package cli

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestVerifyFindsAnonymityBreaches writes records past the store, as a bug or
// a hand edit might: a timestamp instead of a day, a field outside the
// schema, and a response whose aggregate was never updated.
func TestVerifyFindsAnonymityBreaches(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "v.db"))
	file, _ := sampleJSONL(t, 9, map[string]int{"root": 5}, "asn")
	run(t, "import", file, "--db", dbPath)
	if out, _, code := run(t, "verify", "--db", dbPath); code != 0 || !strings.Contains(out, "OK") {
		t.Fatalf("a sound database fails verify: %s", out)
	}
	b, err := bolt.Open(dbPath, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	id1, id2 := strings.Repeat("a", 32), strings.Repeat("b", 32)
	k1, _ := hex.DecodeString(id1)
	k2, _ := hex.DecodeString(id2)
	b.Update(func(tx *bolt.Tx) error {
		r := tx.Bucket([]byte("responses"))
		r.Put(k1, []byte(`{"id":"`+id1+`","survey":"2026","unit":"root","audience":"asn","date":"2026-11-27T09:31:02Z","instrument":"2026.1","answers":{}}`))
		r.Put(k2, []byte(`{"id":"`+id2+`","survey":"2026","unit":"root","audience":"asn","date":"2026-11-27","instrument":"2026.1","answers":{},"ssh_user":"budi"}`))
		return nil
	})
	b.Close()
	out, stderr, code := run(t, "verify", "--db", dbPath)
	if code == 0 {
		t.Fatal("verify passed a tampered database")
	}
	for _, want := range []string{
		"record " + id1 + `: date "2026-11-27T09:31:02Z" must be a day`,
		"record " + id2 + `: a field outside the interchange schema`,
		"stored aggregate differs from the raw responses",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("verify output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(stderr, "problems found") {
		t.Errorf("stderr %q", stderr)
	}
	// The same findings for a monitoring script, with the same exit status.
	out, _, code = run(t, "verify", "--json", "--db", dbPath)
	var v verification
	if err := json.Unmarshal([]byte(out), &v); err != nil || code == 0 || v.OK {
		t.Fatalf("verify --json on a tampered database: exit %d, %v:\n%s", code, err, out)
	}
	if !slices.ContainsFunc(v.Problems, func(p string) bool { return strings.Contains(p, id2+": a field outside the interchange schema") }) {
		t.Errorf("verify --json problems lack the record with a field outside the schema: %q", v.Problems)
	}
}

// TestVerifyFindsAnOrderedJournal: a journal that lists responses by id (as
// schema 2 wrote it, or a bug might) tells which saves are newest; verify
// says so and fails.
func TestVerifyFindsAnOrderedJournal(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "o.db"))
	file, rs := sampleJSONL(t, 10, map[string]int{"root": 3}, "asn")
	run(t, "import", file, "--db", dbPath)
	b, err := bolt.Open(dbPath, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	key, _ := hex.DecodeString(rs[0].ID)
	b.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("journal")).Put(key, []byte("2026\x00root\x00asn"))
	})
	b.Close()
	out, _, code := run(t, "verify", "--db", dbPath)
	if code == 0 || !strings.Contains(out, "the journal lists 1 responses by id: they are the newest saves") {
		t.Fatalf("verify on an ordered journal (exit %d):\n%s", code, out)
	}
}

// verify says where every respondent is: in the figures, withheld for good
// at a close, or not yet released.
func TestVerifyCountsWithheldRespondents(t *testing.T) {
	dbPath := newDB(t, filepath.Join(t.TempDir(), "w.db"))
	first, _ := sampleJSONL(t, 41, map[string]int{"root": 12}, "asn")
	more, _ := sampleJSONL(t, 42, map[string]int{"root": 3}, "asn")
	for _, file := range []string{first, more} {
		if _, stderr, code := run(t, "import", file, "--db", dbPath); code != 0 {
			t.Fatal(stderr)
		}
	}
	out, stderr, code := run(t, "verify", "--db", dbPath)
	if code != 0 || !strings.Contains(out, "15 respondents stored; 12 in the figures, 0 withheld for good at a close, 3 not yet released") {
		t.Fatalf("verify while open: %s %s", out, stderr)
	}
	year := fmt.Sprint(time.Now().Year())
	if _, stderr, code := run(t, "survey", "set", year, "--status", "closed", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	out, stderr, code = run(t, "verify", "--db", dbPath)
	if code != 0 || !strings.Contains(out, "15 respondents stored; 12 in the figures, 3 withheld for good at a close, 0 not yet released") {
		t.Fatalf("verify after the close: %s %s", out, stderr)
	}
	out, stderr, code = run(t, "verify", "--json", "--db", dbPath)
	var v verification
	if err := json.Unmarshal([]byte(out), &v); err != nil || code != 0 || !v.OK || len(v.Problems) != 0 {
		t.Fatalf("verify --json after the close: exit %d, %v: %s %s", code, err, out, stderr)
	}
	want := verifyTally{Survey: year, Audience: "asn", Stored: 15, Shown: 12, Withheld: 3, Waiting: 0}
	if len(v.Tallies) != 1 || v.Tallies[0] != want {
		t.Fatalf("verify --json tallies %+v, want [%+v]", v.Tallies, want)
	}
}
