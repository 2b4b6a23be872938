package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/spf13/cobra"
)

func newTargetsSetCommand(access targetsAccess) *cobra.Command {
	var survey, unit string
	var allowDecline bool
	set := &cobra.Command{
		Use:   "set [--survey 2026] [--unit U] KEY=VALUE...",
		Short: "Set targets by hand, e.g. implementation=64.5 engagement=70; with --unit, a unit's own",
		Long: `Set targets by hand, e.g. implementation=64.5 engagement=70.

Without --unit they are the survey's; with --unit U they are that unit's own, and U is held to them
instead of the survey's for those indices (for the others it keeps the survey's). A target on the
worse side of its baseline — the figure of the survey before, the unit's own with --unit — asks for a
decline and is refused unless --allow-decline is given; where that figure was not shown (too few
respondents) nothing is compared. See docs/METHODOLOGY.md, "Targets".`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			values, err := parseTargets(args)
			if err != nil {
				return err
			}
			return access.with(func(in *questionnaire.Instrument, store *db.Store) error {
				sv, unit, err := access.surveyAndUnit(store, survey, unit)
				if err != nil {
					return err
				}
				if err := access.changeable(sv); err != nil {
					return err
				}
				if err := putTargets(store, in, &sv, unit, values, allowDecline); err != nil {
					return err
				}
				printTargetsOf(cmd.OutOrStdout(), sv, unit)
				return nil
			})
		},
	}
	set.Flags().StringVar(&survey, "survey", "", "survey id (default: the latest)")
	set.Flags().StringVar(&unit, "unit", "", "set this unit's own targets, not the survey's"+access.unitDefault())
	set.Flags().BoolVar(&allowDecline, "allow-decline", false, "set a target on the worse side of its baseline (it asks for a decline)")
	return set
}

func newTargetsUnsetCommand(access targetsAccess) *cobra.Command {
	var survey, unit string
	unset := &cobra.Command{
		Use:   "unset [--survey 2026] [--unit U] KEY...",
		Short: "Remove targets; with --unit, a unit's own (it is then held to the survey's)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, keys []string) error {
			for _, key := range keys {
				if !slices.Contains(scoring.TargetKeys(), key) {
					return fmt.Errorf("%q is not an index: use one of %s", key, strings.Join(scoring.TargetKeys(), ", "))
				}
			}
			return access.with(func(_ *questionnaire.Instrument, store *db.Store) error {
				sv, unit, err := access.surveyAndUnit(store, survey, unit)
				if err != nil {
					return err
				}
				if err := access.changeable(sv); err != nil {
					return err
				}
				targets := ownTargets(&sv, unit)
				for _, key := range keys {
					if _, ok := targets[key]; ok {
						continue
					}
					if _, survey := sv.Targets[key]; unit != "" && survey {
						return fmt.Errorf("%s has no target %s of its own: it is held to the survey's, which `targets unset %s` (without --unit) removes; nothing was removed", whose(sv.ID, unit), key, key)
					}
					return fmt.Errorf("%s has no target %s: nothing was removed (`berakhlak targets show%s` lists them)", whose(sv.ID, unit), key, unitFlag(unit))
				}
				removeTargets(&sv, unit, keys...)
				if err := store.SaveSurvey(sv); err != nil {
					return err
				}
				printTargetsOf(cmd.OutOrStdout(), sv, unit)
				return nil
			})
		},
	}
	unset.Flags().StringVar(&survey, "survey", "", "survey id (default: the latest)")
	unset.Flags().StringVar(&unit, "unit", "", "remove this unit's own targets, not the survey's"+access.unitDefault())
	return unset
}

// parseTargets reads KEY=VALUE arguments, each value a plain decimal in
// its index's range (scoring.ParseTarget); the store checks the keys.
func parseTargets(args []string) (map[string]float64, error) {
	out := map[string]float64{}
	for _, arg := range args {
		key, val, ok := strings.Cut(arg, "=")
		if !ok {
			return nil, fmt.Errorf("%q: write KEY=VALUE, e.g. implementation=64.5", arg)
		}
		v, err := scoring.ParseTarget(key, val)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		out[key] = v
	}
	return out, nil
}

