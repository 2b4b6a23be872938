package db

import (
	"math/rand/v2"
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
	err := s.bolt.View(func(tx *bolt.Tx) error {
		var err error
		if data := tx.Bucket(bucketAggs).Get(aggKey(survey, unit, audience)); data != nil {
			a, err = scoring.DecodeAggregate(data)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// journaledResponses counts the responses in the journal's deltas.
func journaledResponses(t *testing.T, s *Store) int64 {
	t.Helper()
	var n int64
	err := s.bolt.View(func(tx *bolt.Tx) error {
		return eachGroupRecord(tx, bucketJournal, "", func(_, _ string, delta *scoring.Aggregate) error { n += delta.N; return nil })
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
	s := openTemp(t)
	rng := rand.New(rand.NewPCG(5, 5))
	saveSamples(t, s.Store, rng, 10, RootUnitID)
	if a := storedRecord(t, s.Store, "2026", RootUnitID, "asn"); a != nil {
		t.Fatalf("10 saves (< %d) wrote the aggregate record (n=%d); want them journaled", checkpointEvery, a.N)
	}
	sameAggregates(t, s.Store, "10 journaled")
	s.Crash() // no checkpoint on the way out

	saveSamples(t, s.Store, rng, 1, RootUnitID) // its group is read back from record + journal
	sameAggregates(t, s.Store, "after reopening with a journal")
	saveSamples(t, s.Store, rng, checkpointEvery, RootUnitID)
	journaled := journaledResponses(t, s.Store)
	if journaled >= checkpointEvery {
		t.Fatalf("%d journaled after %d saves; want a checkpoint", journaled, 11+checkpointEvery)
	}
	sameAggregates(t, s.Store, "after a checkpoint")
	s.Reopen()
	if journaled = journaledResponses(t, s.Store); journaled != 0 {
		t.Fatalf("a closed file keeps %d journaled; Close writes them", journaled)
	}
	asn, public := storedRecord(t, s.Store, "2026", RootUnitID, "asn"), storedRecord(t, s.Store, "2026", RootUnitID, "public")
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
	saveSamples(t, s.Store, rand.New(rand.NewPCG(1, 1)), 2, "biro")
	if err := s.ReplaceUnits([]Unit{{ID: RootUnitID, Name: "I"}}); err == nil {
		t.Fatal("the tree lost unit biro, which holds 2 journaled responses")
	}
}

func TestOldSchemaIsUpgraded(t *testing.T) {
	s := openTemp(t)
	s.Edit(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketJournal); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("1"))
	})
	saveSamples(t, s.Store, rand.New(rand.NewPCG(2, 2)), 1, RootUnitID)
	var schema string
	if err := s.bolt.View(func(tx *bolt.Tx) error { schema = string(tx.Bucket(bucketMeta).Get(keySchema)); return nil }); err != nil {
		t.Fatal(err)
	}
	if schema != strconv.Itoa(SchemaVersion) {
		t.Fatalf("schema after opening a version 1 file = %q; want %d", schema, SchemaVersion)
	}
}
