package db

import (
	"bytes"

	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// keyPairsPartial marks a survey (meta key + survey id) whose responses were
// sealed when the drivers' sums were added (schema 5): they could not be
// read, so its pairs count only the respondents who came after.
var keyPairsPartial = []byte("pairs-partial\x00")

// addDriverPairs gives the live aggregates of every survey whose responses
// are in the clear the drivers' pairs, from the stored responses (refill):
// records written before schema 5 carry none. A survey with sealed
// responses is marked instead.
func addDriverPairs(tx *bolt.Tx) error {
	sealed, err := refill(tx,
		func(fresh *scoring.Aggregate) bool { return len(fresh.Drivers) > 0 },
		func(stored, fresh *scoring.Aggregate) { stored.Drivers = fresh.Clone().Drivers })
	if err != nil {
		return err
	}
	for survey := range sealed {
		if err := markSurvey(tx, keyPairsPartial, survey); err != nil {
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
