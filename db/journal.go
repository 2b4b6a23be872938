package db

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// The aggregate journal holds, per group, the aggregate of the responses
// committed since the stored aggregates were last written: group key → the
// delta's binary form. Writing a group's whole aggregate (3.8 KB) on every
// save cost a third of a submit; now a save writes its response and its
// group's small delta, and every checkpointEvery saves the changed
// aggregates are written and the journal emptied, in the same transaction.
// Readers add the deltas to the stored aggregates, so stored + journal is
// always exact. The journal names groups, never responses: a list of the
// responses saved since the last checkpoint would tell which are newest.
var bucketJournal = []byte("journal")

// checkpointEvery bounds the journal: at most this many responses are in
// deltas rather than in the aggregates.
const checkpointEvery = 32

// journal adds r to its group's delta; flush writes it.
func (c *aggCache) journal(group string, r *questionnaire.Response) error {
	delta, err := c.record(bucketJournal, group)
	if err != nil {
		return err
	}
	delta.Add(r)
	c.changed(bucketJournal, group)
	return nil
}

// journalCount is how many responses the journal holds, kept in memory so
// that a save need not read the deltas back. Writers update it inside their
// transaction (bbolt runs one writer at a time), so the next writer sees the
// count its predecessor committed; a failed commit makes it be read again.
// It only decides when to checkpoint: stored aggregates plus journal stay
// exact whatever it says.
type journalCount struct {
	mu    sync.Mutex // forget runs after a failed transaction, outside it
	known bool
	n     int64
}

// checkpointDue reports whether the journal, with stored more responses,
// reaches checkpointEvery; the count is read from the file once.
func (j *journalCount) checkpointDue(tx *bolt.Tx, stored int) (bool, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if !j.known {
		var n int64
		err := eachGroupRecord(tx, bucketJournal, "", func(_, _ string, delta *scoring.Aggregate) error {
			n += delta.N
			return nil
		})
		if err != nil {
			return false, err
		}
		// The count read inside this transaction already holds its saves.
		j.n, j.known = n-int64(stored), true
	}
	return j.n+int64(stored) >= checkpointEvery, nil
}

// committed updates the count at the end of a transaction: stored more, or
// none after a checkpoint.
func (j *journalCount) committed(stored int, checkpointed bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if checkpointed {
		j.n = 0
		return
	}
	j.n += int64(stored)
}

// forget makes the count be read from the file again (after a failed
// transaction).
func (j *journalCount) forget() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.known = false
}

// checkpoint writes the current aggregate of every journaled group and of
// every group this transaction changed, and empties the journal (in the
// file and in memory).
func checkpoint(tx *bolt.Tx, aggs *aggCache) error {
	groups := map[string]bool{}
	for key := range aggs.byKey {
		groups[key] = true
	}
	err := tx.Bucket(bucketJournal).ForEach(func(group, _ []byte) error {
		groups[string(group)] = true
		return nil
	})
	if err != nil {
		return err
	}
	if err := foldJournal(aggs, slices.Collect(maps.Keys(groups))); err != nil {
		return err
	}
	if err := tx.DeleteBucket(bucketJournal); err != nil {
		return fmt.Errorf("empty the journal: %w", err)
	}
	if _, err := tx.CreateBucket(bucketJournal); err != nil {
		return fmt.Errorf("empty the journal: %w", err)
	}
	return nil
}

// foldJournal writes each group's current aggregate as its stored record,
// empties its delta in memory (the caller drops the journal's records), and
// releases the group where due: a save has released its own groups already,
// but an import's responses reach the journal unreleased (Import.Commit).
func foldJournal(aggs *aggCache, groups []string) error {
	for _, key := range groups {
		a, err := aggs.get(key)
		if err != nil {
			return err
		}
		if err := aggs.tx.Bucket(bucketAggs).Put([]byte(key), scoring.EncodeAggregate(a)); err != nil {
			return fmt.Errorf("write aggregate: %w", err)
		}
		delta, err := aggs.record(bucketJournal, key)
		if err != nil {
			return err
		}
		*delta = *scoring.NewAggregate()
		delete(aggs.dirty, memoryKey(bucketJournal, key))
		survey, _, _, ok := splitAggKey([]byte(key))
		if !ok {
			return fmt.Errorf("malformed aggregate key %q", key)
		}
		if err := aggs.releaseIfDue(survey, key, a); err != nil {
			return err
		}
	}
	return aggs.flush()
}

