package db

import (
	"fmt"
	"sync"

	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// ReadCache keeps the shown records an admin screen decoded at its
// last reading: a record whose bytes did not change is not decoded again,
// and comes back as the same aggregate, so the screen can tell which groups
// changed (scoring.Groups.Since). At 600 units, decoding every record on
// every commit was most of a reading.
type ReadCache struct {
	mu      sync.Mutex
	records map[string]map[string]cachedRecord // by bucket, then group key
}

type cachedRecord struct {
	raw []byte
	agg *scoring.Aggregate
}

// LiveCounts are a survey's respondents so far, per audience and unit, and
// per day over all groups: what counts need, read without decoding the
// rest of each record.
func (s *Store) LiveCounts(survey string) (byUnit map[string]map[string]int64, byDay map[string]int64, err error) {
	err = s.bolt.View(func(tx *bolt.Tx) error {
		byUnit, byDay, err = liveCounts(tx, survey)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read counts of survey %s: %w", survey, err)
	}
	return byUnit, byDay, nil
}

// liveCounts is LiveCounts inside a transaction.
func liveCounts(tx *bolt.Tx, survey string) (byUnit map[string]map[string]int64, byDay map[string]int64, err error) {
	byUnit, byDay = map[string]map[string]int64{}, map[string]int64{}
	err = eachLiveHead(tx, survey, func(unit, audience string, n int64, days map[string]int64) {
		if byUnit[audience] == nil {
			byUnit[audience] = map[string]int64{}
		}
		byUnit[audience][unit] += n
		for d, c := range days {
			byDay[d] += c
		}
	})
	if err != nil {
		return nil, nil, err
	}
	return byUnit, byDay, nil
}

// eachLiveHead calls fn with the head (respondents, and per date) of every
// live record and journal delta of a survey, decoding nothing else.
func eachLiveHead(tx *bolt.Tx, survey string, fn func(unit, audience string, n int64, days map[string]int64)) error {
	for _, bucket := range [][]byte{bucketAggs, bucketJournal} {
		err := eachGroupKey(tx, bucket, survey, func(k, v []byte, unit, audience string) error {
			n, days, err := scoring.DecodeHead(v)
			if err != nil {
				return fmt.Errorf("decode %s record %q: %w", bucket, k, err)
			}
			fn(unit, audience, n, days)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// LiveDays are a survey's respondents so far per audience, unit and date:
// the counts an agency's records carry to the national bucket, read
// without decoding the rest of each record.
func (s *Store) LiveDays(survey string) (map[string]map[string]map[string]int64, error) {
	out := map[string]map[string]map[string]int64{}
	err := s.bolt.View(func(tx *bolt.Tx) error {
		return eachLiveHead(tx, survey, func(unit, audience string, _ int64, days map[string]int64) {
			if out[audience] == nil {
				out[audience] = map[string]map[string]int64{}
			}
			if out[audience][unit] == nil {
				out[audience][unit] = map[string]int64{}
			}
			for d, c := range days {
				out[audience][unit][d] += c
			}
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read counts by day of survey %s: %w", survey, err)
	}
	return out, nil
}
