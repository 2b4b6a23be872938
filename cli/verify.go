package cli

import (
	"fmt"
	"io"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
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
				problems, unopened := store.Verify(in, ids)
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

// printTallies says, per survey and audience, how many respondents are
// stored, how many the figures hold, how many a close withheld for good,
// and how many wait to be released (fewer than k new in their group).
func printTallies(out io.Writer, store *db.Store) error {
	tallies, err := store.Tallies()
	if err != nil {
		return err
	}
	for _, t := range tallies {
		fmt.Fprintf(out, "survey %s, %s: %d respondents stored; %d in the figures, %d withheld for good at a close, %d not yet released (fewer than k new in their group)\n",
			t.Survey, t.Audience, t.Stored, t.Shown, t.Withheld, t.Stored-t.Shown-t.Withheld)
	}
	return nil
}
