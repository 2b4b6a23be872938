package db

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/codes"
	"github.com/berakhlak/berakhlak/questionnaire"
	bolt "go.etcd.io/bbolt"
)

// TestCodeKeyLivesBesideTheDatabase: the key is a 0600 file beside the
// database and nowhere in it; a copy of the database alone checks no code;
// a backup carries the key beside it and checks every code.
func TestCodeKeyLivesBesideTheDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	s, err := Open(path, testNow)
	if err != nil {
		t.Fatal(err)
	}
	cs, _ := codes.Generate(nil, 5)
	if err := s.AddCodes("2026", map[string][]string{RootUnitID: cs}); err != nil {
		t.Fatal(err)
	}
	key, err := os.ReadFile(CodeKeyPath(path))
	if err != nil || len(key) != 32 {
		t.Fatalf("code key file: %v (%d bytes)", err, len(key))
	}
	if info, _ := os.Stat(CodeKeyPath(path)); info.Mode().Perm() != 0o600 {
		t.Fatalf("code key file is %#o, want 0600", info.Mode().Perm())
	}
	backup := filepath.Join(dir, "backup.db")
	if _, err := s.Backup(backup); err != nil {
		t.Fatal(err)
	}
	closeChecked(t, s)
	data, _ := os.ReadFile(path)
	if bytes.Contains(data, key) {
		t.Fatal("the database file holds the code key")
	}

	// A copy of the database without its key: codes cannot be checked.
	copied := filepath.Join(t.TempDir(), "stolen.db")
	if err := os.WriteFile(copied, data, 0o600); err != nil {
		t.Fatal(err)
	}
	stolen, err := Open(copied, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stolen.CodeUnit("2026", cs[0]); !errors.Is(err, ErrCodeKeyMissing) {
		t.Fatalf("a copy without the key checks a code: %v", err)
	}
	closeChecked(t, stolen)

	restored, err := Open(backup, testNow)
	if err != nil {
		t.Fatal(err)
	}
	defer closeChecked(t, restored)
	for _, c := range cs {
		if unit, err := restored.CodeUnit("2026", c); err != nil || unit != RootUnitID {
			t.Fatalf("the backup does not know code %s: %q, %v", c, unit, err)
		}
	}
}

// closeChecked runs the consistency check, then closes.
func closeChecked(t *testing.T, s *Store) {
	t.Helper()
	if err := s.Check(); err != nil {
		t.Errorf("consistency check: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Error(err)
	}
}

// schema2File writes a file as schema 2 left it: responses listed by id in
// the journal, the code key in the meta bucket, no released figures.
func schema2File(t *testing.T, path string, rs []*questionnaire.Response, codeKey []byte) {
	t.Helper()
	s, err := Open(path, testNow)
	if err != nil {
		t.Fatal(err)
	}
	err = s.bolt.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketJournal, bucketReleased, bucketShown, bucketAggs} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		for _, r := range rs {
			key, _ := responseKey(r.ID)
			data, _ := json.Marshal(r)
			if err := tx.Bucket(bucketResponses).Put(key, data); err != nil {
				return err
			}
			if err := tx.Bucket(bucketJournal).Put(key, aggKey(r.Survey, r.Unit, r.Audience)); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keyCodeSecret, codeKey); err != nil {
			return err
		}
		return meta.Put(keySchema, []byte("2"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	if err := s.bolt.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestSchema2FileLosesItsOrder: opening a schema-2 file folds the journal's
// listed responses into the aggregates, leaves a journal of groups only,
// moves the code key out and releases the figures; verify finds nothing.
// The same file, looked at before upgrading, has both findings.
func TestSchema2FileLosesItsOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(8, 8))
	var rs []*questionnaire.Response
	for range 12 {
		rs = append(rs, in.SampleResponse(rng, "asn", "2026", RootUnitID, "2026-11-27", 0))
	}
	key := bytes.Repeat([]byte{7}, 32)
	schema2File(t, path, rs, key)

	// Seen as it is (without upgrading): the journal lists the newest.
	raw, err := bolt.Open(path, 0o600, Options())
	if err != nil {
		t.Fatal(err)
	}
	old := &Store{bolt: raw, path: path}
	findings := strings.Join(old.OrderFindings(), "\n")
	if err := old.Check(); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if !strings.Contains(findings, "the journal lists 12 responses by id") || !strings.Contains(findings, "code key is inside the database") {
		t.Fatalf("findings on a schema-2 file:\n%s", findings)
	}

	s, err := Open(path, testNow)
	if err != nil {
		t.Fatal(err)
	}
	defer closeChecked(t, s)
	if f := s.OrderFindings(); len(f) != 0 {
		t.Fatalf("after upgrading: %v", f)
	}
	if f := s.ReleaseFindings("2026"); len(f) != 0 {
		t.Fatalf("after upgrading: %v", f)
	}
	sameAggregates(t, s, "after upgrading")
	if moved, err := os.ReadFile(CodeKeyPath(path)); err != nil || !bytes.Equal(moved, key) {
		t.Fatalf("code key not moved out: %v", err)
	}
	published, _ := s.Released("2026")
	if n := published["asn"][RootUnitID].N; n != 12 {
		t.Fatalf("after upgrading, figures include %d of 12; want all 12 (one chunk of at least k)", n)
	}
	err = s.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketJournal).ForEach(func(k, _ []byte) error {
			if _, _, _, ok := splitAggKey(k); !ok {
				t.Errorf("journal key %x is not a group", k)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestJournalNamesNoResponse: after journaled saves, no response key appears
// anywhere in the journal.
func TestJournalNamesNoResponse(t *testing.T) {
	s := openTemp(t)
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(9, 9))
	var keys [][]byte
	for range 10 {
		r := in.SampleResponse(rng, "asn", "2026", RootUnitID, "2026-11-27", 0)
		if err := s.SaveResponse(r); err != nil {
			t.Fatal(err)
		}
		k, _ := responseKey(r.ID)
		keys = append(keys, k)
	}
	if n := journaledResponses(t, s.Store); n != 10 {
		t.Fatalf("journal holds %d responses, want 10", n)
	}
	s.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketJournal).ForEach(func(k, v []byte) error {
			for _, key := range keys {
				if bytes.Contains(k, key) || bytes.Contains(v, key) {
					t.Errorf("the journal holds response key %x", key)
				}
			}
			return nil
		})
	})
}
