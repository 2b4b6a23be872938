package db

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/berakhlak/berakhlak/questionnaire"
	bolt "go.etcd.io/bbolt"
)

// ErrConflict means a different response is already stored under the same id.
var ErrConflict = errors.New("a different response is stored under this id")

// responseKey is the 16 random bytes of the id: keys carry no order of arrival.
func responseKey(id string) ([]byte, error) {
	k, err := hex.DecodeString(id)
	if err != nil || len(k) != 16 {
		return nil, fmt.Errorf("response id %q is not 32 hex digits", id)
	}
	return k, nil
}

// SaveResponse stores r and adds it to its group's aggregate in the same
// transaction: when it returns nil the commit (with fsync) has returned.
// Saving the same response again is a no-op, so a retry after an unknown
// outcome never stores it twice.
func (s *Store) SaveResponse(r *questionnaire.Response) error {
	_, err := s.SaveResponses([]*questionnaire.Response{r})
	if err != nil {
		return fmt.Errorf("save response: %w", err)
	}
	return nil
}

// SaveResponses stores a batch in one transaction, all or nothing, and
// returns how many were new; responses already stored (same id, same
// content) are skipped.
func (s *Store) SaveResponses(rs []*questionnaire.Response) (int, error) {
	return s.saveResponsesCounted(rs, nil)
}

// saveResponses is SaveResponses with an extra step inside the transaction.
func (s *Store) saveResponses(rs []*questionnaire.Response, also func(tx *bolt.Tx, stored int) error) error {
	_, err := s.saveResponsesCounted(rs, also)
	if err != nil {
		return fmt.Errorf("save response: %w", err)
	}
	return nil
}

func (s *Store) saveResponsesCounted(rs []*questionnaire.Response, also func(tx *bolt.Tx, stored int) error) (int, error) {
	type encoded struct {
		key, data []byte
		r         *questionnaire.Response
	}
	batch := make([]encoded, 0, len(rs))
	for _, r := range rs {
		key, err := responseKey(r.ID)
		if err != nil {
			return 0, err
		}
		batch = append(batch, encoded{key, r.AppendJSON(nil), r})
	}
	stored := 0
	var aggs *aggCache
	checkpointed := false
	// A large batch (an import) writes its aggregates at once.
	direct := len(batch) >= checkpointEvery
	err := s.bolt.Update(func(tx *bolt.Tx) error {
		stored, checkpointed = 0, false
		b := tx.Bucket(bucketResponses)
		outbox := tx.Bucket(bucketOutbox)
		forwarding := s.forwarding.Load()
		aggs = newAggCache(tx, &s.aggs)
		for _, e := range batch {
			if old := b.Get(e.key); old != nil {
				if bytes.Equal(old, e.data) {
					continue
				}
				return fmt.Errorf("response %s: %w", e.r.ID, ErrConflict)
			}
			if err := b.Put(e.key, e.data); err != nil {
				return fmt.Errorf("put response %s: %w", e.r.ID, err)
			}
			group := aggKey(e.r.Survey, e.r.Unit, e.r.Audience)
			a, err := aggs.get(string(group))
			if err != nil {
				return err
			}
			a.Add(e.r)
			if err := aggs.releaseIfDue(e.r.Survey, string(group), a); err != nil {
				return err
			}
			if !direct {
				if err := aggs.journal(string(group), e.r); err != nil {
					return err
				}
			}
			if forwarding {
				if err := outbox.Put(e.key, nil); err != nil {
					return fmt.Errorf("queue response %s for forwarding: %w", e.r.ID, err)
				}
			}
			stored++
		}
		if also != nil {
			if err := also(tx, stored); err != nil {
				return err
			}
		}
		if err := aggs.flush(); err != nil {
			return err
		}
		due, err := s.journaled.checkpointDue(tx, journaledNow(direct, stored))
		if err != nil || !(due || direct) {
			return err
		}
		checkpointed = true
		return checkpoint(tx, aggs)
	})
	if err != nil {
		if aggs != nil {
			aggs.forget()
		}
		s.journaled.forget()
		return 0, err
	}
	s.journaled.committed(journaledNow(direct, stored), checkpointed)
	s.publish(stored)
	return stored, nil
}

// journaledNow is how many responses a save adds to the journal: none when
// it writes its aggregates at once.
func journaledNow(direct bool, stored int) int {
	if direct {
		return 0
	}
	return stored
}

// EachResponse calls fn for every stored response, in key (random) order.
func (s *Store) EachResponse(fn func(*questionnaire.Response) error) error {
	return s.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketResponses).ForEach(func(k, v []byte) error {
			var r questionnaire.Response
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode response %x: %w", k, err)
			}
			return fn(&r)
		})
	})
}

// CountResponses returns how many responses are stored.
func (s *Store) CountResponses() (int, error) {
	var n int
	err := s.bolt.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketResponses).Stats().KeyN
		return nil
	})
	return n, err
}

// HasResponse reports whether a response with this id is stored.
func (s *Store) HasResponse(id string) (bool, error) {
	key, err := responseKey(id)
	if err != nil {
		return false, err
	}
	var found bool
	err = s.bolt.View(func(tx *bolt.Tx) error {
		found = tx.Bucket(bucketResponses).Get(key) != nil
		return nil
	})
	return found, err
}

// StoredAs returns, for each response whose id is already stored, whether the
// stored record equals it; ids not stored are absent. Import uses it to
// refuse a conflicting file before writing anything.
func (s *Store) StoredAs(rs []*questionnaire.Response) (map[string]bool, error) {
	out := map[string]bool{}
	err := s.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketResponses)
		for _, r := range rs {
			key, err := responseKey(r.ID)
			if err != nil {
				return err
			}
			old := b.Get(key)
			if old == nil {
				continue
			}
			out[r.ID] = bytes.Equal(old, r.AppendJSON(nil))
		}
		return nil
	})
	return out, err
}
