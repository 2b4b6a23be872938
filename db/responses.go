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

// SaveResponse stores r durably: when it returns nil the commit (with fsync)
// has returned. Saving the same response again is a no-op, so a retry after an
// unknown outcome never stores it twice.
func (s *Store) SaveResponse(r *questionnaire.Response) error {
	key, err := responseKey(r.ID)
	if err != nil {
		return err
	}
	data, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode response: %w", err)
	}
	err = s.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketResponses)
		if old := b.Get(key); old != nil {
			if bytes.Equal(old, data) {
				return nil
			}
			return ErrConflict
		}
		return b.Put(key, data)
	})
	if err != nil {
		return fmt.Errorf("save response: %w", err)
	}
	return nil
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
