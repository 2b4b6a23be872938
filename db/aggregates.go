package db

import (
	"bytes"
	"fmt"
	"iter"
	"maps"
	"sync"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// Aggregates are keyed survey \x00 unit \x00 audience.
func aggKey(survey, unit, audience string) []byte {
	return []byte(survey + "\x00" + unit + "\x00" + audience)
}

func splitAggKey(k []byte) (survey, unit, audience string, ok bool) {
	parts := bytes.Split(k, []byte{0})
	if len(parts) != 3 {
		return "", "", "", false
	}
	return string(parts[0]), string(parts[1]), string(parts[2]), true
}

// aggMemory keeps every aggregate this process has read or written, decoded:
// decoding a stored aggregate on each save cost more than the save itself.
// Only this process writes the file (bbolt's lock), and a write transaction
// changes the memory copies inside itself (aggCache: writers are serialised
// by bbolt) and forgets them if it fails, so they stay equal to what is
// stored once every transaction has ended.
type aggMemory struct {
	mu    sync.Mutex
	byKey map[string]*scoring.Aggregate
}

func (m *aggMemory) lookup(key string) (*scoring.Aggregate, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.byKey[key]
	return a, ok
}

// keep remembers aggregates read from the file.
func (m *aggMemory) keep(key string, a *scoring.Aggregate) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.byKey == nil {
		m.byKey = map[string]*scoring.Aggregate{}
	}
	m.byKey[key] = a
}

// forget drops aggregates a failed transaction changed in memory: they are
// read from the file again next time.
func (m *aggMemory) forget(keys iter.Seq[string]) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k := range keys {
		delete(m.byKey, k)
	}
}

// aggCache holds the aggregates one transaction changes. They are the
// memory copies themselves (writers are serialised by bbolt); if the
// transaction fails, the caller forgets them. Live aggregates are written by
// the journal's checkpoints; released snapshots and shown chunks change
// only at a release and are written by flush, at the end of the transaction.
type aggCache struct {
	tx     *bolt.Tx
	memory *aggMemory
	byKey  map[string]*scoring.Aggregate // live aggregates by group key
	others map[string]*scoring.Aggregate // released and shown, by memory key
	dirty  map[string]recordRef          // records flush writes, by memory key
	k      map[string]int                // minimum group size per survey, read once
	// recipients seal a survey's raw responses (nil: in the clear), read once.
	recipients map[string]age.Recipient
}

// recordRef names a stored record: its bucket and key.
type recordRef struct {
	bucket []byte
	key    string
}

func newAggCache(tx *bolt.Tx, memory *aggMemory) *aggCache {
	return &aggCache{tx: tx, memory: memory, byKey: map[string]*scoring.Aggregate{},
		others: map[string]*scoring.Aggregate{}, dirty: map[string]recordRef{}, k: map[string]int{}}
}

// forgetFailed drops from memory what a failed write transaction changed —
// its aggregates (aggs, nil when it failed before making them) and the
// journal's count — so both are read from the file again.
func (s *Store) forgetFailed(aggs *aggCache) {
	if aggs != nil {
		aggs.forget()
	}
	s.journaled.forget()
}

// forget drops from memory everything this (failed) transaction changed.
func (c *aggCache) forget() {
	c.memory.forget(maps.Keys(c.byKey))
	c.memory.forget(maps.Keys(c.others))
}

// get returns the current (live) aggregate of a group: the memory copy, or
// the stored one with the journal's responses of the group added.
func (c *aggCache) get(key string) (*scoring.Aggregate, error) {
	return c.record(bucketAggs, key)
}

// record returns a group's record of one bucket (live, released or
// shown), from memory or the file; a missing one is empty.
func (c *aggCache) record(bucket []byte, key string) (*scoring.Aggregate, error) {
	mkey, changed := memoryKey(bucket, key), c.byKey
	if string(bucket) != string(bucketAggs) {
		changed = c.others
	}
	if a, ok := changed[mkey]; ok {
		return a, nil
	}
	a, ok := c.memory.lookup(mkey)
	if !ok {
		var err error
		if a, err = loadRecord(c.tx, bucket, []byte(key)); err != nil {
			return nil, err
		}
		if !sharesBucket(bucket) {
			c.memory.keep(mkey, a)
		}
	}
	changed[mkey] = a
	return a, nil
}

// memoryKey names a record in memory: live aggregates by their key, the
// others prefixed by their bucket.
func memoryKey(bucket []byte, key string) string {
	if string(bucket) == string(bucketAggs) {
		return key
	}
	return string(bucket) + "\x00" + key
}

func loadRecord(tx *bolt.Tx, bucket, key []byte) (*scoring.Aggregate, error) {
	if string(bucket) == string(bucketAggs) {
		return loadAggregate(tx, key)
	}
	if data := tx.Bucket(bucket).Get(key); data != nil {
		a, err := scoring.DecodeAggregate(data)
		if err != nil {
			return nil, fmt.Errorf("read %s record %q: %w", bucket, key, err)
		}
		return a, nil
	}
	return scoring.NewAggregate(), nil
}

