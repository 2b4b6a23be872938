package cli

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/spf13/cobra"
)

func newVerifyCommand(g *globals) *cobra.Command {
	var identity string
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check the database: consistency, aggregates against raw responses, anonymity",
		Long: "verify runs bbolt's consistency check, recomputes every aggregate from the raw responses and\n" +
			"compares, checks the released figures against them, and checks the anonymity invariants of every\n" +
			"stored record: only the fields of the JSON interchange, a date without time, answers valid for the\n" +
			"instrument. It also reports whatever in the file would let saves be put in order or codes be\n" +
			"recovered (docs/METHODOLOGY.md, \"Privacy\"). It prints OK or each problem, and exits non-zero on any.\n" +
			"Responses sealed to the agency key are checked only with --identity FILE; without it verify checks\n" +
			"everything else and says what it could not check.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ids, err := optionalIdentities(g, identity)
			if err != nil {
				return err
			}
			return g.withStore(func(in *questionnaire.Instrument, store *db.Store) error {
				recordProblems, unopened := verifyRecords(store, in, ids)
				problems := append(verifyStore(store, ids), recordProblems...)
				out := cmd.OutOrStdout()
				if unopened > 0 {
					fmt.Fprintf(out, "note: %d responses are sealed to the agency key: their fields and the aggregates of their surveys were not recomputed; give --identity FILE to check them\n", unopened)
				}
				if st, err := store.Forwarding(); err == nil && st.Pending > 0 {
					fmt.Fprintf(out, "note: %d responses wait to be forwarded; until they are, their ids in the outbox say they are the newest\n", st.Pending)
				}
				if err := printTallies(out, store); err != nil {
					return err
				}
				if len(problems) == 0 {
					fmt.Fprintf(out, "%s: OK\n", g.dbPath)
					return nil
				}
				for _, p := range problems {
					fmt.Fprintln(out, p)
				}
				return fmt.Errorf("%s: %d problems found", g.dbPath, len(problems))
			})
		},
	}
	cmd.Flags().StringVar(&identity, "identity", "", "agency identity file, to check sealed responses too")
	return cmd
}

// verifyStore lists every problem found; none means the file is sound.
func verifyStore(store *db.Store, ids []age.Identity) []string {
	var problems []string
	if err := store.Check(); err != nil {
		problems = append(problems, "consistency check: "+err.Error())
	}
	surveys, err := store.Surveys()
	if err != nil {
		return append(problems, err.Error())
	}
	for _, sv := range surveys {
		stored, err := store.SurveyAggregates(sv.ID)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		fresh, err := store.RecomputeAggregates(sv.ID, ids...)
		if errors.Is(err, db.ErrSealed) {
			problems = append(problems, store.ReleaseFindings(sv.ID)...)
			continue // the note says what was not recomputed
		}
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if store.PairsPartial(sv.ID) { // sealed when the drivers' sums came: they count only later respondents
			withoutPairs(stored)
			withoutPairs(fresh)
		}
		if store.DemoPartial(sv.ID) { // begun before live sums counted demographic answers
			withoutDemo(stored)
			withoutDemo(fresh)
		}
		problems = append(problems, compareAggregates(sv.ID, stored, fresh)...)
		problems = append(problems, store.ReleaseFindings(sv.ID)...)
	}
	return append(problems, store.OrderFindings()...)
}

// maxRecordProblems bounds how many bad records verify lists.
const maxRecordProblems = 20

// verifyRecords checks the anonymity invariants of every stored record,
// sealed ones only when ids can open them; it counts those it could not.
func verifyRecords(store *db.Store, in *questionnaire.Instrument, ids []age.Identity) (out []string, unopened int) {
	bad := 0
	err := store.EachRecord(func(key, value []byte) error {
		if ids == nil && db.IsSealed(value) {
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
	line, err := db.OpenRecord(value, ids)
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
func compareAggregates(survey string, stored, fresh db.Aggregates) []string {
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
func withoutPairs(as db.Aggregates) {
	for _, units := range as {
		for _, a := range units {
			clear(a.Drivers)
		}
	}
}

func withoutDemo(as db.Aggregates) {
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

// printTallies says, per survey and audience, how many respondents are
// stored, how many the figures hold, how many a close withheld for good,
// and how many wait to be released (fewer than k new in their group).
func printTallies(out io.Writer, store *db.Store) error {
	surveys, err := store.Surveys()
	if err != nil {
		return err
	}
	for _, sv := range surveys {
		live, _, err := store.LiveCounts(sv.ID)
		if err != nil {
			return err
		}
		published, err := store.Released(sv.ID)
		if err != nil {
			return err
		}
		for _, audience := range scoring.Audiences {
			var stored, shown int64
			for _, n := range live[audience] {
				stored += n
			}
			for _, a := range published[audience] {
				shown += a.N
			}
			if stored == 0 {
				continue
			}
			withheld, err := store.Withheld(sv.ID, audience)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "survey %s, %s: %d respondents stored; %d in the figures, %d withheld for good at a close, %d not yet released (fewer than k new in their group)\n",
				sv.ID, audience, stored, shown, withheld, stored-shown-withheld)
		}
	}
	return nil
}
