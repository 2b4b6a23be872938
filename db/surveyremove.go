package db

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

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
	_, err := s.removeSurvey(id, false)
	return err
}

// RemoveSurveyVoidingCodes is RemoveSurvey for a mistaken survey whose
// participation codes were issued before the mistake was seen: its codes
// go with it (none was used, since no response was stored), and the slips
// printed for them stop working. It returns how many codes were voided.
func (s *Store) RemoveSurveyVoidingCodes(id string) (voided int, err error) {
	return s.removeSurvey(id, true)
}

func (s *Store) removeSurvey(id string, voidCodes bool) (voided int, err error) {
	err = s.bolt.Update(func(tx *bolt.Tx) error {
		surveys := tx.Bucket(bucketSurveys)
		if surveys.Get([]byte(id)) == nil {
			return fmt.Errorf("survey %s does not exist (see `berakhlak survey list`)", id)
		}
		if surveys.Stats().KeyN <= 1 {
			return fmt.Errorf("survey %s is the database's only survey (create the one meant first, then remove this): %w", id, ErrSurveyInUse)
		}
		for _, use := range surveyUses {
			b, codes := tx.Bucket(use.bucket), bytes.Equal(use.bucket, bucketCodeCounts)
			if b == nil || (voidCodes && codes) {
				continue // made when first needed: nothing of the kind yet; or codes to void
			}
			prefix := []byte(id + use.sep)
			if k, _ := b.Cursor().Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) {
				if codes {
					return fmt.Errorf("survey %s has %s: %w (if they were issued by mistake too, --void-codes removes them with it)", id, use.what, ErrSurveyInUse)
				}
				return fmt.Errorf("survey %s has %s: %w", id, use.what, ErrSurveyInUse)
			}
		}
		if voidCodes {
			if voided, err = voidSurveyCodes(tx, id); err != nil {
				return err
			}
		}
		return surveys.Delete([]byte(id))
	})
	if err != nil {
		return 0, fmt.Errorf("remove survey %s: %w", id, err)
	}
	s.announce(0) // respondents follow the latest survey, which may now be another
	return voided, nil
}

// voidSurveyCodes deletes the participation codes issued for survey, and
// their counts. It is called only once the survey is known to hold no
// response, so none of them was used; one that was is refused all the same.
func voidSurveyCodes(tx *bolt.Tx, survey string) (int, error) {
	b := tx.Bucket(bucketCodes)
	var keys [][]byte // a bucket is not written while a cursor walks it
	err := eachJSON(b, func(k []byte, rec codeRecord) error {
		if rec.Survey != survey {
			return nil
		}
		if rec.Used {
			return fmt.Errorf("a code of survey %s was used: %w", survey, ErrSurveyInUse)
		}
		keys = append(keys, slices.Clone(k))
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return 0, err
		}
	}
	counts := tx.Bucket(bucketCodeCounts)
	var countKeys [][]byte
	prefix := []byte(survey + "/")
	c := counts.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		countKeys = append(countKeys, slices.Clone(k))
	}
	for _, k := range countKeys {
		if err := counts.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(keys), nil
}
