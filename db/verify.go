package db

import (
	"fmt"

	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// OrderFindings names every record or bucket that would let someone with a
// copy of the file put saves in order or recover codes: a journal that lists
// responses rather than per-group deltas, the list of an import under way (or
// cut short: a copy made mid-import), and a code key kept inside the
// database. (Responses waiting in a kiosk's outbox are the newest too, by
// necessity: verify notes them without failing, see Forwarding.)
func (s *Store) OrderFindings() []string {
	var out []string
	err := s.bolt.View(func(tx *bolt.Tx) error {
		listed := 0
		err := tx.Bucket(bucketJournal).ForEach(func(k, v []byte) error {
			if _, _, _, ok := splitAggKey(k); !ok {
				listed++
				return nil
			}
			if _, err := scoring.DecodeAggregate(v); err != nil {
				out = append(out, fmt.Sprintf("journal of group %q cannot be read: %v", k, err))
			}
			return nil
		})
		if err != nil {
			return err
		}
		if listed > 0 {
			out = append(out, fmt.Sprintf("the journal lists %d responses by id: they are the newest saves; open the file with this build to fold them into the aggregates", listed))
		}
		if importing := tx.Bucket(bucketImporting); importing != nil {
			out = append(out, fmt.Sprintf("an import is under way, or was cut short: %d responses are listed as being imported, the newest; once it ends, or when this build opens the file, the list goes (an unfinished import is rolled back)", importing.Stats().KeyN))
		}
		if tx.Bucket(bucketMeta).Get(keyCodeSecret) != nil {
			out = append(out, "the participation-code key is inside the database: a copy of the file lets codes be recovered; open the file with this build to move it to "+CodeKeyPath(s.path))
		}
		return nil
	})
	if err != nil {
		out = append(out, fmt.Sprintf("read %s: %v", s.path, err))
	}
	return out
}

// ReleaseFindings checks a survey's released figures against its live
// aggregates: no group released more respondents than it has, and what the
// units show adds up to what was released.
func (s *Store) ReleaseFindings(survey string) []string {
	live, err := s.SurveyAggregates(survey)
	if err != nil {
		return []string{err.Error()}
	}
	published, err := s.Released(survey)
	if err != nil {
		return []string{err.Error()}
	}
	var out []string
	released := map[string]int64{}
	err = s.bolt.View(func(tx *bolt.Tx) error {
		return eachGroupRecord(tx, bucketReleased, survey, func(unit, audience string, a *scoring.Aggregate) error {
			if n := live[audience][unit]; n == nil || a.N > n.N {
				out = append(out, fmt.Sprintf("survey %s, unit %s, audience %s: released %d respondents, more than stored", survey, unit, audience, a.N))
			}
			released[audience] += a.N
			return nil
		})
	})
	if err != nil {
		return append(out, err.Error())
	}
	for audience, byUnit := range published {
		var shown int64
		for _, a := range byUnit {
			shown += a.N
		}
		withheld, err := s.Withheld(survey, audience)
		if err != nil {
			return append(out, err.Error())
		}
		if shown != released[audience]-withheld {
			out = append(out, fmt.Sprintf("survey %s, audience %s: the units show %d respondents, %d were released and %d withheld at a close", survey, audience, shown, released[audience], withheld))
		}
	}
	return out
}