// loadAggregate reads a group's stored aggregate and adds the group's
// journaled delta to it.
func loadAggregate(tx *bolt.Tx, key []byte) (*scoring.Aggregate, error) {
	a := scoring.NewAggregate()
	if data := tx.Bucket(bucketAggs).Get(key); data != nil {
		stored, err := scoring.DecodeAggregate(data)
		if err != nil {
			return nil, fmt.Errorf("read aggregate %q: %w", key, err)
		}
		a = stored
	}
	if data := tx.Bucket(bucketJournal).Get(key); data != nil {
		delta, err := scoring.DecodeAggregate(data)
		if err != nil {
			return nil, fmt.Errorf("read journal of %q: %w", key, err)
		}
		a.Merge(delta)
	}
	return a, nil
}

// Aggregates are a survey's stored running aggregates: audience → unit →
// aggregate of the unit's own (direct) respondents.
type Aggregates map[string]map[string]*scoring.Aggregate

func (as Aggregates) add(audience, unit string, a *scoring.Aggregate) {
	if as[audience] == nil {
		as[audience] = map[string]*scoring.Aggregate{}
	}
	as[audience][unit] = a
}

// Counts are the respondents of each group: audience → unit → n.
func (as Aggregates) Counts() map[string]map[string]int64 {
	out := map[string]map[string]int64{}
	for audience, byUnit := range as {
		out[audience] = map[string]int64{}
		for unit, a := range byUnit {
			out[audience][unit] = a.N
		}
	}
	return out
}

// addResponse adds r to its group's aggregate, starting one if needed.
func (as Aggregates) addResponse(r *questionnaire.Response) {
	a := as[r.Audience][r.Unit]
	if a == nil {
		a = scoring.NewAggregate()
		as.add(r.Audience, r.Unit, a)
	}
	a.Add(r)
}

// SurveyAggregates reads the live aggregates of one survey: one small record
// per unit and audience, plus the few responses still in the journal,
// however many responses there are. Figures are never computed from these
// (see Reading); counts and checks are.
func (s *Store) SurveyAggregates(survey string) (Aggregates, error) {
	out := Aggregates{}
	err := s.bolt.View(func(tx *bolt.Tx) error {
		err := eachGroupRecord(tx, bucketAggs, survey, func(unit, audience string, a *scoring.Aggregate) error {
			out.add(audience, unit, a)
			return nil
		})
		if err != nil {
			return err
		}
		return eachGroupRecord(tx, bucketJournal, survey, func(unit, audience string, delta *scoring.Aggregate) error {
			if out[audience][unit] == nil {
				out.add(audience, unit, scoring.NewAggregate())
			}
			out[audience][unit].Merge(delta)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read aggregates of survey %s: %w", survey, err)
	}
	return out, nil
}

// eachGroupRecord calls fn with every record of a bucket keyed by group
// (live aggregates, journal deltas, released and shown records) that
// belongs to survey ("" for every survey), decoded.
func eachGroupRecord(tx *bolt.Tx, bucket []byte, survey string, fn func(unit, audience string, a *scoring.Aggregate) error) error {
	return eachGroupKey(tx, bucket, survey, func(k, v []byte, unit, audience string) error {
		a, err := scoring.DecodeAggregate(v)
		if err != nil {
			return fmt.Errorf("decode %s record %q: %w", bucket, k, err)
		}
		return fn(unit, audience, a)
	})
}

// eachGroupKey calls fn for each record of a bucket keyed like the
// aggregates, of one survey ("" for all), with its key split; the key and
// value are valid only during the call.
func eachGroupKey(tx *bolt.Tx, bucket []byte, survey string, fn func(key, value []byte, unit, audience string) error) error {
	var prefix []byte
	if survey != "" {
		prefix = []byte(survey + "\x00")
	}
	c := tx.Bucket(bucket).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		_, unit, audience, ok := splitAggKey(k)
		if !ok {
			return fmt.Errorf("malformed %s key %q", bucket, k)
		}
		if err := fn(k, v, unit, audience); err != nil {
			return err
		}
	}
	return nil
}

// RecomputeAggregates rebuilds a survey's aggregates from the raw responses,
// for checking the stored ones. Its sealed responses need ids; those of
// other surveys are passed over unopened, so a survey in the clear is
// checked without a key.
func (s *Store) RecomputeAggregates(survey string, ids ...age.Identity) (Aggregates, error) {
	out := Aggregates{}
	err := s.EachRecord(func(key, v []byte) error {
		if IsSealed(v) {
			rec, err := parseSealed(v)
			if err != nil || rec.Survey != survey {
				return err
			}
		}
		r, err := decodeRecord(v, ids)
		if err != nil {
			return fmt.Errorf("decode response %x: %w", key, err)
		}
		if r.Survey == survey {
			out.addResponse(r)
		}
		return nil
	})
	return out, err
}
