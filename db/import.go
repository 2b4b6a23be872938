package db

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"sync"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// An import stores a whole file of responses, all or nothing, without
// holding the file in memory (one bbolt transaction keeps every page it
// writes in memory until it commits: 11 KB a response). Its responses are
// written in batches, each in a transaction of its own, and each key is also
// listed in the bucket `importing`; every reader of responses passes over
// listed keys, so nothing of an import is seen before it commits. The
// commit adds the import's aggregates (kept in memory, one per group),
// releases what is due and drops the list, in one transaction. An import
// that fails, is interrupted, or was cut short by a crash (Open finds its
// list) is rolled back by deleting its listed responses, batch by batch.

var bucketImporting = []byte("importing")

// Batches of an import: whichever bound comes first. Two are in memory at
// a time (one written, one gathered), decoded: 1,000 keep that near 15 MB,
// and a batch transaction's pages fewer (see importMemoryLimit).
const (
	importBatch      = 1000    // responses
	importBatchBytes = 2 << 20 // bytes of their records
)

// ErrBeingImported means a response with this id is part of an import not
// yet committed: save it again once the import has ended.
var ErrBeingImported = errors.New("a response with this id is being imported right now: try again when the import has ended")

// ConflictError is an import's response whose id is stored with different
// answers — before, or by this import (InThisImport: an earlier line); Tag
// is what the caller gave Put with it (a line number).
type ConflictError struct {
	ID           string
	Tag          int
	InThisImport bool
}

func (e *ConflictError) Error() string { return fmt.Sprintf("response %s: %v", e.ID, ErrConflict) }

// Unwrap makes errors.Is(err, ErrConflict) hold.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// Import is an import under way. A store runs one at a time; Commit or
// Abort ends it. Its batches are written by a goroutine of their own while
// the caller gathers the next one, and added to the groups' sums by another
// while the next is written, so checking lines, writing them and summing
// them overlap; at most three batches are in memory.
type Import struct {
	s          *Store
	batch      []taggedResponse // being gathered
	batchBytes int
	full       chan []taggedResponse          // to the writer
	written    chan struct{}                  // closed when the writer has ended
	toSum      chan []*questionnaire.Response // from the writer to the summer
	summed     chan struct{}                  // closed when the summer has ended
	stopped    bool

	mu       sync.Mutex
	firstErr error // the first batch that failed; no more is written or summed

	// The summer's until summed is closed.
	deltas  map[string]*groupDelta     // by group key: the responses written so far
	layouts map[string]*scoring.Layout // the deltas' sums, numbered by audience
	// The writer's until written is closed.
	stored int
	// sealedSums: the content hash of each response this import stored
	// sealed, whose stored form cannot be compared with a repeated line
	// (only surveys with a recipient; others compare the stored bytes).
	sealedSums map[[16]byte][sha256.Size]byte

	ended bool
}

type taggedResponse struct {
	r    *questionnaire.Response
	key  []byte // the response's key, from its id
	json []byte // r's interchange JSON
	tag  int
}

// BeginImport starts an import, waiting for one under way to end.
func (s *Store) BeginImport() (*Import, error) {
	s.importing.Lock()
	err := s.bolt.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucket(bucketImporting)
		return err
	})
	if err != nil {
		s.importing.Unlock()
		return nil, fmt.Errorf("begin import in %s: %w", s.path, err)
	}
	im := &Import{s: s, deltas: map[string]*groupDelta{}, layouts: map[string]*scoring.Layout{},
		full: make(chan []taggedResponse), written: make(chan struct{}), toSum: make(chan []*questionnaire.Response), summed: make(chan struct{}),
		sealedSums: map[[16]byte][sha256.Size]byte{}}
	go im.writeBatches()
	go im.sumBatches()
	return im, nil
}

// writeBatches writes each batch handed to it and hands what it wrote to
// the summer, until the first failure.
func (im *Import) writeBatches() {
	defer close(im.written)
	defer close(im.toSum)
	for batch := range im.full {
		if im.failed() != nil {
			continue // the import will be rolled back: write no more
		}
		written, err := im.write(batch)
		if err != nil {
			im.fail(err)
			continue
		}
		im.toSum <- written
	}
}

// sumBatches adds each written batch to its groups' sums, until the first
// failure.
func (im *Import) sumBatches() {
	defer close(im.summed)
	for batch := range im.toSum {
		if im.failed() != nil {
			continue
		}
		if err := im.addToDeltas(batch); err != nil {
			im.fail(err)
		}
	}
}

func (im *Import) fail(err error) {
	im.mu.Lock()
	defer im.mu.Unlock()
	if im.firstErr == nil {
		im.firstErr = err
	}
}

func (im *Import) failed() error {
	im.mu.Lock()
	defer im.mu.Unlock()
	return im.firstErr
}

// handOff gives the gathered batch to the writer (waiting while it writes
// the one before) and starts a new one. It returns a failure of a batch
// written before.
func (im *Import) handOff() error {
	if err := im.failed(); err != nil {
		return err
	}
	if len(im.batch) > 0 {
		im.full <- im.batch
		im.batch, im.batchBytes = make([]taggedResponse, 0, importBatch), 0
	}
	return nil
}

