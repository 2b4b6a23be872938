// Package db owns the bbolt file: responses, the organisation tree and survey
// settings, behind a small interface in the survey's own words.
package db

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/berakhlak/berakhlak/questionnaire"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout this build reads and writes. 2 added the
// aggregate journal, which a build reading 1 would ignore; 3 the released
// and shown records every reader of figures uses, and a journal of
// per-group deltas instead of response ids; 4 sealed response records and
// outbox copies (sealed.go), which a build reading 3 would take for broken
// responses — so it refuses the file instead; 5 the drivers' pairs in every
// aggregate (drivers.go), which a build reading 4 would drop on rewriting;
// 6 demographic counts in live sums, the release ledger and segments
// (steps.go, segments.go), which a build reading 5 would drop or not keep;
// 7 per-unit code counts and per-kiosk counts (kiosks.go), which a build
// reading 6 would not keep up to date; 8 the per-respondent limiting sums
// (refill.go) in aggregate records of codec version 4, which a build reading
// 7 cannot decode; 9 the share chunks (shares.go), without which a build
// reading 8 would show shares moved in steps of k; 10 the count of stored
// responses in the responses bucket's sequence (countStored); 11 the survey
// each participation code was issued for (codes.go) and code counts kept by
// survey and unit (kiosks.go), which a build reading 10 would ignore, taking
// a slip of one year in the next.
const SchemaVersion = 11

// LockTimeout is how long Open waits for another process to release the file.
var LockTimeout = time.Second // a var so that tests can wait less

// Errors callers can match with errors.Is.
var (
	// ErrLocked means another berakhlak process holds the database file.
	ErrLocked = errors.New("another berakhlak process holds the database")
	// ErrNotDatabase means the file exists but is not a (sound) berakhlak database.
	ErrNotDatabase = errors.New("not a berakhlak database")
	// ErrNewerSchema means the file was written by a newer berakhlak.
	ErrNewerSchema = errors.New("database written by a newer berakhlak")
)

var (
	bucketMeta      = []byte("meta")
	bucketResponses = []byte("responses")
	bucketUnits     = []byte("units")
	bucketSurveys   = []byte("surveys")
	bucketAggs      = []byte("aggregates")
	bucketCodes     = []byte("codes")
	bucketOutbox    = []byte("outbox")
	bucketForwarded = []byte("forwarded")
	keySchema       = []byte("schema")
)

// Store is the one open database of a berakhlak process.
type Store struct {
	bolt   *bolt.DB
	path   string
	events broker
	aggs   aggMemory // decoded aggregates, equal to the stored ones
	secret codeSecret
	// journaled counts the responses in the journal (writers only).
	journaled journalCount

	importing sync.Mutex // held by the import under way (import.go)

	forwarding atomic.Bool // new responses also go to the outbox
	// transit seals the outbox copy of a sealed response to the agency
	// server's key (sealed.go); nil: sealed responses cannot be forwarded.
	transit atomic.Pointer[transitKey]
}

// Options returns the bbolt options every open uses: a lock timeout, and the
// durable defaults (fsync on every commit) left untouched.
func Options() *bolt.Options {
	return &bolt.Options{Timeout: LockTimeout}
}

// Open opens (creating if needed) the database at path. A fresh database gets
// the schema version, a root unit and the default survey for the given year.
func Open(path string, now time.Time) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create folder for database %s: %w", path, err)
		}
	}
	if err := checkFile(path); err != nil {
		return nil, err
	}
	b, err := bolt.Open(path, 0o600, Options())
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("%s: %w (waited %s); stop the other one, or reach it through `berakhlak admin`, or use --db for another file", path, ErrLocked, LockTimeout)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch), errors.Is(err, bolterrors.ErrChecksum):
		return nil, fmt.Errorf("%s: %w (%v); the file was left untouched: restore a backup or pass --db for a new file", path, ErrNotDatabase, err)
	case err != nil:
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s := &Store{bolt: b, path: path}
	if err := s.rollbackCrashedImport(); err != nil {
		b.Close()
		return nil, err
	}
	if err := s.init(now); err != nil {
		b.Close()
		return nil, err
	}
	// A file closed cleanly has an empty journal; one left by a crash (a
	// save's last responses, or an import committed but not settled) has
	// its groups folded and released now.
	if err := s.settleJournal(); err != nil {
		b.Close()
		return nil, err
	}
	return s, nil
}

