package db

import (
	"bytes"
	"fmt"
	"maps"
	"slices"

	"github.com/berakhlak/berakhlak/codes"
	"github.com/berakhlak/berakhlak/questionnaire"
	bolt "go.etcd.io/bbolt"
)

// Participation codes are stored only as HMAC-SHA256 under a random key kept
// beside the database (codekey.go), with the unit and the survey they were
// issued for and a used flag: a slip left unused one year is no slip the
// next. Nothing links a code to the response it allowed: the flag is set in
// the same transaction as the response is stored, and the records share no
// key or field.

// Errors of the participation-code lookups.
var (
	ErrCodeUnknown     = codes.ErrUnknown
	ErrCodeUsed        = codes.ErrUsed
	ErrCodeOtherSurvey = codes.ErrOtherSurvey
)

// codeRecord is what is kept per code hash.
type codeRecord struct {
	Unit   string `json:"unit"`
	Survey string `json:"survey"`
	Used   bool   `json:"used"`
}

// AddCodes stores the hashes of new codes for survey, by unit, in one
// transaction: every code is stored, or — an unknown survey or unit, a code
// issued before — none.
func (s *Store) AddCodes(survey string, byUnit map[string][]string) error {
	return s.bolt.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketSurveys).Get([]byte(survey)) == nil {
			return fmt.Errorf("survey %q does not exist: create it with `berakhlak survey create`; no code was stored", survey)
		}
		b := tx.Bucket(bucketCodes)
		if b.Stats().KeyN == 0 {
			if _, err := s.codeKey(true); err != nil {
				return err
			}
		}
		for _, unit := range slices.Sorted(maps.Keys(byUnit)) {
			if tx.Bucket(bucketUnits).Get([]byte(unit)) == nil {
				return fmt.Errorf("unit %q is not in the organisation tree: import it with `berakhlak org import`; no code was stored", unit)
			}
			for _, c := range byUnit[unit] {
				key, err := s.codeHash(tx, c)
				if err != nil {
					return err
				}
				if b.Get(key) != nil {
					return fmt.Errorf("code %s was issued before; no code was stored", c)
				}
				if err := putJSON(b, key, codeRecord{Unit: unit, Survey: survey}); err != nil {
					return err
				}
			}
			if err := countCodes(tx, survey, unit, int64(len(byUnit[unit])), 0); err != nil {
				return err
			}
		}
		return nil
	})
}

// CodeUnit returns the unit of an unused code issued for survey;
// ErrCodeUnknown, ErrCodeUsed or ErrCodeOtherSurvey otherwise.
func (s *Store) CodeUnit(survey, code string) (string, error) {
	var rec codeRecord
	err := s.bolt.View(func(tx *bolt.Tx) error {
		key, err := s.codeHash(tx, code)
		if err != nil {
			return err
		}
		found, err := getJSON(tx.Bucket(bucketCodes), key, &rec)
		switch {
		case err != nil:
			return err
		case !found:
			return ErrCodeUnknown
		case rec.Used:
			return ErrCodeUsed
		case rec.Survey != survey:
			return ErrCodeOtherSurvey
		}
		return nil
	})
	return rec.Unit, err
}

// SaveResponseWithCode stores r and marks the code used, in one transaction:
// either both happen or neither. The code must be unused, issued for r's
// survey and of r's unit. A retry of a save that did commit (r already
// stored) succeeds again.
func (s *Store) SaveResponseWithCode(r *questionnaire.Response, code string) error {
	return s.saveResponses([]*questionnaire.Response{r}, func(tx *bolt.Tx, stored int) error {
		key, err := s.codeHash(tx, code)
		if err != nil {
			return err
		}
		b := tx.Bucket(bucketCodes)
		var rec codeRecord
		found, err := getJSON(b, key, &rec)
		switch {
		case err != nil:
			return err
		case !found:
			return ErrCodeUnknown
		case rec.Used && stored == 0:
			return nil // the same response was stored with this code before
		case rec.Used:
			return ErrCodeUsed
		case rec.Survey != r.Survey:
			return ErrCodeOtherSurvey
		case rec.Unit != r.Unit:
			return fmt.Errorf("the code belongs to unit %s, the response to %s", rec.Unit, r.Unit)
		}
		rec.Used = true
		if err := putJSON(b, key, rec); err != nil {
			return err
		}
		return countCodes(tx, rec.Survey, rec.Unit, 0, 1)
	})
}

// giveCodesTheirSurvey gives the codes of a file from before schema 11,
// which were the database's and valid in any survey, to the latest survey
// of the file: the one they were issued for, as codes are issued for the
// year under way. Until then an unused slip of one year was good the next.
func giveCodesTheirSurvey(tx *bolt.Tx) error {
	latest, _ := tx.Bucket(bucketSurveys).Cursor().Last()
	if latest == nil {
		return nil // no survey, so no code was ever usable
	}
	b := tx.Bucket(bucketCodes)
	type update struct {
		key []byte
		rec codeRecord
	}
	var updates []update // a bucket is not written while a cursor walks it
	err := eachJSON(b, func(k []byte, rec codeRecord) error {
		if rec.Survey == "" {
			rec.Survey = string(latest)
			updates = append(updates, update{slices.Clone(k), rec})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, u := range updates {
		if err := putJSON(b, u.key, u.rec); err != nil {
			return err
		}
	}
	return countsBySurvey(tx, string(latest))
}

// countsBySurvey moves a schema 7–10 file's code counts, kept by unit, to
// the survey its codes were given: issued, used and forwarded alike, as
// every code of the file now belongs to that survey.
func countsBySurvey(tx *bolt.Tx, survey string) error {
	b := tx.Bucket(bucketCodeCounts)
	var units [][]byte
	if err := b.ForEach(func(k, _ []byte) error {
		if !bytes.Contains(k, []byte("/")) {
			units = append(units, slices.Clone(k))
		}
		return nil
	}); err != nil {
		return err
	}
	for _, unit := range units {
		if err := b.Put(codeCountKey(survey, string(unit)), slices.Clone(b.Get(unit))); err != nil {
			return err
		}
		if err := b.Delete(unit); err != nil {
			return err
		}
	}
	return nil
}
