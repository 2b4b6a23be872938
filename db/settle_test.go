package db

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
	bolt "go.etcd.io/bbolt"
)

// TestImportSettlesInChunksAndAfterACrash: an import commits its responses
// into the journal (a delta per group) and settles them — folded into the
// stored aggregates, released where due — a chunk of groups per
// transaction. A crash after the commit, before the settling, loses
// nothing: the next Open settles, and the figures then hold every
// respondent released in steps of k.
func TestImportSettlesInChunksAndAfterACrash(t *testing.T) {
	s := openTemp(t)
	tree := []Unit{{ID: RootUnitID, Name: "I"}}
	var units []string
	for i := range settleChunk + 40 { // more groups than one settling transaction takes
		units = append(units, fmt.Sprintf("u%d", i))
		tree = append(tree, Unit{ID: units[i], Parent: RootUnitID, Name: "U"})
	}
	if err := s.ReplaceUnits(tree); err != nil {
		t.Fatal(err)
	}
	rs := importSample(9, 5*len(units)) // five a unit: each group released once
	for i, r := range rs {
		r.Unit = units[i%len(units)]
	}
	im := importing(t, s, rs)
	if err := im.commitToJournal(); err != nil {
		t.Fatal(err)
	}
	if pub, live := figuresN(t, s); live != int64(len(rs)) || pub != 0 {
		t.Fatalf("committed, before settling: %d live, %d published; want all live and none released yet", live, pub)
	}
	s.Crash()
	if pub, live := figuresN(t, s); live != int64(len(rs)) || pub != live {
		t.Fatalf("after the crash and Open: %d live, %d published; want all %d of both", live, pub, len(rs))
	}
	s.bolt.View(func(tx *bolt.Tx) error {
		if n := tx.Bucket(bucketJournal).Stats().KeyN; n != 0 {
			t.Fatalf("%d groups still in the journal after Open settled it", n)
		}
		return nil
	})
	stored, fresh := storedAndRecomputed(t, s, "2026")
	if !reflect.DeepEqual(jsonOf(stored), jsonOf(fresh)) {
		t.Fatal("settled aggregates differ from the stored responses recomputed")
	}
}

// TestImportFindsRepeatedLines: a line repeating an earlier one of the same
// file is stored once; with other answers, it fails the import as coming
// from this file, and nothing is stored.
func TestImportFindsRepeatedLines(t *testing.T) {
	s := openTemp(t)
	rs := importSample(11, 3)
	im, err := s.BeginImport()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range append(rs, rs[1]) {
		if err := im.Put(r, r.AppendJSON(nil), i+1); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := im.Commit(); err != nil || n != 3 {
		t.Fatalf("a file repeating a line stored %d (%v); want 3", n, err)
	}
	other := importSample(12, 1)[0]
	other.ID = rs[0].ID
	fresh := importSample(13, 1)[0]
	im, err = s.BeginImport()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range []*questionnaire.Response{fresh, fresh, other} {
		im.Put(r, r.AppendJSON(nil), i+1)
	}
	_, err = im.Commit()
	var conflict *ConflictError
	if !errors.As(err, &conflict) || conflict.Tag != 3 || conflict.InThisImport {
		t.Fatalf("a line whose id is stored with other answers: %v", err)
	}
	second := importSample(14, 1)[0]
	again := *second
	again.Date = "2026-11-28"
	im, _ = s.BeginImport()
	im.Put(second, second.AppendJSON(nil), 1)
	im.Put(&again, again.AppendJSON(nil), 2)
	_, err = im.Commit()
	if !errors.As(err, &conflict) || conflict.Tag != 2 || !conflict.InThisImport {
		t.Fatalf("a line repeating an earlier one's id with other answers: %v (%+v)", err, conflict)
	}
	if n, _ := s.CountResponses(); n != 3 {
		t.Fatalf("%d responses stored after two failed imports; want the first import's 3", n)
	}
}

// TestSealedImportFindsRepeatedLines: in a sealed survey the stored form of
// an earlier line cannot be compared, so the import compares the hash it
// kept of each line it sealed: the same line again is stored once, the id
// again with other answers fails the import and nothing is stored.
func TestSealedImportFindsRepeatedLines(t *testing.T) {
	s := openTemp(t)
	sealSurvey(t, s.Store)
	rs := importSample(15, 2)
	if n, err := importing(t, s, append(rs, rs[0])).Commit(); err != nil || n != 2 {
		t.Fatalf("a sealed file repeating a line stored %d (%v); want 2", n, err)
	}
	first := importSample(16, 1)[0]
	again := *first
	again.Date = "2026-11-28"
	_, err := importing(t, s, []*questionnaire.Response{first, &again}).Commit()
	var conflict *ConflictError
	if !errors.As(err, &conflict) || conflict.Tag != 2 || !conflict.InThisImport {
		t.Fatalf("a sealed line repeating an earlier one's id with other answers: %v", err)
	}
	if n, _ := s.CountResponses(); n != 2 {
		t.Fatalf("%d responses stored; want the first import's 2", n)
	}
}
