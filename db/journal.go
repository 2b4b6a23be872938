package db

import (
	"encoding/json"
	"fmt"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// The aggregate journal lists the responses committed since the stored
// aggregates were last written: response key → aggregate key. Writing a
// group's aggregate (3.8 KB, encoded) on every save cost a third of a
// submit; now a save writes its response and one journal entry, and every
// checkpointEvery saves the changed aggregates are written and the journal
// emptied, in the same transaction. Readers of the file add the journal's
// responses to the stored aggregates, so stored + journal is always exact.
var bucketJournal = []byte("journal")

// checkpointEvery bounds the journal: readers decode at most this many
// responses more than the aggregates.
const checkpointEvery = 32

// journal records a stored response under its group.
func journal(tx *bolt.Tx, responseKey, group []byte) error {
	if err := tx.Bucket(bucketJournal).Put(responseKey, group); err != nil {
		return fmt.Errorf("journal response %x: %w", responseKey, err)
	}
	return nil
}

// eachJournaled calls fn with every journaled response and its group.
func eachJournaled(tx *bolt.Tx, fn func(group []byte, r *questionnaire.Response) error) error {
	responses := tx.Bucket(bucketResponses)
	return tx.Bucket(bucketJournal).ForEach(func(k, group []byte) error {
		data := responses.Get(k)
		if data == nil {
			return fmt.Errorf("journal names response %x, which is not stored", k)
		}
		var r questionnaire.Response
		if err := json.Unmarshal(data, &r); err != nil {
			return fmt.Errorf("decode response %x: %w", k, err)
		}
		return fn(group, &r)
	})
}

// checkpointDue reports whether the journal has reached its bound.
func checkpointDue(tx *bolt.Tx) bool {
	n := 0
	c := tx.Bucket(bucketJournal).Cursor()
	for k, _ := c.First(); k != nil && n < checkpointEvery; k, _ = c.Next() {
		n++
	}
	return n >= checkpointEvery
}

// checkpoint writes the current aggregate of every journaled group and of
// every group this transaction changed, and empties the journal.
func checkpoint(tx *bolt.Tx, aggs *aggCache) error {
	groups := map[string]bool{}
	for key := range aggs.byKey {
		groups[key] = true
	}
	err := tx.Bucket(bucketJournal).ForEach(func(_, group []byte) error {
		groups[string(group)] = true
		return nil
	})
	if err != nil {
		return err
	}
	for key := range groups {
		a, err := aggs.get(key)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketAggs).Put([]byte(key), scoring.EncodeAggregate(a)); err != nil {
			return fmt.Errorf("write aggregate: %w", err)
		}
	}
	if err := tx.DeleteBucket(bucketJournal); err != nil {
		return fmt.Errorf("empty the journal: %w", err)
	}
	if _, err := tx.CreateBucket(bucketJournal); err != nil {
		return fmt.Errorf("empty the journal: %w", err)
	}
	return nil
}

// Checkpoint writes the journaled aggregates now, so that a file at rest has
// all its aggregates written (Close calls it).
func (s *Store) Checkpoint() error {
	var aggs *aggCache
	err := s.bolt.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketJournal).Stats().KeyN == 0 {
			return nil
		}
		aggs = newAggCache(tx, &s.aggs)
		return checkpoint(tx, aggs)
	})
	if err != nil {
		if aggs != nil {
			aggs.forget()
		}
		return fmt.Errorf("write aggregates of %s: %w", s.path, err)
	}
	return nil
}
