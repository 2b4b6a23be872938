package db

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"

	"filippo.io/age"
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
	for _, r := range rs { // refuse a bad id before the transaction
		if _, err := responseKey(r.ID); err != nil {
			return 0, err
		}
	}
	each := func(put func(*questionnaire.Response) error) error {
		for _, r := range rs {
			if err := put(r); err != nil {
				return err
			}
		}
		return nil
	}
	// A large batch (an import) writes its aggregates at once.
	return s.saveEach(each, len(rs) >= checkpointEvery, also, nil)
}

// saveEach stores responses in one transaction; direct writes the
// aggregates at its end instead of journaling each response. onNew, when
// set, runs for each response stored now (not for one stored before).
func (s *Store) saveEach(each func(put func(*questionnaire.Response) error) error, direct bool, also func(tx *bolt.Tx, stored int) error,
	onNew func(tx *bolt.Tx, r *questionnaire.Response) error) (int, error) {
	stored := 0
	var aggs *aggCache
	err := s.bolt.Update(func(tx *bolt.Tx) error {
		stored = 0
		checkpointed := false
		b, importing := tx.Bucket(bucketResponses), tx.Bucket(bucketImporting)
		outbox := tx.Bucket(bucketOutbox)
		forwarding := s.forwarding.Load()
		aggs = newAggCache(tx, &s.aggs)
		err := each(func(r *questionnaire.Response) error {
			key, err := responseKey(r.ID)
			if err != nil {
				return err
			}
			data := r.AppendJSON(nil)
			if old := b.Get(key); old != nil {
				if beingImported(importing, key) {
					return fmt.Errorf("response %s: %w", r.ID, ErrBeingImported)
				}
				// A sealed record cannot be compared without the key: the
				// same random id is the same response, saved before.
				if bytes.Equal(old, data) || IsSealed(old) {
					return nil
				}
				return fmt.Errorf("response %s: %w", r.ID, ErrConflict)
			}
			if _, err := s.putRecord(aggs, b, outbox, forwarding, key, r, data); err != nil {
				return err
			}
			if onNew != nil {
				if err := onNew(tx, r); err != nil {
					return fmt.Errorf("response %s: %w", r.ID, err)
				}
			}
			group := aggKey(r.Survey, r.Unit, r.Audience)
			a, err := aggs.get(string(group))
			if err != nil {
				return err
			}
			a.Add(r)
			if !direct {
				if err := aggs.journal(string(group), r); err != nil {
					return err
				}
			}
			stored++
			return nil
		})
		if err != nil {
			return err
		}
		if also != nil {
			if err := also(tx, stored); err != nil {
				return err
			}
		}
		// Releases once per transaction: readers see only commits, so a
		// group's new respondents go out together, still k or more at a time.
		if err := aggs.releaseChanged(); err != nil {
			return err
		}
		if err := aggs.flush(); err != nil {
			return err
		}
		due, err := s.journaled.checkpointDue(tx, journaledNow(direct, stored))
		if err != nil {
			return err
		}
		if due || direct {
			checkpointed = true
			if err := checkpoint(tx, aggs); err != nil {
				return err
			}
		}
		s.journaled.committed(journaledNow(direct, stored), checkpointed)
		return nil
	})
	if err != nil {
		s.forgetFailed(aggs)
		return 0, err
	}
	s.announceStored(stored)
	return stored, nil
}

// putRecord stores a response's interchange line under key — sealed to its
// survey's recipient when it has one, which it reports — and, on a
// forwarding store, queues it in the outbox in the same transaction.
func (s *Store) putRecord(c *aggCache, responses, outbox *bolt.Bucket, forwarding bool, key []byte, r *questionnaire.Response, line []byte) (sealed bool, err error) {
	recipient, err := c.surveyRecipient(r.Survey)
	if err != nil {
		return false, err
	}
	data := line
	if recipient != nil {
		if data, err = seal(r, line, recipient); err != nil {
			return false, err
		}
	}
	if err := responses.Put(key, data); err != nil {
		return false, fmt.Errorf("put response %s: %w", r.ID, err)
	}
	if err := countStored(responses, 1); err != nil {
		return false, err
	}
	if !forwarding {
		return recipient != nil, nil
	}
	queued, err := s.outboxValue(r, line, recipient != nil)
	if err != nil {
		return false, err
	}
	if err := outbox.Put(key, queued); err != nil {
		return false, fmt.Errorf("queue response %s for forwarding: %w", r.ID, err)
	}
	return recipient != nil, nil
}

// journaledNow is how many responses a save adds to the journal: none when
// it writes its aggregates at once.
func journaledNow(direct bool, stored int) int {
	if direct {
		return 0
	}
	return stored
}

// EachResponse calls fn for every stored response, in key (random) order,
// opening sealed records with ids (none: it fails with ErrSealed at the
// first sealed one).
func (s *Store) EachResponse(ids []age.Identity, fn func(*questionnaire.Response) error) error {
	return s.bolt.View(func(tx *bolt.Tx) error {
		return eachCommitted(tx, func(k, v []byte) error {
			r, err := decodeRecord(v, ids)
			if err != nil {
				return fmt.Errorf("decode response %x: %w", k, err)
			}
			return fn(r)
		})
	})
}

// CountResponses returns how many responses are stored.
func (s *Store) CountResponses() (int, error) {
	var n int
	err := s.bolt.View(func(tx *bolt.Tx) error {
		n = int(tx.Bucket(bucketResponses).Sequence())
		if importing := tx.Bucket(bucketImporting); importing != nil {
			n -= importing.Stats().KeyN
		}
		return nil
	})
	return n, err
}

// countStored keeps the count of stored responses in the responses
// bucket's sequence, which is written with the bucket's header on every
// change of the bucket anyway. Counting the keys instead (Bucket.Stats)
// reads every page of the bucket: a server asked for its count touched its
// whole file, and held it mapped (issue 35: 488 MB after 200,000 responses).
func countStored(responses *bolt.Bucket, delta int) error {
	if err := responses.SetSequence(uint64(int64(responses.Sequence()) + int64(delta))); err != nil {
		return fmt.Errorf("count stored responses: %w", err)
	}
	return nil
}

// recountStored sets the count of stored responses from the keys: a file
// of a schema before the count (10).
func recountStored(tx *bolt.Tx) error {
	responses := tx.Bucket(bucketResponses)
	return responses.SetSequence(uint64(responses.Stats().KeyN))
}

// HasResponse reports whether a response with this id is stored.
func (s *Store) HasResponse(id string) (bool, error) {
	key, err := responseKey(id)
	if err != nil {
		return false, err
	}
	var found bool
	err = s.bolt.View(func(tx *bolt.Tx) error {
		found = tx.Bucket(bucketResponses).Get(key) != nil && !beingImported(tx.Bucket(bucketImporting), key)
		return nil
	})
	return found, err
}
