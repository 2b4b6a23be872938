package cli

import (
	"fmt"
	"maps"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/spf13/cobra"
)

func newTargetsCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "targets", Short: "Propose, set and show next-period targets for each index, the survey's and units' own"}
	access := targetsAccess{with: g.withStore}
	cmd.AddCommand(newTargetsProposeCommand(g), newTargetsSetCommand(access), newTargetsUnsetCommand(access), newTargetsShowCommand(access))
	return cmd
}

// targetsAccess is how a targets command reaches the store and which units
// it may touch: on the command line every unit and the survey's own
// targets; over SSH an admin key's unit with its subtree (scope), and the
// survey's targets only for a key of the whole agency.
type targetsAccess struct {
	with  func(fn func(in *questionnaire.Instrument, store *db.Store) error) error
	scope string // "" for the whole agency
	// openOnly: targets of a closed survey are not changed here (over SSH,
	// as on the admin screen); on the server's command line they may be.
	openOnly bool
}

// changeable refuses, where access is openOnly, to change the targets of
// a closed survey: they are what its figures were measured against.
func (a targetsAccess) changeable(sv db.Survey) error {
	if a.openOnly && !sv.Open {
		return errClosedTargets(sv.ID)
	}
	return nil
}

func errClosedTargets(survey string) error {
	return fmt.Errorf("survey %s is closed: its targets are what its figures were measured against; create the next survey (`berakhlak survey create ID`) and set its targets", survey)
}

// surveyAndUnit is the survey by id (the latest for "") and the unit a
// command works on: the one asked for, within the scope; the scope's own
// when none is asked for ("" the survey's, for the whole agency).
func (a targetsAccess) surveyAndUnit(store *db.Store, survey, unit string) (db.Survey, string, error) {
	unit, err := withinScope(store, a.scope, unit)
	if err != nil {
		return db.Survey{}, "", err
	}
	if unit, err = heldUnit(store, unit); err != nil {
		return db.Survey{}, "", err
	}
	sv, err := surveyOrLatest(store, survey)
	return sv, unit, err
}

// heldUnit is whose targets unit's are: the survey's ("") for the
// organisation's only root, which is the whole survey (scoring's rule too).
func heldUnit(store *db.Store, unit string) (string, error) {
	if unit == "" {
		return "", nil
	}
	units, err := store.Units()
	if err != nil {
		return "", err
	}
	var roots []string
	for _, u := range units {
		if u.Parent == "" {
			roots = append(roots, u.ID)
		}
	}
	if len(roots) == 1 && roots[0] == unit {
		return "", nil
	}
	return unit, nil
}

// unitDefault is what --unit's usage adds about its default.
func (a targetsAccess) unitDefault() string {
	if a.scope == "" {
		return ""
	}
	return " (default: your key's unit)"
}

func newTargetsProposeCommand(g *globals) *cobra.Command {
	var from, to string
	propose := &cobra.Command{
		Use:   "propose --from 2025 --to 2026",
		Short: "Write the default targets from the earlier survey, for the whole survey and each unit from its own baseline: baseline + (100 − baseline)/10; entropy (lower is better) baseline − baseline/10",
		Long: `Write the default targets from the earlier survey, for the whole survey and each unit from its own baseline: baseline + (100 − baseline)/10; entropy (lower is better) baseline − baseline/10.

It replaces the targets the later survey had, a unit's own set by hand included: propose first, then
adjust with 'targets set'. See docs/METHODOLOGY.md, "Targets".`,
		Args: cobra.NoArgs,
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
				proposed := proposals(scoring.IndexValues(gs.Scores))
				replaced, replacedOwn := 0, 0
				for key := range proposed {
					if _, ok := target.Targets[key]; ok {
						replaced++
					}
				}
				for _, own := range target.UnitTargets {
					replacedOwn += len(own)
				}
				maps.Copy(ownTargets(&target, ""), proposed)
				// Each unit that shows figures gets targets from its own
				// baseline: a unit far above the agency is held to its own
				// next step, not to the agency's.
				target.UnitTargets = map[string]map[string]float64{}
				var propose func(unit string)
				// The only root is the whole survey, held to the survey's.
				soleRoot := ""
				if roots := groups.Roots(); len(roots) == 1 {
					soleRoot = roots[0]
				}
				propose = func(unit string) {
					if gs := groups.Group(unit, settingsOf(base), in); unit != soleRoot && !gs.Suppressed && gs.Scores != nil {
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
				w := cmd.OutOrStdout()
				if replaced+replacedOwn > 0 {
					fmt.Fprintf(w, "replaced what survey %s had: %d of the survey's targets, %d of units' own\n", target.ID, replaced, replacedOwn)
				}
				printTargets(w, target.ID, target.Targets)
				fmt.Fprintf(w, "%d units got targets of their own, from their own baselines (targets show --unit U shows them)\n", len(target.UnitTargets))
				return nil
			})
		},
	}
	propose.Flags().StringVar(&from, "from", "", "survey whose figures are the baseline")
	propose.Flags().StringVar(&to, "to", "", "survey that gets the targets")
	propose.MarkFlagRequired("from")
	propose.MarkFlagRequired("to")
	return propose
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
