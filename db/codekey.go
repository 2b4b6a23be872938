package db

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/berakhlak/berakhlak/internal/privatefile"

	bolt "go.etcd.io/bbolt"
)

// The participation-code key lives outside the database, in a 0600 file
// beside it (CodeKeyPath): a copy of the database alone then holds only
// keyed hashes of the codes, and no code can be recovered from it offline
// by trying every possible one. backup copies the key with the database.

// keyCodeSecret is where schema 2 kept the key, in the meta bucket; opening
// such a file moves it out.
var keyCodeSecret = []byte("code_key")

// ErrCodeKeyMissing means codes were issued but their key file is gone.
var ErrCodeKeyMissing = errors.New("the participation-code key file is missing")

// CodeKeyPath is the key file of the database at dbPath.
func CodeKeyPath(dbPath string) string { return dbPath + ".codekey" }

// codeSecret is the key, read from its file once.
type codeSecret struct {
	mu  sync.Mutex
	key []byte
}

// codeKey returns the key (nil when there is none); create makes it when
// there is none yet.
func (s *Store) codeKey(create bool) ([]byte, error) {
	s.secret.mu.Lock()
	defer s.secret.mu.Unlock()
	if s.secret.key != nil {
		return s.secret.key, nil
	}
	path := CodeKeyPath(s.path)
	key, err := os.ReadFile(path)
	switch {
	case err == nil && len(key) == 32:
		s.secret.key = key
		return key, nil
	case err == nil:
		return nil, fmt.Errorf("%s is not a code key (%d bytes, want 32): restore it from the backup", path, len(key))
	case !os.IsNotExist(err):
		return nil, fmt.Errorf("read the code key: %w", err)
	case !create:
		return nil, nil
	}
	key = make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("code key: %w", err)
	}
	if err := privatefile.Write(path, key); err != nil {
		return nil, fmt.Errorf("write the code key: %w", err)
	}
	s.secret.key = key
	return key, nil
}

// codeHash is the keyed hash under which a code is stored; without a key no
// code was ever issued here, unless its file was lost.
func (s *Store) codeHash(tx *bolt.Tx, code string) ([]byte, error) {
	key, err := s.codeKey(false)
	if err != nil {
		return nil, err
	}
	if key == nil {
		if tx.Bucket(bucketCodes).Stats().KeyN > 0 {
			return nil, fmt.Errorf("%w: %s; restore it from the backup beside the database's", ErrCodeKeyMissing, CodeKeyPath(s.path))
		}
		return nil, ErrCodeUnknown
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(code))
	return mac.Sum(nil), nil
}

// moveCodeKeyOut writes a key kept in the meta bucket (schema 2) to the key
// file and deletes it from the database.
func (s *Store) moveCodeKeyOut(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	old := meta.Get(keyCodeSecret)
	if old == nil {
		return nil
	}
	path := CodeKeyPath(s.path)
	if existing, err := os.ReadFile(path); err == nil {
		if !bytes.Equal(existing, old) {
			return fmt.Errorf("%s holds another code key than the database: move it away and open again", path)
		}
	} else if err := privatefile.Write(path, bytes.Clone(old)); err != nil {
		return fmt.Errorf("move the code key out of the database: %w", err)
	}
	return meta.Delete(keyCodeSecret)
}
