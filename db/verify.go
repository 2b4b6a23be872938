package db

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/questionnaire"
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
	shown, err := s.Released(survey)
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
	for audience, byUnit := range shown {
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

// Verify lists every problem of the file — bbolt's consistency, stored
// aggregates against the raw responses, released figures against both,
// what would put saves in order, and each stored record's anonymity
// invariants — and counts the sealed records ids cannot open (checked only
// where they can). None means the file is sound.
func (s *Store) Verify(in *questionnaire.Instrument, ids []age.Identity) (problems []string, unopened int) {
	problems = append(s.fileFindings(ids), s.planFindings()...)
	records, unopened := s.recordFindings(in, ids)
	return append(problems, records...), unopened
}

// fileFindings are Verify's findings but the records'.
func (s *Store) fileFindings(ids []age.Identity) []string {
	var problems []string
	if err := s.Check(); err != nil {
		problems = append(problems, "consistency check: "+err.Error())
	}
	surveys, err := s.Surveys()
	if err != nil {
		return append(problems, err.Error())
	}
	for _, sv := range surveys {
		stored, err := s.SurveyAggregates(sv.ID)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		fresh, err := s.RecomputeAggregates(sv.ID, ids...)
		if errors.Is(err, ErrSealed) {
			problems = append(problems, s.ReleaseFindings(sv.ID)...)
			continue // the note says what was not recomputed
		}
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if s.PairsPartial(sv.ID) { // sealed when the drivers' sums came: they count only later respondents
			withoutPairs(stored)
			withoutPairs(fresh)
		}
		if s.DemoPartial(sv.ID) { // begun before live sums counted demographic answers
			withoutDemo(stored)
			withoutDemo(fresh)
		}
		problems = append(problems, compareAggregates(sv.ID, stored, fresh)...)
		problems = append(problems, s.ReleaseFindings(sv.ID)...)
	}
	return append(problems, s.OrderFindings()...)
}

// maxRecordProblems bounds how many bad records verify lists.
const maxRecordProblems = 20

// recordFindings checks the anonymity invariants of every stored record,
// sealed ones only when ids can open them; it counts those it could not.
func (s *Store) recordFindings(in *questionnaire.Instrument, ids []age.Identity) (out []string, unopened int) {
	bad := 0
	err := s.EachRecord(func(key, value []byte) error {
		if ids == nil && IsSealed(value) {
			unopened++
			return nil
		}
		problem := recordProblem(key, value, in, ids)
		if problem != "" {
			bad++
			if bad <= maxRecordProblems {
				out = append(out, fmt.Sprintf("record %x: %s", key, problem))
			}
		}
		return nil
	})
	if err != nil {
		out = append(out, err.Error())
	}
	if bad > maxRecordProblems {
		out = append(out, fmt.Sprintf("… %d bad records in all", bad))
	}
	return out, unopened
}

// recordProblem says what is wrong with one stored record (empty: nothing).
func recordProblem(key, value []byte, in *questionnaire.Instrument, ids []age.Identity) string {
	line, err := OpenRecord(value, ids)
	if err != nil {
		return err.Error()
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	var r questionnaire.Response
	if err := dec.Decode(&r); err != nil {
		return "a field outside the interchange schema, or not a response: " + err.Error()
	}
	if hex.EncodeToString(key) != r.ID {
		return "its key is not its id"
	}
	if err := in.CheckResponse(&r); err != nil {
		return err.Error() // covers a date with a time, unknown items, bad values
	}
	return ""
}

// compareAggregates names each (unit, audience) whose stored aggregate
// differs from the recomputation. Both sides go through JSON so that empty
// and absent maps compare equal.
func compareAggregates(survey string, stored, fresh Aggregates) []string {
	keys := map[[2]string]bool{}
	for aud, units := range stored {
		for u := range units {
			keys[[2]string{aud, u}] = true
		}
	}
	for aud, units := range fresh {
		for u := range units {
			keys[[2]string{aud, u}] = true
		}
	}
	var out []string
	for key := range keys {
		a, b := normalise(stored[key[0]][key[1]]), normalise(fresh[key[0]][key[1]])
		if !reflect.DeepEqual(a, b) {
			out = append(out, fmt.Sprintf("survey %s, unit %s, audience %s: stored aggregate differs from the raw responses (rebuild needed)", survey, key[1], key[0]))
		}
	}
	sort.Strings(out)
	return out
}

// withoutPairs drops the drivers' pairs, for comparing what both have.
func withoutPairs(as Aggregates) {
	for _, units := range as {
		for _, a := range units {
			clear(a.Drivers)
		}
	}
}

func withoutDemo(as Aggregates) {
	for _, units := range as {
		for _, a := range units {
			a.WithoutDemo()
		}
	}
}

func normalise(v any) any {
	data, _ := json.Marshal(v)
	var out any
	json.Unmarshal(data, &out)
	if m, ok := out.(map[string]any); ok && m["n"] == float64(0) {
		return nil
	}
	return out
}

// Tally is what verify says of one survey's audience: respondents stored,
// in the figures, withheld for good at a close (the rest wait for release).
type Tally struct {
	Survey, Audience        string
	Stored, Shown, Withheld int64
}

// Tallies counts, per survey and audience with respondents, where they are.
func (s *Store) Tallies() ([]Tally, error) {
	surveys, err := s.Surveys()
	if err != nil {
		return nil, err
	}
	var out []Tally
	for _, sv := range surveys {
		live, _, err := s.LiveCounts(sv.ID)
		if err != nil {
			return nil, err
		}
		released, err := s.Released(sv.ID)
		if err != nil {
			return nil, err
		}
		for _, audience := range scoring.Audiences {
			t := Tally{Survey: sv.ID, Audience: audience}
			for _, n := range live[audience] {
				t.Stored += n
			}
			for _, a := range released[audience] {
				t.Shown += a.N
			}
			if t.Stored == 0 {
				continue
			}
			if t.Withheld, err = s.Withheld(sv.ID, audience); err != nil {
				return nil, err
			}
			out = append(out, t)
		}
	}
	return out, nil
}

// planFindings names every stored plan that is not one (Plan.Check): a
// file edited by hand, or written by a build with other rules.
func (s *Store) planFindings() []string {
	plans, err := s.Plans("")
	if err != nil {
		return []string{err.Error()}
	}
	var out []string
	for _, p := range plans {
		if err := p.Check(); err != nil {
			out = append(out, fmt.Sprintf("plan of unit %s, survey %s: %v", p.Unit, p.Survey, err))
		}
	}
	return out
}
