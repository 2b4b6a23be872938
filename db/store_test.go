package db

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/questionnaire"
	bolt "go.etcd.io/bbolt"
)

var testNow = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)

// testStore is a store in a temp file for one test, in bbolt's style: every
// close — Reopen, Crash, the test's end — runs the consistency check first,
// so every test, those that reopen included, also proves the file sound.
type testStore struct {
	*Store
	t    *testing.T
	path string
}

// openTemp opens a fresh database in a temp dir.
func openTemp(t *testing.T) *testStore {
	t.Helper()
	ts := &testStore{t: t, path: filepath.Join(t.TempDir(), "test.db")}
	ts.open()
	t.Cleanup(func() { ts.close(true) })
	return ts
}

func (ts *testStore) open() {
	ts.t.Helper()
	s, err := Open(ts.path, testNow)
	if err != nil {
		ts.t.Fatal(err)
	}
	// bbolt checks the whole file after every commit: a store test that
	// corrupts a page fails where it does so.
	s.bolt.StrictMode = true
	ts.Store = s
}

// close checks the file, then closes it cleanly or, as a crash would,
// without the closing checkpoint.
func (ts *testStore) close(clean bool) {
	ts.t.Helper()
	if ts.Store == nil {
		return
	}
	if err := ts.Check(); err != nil {
		ts.t.Errorf("consistency check: %v", err)
	}
	var err error
	if clean {
		err = ts.Close()
	} else {
		err = ts.bolt.Close()
	}
	if err != nil {
		ts.t.Error(err)
	}
	ts.Store = nil
}

// Reopen closes the store cleanly and opens the file again.
func (ts *testStore) Reopen() {
	ts.t.Helper()
	ts.close(true)
	ts.open()
}

// Crash stops the store as a killed process would (no checkpoint on the
// way out) and opens the file again.
func (ts *testStore) Crash() {
	ts.t.Helper()
	ts.close(false)
	ts.open()
}

// Edit changes the file behind the store's back (to make an older layout,
// say), then opens it again, as the next process would.
func (ts *testStore) Edit(fn func(tx *bolt.Tx) error) {
	ts.t.Helper()
	if err := ts.bolt.Update(fn); err != nil {
		ts.t.Fatal(err)
	}
	ts.Crash()
}

func sampleResponse() *questionnaire.Response {
	return &questionnaire.Response{
		ID: questionnaire.NewResponseID(), Survey: "2026", Unit: RootUnitID, Audience: "asn",
		Date: "2026-11-27", Instrument: "2026.1",
		Answers: questionnaire.Answers{
			Scale:  map[string]int{"impl.pelayanan.1": 4, "eng.recommend": 9},
			Picks:  map[string][]string{"values.current": {"gosip", "birokratis"}},
			Choice: map[string]string{"demo.age": "25-34"},
		},
	}
}

func TestFreshDatabaseHasRootUnitAndSurvey(t *testing.T) {
	s := openTemp(t)
	root, err := s.RootUnit()
	if err != nil || root.ID != RootUnitID {
		t.Fatalf("root unit = %+v, %v", root, err)
	}
	sv, err := s.LatestSurvey()
	if err != nil || sv.ID != "2026" || !sv.Open || sv.K != 5 {
		t.Fatalf("default survey = %+v, %v; want open 2026 with k = 5", sv, err)
	}
}

func TestSaveResponseRoundTrip(t *testing.T) {
	s := openTemp(t)
	want := sampleResponse()
	if err := s.SaveResponse(want); err != nil {
		t.Fatal(err)
	}
	var got []*questionnaire.Response
	if err := s.EachResponse(nil, func(r *questionnaire.Response) error { got = append(got, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Fatalf("read back %+v, want %+v", got, want)
	}
}

func TestSaveResponseTwiceStoresOnce(t *testing.T) {
	s := openTemp(t)
	r := sampleResponse()
	for range 2 {
		if err := s.SaveResponse(r); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := s.CountResponses(); n != 1 {
		t.Fatalf("stored %d responses, want 1", n)
	}
	other := sampleResponse()
	other.ID = r.ID
	other.Answers.Scale["impl.pelayanan.1"] = 1
	if err := s.SaveResponse(other); !errors.Is(err, ErrConflict) {
		t.Fatalf("different answers under the same id: err = %v, want ErrConflict", err)
	}
}

// TestStoredBytesCarryNoTime: the record holds the day only, and nothing else
// than the interchange fields.
func TestStoredBytesCarryNoTime(t *testing.T) {
	s := openTemp(t)
	if err := s.SaveResponse(sampleResponse()); err != nil {
		t.Fatal(err)
	}
	s.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketResponses).ForEach(func(k, v []byte) error {
			if bytes.Contains(v, []byte("09:30")) || bytes.Contains(v, []byte("T0")) {
				t.Errorf("stored record holds a time: %s", v)
			}
			for _, field := range []string{`"id"`, `"survey"`, `"unit"`, `"audience"`, `"date":"2026-11-27"`, `"instrument"`, `"answers"`} {
				if !bytes.Contains(v, []byte(field)) {
					t.Errorf("stored record lacks %s: %s", field, v)
				}
			}
			return nil
		})
	})
}

