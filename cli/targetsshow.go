package cli

import (
	"fmt"
	"io"
	"slices"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/spf13/cobra"
)

func newTargetsShowCommand(access targetsAccess) *cobra.Command {
	var survey, unit string
	var asJSON bool
	show := &cobra.Command{
		Use:   "show [--survey 2026] [--unit U] [--json]",
		Short: "Print the targets: the survey's, or what a unit is held to (its own, else the survey's)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return access.with(func(_ *questionnaire.Instrument, store *db.Store) error {
				sv, unit, err := access.surveyAndUnit(store, survey, unit)
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(cmd.OutOrStdout(), targetsListing(sv, unit))
				}
				printTargetsOf(cmd.OutOrStdout(), sv, unit)
				return nil
			})
		},
	}
	show.Flags().StringVar(&survey, "survey", "", "survey id (default: the latest)")
	show.Flags().StringVar(&unit, "unit", "", "what this unit is held to"+access.unitDefault())
	show.Flags().BoolVar(&asJSON, "json", false, "print the targets as one JSON object")
	return show
}

// targetsJSON is what `targets show --json` prints. For the whole survey,
// Targets are the survey's and UnitTargets every unit's own; for a unit,
// Targets are what it is held to and Own the indices of its own.
type targetsJSON struct {
	Survey      string                        `json:"survey"`
	Unit        string                        `json:"unit,omitempty"`
	Targets     map[string]float64            `json:"targets"`
	Own         []string                      `json:"own,omitempty"`
	UnitTargets map[string]map[string]float64 `json:"unit_targets,omitempty"`
}

func targetsListing(sv db.Survey, unit string) targetsJSON {
	if unit == "" {
		return targetsJSON{Survey: sv.ID, Targets: nonNil(sv.Targets), UnitTargets: sv.UnitTargets}
	}
	own := inTargetOrder(sv.UnitTargets[unit])
	// The rule scores, the report and the admin screen read.
	held := settingsOf(sv).TargetsOf(unit)
	return targetsJSON{Survey: sv.ID, Unit: unit, Targets: nonNil(held), Own: own}
}

func nonNil(m map[string]float64) map[string]float64 {
	if m == nil {
		return map[string]float64{}
	}
	return m
}

// printTargetsOf lists the survey's targets and how many units have their
// own, or what unit is held to and whose each target is.
func printTargetsOf(w io.Writer, sv db.Survey, unit string) {
	if unit == "" {
		printTargets(w, sv.ID, sv.Targets)
		if n := len(sv.UnitTargets); n > 0 {
			fmt.Fprintf(w, "%d units have targets of their own (targets show --unit U)\n", n)
		}
		return
	}
	listing := targetsListing(sv, unit)
	fmt.Fprintf(w, "targets unit %s is held to, survey %s:\n", unit, sv.ID)
	if len(listing.Targets) == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	for _, key := range inTargetOrder(listing.Targets) {
		from := "the survey's"
		if slices.Contains(listing.Own, key) {
			from = "its own"
		}
		fmt.Fprintf(w, "  %-30s %6.2f  %s\n", key, listing.Targets[key], from)
	}
}
