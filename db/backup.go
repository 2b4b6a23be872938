package db

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/berakhlak/berakhlak/internal/privatefile"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the database to path while it stays in
// use (bbolt's Tx.WriteTo inside a read transaction). The copy is written
// beside path, synced, then renamed, so path is never half written. The
// participation-code key, kept beside the database, is copied beside the
// backup (CodeKeyPath(path)).
func (s *Store) Backup(path string) (int64, error) {
	if abs, err := filepath.Abs(path); err == nil {
		if self, _ := filepath.Abs(s.path); abs == self {
			return 0, fmt.Errorf("backup %s: that is the database itself; give another file", path)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".berakhlak-backup-*")
	if err != nil {
		return 0, fmt.Errorf("backup to %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	var n int64
	err = s.bolt.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(tmp)
		return err
	})
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o600)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return 0, fmt.Errorf("backup to %s: %w", path, err)
	}
	key, err := s.codeKey(false)
	if err != nil {
		return 0, fmt.Errorf("backup to %s: %w", path, err)
	}
	if key != nil {
		if err := privatefile.Write(CodeKeyPath(path), key); err != nil {
			return 0, fmt.Errorf("backup the code key to %s: %w", CodeKeyPath(path), err)
		}
	}
	return n, nil
}

// EachRecord calls fn with every stored response record as stored, for
// checks that must see the bytes rather than the decoded form.
func (s *Store) EachRecord(fn func(key, value []byte) error) error {
	return s.bolt.View(func(tx *bolt.Tx) error {
		return eachCommitted(tx, fn)
	})
}