// init creates the buckets of a fresh file and checks the schema of an old one.
func (s *Store) init(now time.Time) error {
	return s.bolt.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			if err := tx.ForEach(func([]byte, *bolt.Bucket) error { return ErrNotDatabase }); err != nil {
				return fmt.Errorf("%s: %w (a bbolt file of another program); the file was left untouched", s.path, err)
			}
			return s.create(tx, now)
		}
		v, err := strconv.Atoi(string(meta.Get(keySchema)))
		if err != nil {
			return fmt.Errorf("%s: %w (unreadable schema version %q)", s.path, ErrNotDatabase, meta.Get(keySchema))
		}
		if v > SchemaVersion {
			return fmt.Errorf("%s: %w (schema %d, this build reads %d); upgrade berakhlak, the file was left untouched", s.path, ErrNewerSchema, v, SchemaVersion)
		}
		if err := createBuckets(tx); err != nil {
			return err
		}
		if v < 3 {
			if err := s.moveCodeKeyOut(tx); err != nil {
				return fmt.Errorf("%s: %w", s.path, err)
			}
			if err := upgradeJournal(tx); err != nil {
				return fmt.Errorf("%s: %w", s.path, err)
			}
		}
		if v < 5 {
			if err := addDriverPairs(tx); err != nil {
				return fmt.Errorf("%s: add the drivers' sums: %w", s.path, err)
			}
		}
		if v < 6 {
			if err := markSurveysBeforeSegments(tx); err != nil {
				return fmt.Errorf("%s: note surveys begun before segments: %w", s.path, err)
			}
		}
		if v < 3 {
			if err := releaseAll(tx, &s.aggs); err != nil {
				return fmt.Errorf("%s: release the figures of an older file: %w", s.path, err)
			}
		}
		if v < 7 {
			if err := recountCodes(tx); err != nil {
				return fmt.Errorf("%s: count the participation codes: %w", s.path, err)
			}
		}
		if v < 8 {
			if err := addLimitingSums(tx); err != nil {
				return fmt.Errorf("%s: add the sums of entropy's standard error: %w", s.path, err)
			}
		}
		if v < 9 {
			if err := releaseAllShares(tx, &s.aggs); err != nil {
				return fmt.Errorf("%s: release the shares of an older file in steps of 2k: %w", s.path, err)
			}
		}
		if v < 10 {
			if err := recountStored(tx); err != nil {
				return fmt.Errorf("%s: count the stored responses: %w", s.path, err)
			}
		}
		if v < 11 {
			if err := giveCodesTheirSurvey(tx); err != nil {
				return fmt.Errorf("%s: give the participation codes their survey: %w", s.path, err)
			}
		}
		if v < SchemaVersion {
			if err := meta.Put(keySchema, []byte(strconv.Itoa(SchemaVersion))); err != nil {
				return fmt.Errorf("upgrade schema: %w", err)
			}
		}
		s.forwarding.Store(meta.Get(keyForwarding) != nil)
		return nil
	})
}

func createBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketResponses, bucketUnits, bucketSurveys, bucketAggs, bucketCodes, bucketOutbox, bucketForwarded, bucketJournal, bucketReleased, bucketShown, bucketSharesReleased, bucketSharesShown, bucketSteps, bucketSegments, bucketKioskCounts, bucketCodeCounts} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

func (s *Store) create(tx *bolt.Tx, now time.Time) error {
	if err := createBuckets(tx); err != nil {
		return err
	}
	if err := tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(SchemaVersion))); err != nil {
		return fmt.Errorf("write schema version: %w", err)
	}
	if err := putJSON(tx.Bucket(bucketUnits), []byte(RootUnitID), DefaultRootUnit()); err != nil {
		return fmt.Errorf("create root unit: %w", err)
	}
	sv := DefaultSurvey(strconv.Itoa(now.Year()))
	sv.Instrument = questionnaire.Default().Version // the instrument a fresh kiosk asks
	if err := putJSON(tx.Bucket(bucketSurveys), []byte(sv.ID), sv); err != nil {
		return fmt.Errorf("create default survey: %w", err)
	}
	return nil
}

// Path is the file the store was opened on.
func (s *Store) Path() string { return s.path }

// Close writes the journaled aggregates and closes the file; every committed
// transaction is already on disk (and stays exact if this checkpoint fails).
func (s *Store) Close() error {
	checkpointErr := s.Checkpoint()
	if err := s.bolt.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", s.path, err)
	}
	return checkpointErr
}

// Check runs bbolt's consistency check over the whole file.
func (s *Store) Check() error {
	return s.bolt.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	})
}
