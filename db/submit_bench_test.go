package db

import (
	"crypto/rand"
	"encoding/json"
	mrand "math/rand/v2"
	"path/filepath"
	"testing"

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