// TestKeysDoNotFollowInsertionOrder: bbolt iterates keys in order, so keys
// must be random or the order of responses would tell who answered when.
func TestKeysDoNotFollowInsertionOrder(t *testing.T) {
	s := openTemp(t)
	var inserted []string
	for range 50 {
		r := sampleResponse()
		inserted = append(inserted, r.ID)
		if err := s.SaveResponse(r); err != nil {
			t.Fatal(err)
		}
	}
	var stored []string
	s.EachResponse(nil, func(r *questionnaire.Response) error { stored = append(stored, r.ID); return nil })
	if reflect.DeepEqual(inserted, stored) {
		t.Fatal("responses come back in the order they were stored")
	}
}

func TestSecondOpenerGetsClearMessage(t *testing.T) {
	s := openTemp(t)
	start := time.Now()
	_, err := Open(s.Path(), testNow)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), s.Path()) || !strings.Contains(err.Error(), "another berakhlak") {
		t.Errorf("message %q should name the file and say another berakhlak holds it", err)
	}
	if waited := time.Since(start); waited > 10*LockTimeout {
		t.Errorf("second open waited %s", waited)
	}
}

func TestNotADatabaseIsLeftUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	content := bytes.Repeat([]byte("not a database\n"), 1000)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path, testNow)
	if !errors.Is(err, ErrNotDatabase) || !strings.Contains(err.Error(), path) {
		t.Fatalf("open of a text file: %v, want ErrNotDatabase naming the file", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, content) {
		t.Fatal("the file was changed")
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := Open(path, testNow)
	if err != nil {
		t.Fatal(err)
	}
	s.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("99")) })
	s.Close()
	if _, err := Open(path, testNow); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("open of a schema 99 file: %v, want ErrNewerSchema", err)
	}
}

// TestStoreOptionsAreDurable guards the options every open uses.
func TestStoreOptionsAreDurable(t *testing.T) {
	o := Options()
	if o.Timeout <= 0 || o.NoSync || o.NoGrowSync || o.NoFreelistSync {
		t.Fatalf("unsafe bbolt options: %+v", o)
	}
}

func TestTruncatedDatabaseIsRefusedAndKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cut.db")
	s, err := Open(path, testNow)
	if err != nil {
		t.Fatal(err)
	}
	for range 300 {
		if err := s.SaveResponse(sampleResponse()); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	full, _ := os.ReadFile(path)
	cut := full[:len(full)/2]
	os.WriteFile(path, cut, 0o600)
	_, err = Open(path, testNow)
	if !errors.Is(err, ErrNotDatabase) || !strings.Contains(err.Error(), "truncated") || !strings.Contains(err.Error(), path) {
		t.Fatalf("open of a truncated file: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, cut) {
		t.Fatal("the truncated file was changed")
	}
}

func TestFolderAsDatabaseGetsAMessage(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(dir, testNow)
	if err == nil || !strings.Contains(err.Error(), "is a folder") || !strings.Contains(err.Error(), dir) {
		t.Fatalf("open of a folder: %v", err)
	}
}

// TestOpenedStoreIsDurable checks the open database itself, and that nothing
// else in the code base opens bbolt: every open goes through Open.
func TestOpenedStoreIsDurable(t *testing.T) {
	s := openTemp(t)
	if s.bolt.NoSync || s.bolt.NoGrowSync || s.bolt.NoFreelistSync {
		t.Fatalf("store opened with NoSync=%v NoGrowSync=%v NoFreelistSync=%v", s.bolt.NoSync, s.bolt.NoGrowSync, s.bolt.NoFreelistSync)
	}
	files, _ := filepath.Glob("../*/*.go")
	root, _ := filepath.Glob("../*.go")
	for _, f := range append(files, root...) {
		if strings.HasSuffix(f, "_test.go") || f == "../db/store.go" {
			continue
		}
		src, _ := os.ReadFile(f)
		if bytes.Contains(src, []byte("bolt.Open(")) || bytes.Contains(src, []byte("NoSync")) {
			t.Errorf("%s opens bbolt or sets NoSync: every open must go through db.Open", f)
		}
	}
}

// TestStoredResponsesAreCountedWithoutReadingThem: the count of stored
// responses is kept beside them (issue 35: counting the keys read every page
// of the file), through saves, a committed and an aborted import, and the
// upgrade of a file from before the count.
func TestStoredResponsesAreCountedWithoutReadingThem(t *testing.T) {
	s := openTemp(t)
	in, rng := questionnaire.Default(), rand.New(rand.NewPCG(35, 1))
	sample := func() *questionnaire.Response {
		return in.SampleResponse(rng, "asn", "2026", RootUnitID, "2026-11-27", 0)
	}
	keys := func() int {
		n := 0
		s.Store.bolt.View(func(tx *bolt.Tx) error { n = tx.Bucket(bucketResponses).Stats().KeyN; return nil })
		return n
	}
	want := func(when string, n int) {
		t.Helper()
		if got, err := s.CountResponses(); err != nil || got != n || keys() != n {
			t.Fatalf("%s: counted %d (%v), %d keys stored; want %d", when, got, err, keys(), n)
		}
	}
	for range 7 {
		if err := s.SaveResponse(sample()); err != nil {
			t.Fatal(err)
		}
	}
	want("7 saved", 7)
	for _, commit := range []bool{true, false} {
		im, err := s.BeginImport()
		if err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			r := sample()
			if err := im.Put(r, r.AppendJSON(nil), i); err != nil {
				t.Fatal(err)
			}
		}
		if commit {
			if _, err := im.Commit(); err != nil {
				t.Fatal(err)
			}
		} else if err := im.Abort(); err != nil {
			t.Fatal(err)
		}
	}
	want("an import of 5 committed, another aborted", 12)
	s.Edit(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketResponses).SetSequence(0); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("9"))
	})
	want("a schema 9 file opened", 12)
}
