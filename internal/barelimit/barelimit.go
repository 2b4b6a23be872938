// Package barelimit is the physical limit of an import, which imports are
// measured against (cli's BenchmarkImportLimit, scripts/barelimit): a
// file's lines put as they are under random 16-byte keys into a bare bbolt
// file, in transactions of Batch lines — no checks, decoding or aggregates.
package barelimit

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

// Batch is how many lines one transaction puts.
const Batch = 10_000

// Put puts every non-empty line of file into the bucket "r" of db and
// returns how many it put.
func Put(db *bolt.DB, file string) (int, error) {
	f, err := os.Open(file)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	var lines [][]byte
	put := func() error {
		err := db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists([]byte("r"))
			if err != nil {
				return err
			}
			for _, line := range lines {
				key := make([]byte, 16)
				rand.Read(key)
				if err := b.Put(key, line); err != nil {
					return err
				}
			}
			return nil
		})
		n, lines = n+len(lines), lines[:0]
		return err
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			lines = append(lines, bytes.Clone(line))
		}
		if len(lines) == Batch {
			if err := put(); err != nil {
				return n, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return n, fmt.Errorf("read %s: %w", file, err)
	}
	return n, put()
}
