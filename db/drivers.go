package db

import (
	"bytes"
	"fmt"

	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// keyPairsPartial marks a survey (meta key + survey id) whose responses were
// sealed when the drivers' sums were added (schema 5): they could not be
// read, so its pairs count only the respondents who came after.
var keyPairsPartial = []byte("pairs-partial\x00")

// addDriverPairs gives the live aggregates of every survey whose responses
// are in the clear the drivers' pairs, from the stored responses: records
// written before schema 5 carry none. The journal's deltas carry none
// either, so each group's stored record gets the pairs of all its
// respondents. A survey with sealed responses is marked instead.
func addDriverPairs(tx *bolt.Tx) error {
	fresh := map[string]Aggregates{}
	sealed := map[string]bool{}
	err := tx.Bucket(bucketResponses).ForEach(func(k, v []byte) error {
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
		return err
	}
	open := map[string]bool{}
	err = tx.Bucket(bucketSurveys).ForEach(func(k, _ []byte) error {
		var sv Survey
		_, err := getJSON(tx.Bucket(bucketSurveys), k, &sv)
		open[sv.ID] = sv.Open
		return err
	})
	if err != nil {
		return err
	}
	for survey := range sealed {
		if err := markSurvey(tx, keyPairsPartial, survey); err != nil {
			return err
		}
	}
	for survey, groups := range fresh {
		if sealed[survey] {
			continue
		}
		for audience, units := range groups {
			for unit, a := range units {
				key := aggKey(survey, unit, audience)
				if err := putPairs(tx, key, a.Drivers); err != nil {
					return err
				}
				if open[survey] {
					if err := releasePairs(tx, key, a); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// putPairs sets the pairs of a group's stored record (made if the group
// was only in the journal).
func putPairs(tx *bolt.Tx, key []byte, pairs map[string]*scoring.Pair) error {
	if len(pairs) == 0 {
		return nil
	}
	stored := scoring.NewAggregate()
	if data := tx.Bucket(bucketAggs).Get(key); data != nil {
		var err error
		if stored, err = scoring.DecodeAggregate(data); err != nil {
			return fmt.Errorf("read aggregate %q: %w", key, err)
		}
	}
	stored.Drivers = pairs
	return tx.Bucket(bucketAggs).Put(key, scoring.EncodeAggregate(stored))
}

// releasePairs gives a group's released snapshot and shown chunk the
// pairs of all its respondents when all of them are released (and the open
// survey pooled nothing into the chunk): the pairs of exactly those
// respondents are then known. Otherwise the pairs come with the next
// release, as every figure does.
func releasePairs(tx *bolt.Tx, key []byte, live *scoring.Aggregate) error {
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
		a.Drivers = live.Clone().Drivers
		if err := tx.Bucket([]byte(bucket)).Put(key, scoring.EncodeAggregate(a)); err != nil {
			return err
		}
	}
	return nil
}

// PairsPartial says whether a survey's drivers count only the respondents
// after the upgrade that added them (its responses were sealed then).
func (s *Store) PairsPartial(survey string) bool { return s.surveyMarked(keyPairsPartial, survey) }

// markSurvey notes in meta that an upgrade left a survey's records
// without something (a meta key is the mark's prefix + the survey id).
func markSurvey(tx *bolt.Tx, mark []byte, survey string) error {
	return tx.Bucket(bucketMeta).Put(append(bytes.Clone(mark), survey...), []byte{1})
}

// surveyMarked reports whether markSurvey marked the survey.
func (s *Store) surveyMarked(mark []byte, survey string) bool {
	marked := false
	s.bolt.View(func(tx *bolt.Tx) error {
		marked = markedIn(tx, mark, survey)
		return nil
	})
	return marked
}

func markedIn(tx *bolt.Tx, mark []byte, survey string) bool {
	return tx.Bucket(bucketMeta).Get(append(bytes.Clone(mark), survey...)) != nil
}
