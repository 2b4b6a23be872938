package cli

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"

	"github.com/berakhlak/berakhlak/db"
	"github.com/spf13/cobra"
)

func newVerifyCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "verify",
		Short: "Check the database: bbolt consistency, and stored aggregates against the raw responses",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			store, err := g.openStore()
			if err != nil {
				return err
			}
			defer store.Close()
			problems := verifyStore(store)
			out := cmd.OutOrStdout()
			if len(problems) == 0 {
				fmt.Fprintf(out, "%s: OK\n", store.Path())
				return nil
			}
			for _, p := range problems {
				fmt.Fprintln(out, p)
			}
			return fmt.Errorf("%s: %d problems found", store.Path(), len(problems))
		},
	}
}

// verifyStore lists every problem found; none means the file is sound.
func verifyStore(store *db.Store) []string {
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
		fresh, err := store.RecomputeAggregates(sv.ID)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		problems = append(problems, compareAggregates(sv.ID, stored, fresh)...)
	}
	return problems
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

func normalise(v any) any {
	data, _ := json.Marshal(v)
	var out any
	json.Unmarshal(data, &out)
	if m, ok := out.(map[string]any); ok && m["n"] == float64(0) {
		return nil
	}
	return out
}