// journaledGroups are the first groups of the journal, at most max. A key
// that names no group (a schema-2 journal's response id, or damage) is
// passed over and left for verify to report.
func journaledGroups(journal *bolt.Bucket, max int) []string {
	var groups []string
	c := journal.Cursor()
	for k, _ := c.First(); k != nil && len(groups) < max; k, _ = c.Next() {
		if _, _, _, ok := splitAggKey(k); ok {
			groups = append(groups, string(k))
		}
	}
	return groups
}

// settleChunk is how many groups settleJournal folds per transaction: its
// records, decoded and written, stay a few megabytes.
const settleChunk = 256

// settleJournal folds the journal into the stored aggregates and releases
// what is due, settleChunk groups per transaction, decoding each chunk's
// records apart from the process's memory of aggregates (whose copies of
// them are dropped): an import commits its responses into the journal, one
// delta per group, and tens of thousands of groups folded in one
// transaction held gigabytes. Stored + journal is exact after every chunk;
// a crash leaves the rest for the next Open.
func (s *Store) settleJournal() error {
	pending := false
	s.bolt.View(func(tx *bolt.Tx) error {
		pending = len(journaledGroups(tx.Bucket(bucketJournal), 1)) > 0
		return nil
	})
	if !pending { // the common case, on Open: no write transaction (and fsync) for nothing
		return nil
	}
	defer s.journaled.forget() // counted again from the file by the next save
	for {
		done := false
		err := s.bolt.Update(func(tx *bolt.Tx) error {
			journal := tx.Bucket(bucketJournal)
			groups := journaledGroups(journal, settleChunk)
			if len(groups) == 0 {
				done = true
				return nil
			}
			aggs := newAggCache(tx, &aggMemory{})
			if err := foldJournal(aggs, groups); err != nil {
				return err
			}
			for _, key := range groups {
				if err := journal.Delete([]byte(key)); err != nil {
					return fmt.Errorf("drop journal of %q: %w", key, err)
				}
			}
			// Inside the transaction: no writer may use an old copy after it.
			s.aggs.forget(maps.Keys(aggs.byKey))
			s.aggs.forget(maps.Keys(aggs.others))
			return nil
		})
		if err != nil {
			return fmt.Errorf("write the journaled aggregates of %s: %w", s.path, err)
		}
		if done {
			return nil
		}
	}
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
		if err := checkpoint(tx, aggs); err != nil {
			return err
		}
		s.journaled.committed(0, true)
		return nil
	})
	if err != nil {
		s.forgetFailed(aggs)
		return fmt.Errorf("write aggregates of %s: %w", s.path, err)
	}
	return nil
}

// upgradeJournal adds the responses a schema-2 journal lists by id (response
// key → group key) to their stored aggregates and empties it, so that no
// list of the newest responses is left in the file.
func upgradeJournal(tx *bolt.Tx) error {
	responses, aggs := tx.Bucket(bucketResponses), tx.Bucket(bucketAggs)
	byGroup := map[string]*scoring.Aggregate{}
	err := tx.Bucket(bucketJournal).ForEach(func(k, group []byte) error {
		data := responses.Get(k)
		if data == nil {
			return fmt.Errorf("journal names response %x, which is not stored", k)
		}
		var r questionnaire.Response
		if err := json.Unmarshal(data, &r); err != nil {
			return fmt.Errorf("decode response %x: %w", k, err)
		}
		a, ok := byGroup[string(group)]
		if !ok {
			a = scoring.NewAggregate()
			if stored := aggs.Get(group); stored != nil {
				var err error
				if a, err = scoring.DecodeAggregate(stored); err != nil {
					return fmt.Errorf("read aggregate %q: %w", group, err)
				}
			}
			byGroup[string(group)] = a
		}
		a.Add(&r)
		return nil
	})
	if err != nil {
		return fmt.Errorf("upgrade the journal: %w", err)
	}
	for key, a := range byGroup {
		if err := aggs.Put([]byte(key), scoring.EncodeAggregate(a)); err != nil {
			return fmt.Errorf("upgrade the journal: %w", err)
		}
	}
	if err := tx.DeleteBucket(bucketJournal); err != nil {
		return fmt.Errorf("upgrade the journal: %w", err)
	}
	_, err = tx.CreateBucket(bucketJournal)
	return err
}
