package db

import (
	"fmt"

	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// Shares move in steps of at least 2k (scoring/sharesteps.go,
// docs/METHODOLOGY.md "Shares of small groups"): beside the chunks a unit
// shows, it shows share chunks, which take its shown chunks once these have
// grown by 2k or more since. Both buckets are keyed like the shown records.
var (
	// bucketSharesReleased holds each unit's shown record as of the last
	// time its shares moved.
	bucketSharesReleased = []byte("shares-released")
	// bucketSharesShown holds the share chunks released at each unit.
	bucketSharesShown = []byte("shares-shown")
)

// sharesBucket: the share records are not kept decoded in the process's
// memory of aggregates. They change once per 2k respondents of a unit, and
// keeping them would add two decoded records per group to a server's memory
// for good; read from the file at each share release instead.
func sharesBucket(bucket []byte) bool {
	return string(bucket) == string(bucketSharesReleased) || string(bucket) == string(bucketSharesShown)
}

// releaseSharesIfDue moves a unit's shown chunks since its shares last
// moved into its share chunks, once they hold 2k or more respondents.
func (c *aggCache) releaseSharesIfDue(key string) error {
	survey, _, _, ok := splitAggKey([]byte(key))
	if !ok {
		return fmt.Errorf("malformed aggregate key %q", key)
	}
	k, err := c.surveyK(survey)
	if err != nil {
		return err
	}
	shown, released, err := c.shownAndShared(key)
	if err != nil {
		return err
	}
	if shown.N-released.N < int64(2*k) {
		return nil
	}
	return c.releaseShares(key, shown, released)
}

// shownAndShared are a unit's shown chunks and where its shares last moved.
func (c *aggCache) shownAndShared(key string) (shown, released *scoring.Aggregate, err error) {
	if shown, err = c.record(bucketShown, key); err != nil {
		return nil, nil, err
	}
	released, err = c.record(bucketSharesReleased, key)
	return shown, released, err
}

// releaseShares adds a unit's shown chunks since its shares last moved to
// its share chunks, and notes shown as where they moved.
func (c *aggCache) releaseShares(key string, shown, released *scoring.Aggregate) error {
	chunk, err := c.record(bucketSharesShown, key)
	if err != nil {
		return err
	}
	chunk.Merge(scoring.Residue(shown, released))
	*released = *shown.Clone()
	c.changed(bucketSharesReleased, key)
	c.changed(bucketSharesShown, key)
	return nil
}

// finalShareRelease pools what each unit of a closed survey shows beyond
// its share chunks up the tree, at 2k, as finalRelease pools the residues
// at k; what no pool takes is left out of the shares for good. Run once the
// final release is flushed, so that every unit's shown record is stored.
func (c *aggCache) finalShareRelease(survey string, nodes []scoring.Node, k int) error {
	residues := map[string]map[string]*scoring.Aggregate{} // audience → unit → shown beyond the shares
	err := eachGroupKey(c.tx, bucketShown, survey, func(key, _ []byte, unit, audience string) error {
		shown, released, err := c.shownAndShared(string(key))
		if err != nil {
			return err
		}
		if shown.N == released.N {
			return nil
		}
		if residues[audience] == nil {
			residues[audience] = map[string]*scoring.Aggregate{}
		}
		residues[audience][unit] = scoring.Residue(shown, released)
		return nil
	})
	if err != nil {
		return err
	}
	for audience, byUnit := range residues {
		pools, _ := scoring.Pools(nodes, byUnit, func(pool *scoring.Aggregate) bool { return pool.N >= int64(2*k) })
		for unit, pool := range pools {
			key := string(aggKey(survey, unit, audience))
			chunk, err := c.record(bucketSharesShown, key)
			if err != nil {
				return err
			}
			chunk.Merge(pool)
			c.changed(bucketSharesShown, key)
		}
		// Every unit's shares now stand where its figures do: what no pool
		// took is out of the shares for good, as the final release leaves
		// out what it could not pool.
		for unit := range byUnit {
			key := string(aggKey(survey, unit, audience))
			shown, released, err := c.shownAndShared(key)
			if err != nil {
				return err
			}
			*released = *shown.Clone()
			c.changed(bucketSharesReleased, key)
		}
	}
	return c.flush()
}

// sharesIn reads a survey's share chunks: audience → unit → the share chunks
// released at the unit, through cache when not nil.
func sharesIn(tx *bolt.Tx, survey string, cache *ReadCache) (scoring.Released, error) {
	return recordsIn(tx, bucketSharesShown, survey, cache)
}

// releaseAllShares brings every survey's share chunks up to date with its
// shown chunks: run when a file from before share chunks is upgraded (a
// closed survey's are pooled as at its close).
func releaseAllShares(tx *bolt.Tx, memory *aggMemory) error {
	c := newAggCache(tx, memory)
	var keys []string
	if err := tx.Bucket(bucketShown).ForEach(func(k, _ []byte) error {
		keys = append(keys, string(k))
		return nil
	}); err != nil {
		return err
	}
	for _, key := range keys {
		if err := c.releaseSharesIfDue(key); err != nil {
			return err
		}
	}
	if err := c.flush(); err != nil {
		return err
	}
	nodes, err := unitNodes(tx)
	if err != nil {
		return err
	}
	var closed []string
	err = eachJSON(tx.Bucket(bucketSurveys), func(_ []byte, sv Survey) error {
		if !sv.Open {
			closed = append(closed, sv.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, survey := range closed {
		k, err := c.surveyK(survey)
		if err != nil {
			return err
		}
		if err := c.finalShareRelease(survey, nodes, k); err != nil {
			return err
		}
	}
	return nil
}
