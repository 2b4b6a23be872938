package db

import (
	"crypto/rand"
	"encoding/json"
	mrand "math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/questionnaire"
	bolt "go.etcd.io/bbolt"
)

// BenchmarkSubmit stores one response with its aggregate, committed with
// fsync, as the kiosk does. Its limit is BenchmarkBareUpdate.
func BenchmarkSubmit(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "submit.db"), testNow)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	in := questionnaire.Default()
	rng := mrand.New(mrand.NewPCG(1, 2))
	rs := make([]*questionnaire.Response, 1000)
	for i := range rs {
		rs[i] = in.SampleResponse(rng, "asn", "2026", RootUnitID, "2026-11-27", 0)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		r := *rs[i%len(rs)]
		r.ID = questionnaire.NewResponseID()
		if err := s.SaveResponse(&r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareUpdate is the physical limit of a submit: one bbolt Update
// that puts the same bytes under a random key, committed with fsync.
func BenchmarkBareUpdate(b *testing.B) {
	db, err := bolt.Open(filepath.Join(b.TempDir(), "bare.db"), 0o600, Options())
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("r")); return err })
	in := questionnaire.Default()
	rng := mrand.New(mrand.NewPCG(1, 2))
	value, _ := json.Marshal(in.SampleResponse(rng, "asn", "2026", RootUnitID, "2026-11-27", 0))
	key := make([]byte, 16)
	b.ResetTimer()
	for b.Loop() {
		rand.Read(key)
		if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("r")).Put(key, value) }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSubmitPaired alternates one submit and one bare update (the same
// response bytes under a random key, in a second file), each timed alone, so
// the shared machine's noise falls on both alike. It reports the median of
// each, the ratio of the medians, and the ratio of the means (which carries
// the heavier save every checkpointEvery that writes the aggregates).
func BenchmarkSubmitPaired(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "submit.db"), testNow)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	bare, err := bolt.Open(filepath.Join(b.TempDir(), "bare.db"), 0o600, Options())
	if err != nil {
		b.Fatal(err)
	}
	defer bare.Close()
	bare.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("r")); return err })
	in := questionnaire.Default()
	rng := mrand.New(mrand.NewPCG(1, 2))
	rs := make([]*questionnaire.Response, 1000)
	for i := range rs {
		rs[i] = in.SampleResponse(rng, "asn", "2026", RootUnitID, "2026-11-27", 0)
	}
	var submits, bares []time.Duration
	key := make([]byte, 16)
	for i := 0; b.Loop(); i++ {
		r := *rs[i%len(rs)]
		r.ID = questionnaire.NewResponseID()
		start := time.Now()
		if err := s.SaveResponse(&r); err != nil {
			b.Fatal(err)
		}
		submits = append(submits, time.Since(start))
		value, _ := json.Marshal(&r) // the limit writes bytes it was handed
		rand.Read(key)
		start = time.Now()
		if err := bare.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("r")).Put(key, value) }); err != nil {
			b.Fatal(err)
		}
		bares = append(bares, time.Since(start))
	}
	submit, limit := median(submits), median(bares)
	b.ReportMetric(float64(submit.Microseconds()), "submit-µs")
	b.ReportMetric(float64(limit.Microseconds()), "bare-µs")
	b.ReportMetric(float64(submit)/float64(limit), "ratio")
	b.ReportMetric(float64(sum(submits))/float64(sum(bares)), "mean-ratio")
}

func sum(ds []time.Duration) time.Duration {
	var t time.Duration
	for _, d := range ds {
		t += d
	}
	return t
}

func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}
