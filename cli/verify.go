package cli

import (
	"fmt"
	"io"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/spf13/cobra"
)

func newVerifyCommand(g *globals) *cobra.Command {
	var identity string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check the database: consistency, aggregates against raw responses, anonymity",
		Long: "verify runs bbolt's consistency check, recomputes every aggregate from the raw responses and\n" +
			"compares, checks the released figures against them, and checks the anonymity invariants of every\n" +
			"stored record: only the fields of the JSON interchange, a date without time, answers valid for the\n" +
			"instrument. It also reports whatever in the file would let saves be put in order or codes be\n" +
			"recovered (docs/METHODOLOGY.md, \"Privacy\"). It prints OK or each problem, and exits non-zero on any.\n" +
			"Responses sealed to the agency key are checked only with --identity FILE; without it verify checks\n" +
			"everything else and says what it could not check. --json prints the same as one object (for a\n" +
			"monitoring script), with the same exit status.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ids, err := optionalIdentities(g, identity)
			if err != nil {
				return err
			}
			return g.withStore(func(in *questionnaire.Instrument, store *db.Store) error {
				v, err := verifyStore(g.dbPath, in, store, ids)
				if err != nil {
					return err
				}
				if asJSON {
					err = writeJSON(cmd.OutOrStdout(), v)
				} else {
					v.print(cmd.OutOrStdout())
				}
				if err == nil && !v.OK {
					err = fmt.Errorf("%s: %d problems found", g.dbPath, len(v.Problems))
				}
				return err
			})
		},
	}
	cmd.Flags().StringVar(&identity, "identity", "", "agency identity file, to check sealed responses too")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the findings as JSON")
	return cmd
}

// verification is what verify found: the problems, what it could not check,
// and where every respondent is.
type verification struct {
	Database string   `json:"database"`
	OK       bool     `json:"ok"`
	Problems []string `json:"problems"`
	// SealedUnchecked responses are sealed to the agency key and were not
	// opened (no --identity).
	SealedUnchecked int `json:"sealed_unchecked"`
	// PendingForward responses wait to be forwarded to the agency server.
	PendingForward int           `json:"pending_forward"`
	Tallies        []verifyTally `json:"tallies"`
}

// verifyTally is where one survey's respondents of one audience are.
type verifyTally struct {
	Survey   string `json:"survey"`
	Audience string `json:"audience"`
	Stored   int64  `json:"stored"`
	Shown    int64  `json:"in_figures"`
	Withheld int64  `json:"withheld_at_close"`
	Waiting  int64  `json:"not_yet_released"`
}

func verifyStore(path string, in *questionnaire.Instrument, store *db.Store, ids []age.Identity) (verification, error) {
	problems, unopened := store.Verify(in, ids)
	v := verification{Database: path, OK: len(problems) == 0, Problems: problems, SealedUnchecked: unopened}
	if v.Problems == nil {
		v.Problems = []string{}
	}
	if st, err := store.Forwarding(); err == nil {
		v.PendingForward = st.Pending
	}
	tallies, err := store.Tallies()
	if err != nil {
		return v, err
	}
	v.Tallies = make([]verifyTally, 0, len(tallies))
	for _, t := range tallies {
		v.Tallies = append(v.Tallies, verifyTally{Survey: t.Survey, Audience: t.Audience,
			Stored: t.Stored, Shown: t.Shown, Withheld: t.Withheld, Waiting: t.Stored - t.Shown - t.Withheld})
	}
	return v, nil
}

// print writes v as verify always has: notes, where every respondent is
// (in the figures, withheld for good at a close, or not yet released:
// fewer than k new in their group), then OK or each problem.
func (v verification) print(out io.Writer) {
	if v.SealedUnchecked > 0 {
		fmt.Fprintf(out, "note: %d responses are sealed to the agency key: their fields and the aggregates of their surveys were not recomputed; give --identity FILE to check them\n", v.SealedUnchecked)
	}
	if v.PendingForward > 0 {
		fmt.Fprintf(out, "note: %d responses wait to be forwarded; until they are, their ids in the outbox say they are the newest\n", v.PendingForward)
	}
	for _, t := range v.Tallies {
		fmt.Fprintf(out, "survey %s, %s: %d respondents stored; %d in the figures, %d withheld for good at a close, %d not yet released (fewer than k new in their group)\n",
			t.Survey, t.Audience, t.Stored, t.Shown, t.Withheld, t.Waiting)
	}
	if v.OK {
		fmt.Fprintf(out, "%s: OK\n", v.Database)
		return
	}
	for _, p := range v.Problems {
		fmt.Fprintln(out, p)
	}
}