// stopWriter hands over what is gathered and waits until every batch is
// written and summed (or one has failed).
func (im *Import) stopWriter() error {
	if !im.stopped {
		im.stopped = true
		err := im.handOff()
		close(im.full)
		<-im.written
		<-im.summed
		if err != nil {
			return err
		}
	}
	return im.failed()
}

// Put adds a response, with its interchange JSON (r.AppendJSON, which the
// caller has made already), to the import; it is written with its batch.
// One already stored with the same content is skipped; one stored with other
// answers fails its batch with a *ConflictError carrying tag, returned by a
// later Put or by Commit.
func (im *Import) Put(r *questionnaire.Response, json []byte, tag int) error {
	key, err := responseKey(r.ID)
	if err != nil {
		return err
	}
	im.batch = append(im.batch, taggedResponse{r, key, json, tag})
	im.batchBytes += len(json)
	if len(im.batch) >= importBatch || im.batchBytes >= importBatchBytes {
		return im.handOff()
	}
	return nil
}

// write writes a batch in a transaction of its own, each key listed as
// being imported, and returns the responses it wrote (not those stored
// before).
func (im *Import) write(batch []taggedResponse) ([]*questionnaire.Response, error) {
	s := im.s
	var written []*questionnaire.Response
	err := s.bolt.Update(func(tx *bolt.Tx) error {
		written = written[:0]
		responses, importing, outbox := tx.Bucket(bucketResponses), tx.Bucket(bucketImporting), tx.Bucket(bucketOutbox)
		forwarding := s.forwarding.Load()
		recipients := newAggCache(tx, &s.aggs) // reads survey recipients only
		for _, t := range batch {
			r, key, data := t.r, t.key, t.json
			if old := responses.Get(key); old != nil {
				// The same random id is the same response: stored before (a
				// sealed one cannot be compared), or on an earlier line.
				thisImport := listed(importing, key)
				same := bytes.Equal(old, data)
				if IsSealed(old) { // this import kept the hash of each line it sealed
					same = !thisImport || im.sealedSums[[16]byte(key)] == sha256.Sum256(data)
				}
				if same {
					continue
				}
				return &ConflictError{ID: r.ID, Tag: t.tag, InThisImport: thisImport}
			}
			sealed, err := s.putRecord(recipients, responses, outbox, forwarding, key, r, data)
			if err != nil {
				return err
			}
			if sealed {
				im.sealedSums[[16]byte(key)] = sha256.Sum256(data)
			}
			if err := importing.Put(key, nil); err != nil {
				return fmt.Errorf("list response %s as being imported: %w", r.ID, err)
			}
			written = append(written, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	im.stored += len(written)
	return written, nil
}

// groupDelta is what an import has written to one group: its sums as a
// vector, which holds no pointers, so that the collector does not follow
// the maps of ten thousand groups' aggregates while the import runs (a
// third of a 1,000,000-line import's time, BENCHMARKS.md, issue 38); and
// the per-day and demographic counts a vector leaves out.
type groupDelta struct {
	audience    string
	sums        scoring.Dense
	byDay, demo map[string]int64
}

// addToDeltas adds a written batch to its groups' deltas.
func (im *Import) addToDeltas(batch []*questionnaire.Response) error {
	for _, r := range batch {
		key := string(aggKey(r.Survey, r.Unit, r.Audience))
		d := im.deltas[key]
		if d == nil {
			d = &groupDelta{audience: r.Audience, byDay: map[string]int64{}, demo: map[string]int64{}}
			im.deltas[key] = d
		}
		layout := im.layouts[r.Audience]
		if layout == nil {
			layout = scoring.NewLayout()
			im.layouts[r.Audience] = layout
		}
		sums, err := layout.AddResponse(d.sums, r)
		if err != nil {
			return fmt.Errorf("response %s: %w", r.ID, err)
		}
		d.sums = sums
		d.byDay[r.Date]++ // what a vector leaves out, as Aggregate.Add counts it
		for item, option := range r.Answers.Choice {
			d.demo[scoring.DemoKey(item, option)]++
		}
	}
	return nil
}

// aggregate is a group's delta as an aggregate.
func (im *Import) aggregate(d *groupDelta) *scoring.Aggregate {
	a := im.layouts[d.audience].Aggregate(d.sums)
	maps.Copy(a.ByDay, d.byDay)
	maps.Copy(a.Demo, d.demo)
	return a
}

// Commit writes the last batch and makes the whole import seen at once: in
// one transaction its aggregates go into the journal (a delta per group, as
// a save's do) and its list is dropped. Then the journal is settled —
// folded into the stored aggregates, what is due released — a few hundred
// groups per transaction (settleJournal), so that no transaction holds the
// records of every group at once. It returns how many responses were new.
// An error before the commit rolls the import back; one while settling
// (a *SettleError) leaves it stored, and the next Open settles the rest.
func (im *Import) Commit() (int, error) {
	if err := im.commitToJournal(); err != nil {
		return 0, err
	}
	if err := im.s.settleJournal(); err != nil {
		return im.stored, &SettleError{err}
	}
	im.s.announce(0) // the figures it released
	return im.stored, nil
}

// commitToJournal is Commit up to the settling: the last batch written, the
// import's deltas journaled and its list dropped in one transaction.
func (im *Import) commitToJournal() error {
	if err := im.stopWriter(); err != nil {
		return errors.Join(err, im.Abort())
	}
	s := im.s
	err := s.bolt.Update(func(tx *bolt.Tx) error {
		journal := tx.Bucket(bucketJournal)
		s.aggs.forget(maps.Keys(im.deltas)) // the copies in memory lack the import
		for key, d := range im.deltas {
			delta := im.aggregate(d)
			if data := journal.Get([]byte(key)); data != nil {
				earlier, err := scoring.DecodeAggregate(data)
				if err != nil {
					return fmt.Errorf("read journal of %q: %w", key, err)
				}
				delta.Merge(earlier)
			}
			if err := journal.Put([]byte(key), scoring.EncodeAggregate(delta)); err != nil {
				return fmt.Errorf("journal the import's responses of %q: %w", key, err)
			}
			delete(im.deltas, key) // its encoding is what the transaction keeps
		}
		return tx.DeleteBucket(bucketImporting)
	})
	if err != nil {
		s.journaled.forget()
		return errors.Join(fmt.Errorf("commit import in %s: %w", s.path, err), im.Abort())
	}
	s.journaled.committed(im.stored, false)
	im.ended = true
	s.importing.Unlock()
	s.announceStored(im.stored)
	return nil
}

// SettleError is a failure after an import was committed: its responses are
// stored and counted, but the figures they release wait for the next Open.
type SettleError struct{ Err error }

func (e *SettleError) Error() string {
	return fmt.Sprintf("the import is stored, but its figures were not all released (they are when the database is next opened): %v", e.Err)
}

func (e *SettleError) Unwrap() error { return e.Err }

// Abort rolls the import back: nothing of it stays stored. Aborting an
// ended import does nothing.
func (im *Import) Abort() error {
	if im.ended {
		return nil
	}
	im.ended = true
	defer im.s.importing.Unlock()
	im.stopWriter() // its failure, if any, is why the import is aborted
	return im.s.rollbackImport()
}

// rollbackImport deletes every response an unfinished import listed (and
// its outbox entry), a batch per transaction, then the list. Each batch
// leaves a consistent file, so a crash during the rollback only leaves a
// shorter list for the next Open to finish.
func (s *Store) rollbackImport() error {
	for {
		done := false
		err := s.bolt.Update(func(tx *bolt.Tx) error {
			importing := tx.Bucket(bucketImporting)
			if importing == nil {
				done = true
				return nil
			}
			var keys [][]byte
			c := importing.Cursor()
			for k, _ := c.First(); k != nil && len(keys) < importBatch; k, _ = c.Next() {
				keys = append(keys, bytes.Clone(k))
			}
			if len(keys) == 0 {
				done = true
				return tx.DeleteBucket(bucketImporting)
			}
			responses, outbox := tx.Bucket(bucketResponses), tx.Bucket(bucketOutbox)
			for _, k := range keys {
				if err := responses.Delete(k); err != nil {
					return err
				}
				if err := countStored(responses, -1); err != nil {
					return err
				}
				if err := outbox.Delete(k); err != nil {
					return err
				}
				if err := importing.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("roll back the unfinished import in %s: %w", s.path, err)
		}
		if done {
			return nil
		}
	}
}

// rollbackCrashedImport rolls back an import a crash cut short, when the
// file is of a schema this build reads (a newer one is left untouched, and
// refused by init).
func (s *Store) rollbackCrashedImport() error {
	crashed := false
	err := s.bolt.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil || tx.Bucket(bucketImporting) == nil {
			return nil
		}
		v, err := strconv.Atoi(string(meta.Get(keySchema)))
		crashed = err == nil && v <= SchemaVersion
		return nil
	})
	if err != nil || !crashed {
		return err
	}
	return s.rollbackImport()
}

// listed reports whether key is in the import's list — also when listed
// in the transaction asking, where bbolt's Get answers nil for the list's
// empty values until they are written out.
func listed(importing *bolt.Bucket, key []byte) bool {
	k, _ := importing.Cursor().Seek(key)
	return bytes.Equal(k, key)
}

// beingImported reports whether a stored key belongs to an import not yet
// committed (importing is the tx's bucket, nil when no import runs).
func beingImported(importing *bolt.Bucket, key []byte) bool {
	return importing != nil && importing.Get(key) != nil
}

// eachCommitted calls fn with every stored response record but those of an
// import not yet committed.
func eachCommitted(tx *bolt.Tx, fn func(k, v []byte) error) error {
	importing := tx.Bucket(bucketImporting)
	return tx.Bucket(bucketResponses).ForEach(func(k, v []byte) error {
		if beingImported(importing, k) {
			return nil
		}
		return fn(k, v)
	})
}
