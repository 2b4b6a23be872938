// Command barelimit is the physical limit of an import (internal/barelimit)
// on a large file, for comparing `berakhlak import` with it (BENCHMARKS.md
// "The largest agencies"):
//
//	go run ./scripts/barelimit responses.jsonl /tmp/bare.db
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/berakhlak/berakhlak/internal/barelimit"
	bolt "go.etcd.io/bbolt"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: barelimit FILE.jsonl NEW.db")
		os.Exit(2)
	}
	os.Remove(os.Args[2])
	db, err := bolt.Open(os.Args[2], 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, "barelimit:", err)
		os.Exit(1)
	}
	start := time.Now()
	n, err := barelimit.Put(db, os.Args[1])
	took := time.Since(start)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "barelimit:", err)
		os.Exit(1)
	}
	fmt.Printf("%d lines in %.1f s\n", n, took.Seconds())
}
