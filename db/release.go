package db

import (
	"fmt"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// Releases (scoring/release.go, docs/METHODOLOGY.md "Releases"): every reader
// of figures reads the shown chunks, never the live aggregates, so a
// group's figures move only in steps of at least k respondents whoever asks
// and whenever. Both buckets are keyed like the live aggregates.
var (
	// bucketReleased holds each group's live aggregate as of its last release.
	bucketReleased = []byte("released")
	// bucketShown holds what each unit shows of its own respondents: the
	// chunks released at it (unit "" for the whole survey). Its name in the
	// file is older than the rule that "publish" means only a put on NATS.
	bucketShown = []byte("published")
)

// surveyRecipient is the age recipient a survey's raw responses are sealed
// to (nil: stored in the clear), read once per transaction. A closed
// survey takes no response, whoever sends it and whatever it cached: the
// check is here, inside the save's transaction (ErrSurveyClosed).
func (c *aggCache) surveyRecipient(survey string) (age.Recipient, error) {
	if r, ok := c.recipients[survey]; ok {
		return r, nil
	}
	sv := DefaultSurvey(survey)
	if _, err := getJSON(c.tx.Bucket(bucketSurveys), []byte(survey), &sv); err != nil {
		return nil, err
	}
	if !sv.Open {
		return nil, fmt.Errorf("survey %s: %w", survey, ErrSurveyClosed)
	}
	var r age.Recipient
	if sv.Recipient != "" {
		x, err := age.ParseX25519Recipient(sv.Recipient)
		if err != nil {
			return nil, fmt.Errorf("survey %s: recipient: %w", survey, err)
		}
		r = x
	}
	if c.recipients == nil {
		c.recipients = map[string]age.Recipient{}
	}
	c.recipients[survey] = r
	return r, nil
}

// surveyK is the minimum group size of a survey (the default when the
// survey is not stored), read once per transaction.
func (c *aggCache) surveyK(survey string) (int, error) {
	if k, ok := c.k[survey]; ok {
		return k, nil
	}
	sv := DefaultSurvey(survey)
	if _, err := getJSON(c.tx.Bucket(bucketSurveys), []byte(survey), &sv); err != nil {
		return 0, err
	}
	c.k[survey] = sv.K
	return sv.K, nil
}

// releaseIfDue moves a group's respondents since its last release into what
// its unit shows, once there are k or more of them.
func (c *aggCache) releaseIfDue(survey, key string, live *scoring.Aggregate) error {
	k, err := c.surveyK(survey)
	if err != nil {
		return err
	}
	released, err := c.record(bucketReleased, key)
	if err != nil {
		return err
	}
	if !scoring.ReleaseDue(live, released, k) {
		return nil
	}
	return c.release(key, key, live, released)
}

// releaseChanged releases every group this transaction added responses to,
// where due.
func (c *aggCache) releaseChanged() error {
	for key, live := range c.byKey {
		survey, _, _, ok := splitAggKey([]byte(key))
		if !ok {
			return fmt.Errorf("malformed aggregate key %q", key)
		}
		if err := c.releaseIfDue(survey, key, live); err != nil {
			return err
		}
	}
	return nil
}

// release adds a group's residue (live − released) to the shown chunk
// under chunkKey and makes live its new released snapshot.
func (c *aggCache) release(groupKey, chunkKey string, live, released *scoring.Aggregate) error {
	chunk, err := c.record(bucketShown, chunkKey)
	if err != nil {
		return err
	}
	residue := scoring.Residue(live, released)
	survey, _, audience, _ := splitAggKey([]byte(groupKey))
	if err := recordStep(c.tx, survey, audience, residue, scoring.DemoSince(live, released), true); err != nil {
		return err
	}
	chunk.Merge(residue)
	*released = *live.Clone()
	c.changed(bucketReleased, groupKey)
	c.changed(bucketShown, chunkKey)
	return c.releaseSharesIfDue(chunkKey)
}

// changed marks a record for flush to write.
func (c *aggCache) changed(bucket []byte, key string) {
	c.dirty[memoryKey(bucket, key)] = recordRef{bucket, key}
}

// liveAndReleased returns a group's live aggregate and released snapshot.
func (c *aggCache) liveAndReleased(key string) (live, released *scoring.Aggregate, err error) {
	if live, err = c.get(key); err != nil {
		return nil, nil, err
	}
	released, err = c.record(bucketReleased, key)
	return live, released, err
}

// flush writes the released and shown records this transaction changed.
func (c *aggCache) flush() error {
	for mkey, ref := range c.dirty {
		if err := c.tx.Bucket(ref.bucket).Put([]byte(ref.key), scoring.EncodeAggregate(c.others[mkey])); err != nil {
			return fmt.Errorf("write %s record: %w", ref.bucket, err)
		}
	}
	clear(c.dirty)
	return nil
}

// finalRelease pools the residues of a survey's groups up the tree and
// releases each pool where it reaches k (scoring.Pools): closing a survey
// adds what was held back without letting anyone subtract the last figure
// from the final one to see fewer than k respondents. What is left (fewer
// than k in all) is withheld for good and noted in the ledger.
func (c *aggCache) finalRelease(survey string) error {
	k, err := c.surveyK(survey)
	if err != nil {
		return err
	}
	nodes, err := unitNodes(c.tx)
	if err != nil {
		return err
	}
	residues := map[string]map[string]*scoring.Aggregate{} // audience → unit → residue
	err = eachGroupKey(c.tx, bucketAggs, survey, func(key, _ []byte, unit, audience string) error {
		live, released, err := c.liveAndReleased(string(key))
		if err != nil {
			return err
		}
		if residues[audience] == nil {
			residues[audience] = map[string]*scoring.Aggregate{}
		}
		residue := scoring.Residue(live, released)
		residue.Demo = scoring.DemoSince(live, released) // for the ledger; dropped before it is shown
		residues[audience][unit] = residue
		return nil
	})
	if err != nil {
		return err
	}
	for audience, byUnit := range residues {
		pools, units := scoring.Pools(nodes, byUnit, scoring.PoolDue(k))
		for unit, pool := range pools {
			key := string(aggKey(survey, unit, audience))
			chunk, err := c.record(bucketShown, key)
			if err != nil {
				return err
			}
			if err := recordStep(c.tx, survey, audience, pool, pool.Demo, true); err != nil {
				return err
			}
			chunk.Merge(pool.WithoutDemo())
			c.changed(bucketShown, key)
		}
		// What no pool released (fewer than k in all) is left out for good:
		// held back, it would join a chunk after a reopening, and that chunk
		// could be set against the segment figures taken at this close.
		pooled := make(map[string]bool, len(units))
		for _, unit := range units {
			pooled[unit] = true
		}
		left := scoring.NewAggregate()
		for unit, residue := range byUnit {
			if residue.N == 0 {
				continue
			}
			if !pooled[unit] {
				left.Merge(residue)
			}
			key := string(aggKey(survey, unit, audience))
			live, released, err := c.liveAndReleased(key)
			if err != nil {
				return err
			}
			*released = *live.Clone()
			c.changed(bucketReleased, key)
		}
		if err := recordStep(c.tx, survey, audience, left, left.Demo, false); err != nil {
			return err
		}
	}
	if err := c.flush(); err != nil {
		return err
	}
	return c.finalShareRelease(survey, nodes, k)
}

// unitNodes reads the organisation tree inside a transaction.
func unitNodes(tx *bolt.Tx) ([]scoring.Node, error) {
	units, err := unitsIn(tx)
	if err != nil {
		return nil, err
	}
	return nodesOf(units), nil
}

// releaseAll brings the shown records of every survey up to date with
// the live aggregates: run when a file of an older schema is upgraded.
func releaseAll(tx *bolt.Tx, memory *aggMemory) error {
	c := newAggCache(tx, memory)
	var closed []string
	err := eachJSON(tx.Bucket(bucketSurveys), func(_ []byte, sv Survey) error {
		if !sv.Open {
			closed = append(closed, sv.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	var keys []string
	if err := tx.Bucket(bucketAggs).ForEach(func(k, _ []byte) error {
		keys = append(keys, string(k))
		return nil
	}); err != nil {
		return err
	}
	for _, key := range keys {
		survey, _, _, ok := splitAggKey([]byte(key))
		if !ok {
			return fmt.Errorf("malformed aggregate key %q", key)
		}
		live, err := c.get(key)
		if err != nil {
			return err
		}
		if err := c.releaseIfDue(survey, key, live); err != nil {
			return err
		}
	}
	for _, survey := range closed {
		if err := c.finalRelease(survey); err != nil {
			return err
		}
	}
	return c.flush()
}