// putTargets sets values as unit's targets in sv (the survey's for "") and
// saves it, refusing one that asks for a decline unless allowDecline.
func putTargets(store *db.Store, in *questionnaire.Instrument, sv *db.Survey, unit string, values map[string]float64, allowDecline bool) error {
	if !allowDecline {
		if err := refuseDeclines(store, *sv, unit, values, in); err != nil {
			return err
		}
	}
	maps.Copy(ownTargets(sv, unit), values)
	return store.SaveSurvey(*sv)
}

// ownTargets is the map the targets of unit are kept in, the survey's for
// "", made where there is none yet: what is written to it is the survey's.
func ownTargets(sv *db.Survey, unit string) map[string]float64 {
	if unit == "" {
		if sv.Targets == nil {
			sv.Targets = map[string]float64{}
		}
		return sv.Targets
	}
	if sv.UnitTargets == nil {
		sv.UnitTargets = map[string]map[string]float64{}
	}
	if sv.UnitTargets[unit] == nil {
		sv.UnitTargets[unit] = map[string]float64{}
	}
	return sv.UnitTargets[unit]
}

// removeTargets removes keys from the targets of unit (the survey's for
// ""); a unit left with none has no entry, and is held to the survey's.
func removeTargets(sv *db.Survey, unit string, keys ...string) {
	targets := ownTargets(sv, unit)
	for _, key := range keys {
		delete(targets, key)
	}
	if unit != "" && len(targets) == 0 {
		delete(sv.UnitTargets, unit)
	}
}

// refuseDeclines refuses a target on the worse side of its baseline: the
// figure of the survey before, of the unit with its subtree when unit is
// given. Such a target asks for a decline, and its progress cannot be told
// (issue 31 saw "reached, −327 %"). Only a figure shown there is compared,
// so a refusal never tells a hidden one.
func refuseDeclines(store *db.Store, sv db.Survey, unit string, values map[string]float64, in *questionnaire.Instrument) error {
	prev, baselines, err := baselinesOf(store, sv, unit, in)
	if err != nil {
		return err
	}
	for _, key := range inTargetOrder(values) {
		if b, ok := baselines[key]; ok && scoring.AsksForDecline(key, values[key], b) {
			return fmt.Errorf("%s=%v is on the worse side of its baseline %.1f (%s): it asks for a decline; give --allow-decline if that is meant", key, values[key], b, whose(prev, unit))
		}
	}
	return nil
}

// baselinesOf are the figures unit ("" the whole survey) showed in the
// survey before sv, by index key, and that survey's id; none where there
// is no survey before or the unit showed nothing there.
func baselinesOf(store *db.Store, sv db.Survey, unit string, in *questionnaire.Instrument) (string, map[string]float64, error) {
	prev, ok, err := store.PreviousSurvey(sv.ID)
	if err != nil || !ok {
		return "", nil, err
	}
	groups, err := loadGroups(store, prev.ID)
	if err != nil {
		return "", nil, err
	}
	before := groups.Group(unit, settingsOf(prev), in)
	if before.Scores == nil {
		return prev.ID, nil, nil
	}
	return prev.ID, scoring.IndexValues(before.Scores), nil
}

// whose names a survey, or a unit in it.
func whose(survey, unit string) string {
	if unit == "" {
		return "survey " + survey
	}
	return fmt.Sprintf("unit %s in survey %s", unit, survey)
}

func unitFlag(unit string) string {
	if unit == "" {
		return ""
	}
	return " --unit " + unit
}

// printTargets lists targets, one index a line, in key order.
func printTargets(w io.Writer, survey string, targets map[string]float64) {
	fmt.Fprintf(w, "targets of survey %s:\n", survey)
	if len(targets) == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	for _, k := range inTargetOrder(targets) {
		fmt.Fprintf(w, "  %-30s %6.2f\n", k, targets[k])
	}
}

// inTargetOrder is the keys of targets in the order `scores` and the
// admin screen list the indices (scoring.TargetKeys); the store holds no
// other key.
func inTargetOrder[V any](targets map[string]V) []string {
	var keys []string
	for _, k := range scoring.TargetKeys() {
		if _, ok := targets[k]; ok {
			keys = append(keys, k)
		}
	}
	return keys
}
