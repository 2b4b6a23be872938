package db

import (
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

func saveSamples(t *testing.T, s *Store, rng *rand.Rand, n int, unit string) {
	t.Helper()
	in := questionnaire.Default()
	for range n {
		r := in.SampleResponse(rng, []string{"asn", "public"}[rng.IntN(2)], "2026", unit, "2026-11-27", 0)
		if err := s.SaveResponse(r); err != nil {
			t.Fatal(err)
		}
	}
}

func storedRecord(t *testing.T, s *Store, survey, unit, audience string) *scoring.Aggregate {
	t.Helper()
	var a *scoring.Aggregate
	s.bolt.View(func(tx *bolt.Tx) error {
		if data := tx.Bucket(bucketAggs).Get(aggKey(survey, unit, audience)); data != nil {
			a, _ = scoring.DecodeAggregate(data)
		}
		return nil
	})
	return a
}

// journaledResponses counts the responses in the journal's deltas.
func journaledResponses(t *testing.T, s *Store) int64 {
	t.Helper()
	var n int64
	err := s.bolt.View(func(tx *bolt.Tx) error {
		return journalDeltas(tx, nil, func(_ []byte, delta *scoring.Aggregate) error { n += delta.N; return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func sameAggregates(t *testing.T, s *Store, when string) {
	t.Helper()
	stored, err := s.SurveyAggregates("2026")
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := s.RecomputeAggregates("2026")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(jsonOf(stored), jsonOf(fresh)) {
		t.Fatalf("%s: aggregates differ from the raw responses", when)
	}
}

// Saves between checkpoints live in the journal; readers, a process that
// stopped without writing them, and the next checkpoint all agree with the
// raw responses.
func TestJournalKeepsAggregatesExact(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.db")
	s, err := Open(path, testNow)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 5))
	saveSamples(t, s, rng, 10, RootUnitID)
	if a := storedRecord(t, s, "2026", RootUnitID, "asn"); a != nil {
		t.Fatalf("10 saves (< %d) wrote the aggregate record (n=%d); want them journaled", checkpointEvery, a.N)
	}
	sameAggregates(t, s, "10 journaled")
	s.bolt.Close() // stops as a crash would: no checkpoint

	s, err = Open(path, testNow)
	if err != nil {
		t.Fatal(err)
	}
	saveSamples(t, s, rng, 1, RootUnitID) // its group is read back from record + journal
	sameAggregates(t, s, "after reopening with a journal")
	saveSamples(t, s, rng, checkpointEvery, RootUnitID)
	journaled := journaledResponses(t, s)
	if journaled >= checkpointEvery {
		t.Fatalf("%d journaled after %d saves; want a checkpoint", journaled, 11+checkpointEvery)
	}
	sameAggregates(t, s, "after a checkpoint")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, testNow)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if journaled = journaledResponses(t, s); journaled != 0 {
		t.Fatalf("a closed file keeps %d journaled; Close writes them", journaled)
	}
	asn, public := storedRecord(t, s, "2026", RootUnitID, "asn"), storedRecord(t, s, "2026", RootUnitID, "public")
	if asn == nil || public == nil || asn.N+public.N != 11+checkpointEvery {
		t.Fatalf("records after Close do not hold all %d responses", 11+checkpointEvery)
	}
}

// A unit whose responses are only journaled still cannot be dropped from
// the tree.
func TestReplaceUnitsSeesJournaledResponses(t *testing.T) {
	s := openTemp(t)
	if err := s.ReplaceUnits([]Unit{{ID: RootUnitID, Name: "I"}, {ID: "biro", Parent: RootUnitID, Name: "Biro"}}); err != nil {
		t.Fatal(err)
	}
	saveSamples(t, s, rand.New(rand.NewPCG(1, 1)), 2, "biro")
	if err := s.ReplaceUnits([]Unit{{ID: RootUnitID, Name: "I"}}); err == nil {
		t.Fatal("the tree lost unit biro, which holds 2 journaled responses")
	}
}

func TestOldSchemaIsUpgraded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path, testNow)
	if err != nil {
		t.Fatal(err)
	}
	s.bolt.Update(func(tx *bolt.Tx) error {
		tx.DeleteBucket(bucketJournal)
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("1"))
	})
	s.bolt.Close()
	s, err = Open(path, testNow)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	saveSamples(t, s, rand.New(rand.NewPCG(2, 2)), 1, RootUnitID)
	var schema string
	s.bolt.View(func(tx *bolt.Tx) error { schema = string(tx.Bucket(bucketMeta).Get(keySchema)); return nil })
	if schema != strconv.Itoa(SchemaVersion) {
		t.Fatalf("schema after opening a version 1 file = %q; want %d", schema, SchemaVersion)
	}
}
