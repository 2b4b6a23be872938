package db

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// TestSchema4FileGetsDriverPairs: a file written before the drivers' sums
// (schema 4: records and journal without pairs) gets them on opening, from
// the stored responses, for a survey in the clear — its aggregates then
// equal the responses recomputed, pairs and all; a sealed survey, which
// cannot be read, is marked as counting only later respondents.
func TestSchema4FileGetsDriverPairs(t *testing.T) {
	// 2025 gets 40 responses (all released) or 38 (3 held back, fewer than k).
	for _, extra := range []int{4, 2} {
		t.Run(fmt.Sprintf("%d more", extra), func(t *testing.T) { schema4FileGetsDriverPairs(t, extra) })
	}
}

func schema4FileGetsDriverPairs(t *testing.T, extra int) {
	s := openTemp(t)
	sealSurvey(t, s.Store) // 2026 sealed
	if err := s.SaveSurvey(DefaultSurvey("2025")); err != nil {
		t.Fatal(err)
	}
	in, rng := questionnaire.Default(), rand.New(rand.NewPCG(5, 5))
	for i := range 2*checkpointEvery + 7 + 2*extra { // some checkpointed, some still in the journal
		r := in.SampleResponse(rng, "asn", []string{"2025", "2026"}[i%2], RootUnitID, "2026-11-27", 0)
		if err := s.SaveResponse(r); err != nil {
			t.Fatal(err)
		}
	}
	asOlderSchema(s, "4", func(a *scoring.Aggregate) {
		clear(a.Drivers)
		a.Limiting = scoring.Moments{} // nor the sums of schema 8
	})
	stored, fresh := storedAndRecomputed(t, s, "2025")
	if len(stored["asn"][RootUnitID].Drivers) == 0 || !reflect.DeepEqual(jsonOf(stored), jsonOf(fresh)) {
		t.Fatalf("after the upgrade the plain survey's aggregates lack its responses' pairs:\n%v\n%v", jsonOf(stored), jsonOf(fresh))
	}
	// Published: all of a group's respondents released, the pairs of exactly
	// them are known; with some held back (fewer than k), the pairs wait for
	// the next release.
	published, err := s.Released("2025")
	if err != nil {
		t.Fatal(err)
	}
	live := stored["asn"][RootUnitID]
	pub := published["asn"][RootUnitID]
	switch {
	case pub == nil:
		t.Fatal("nothing published for 2025")
	case pub.N == live.N && !reflect.DeepEqual(jsonOf(pub.Drivers), jsonOf(live.Drivers)):
		t.Fatalf("all %d released, yet the published pairs differ from the live ones", pub.N)
	case pub.N != live.N && len(pub.Drivers) != 0:
		t.Fatalf("pairs published with %d of %d respondents released", pub.N, live.N)
	case (pub.N == live.N) != (extra == 4):
		t.Fatalf("%d of %d released: the case this run was meant to make did not happen", pub.N, live.N)
	}
	if s.PairsPartial("2025") || !s.PairsPartial("2026") {
		t.Fatalf("partial pairs: 2025 %t (want false), 2026 %t (want true: its responses are sealed)", s.PairsPartial("2025"), s.PairsPartial("2026"))
	}
	var schema string
	s.bolt.View(func(tx *bolt.Tx) error { schema = string(tx.Bucket(bucketMeta).Get(keySchema)); return nil })
	if schema != strconv.Itoa(SchemaVersion) {
		t.Fatalf("schema %q after the upgrade", schema)
	}
}

// asOlderSchema makes s's file look written by an older schema: every
// aggregate record (live, journal, released, shown) loses what strip
// removes, and the file says schema; s is then opened again, upgrading it.
func asOlderSchema(s *testStore, schema string, strip func(*scoring.Aggregate)) {
	s.Edit(func(tx *bolt.Tx) error {
		for _, bucket := range [][]byte{bucketAggs, bucketJournal, bucketReleased, bucketShown} {
			b := tx.Bucket(bucket)
			err := b.ForEach(func(k, v []byte) error {
				a, err := scoring.DecodeAggregate(v)
				if err != nil {
					return err
				}
				strip(a)
				return b.Put(k, scoring.EncodeAggregate(a))
			})
			if err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte(schema))
	})
}

// storedAndRecomputed are a survey's live aggregates as stored, and as its
// stored responses give them.
func storedAndRecomputed(t *testing.T, s *testStore, survey string) (stored, fresh Aggregates) {
	t.Helper()
	stored, err := s.SurveyAggregates(survey)
	if err != nil {
		t.Fatal(err)
	}
	if fresh, err = s.RecomputeAggregates(survey); err != nil {
		t.Fatal(err)
	}
	return stored, fresh
}
