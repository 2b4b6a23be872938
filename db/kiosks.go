package db

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/berakhlak/berakhlak/questionnaire"
	bolt "go.etcd.io/bbolt"
)

// Responses that kiosks forward are counted per kiosk, and, where their
// survey requires participation codes, bounded per unit by the codes issued
// for it in that survey: a kiosk checks a code against its own copy (`codes
// import`) and forwards the response without it (nothing links the two),
// so the agency cannot check the code itself; what it can hold is that a
// unit never has more ASN responses than slips were issued for it. Kiosk
// credentials used outside a kiosk can then add no more than the unit's
// unused slips (issue 28 saw 50 code-less responses published in 35 ms and
// stored).

// ErrSurveyClosed: a closed survey takes no response (checked inside every
// save's transaction).
var ErrSurveyClosed = questionnaire.ErrSurveyClosed

// ErrNoCodeLeft means a forwarded response would take a unit past the codes
// issued for it.
var ErrNoCodeLeft = errors.New("no participation code of the unit is left for it")

var (
	bucketKioskCounts = []byte("kiosks")     // kiosk name → responses it forwarded
	bucketCodeCounts  = []byte("codecounts") // SURVEY/UNIT → CodeCount (schema 7–10: UNIT)
)

// codeCountKey is the key of a unit's code counts in a survey.
func codeCountKey(survey, unit string) []byte { return []byte(survey + "/" + unit) }

// CodeCount is what a unit's codes of one survey allow: issued, used here,
// and taken by forwarded responses of that survey. A forwarded response is
// taken only while Used + Forwarded is below Issued; a code typed here is
// always honoured, as the slip in the respondent's hand is real.
type CodeCount struct {
	Issued    int64 `json:"issued"`
	Used      int64 `json:"used"`
	Forwarded int64 `json:"forwarded,omitempty"`
}

// SaveForwarded stores responses forwarded by kiosks (kiosks[i] sent
// rs[i]) as SaveResponses does, counting each newly stored one against its
// kiosk and, where its survey requires codes, against its unit's codes. A
// response past its unit's codes fails the whole batch with ErrNoCodeLeft
// (and ErrConflict as SaveResponses): store the batch one by one to find it.
func (s *Store) SaveForwarded(rs []*questionnaire.Response, kiosks []string) (int, error) {
	if len(kiosks) != len(rs) {
		return 0, fmt.Errorf("save forwarded: %d responses, %d kiosks", len(rs), len(kiosks))
	}
	kioskOf := make(map[*questionnaire.Response]string, len(rs))
	for i, r := range rs {
		kioskOf[r] = kiosks[i]
	}
	requires := map[string]bool{} // survey → requires codes, read once a transaction
	onNew := func(tx *bolt.Tx, r *questionnaire.Response) error {
		if err := addCount(tx.Bucket(bucketKioskCounts), kioskOf[r], 1); err != nil {
			return err
		}
		if r.Audience != questionnaire.AudienceASN {
			return nil
		}
		req, ok := requires[r.Survey]
		if !ok {
			sv := DefaultSurvey(r.Survey)
			if _, err := getJSON(tx.Bucket(bucketSurveys), []byte(r.Survey), &sv); err != nil {
				return err
			}
			req, requires[r.Survey] = sv.RequireCode, sv.RequireCode
		}
		if !req {
			return nil
		}
		return takeCode(tx, r.Survey, r.Unit)
	}
	each := func(put func(*questionnaire.Response) error) error {
		clear(requires) // a retried transaction reads the surveys again
		for _, r := range rs {
			if err := put(r); err != nil {
				return err
			}
		}
		return nil
	}
	return s.saveEach(each, len(rs) >= checkpointEvery, nil, onNew)
}

// takeCode counts a forwarded response against its unit's codes of its
// survey.
func takeCode(tx *bolt.Tx, survey, unit string) error {
	b, key := tx.Bucket(bucketCodeCounts), codeCountKey(survey, unit)
	var c CodeCount
	if _, err := getJSON(b, key, &c); err != nil {
		return err
	}
	if c.Used+c.Forwarded >= c.Issued {
		return fmt.Errorf("unit %s, survey %s: %d codes issued, %d used here, %d taken by forwarded responses: %w", unit, survey, c.Issued, c.Used, c.Forwarded, ErrNoCodeLeft)
	}
	c.Forwarded++
	return putJSON(b, key, c)
}

// countCodes changes a unit's code counts of a survey (AddCodes, a code
// used here).
func countCodes(tx *bolt.Tx, survey, unit string, issued, used int64) error {
	b, key := tx.Bucket(bucketCodeCounts), codeCountKey(survey, unit)
	var c CodeCount
	if _, err := getJSON(b, key, &c); err != nil {
		return err
	}
	c.Issued += issued
	c.Used += used
	return putJSON(b, key, c)
}

func addCount(b *bolt.Bucket, key string, n int64) error {
	var c int64
	if _, err := getJSON(b, []byte(key), &c); err != nil {
		return err
	}
	return putJSON(b, []byte(key), c+n)
}

// KioskCounts is how many responses each kiosk forwarded here.
func (s *Store) KioskCounts() (map[string]int64, error) {
	out := map[string]int64{}
	err := s.bolt.View(func(tx *bolt.Tx) error {
		return eachJSON(tx.Bucket(bucketKioskCounts), func(kiosk []byte, n int64) error {
			out[string(kiosk)] = n
			return nil
		})
	})
	return out, err
}

// CodeCounts are each unit's codes of survey: issued, used here, taken by
// forwarded responses.
func (s *Store) CodeCounts(survey string) (map[string]CodeCount, error) {
	out := map[string]CodeCount{}
	prefix := codeCountKey(survey, "")
	err := s.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketCodeCounts).Cursor()
		for k, v := c.Seek(prefix); bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var count CodeCount
			if err := json.Unmarshal(v, &count); err != nil {
				return fmt.Errorf("code counts %s: %w", k, err)
			}
			out[string(k[len(prefix):])] = count
		}
		return nil
	})
	return out, err
}

// recountCodes fills the code counts of a file from before them (schema 7)
// from its codes, by unit as schema 7–10 kept them (countsBySurvey then
// gives them their survey).
func recountCodes(tx *bolt.Tx) error {
	counts := map[string]*CodeCount{}
	err := eachJSON(tx.Bucket(bucketCodes), func(_ []byte, rec codeRecord) error {
		c := counts[rec.Unit]
		if c == nil {
			c = &CodeCount{}
			counts[rec.Unit] = c
		}
		c.Issued++
		if rec.Used {
			c.Used++
		}
		return nil
	})
	if err != nil {
		return err
	}
	for unit, c := range counts {
		if err := putJSON(tx.Bucket(bucketCodeCounts), []byte(unit), c); err != nil {
			return err
		}
	}
	return nil
}
