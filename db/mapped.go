package db

import (
	"errors"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// DropMappedPages lets go of the file pages this process holds mapped.
// bbolt reads the file through a memory map, so every page a lookup or a
// commit touched stays in the server's resident memory (file-backed) until
// the kernel wants it back, and an idle server seemed to grow with each
// sitting it served (BENCHMARKS.md "Memory after a sitting"). The pages stay
// in the kernel's page cache: the next read maps them again, without I/O.
func (s *Store) DropMappedPages() error {
	// bbolt remaps only while no transaction is open, so the map cannot
	// move or shrink under an open one; and every page below the
	// transaction's high-water mark is mapped.
	err := s.bolt.View(func(tx *bolt.Tx) error {
		return dropMapped(s.bolt.Info().Data, tx.Size())
	})
	if errors.Is(err, bolterrors.ErrDatabaseNotOpen) {
		return nil // closed meanwhile (the server stopping): nothing is mapped
	}
	return err
}
