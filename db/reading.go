package db

import (
	"bytes"
	"fmt"

	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// Reading is what every reader of a survey's figures starts from — the
// admin screen, scores, the report, targets, the national publisher (relay) — read
// in one transaction, so its tree, figures and counts agree.
type Reading struct {
	Units []Unit
	Nodes []scoring.Node // the units as scoring sees them, in the same order
	// Released are the figures units show; they move only in steps of k.
	Released scoring.Released
	// Shares are the share chunks units take their shares from; they move
	// only in steps of 2k.
	Shares scoring.Released
	// Live counts the respondents stored so far (audience → unit → n) and
	// per date over the survey. Counts move at once; no figure comes from
	// them.
	Live map[string]map[string]int64
	Days map[string]int64
	// Groups is the tree over Released, counting Live.
	Groups *scoring.Groups
}

// Reading reads a survey's tree, released figures and live counts. cache,
// when not nil, keeps the records decoded at the last reading (ReadCache);
// a reading through a cache shares its aggregates and must not change them.
func (s *Store) Reading(survey string, cache *ReadCache) (Reading, error) {
	var r Reading
	err := s.bolt.View(func(tx *bolt.Tx) error {
		var err error
		if r.Units, err = unitsIn(tx); err != nil {
			return err
		}
		if r.Released, err = releasedIn(tx, survey, cache); err != nil {
			return err
		}
		if r.Shares, err = sharesIn(tx, survey, cache); err != nil {
			return err
		}
		r.Live, r.Days, err = liveCounts(tx, survey)
		return err
	})
	if err != nil {
		return Reading{}, fmt.Errorf("read figures of survey %s: %w", survey, err)
	}
	r.Nodes = nodesOf(r.Units)
	r.Groups = scoring.NewGroups(r.Nodes, r.Released, r.Live).WithShares(r.Shares)
	return r, nil
}

// Released reads what a survey's units show: audience → unit → the chunks
// released at the unit (unit "" for the whole survey). Readers of figures
// take them through Reading; this is for checks.
func (s *Store) Released(survey string) (scoring.Released, error) {
	var out scoring.Released
	err := s.bolt.View(func(tx *bolt.Tx) (err error) {
		out, err = releasedIn(tx, survey, nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read released figures of survey %s: %w", survey, err)
	}
	return out, nil
}

// releasedIn is Released inside a transaction, through cache when not nil.
func releasedIn(tx *bolt.Tx, survey string, cache *ReadCache) (scoring.Released, error) {
	return recordsIn(tx, bucketShown, survey, cache)
}

// recordsIn reads a survey's records of a bucket of shown figures (the
// chunks or the share chunks) by audience and unit, through cache when not
// nil.
func recordsIn(tx *bolt.Tx, bucket []byte, survey string, cache *ReadCache) (scoring.Released, error) {
	out := scoring.Released{}
	add := func(audience, unit string, a *scoring.Aggregate) {
		if out[audience] == nil {
			out[audience] = map[string]*scoring.Aggregate{}
		}
		out[audience][unit] = a
	}
	if cache == nil {
		err := eachGroupRecord(tx, bucket, survey, func(unit, audience string, a *scoring.Aggregate) error {
			add(audience, unit, a)
			return nil
		})
		return out, err
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	if cache.records == nil {
		cache.records = map[string]map[string]cachedRecord{}
	}
	records := cache.records[string(bucket)]
	if records == nil {
		records = map[string]cachedRecord{}
		cache.records[string(bucket)] = records
	}
	seen := map[string]bool{}
	err := eachGroupKey(tx, bucket, survey, func(k, v []byte, unit, audience string) error {
		rec, ok := records[string(k)]
		if !ok || !bytes.Equal(rec.raw, v) {
			a, err := scoring.DecodeAggregate(v)
			if err != nil {
				return fmt.Errorf("decode %s record %q: %w", bucket, k, err)
			}
			rec = cachedRecord{raw: bytes.Clone(v), agg: a}
			records[string(k)] = rec
		}
		seen[string(k)] = true
		add(audience, unit, rec.agg)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for k := range records {
		if !seen[k] && bytes.HasPrefix([]byte(k), []byte(survey+"\x00")) {
			delete(records, k)
		}
	}
	return out, nil
}
