package cli

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/spf13/cobra"
)

func newTargetsCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "targets", Short: "Propose and set next-period targets for each index"}
	var from, to string
	propose := &cobra.Command{
		Use:   "propose --from 2025 --to 2026",
		Short: "Write the default targets from the whole earlier survey: baseline + (100 − baseline)/10; entropy (lower is better) baseline − baseline/10",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withStore(func(in *questionnaire.Instrument, store *db.Store) error {
				base, err := surveyOrLatest(store, from)
				if err != nil {
					return err
				}
				target, err := surveyOrLatest(store, to)
				if err != nil {
					return err
				}
				groups, err := loadGroups(store, base.ID)
				if err != nil {
					return err
				}
				gs := groups.Group("", settingsOf(base), in)
				if gs.Suppressed {
					return fmt.Errorf("survey %s has fewer than %d respondents: no baseline to propose from", base.ID, base.K)
				}
				values := scoring.IndexValues(gs.Scores)
				if target.Targets == nil {
					target.Targets = map[string]float64{}
				}
				for _, key := range scoring.TargetKeys() {
					if baseline, ok := values[key]; ok {
						target.Targets[key] = scoring.ProposeTarget(key, baseline)
					}
				}
				if err := store.SaveSurvey(target); err != nil {
					return err
				}
				printTargets(cmd, target.ID, target.Targets)
				return nil
			})
		},
	}
	propose.Flags().StringVar(&from, "from", "", "survey whose figures are the baseline")
	propose.Flags().StringVar(&to, "to", "", "survey that gets the targets")
	propose.MarkFlagRequired("from")
	propose.MarkFlagRequired("to")

	var survey string
	set := &cobra.Command{
		Use:   "set --survey 2026 KEY=VALUE...",
		Short: "Set targets by hand, e.g. implementation=64.5 engagement=70",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withDB(func(store *db.Store) error {
				sv, err := surveyOrLatest(store, survey)
				if err != nil {
					return err
				}
				known := map[string]bool{}
				for _, k := range scoring.TargetKeys() {
					known[k] = true
				}
				if sv.Targets == nil {
					sv.Targets = map[string]float64{}
				}
				for _, arg := range args {
					key, val, ok := strings.Cut(arg, "=")
					if !ok {
						return fmt.Errorf("%q: write KEY=VALUE, e.g. implementation=64.5", arg)
					}
					if !known[key] {
						return fmt.Errorf("%q is not an index: use one of %s", key, strings.Join(scoring.TargetKeys(), ", "))
					}
					v, err := strconv.ParseFloat(val, 64)
					if err != nil {
						return fmt.Errorf("%q: %q is not a number", arg, val)
					}
					sv.Targets[key] = v
				}
				if err := store.SaveSurvey(sv); err != nil {
					return err
				}
				printTargets(cmd, sv.ID, sv.Targets)
				return nil
			})
		},
	}
	set.Flags().StringVar(&survey, "survey", "", "survey id (default: the latest)")
	cmd.AddCommand(propose, set)
	return cmd
}

func printTargets(cmd *cobra.Command, survey string, targets map[string]float64) {
	keys := make([]string, 0, len(targets))
	for k := range targets {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(cmd.OutOrStdout(), "targets of survey %s:\n", survey)
	for _, k := range keys {
		fmt.Fprintf(cmd.OutOrStdout(), "  %-30s %.2f\n", k, targets[k])
	}
}
