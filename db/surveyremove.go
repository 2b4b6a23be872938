package db

import (
	"bytes"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// ErrSurveyInUse: a survey that holds anything, or the only one, is never
// removed.
var ErrSurveyInUse = errors.New("only a survey that holds nothing, and not the only one, is removed")

// surveyUses are where a survey's use is kept, each keyed by the survey
// first: responses (their figures, the journal, the ledger of chunks, what
// was released of them and the segments a close took), participation codes
// issued and plans. A survey none of them names holds nothing but its
// settings.
var surveyUses = []struct {
	bucket []byte
	sep    string // between the survey and the rest of the key
	what   string
}{
	{bucketAggs, "\x00", "responses"},
	{bucketJournal, "\x00", "responses"},
	{bucketSteps, "\x00", "responses"},
	{bucketReleased, "\x00", "released figures"},
	{bucketShown, "\x00", "published figures"},
	{bucketSharesReleased, "\x00", "released figures"},
	{bucketSharesShown, "\x00", "published figures"},
	{bucketSegments, "\x00", "segments"},
	{bucketCodeCounts, "/", "participation codes"},
	{bucketPlans, "\x00", "plans"},
}

// RemoveSurvey removes a survey that was never used: no response stored or
// queued, no participation code issued for it, no plan; and not the
// database's only survey. It is for a survey made by mistake (2072 for
// 2027), or a forwarding kiosk's own year that its agency does not run:
// both would otherwise stay the latest survey, the one respondents answer,
// for good. A survey in use is refused (ErrSurveyInUse), nothing changed.
func (s *Store) RemoveSurvey(id string) error {
	err := s.bolt.Update(func(tx *bolt.Tx) error {
		surveys := tx.Bucket(bucketSurveys)
		if surveys.Get([]byte(id)) == nil {
			return fmt.Errorf("survey %s does not exist (see `berakhlak survey list`)", id)
		}
		if surveys.Stats().KeyN <= 1 {
			return fmt.Errorf("survey %s is the database's only survey (create the one meant first, then remove this): %w", id, ErrSurveyInUse)
		}
		for _, use := range surveyUses {
			b := tx.Bucket(use.bucket)
			if b == nil {
				continue // made when first needed: nothing of the kind yet
			}
			prefix := []byte(id + use.sep)
			if k, _ := b.Cursor().Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) {
				return fmt.Errorf("survey %s has %s: %w", id, use.what, ErrSurveyInUse)
			}
		}
		return surveys.Delete([]byte(id))
	})
	if err != nil {
		return fmt.Errorf("remove survey %s: %w", id, err)
	}
	s.announce(0) // respondents follow the latest survey, which may now be another
	return nil
}
