package db

import (
	"fmt"

	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// refill gives the live aggregates of every survey whose responses are in
// the clear sums an older schema did not keep, recomputed from the stored
// responses: take copies them from the fresh aggregate of a group onto its
// stored one. The journal's deltas were written without them, so each
// group's stored record gets those of all its respondents (a record is made
// for a group only in the journal, when has says the fresh one holds any).
// For an open survey, a group whose respondents are all released gets them
// in its released snapshot and shown chunk too; otherwise they come with
// the next release, as every figure does. Surveys whose responses are
// sealed cannot be read; they are returned, for the caller to mark.
func refill(tx *bolt.Tx, has func(fresh *scoring.Aggregate) bool, take func(stored, fresh *scoring.Aggregate)) (sealed map[string]bool, err error) {
	fresh := map[string]Aggregates{}
	sealed = map[string]bool{}
	err = tx.Bucket(bucketResponses).ForEach(func(k, v []byte) error {
		if IsSealed(v) {
			rec, err := parseSealed(v)
			sealed[rec.Survey] = true
			return err
		}
		r, err := decodeRecord(v, nil)
		if err != nil {
			return fmt.Errorf("response %x: %w", k, err)
		}
		if fresh[r.Survey] == nil {
			fresh[r.Survey] = Aggregates{}
		}
		fresh[r.Survey].addResponse(r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	open := map[string]bool{}
	err = tx.Bucket(bucketSurveys).ForEach(func(k, _ []byte) error {
		var sv Survey
		_, err := getJSON(tx.Bucket(bucketSurveys), k, &sv)
		open[sv.ID] = sv.Open
		return err
	})
	if err != nil {
		return nil, err
	}
	for survey, groups := range fresh {
		if sealed[survey] {
			continue
		}
		for audience, units := range groups {
			for unit, a := range units {
				key := aggKey(survey, unit, audience)
				if err := refillStored(tx, key, a, has, take); err != nil {
					return nil, err
				}
				if open[survey] {
					if err := refillReleased(tx, key, a, take); err != nil {
						return nil, err
					}
				}
			}
		}
	}
	return sealed, nil
}

// refillStored takes the fresh sums onto a group's stored record (made if
// the group was only in the journal and the fresh sums hold any).
func refillStored(tx *bolt.Tx, key []byte, fresh *scoring.Aggregate, has func(*scoring.Aggregate) bool, take func(stored, fresh *scoring.Aggregate)) error {
	stored := scoring.NewAggregate()
	if data := tx.Bucket(bucketAggs).Get(key); data != nil {
		var err error
		if stored, err = scoring.DecodeAggregate(data); err != nil {
			return fmt.Errorf("read aggregate %q: %w", key, err)
		}
	} else if !has(fresh) {
		return nil
	}
	take(stored, fresh)
	return tx.Bucket(bucketAggs).Put(key, scoring.EncodeAggregate(stored))
}

// refillReleased takes the live sums onto a group's released snapshot and
// shown chunk when all its respondents are released (and the open survey
// pooled nothing into the chunk): those of exactly these respondents are
// then known.
func refillReleased(tx *bolt.Tx, key []byte, live *scoring.Aggregate, take func(stored, fresh *scoring.Aggregate)) error {
	read := func(bucket []byte) (*scoring.Aggregate, error) {
		data := tx.Bucket(bucket).Get(key)
		if data == nil {
			return nil, nil
		}
		return scoring.DecodeAggregate(data)
	}
	released, err := read(bucketReleased)
	if err != nil || released == nil || released.N != live.N {
		return err
	}
	shown, err := read(bucketShown)
	if err != nil || shown == nil || shown.N != live.N {
		return err
	}
	for bucket, a := range map[string]*scoring.Aggregate{string(bucketReleased): released, string(bucketShown): shown} {
		take(a, live)
		if err := tx.Bucket([]byte(bucket)).Put(key, scoring.EncodeAggregate(a)); err != nil {
			return err
		}
	}
	return nil
}

// addLimitingSums gives every group of a survey in the clear the
// per-respondent sums of limiting values its entropy's standard error
// needs (schema 8). A sealed survey's groups count only the respondents
// after the upgrade; their entropy, covering fewer respondents than voted,
// then shows no SD (scoring's values), which needs no mark.
func addLimitingSums(tx *bolt.Tx) error {
	_, err := refill(tx,
		func(fresh *scoring.Aggregate) bool { return fresh.Limiting.N > 0 },
		func(stored, fresh *scoring.Aggregate) { stored.Limiting = fresh.Limiting })
	return err
}
