package db

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// keyForwarding in meta marks a store whose responses are forwarded to an
// agency server: every new response is queued in the outbox in the
// transaction that stores it, so nothing committed can miss the queue.
var keyForwarding = []byte("forwarding")

// keyForwardedN in meta counts the forwarded bucket, which only grows:
// counting it by walking it on every status read would grow with it.
var keyForwardedN = []byte("forwarded_n")

// ForwardState says how far forwarding has come.
type ForwardState struct {
	Pending   int // stored here, not yet acknowledged by the agency server
	Forwarded int // acknowledged
}

// EnableForwarding turns on the outbox. The first time, every stored response
// not yet forwarded is queued, so a kiosk that ran offline sends its backlog.
// It returns how many were queued now.
func (s *Store) EnableForwarding() (int, error) {
	queued := 0
	err := s.bolt.Update(func(tx *bolt.Tx) error {
		queued = 0
		meta := tx.Bucket(bucketMeta)
		if meta.Get(keyForwarding) != nil {
			return nil
		}
		outbox, forwarded := tx.Bucket(bucketOutbox), tx.Bucket(bucketForwarded)
		err := eachCommitted(tx, func(k, _ []byte) error {
			if forwarded.Get(k) != nil {
				return nil
			}
			queued++
			return outbox.Put(k, nil)
		})
		if err != nil {
			return fmt.Errorf("queue stored responses: %w", err)
		}
		return meta.Put(keyForwarding, []byte("on"))
	})
	if err != nil {
		return 0, fmt.Errorf("enable forwarding in %s: %w", s.path, err)
	}
	s.forwarding.Store(true)
	return queued, nil
}

// Outgoing is a queued response as stored: its id and its interchange JSON,
// sent as is (decoding and encoding it again cost more than the send); for a
// sealed response, its line sealed to the agency server's key.
type Outgoing struct {
	ID   string
	JSON []byte
}

// Pending returns up to max queued responses, in key (random) order.
func (s *Store) Pending(max int) ([]Outgoing, error) {
	var out []Outgoing
	err := s.bolt.View(func(tx *bolt.Tx) error {
		responses, importing := tx.Bucket(bucketResponses), tx.Bucket(bucketImporting)
		c := tx.Bucket(bucketOutbox).Cursor()
		for k, queued := c.First(); k != nil && len(out) < max; k, queued = c.Next() {
			if beingImported(importing, k) {
				continue // sent once its import commits
			}
			data := responses.Get(k)
			if data == nil {
				return fmt.Errorf("outbox names response %x, which is not stored", k)
			}
			if IsSealed(data) {
				if len(queued) == 0 {
					// Saved before the kiosk had the agency server's key:
					// it stays queued here, safe, until carried otherwise.
					return fmt.Errorf("response %x is sealed and was queued without the agency server's key (--forward-recipient): carry a copy with `berakhlak backup`", k)
				}
				data = queued
			}
			out = append(out, Outgoing{ID: hex.EncodeToString(k), JSON: bytes.Clone(data)})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	return out, nil
}

// MarkForwarded records that the agency server acknowledged these responses.
func (s *Store) MarkForwarded(ids []string) error {
	err := s.bolt.Update(func(tx *bolt.Tx) error {
		outbox, forwarded := tx.Bucket(bucketOutbox), tx.Bucket(bucketForwarded)
		added := 0
		for _, id := range ids {
			key, err := responseKey(id)
			if err != nil {
				return err
			}
			if err := outbox.Delete(key); err != nil {
				return err
			}
			if forwarded.Get(key) != nil {
				continue // acknowledged twice
			}
			if err := forwarded.Put(key, nil); err != nil {
				return err
			}
			added++
		}
		meta := tx.Bucket(bucketMeta)
		return meta.Put(keyForwardedN, []byte(strconv.Itoa(forwardedN(meta)+added)))
	})
	if err != nil {
		return fmt.Errorf("record forwarded responses: %w", err)
	}
	return nil
}

// Forwarding returns the outbox's state: the outbox (bounded by the backlog)
// is counted, the forwarded total read from its counter.
func (s *Store) Forwarding() (ForwardState, error) {
	var st ForwardState
	err := s.bolt.View(func(tx *bolt.Tx) error {
		st.Pending = tx.Bucket(bucketOutbox).Stats().KeyN
		st.Forwarded = forwardedN(tx.Bucket(bucketMeta))
		return nil
	})
	return st, err
}

func forwardedN(meta *bolt.Bucket) int {
	n, _ := strconv.Atoi(string(meta.Get(keyForwardedN))) // absent: none yet
	return n
}
