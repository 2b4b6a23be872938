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
		Short: "Write the default targets from the earlier survey, for the whole survey and each unit from its own baseline: baseline + (100 − baseline)/10; entropy (lower is better) baseline − baseline/10",
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
				for key, t := range proposals(values) {
					target.Targets[key] = t
				}
				// Each unit that shows figures gets targets from its own
				// baseline: a unit far above the agency is held to its own
				// next step, not to the agency's.
				target.UnitTargets = map[string]map[string]float64{}
				var propose func(unit string)
				propose = func(unit string) {
					if gs := groups.Group(unit, settingsOf(base), in); !gs.Suppressed && gs.Scores != nil {
						target.UnitTargets[unit] = proposals(scoring.IndexValues(gs.Scores))
					}
					for _, child := range groups.Children(unit) {
						propose(child)
					}
				}
				for _, root := range groups.Roots() {
					propose(root)
				}
				if err := store.SaveSurvey(target); err != nil {
					return err
				}
				printTargets(cmd, target.ID, target.Targets)
				fmt.Fprintf(cmd.OutOrStdout(), "%d units got targets of their own, from their own baselines (scores --unit U shows them)\n", len(target.UnitTargets))
				return nil
			})
		},
	}
	propose.Flags().StringVar(&from, "from", "", "survey whose figures are the baseline")
	propose.Flags().StringVar(&to, "to", "", "survey that gets the targets")
	propose.MarkFlagRequired("from")
	propose.MarkFlagRequired("to")

	var survey string
	var allowDecline bool
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
				if sv.Targets == nil {
					sv.Targets = map[string]float64{}
				}
				for _, arg := range args {
					key, val, ok := strings.Cut(arg, "=")
					if !ok {
						return fmt.Errorf("%q: write KEY=VALUE, e.g. implementation=64.5", arg)
					}
					v, err := strconv.ParseFloat(val, 64)
					if err != nil {
						return fmt.Errorf("%q: %q is not a number", arg, val)
					}
					sv.Targets[key] = v
				}
				if !allowDecline {
					if err := refuseDeclines(store, sv, args); err != nil {
						return err
					}
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
	set.Flags().BoolVar(&allowDecline, "allow-decline", false, "set a target on the worse side of its baseline (it asks for a decline)")
	cmd.AddCommand(propose, set)
	return cmd
}

// proposals are the default targets from baselines (scoring.ProposeTarget).
func proposals(baselines map[string]float64) map[string]float64 {
	out := map[string]float64{}
	for _, key := range scoring.TargetKeys() {
		if baseline, ok := baselines[key]; ok {
			out[key] = scoring.ProposeTarget(key, baseline)
		}
	}
	return out
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

// refuseDeclines refuses a target on the worse side of its baseline, the
// whole survey's figure in the survey before: such a target asks for a
// decline, and its progress cannot be told (issue 31 saw "reached, −327 %").
func refuseDeclines(store *db.Store, sv db.Survey, args []string) error {
	prev, ok, err := store.PreviousSurvey(sv.ID)
	if err != nil || !ok {
		return err // no baseline without a survey before
	}
	groups, err := loadGroups(store, prev.ID)
	if err != nil {
		return err
	}
	before := groups.Group("", settingsOf(prev), questionnaire.Default())
	if before.Scores == nil {
		return nil
	}
	baselines := scoring.IndexStats(before.Scores)
	for _, arg := range args {
		key, _, _ := strings.Cut(arg, "=")
		b, ok := baselines[key]
		if !ok {
			continue
		}
		target := sv.Targets[key]
		worse := target < b.Index
		if scoring.LowerIsBetter(key) {
			worse = target > b.Index
		}
		if worse {
			return fmt.Errorf("%s=%v is on the worse side of its baseline %.1f (survey %s): it asks for a decline; give --allow-decline if that is meant", key, target, b.Index, prev.ID)
		}
	}
	return nil
}
