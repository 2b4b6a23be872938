package db

import (
	"bytes"
	"crypto/rand"
	"fmt"

	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// bucketSteps is the release ledger: one record per chunk a release added
// to the figures, and per residue a close left out of them for good, with
// how its respondents split by each demographic answer. Someone who watched
// the figures knows every chunk; the segments' suppression (segments.go)
// needs the same knowledge to make sure no chunk, subtracted from segment
// figures, leaves fewer than k people. The ledger names no unit and no
// response, and keeps no order: only counts, keyed survey \x00 audience
// \x00 16 random bytes (in order, the records would tell which answers
// came first).
var bucketSteps = []byte("steps")

// Step is one ledger record.
type Step struct {
	N int64 `json:"n"`
	// Shown: the chunk entered the figures (false: a residue a close
	// left out, which no figure will ever hold).
	Shown bool `json:"published"` // the field's older name
	// Demo counts the chunk's respondents per demographic answer.
	Demo map[string]int64 `json:"demo,omitempty"`
	// Means are the chunk's means' counts and sums, which a set worked out
	// from the chunks and the segments is checked by at a scale's end. Not
	// omitted when empty: a record without them (written before they were
	// kept) has none known.
	Means scoring.MeanSums `json:"means"`
}

func stepPrefix(survey, audience string) []byte {
	return []byte(survey + "\x00" + audience + "\x00")
}

// recordStep appends a chunk (or a residue left out) to the ledger: its
// respondents, their demographic counts and its means.
func recordStep(tx *bolt.Tx, survey, audience string, chunk *scoring.Aggregate, demo map[string]int64, shown bool) error {
	n := chunk.N
	if n == 0 {
		return nil
	}
	means := scoring.MeansOf(scoring.CountsOf(chunk))
	id := make([]byte, 16)
	if _, err := rand.Read(id); err != nil {
		return fmt.Errorf("key a ledger record: %w", err)
	}
	return putJSON(tx.Bucket(bucketSteps), append(stepPrefix(survey, audience), id...), Step{N: n, Shown: shown, Demo: demo, Means: means})
}

// steps reads a survey's ledger for one audience.
func steps(tx *bolt.Tx, survey, audience string) ([]Step, error) {
	var out []Step
	prefix := stepPrefix(survey, audience)
	cur := tx.Bucket(bucketSteps).Cursor()
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		var st Step
		if _, err := getJSON(tx.Bucket(bucketSteps), k, &st); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// Withheld counts the respondents of a survey's audience that closes left
// out of every figure (fewer than k at each close).
func (s *Store) Withheld(survey, audience string) (int64, error) {
	var n int64
	err := s.bolt.View(func(tx *bolt.Tx) error {
		all, err := steps(tx, survey, audience)
		for _, st := range all {
			if !st.Shown {
				n += st.N
			}
		}
		return err
	})
	return n, err
}
