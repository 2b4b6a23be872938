// Command barelimit is the physical limit of an import, for comparing
// `berakhlak import` with it on a large file (BENCHMARKS.md "The largest
// agencies"): the file's lines put as they are under random 16-byte keys
// into a fresh bare bbolt file, in transactions of 10,000 — no checks, no
// decoding, no aggregates — as cli's BenchmarkImportLimit does for 10,000.
//
//	go run ./scripts/barelimit responses.jsonl /tmp/bare.db
package main

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
)

const batch = 10_000

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: barelimit FILE.jsonl NEW.db")
		os.Exit(2)
	}
	n, took, err := run(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "barelimit:", err)
		os.Exit(1)
	}
	fmt.Printf("%d lines in %.1f s\n", n, took.Seconds())
}

func run(file, dbPath string) (int, time.Duration, error) {
	os.Remove(dbPath)
	db, err := bolt.Open(dbPath, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	f, err := os.Open(file)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	start, n := time.Now(), 0
	var lines [][]byte
	put := func() error {
		err := db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists([]byte("r"))
			if err != nil {
				return err
			}
			for _, l := range lines {
				key := make([]byte, 16)
				rand.Read(key)
				if err := b.Put(key, l); err != nil {
					return err
				}
			}
			return nil
		})
		lines = lines[:0]
		return err
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		lines, n = append(lines, bytes.Clone(sc.Bytes())), n+1
		if len(lines) == batch {
			if err := put(); err != nil {
				return n, 0, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return n, 0, err
	}
	if err := put(); err != nil {
		return n, 0, err
	}
	return n, time.Since(start), nil
}
