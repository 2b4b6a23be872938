package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/spf13/cobra"
)

// planAccess is how a plan command reaches the store and how far it may
// reach: the whole tree from the command line, the key's unit over SSH.
type planAccess struct {
	with  func(fn func(in *questionnaire.Instrument, store *db.Store) error) error
	scope string // "" for the whole tree
	today func() string
}

func newPlanCommand(g *globals) *cobra.Command {
	return planCommand(planAccess{with: g.withStore, today: func() string { return questionnaire.Day(time.Now()) }})
}

// planCommand builds `plan add|set|list|suggest` over access.
func planCommand(access planAccess) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Focus areas and action plans of units, followed up by the next survey",
		Long: "plan records what a unit will do about a survey's results: up to three focus areas, each a\n" +
			"BerAKHLAK value or one of its behaviours (impl.VALUE.N), with actions, an owner (a role, never a\n" +
			"person), a due month and a status. The next survey reads each focus area again and says whether it\n" +
			"rose, did not move or fell beyond noise (scores --json focus_followup, the report). Nothing in a plan\n" +
			"is about a respondent. See docs/METHODOLOGY.md \"From figures to action\".",
	}
	var survey, unit string
	flagsOf := func(c *cobra.Command, unitUsage string) {
		c.Flags().StringVar(&survey, "survey", "", "survey whose results the plan answers (default: the latest)")
		c.Flags().StringVar(&unit, "unit", "", unitUsage)
	}
	var f db.FocusArea
	add := &cobra.Command{
		Use:   "add --unit U --focus VALUE --actions TEXT --owner ROLE --due YYYY-MM [--reason R]",
		Short: "Add a focus area and its action plan to a unit (at most three per survey)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return access.with(func(in *questionnaire.Instrument, store *db.Store) error {
				sv, u, err := access.target(store, survey, unit)
				if err != nil {
					return err
				}
				if f.Reason == "" {
					f.Reason = db.ReasonOther
				}
				if f.Reason != db.ReasonOther {
					if err := reasonHolds(store, in, sv, u, f.Focus, f.Reason); err != nil {
						return err
					}
				}
				if err := store.AddFocus(sv.ID, u, f, access.today()); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "unit %s, survey %s: focus area %s added (planned)\n", u, sv.ID, f.Focus)
				return nil
			})
		},
	}
	flagsOf(add, "unit id (required)")
	add.Flags().StringVar(&f.Focus, "focus", "", "a BerAKHLAK value ("+strings.Join(questionnaire.CoreValues, ", ")+") or a behaviour, e.g. impl.adaptif.2")
	add.Flags().StringVar(&f.Reason, "reason", "", "why, a `REASON`: fix-first or weakest (only where the figures show it; see 'berakhlak plan suggest'), or other (default)")
	add.Flags().StringVar(&f.Actions, "actions", "", fmt.Sprintf("what will be done (at most %d characters)", db.MaxPlanActions))
	add.Flags().StringVar(&f.Owner, "owner", "", "who answers for it: a role, e.g. \"Kepala Bagian Umum\", never a person's name")
	add.Flags().StringVar(&f.Due, "due", "", "the month it is due, YYYY-MM")
	markFreeText(add, "actions", "owner")

	var status, actions, owner, due, focus string
	set := &cobra.Command{
		Use:   "set --unit U --focus VALUE [--status S] [--actions TEXT] [--owner ROLE] [--due YYYY-MM]",
		Short: "Change a focus area's plan; a new status is kept with the day it was set",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return access.with(func(_ *questionnaire.Instrument, store *db.Store) error {
				sv, u, err := access.target(store, survey, unit)
				if err != nil {
					return err
				}
				err = store.EditFocus(sv.ID, u, focus, access.today(), func(f *db.FocusArea) {
					for _, change := range []struct {
						flag string
						to   *string
						from string
					}{{"status", &f.Status, status}, {"actions", &f.Actions, actions}, {"owner", &f.Owner, owner}, {"due", &f.Due, due}} {
						if cmd.Flags().Changed(change.flag) {
							*change.to = change.from
						}
					}
				})
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "unit %s, survey %s: focus area %s saved\n", u, sv.ID, focus)
				return nil
			})
		},
	}
	flagsOf(set, "unit id (required)")
	set.Flags().StringVar(&focus, "focus", "", "the focus area to change")
	set.Flags().StringVar(&status, "status", "", "planned, in-progress, done or dropped")
	set.Flags().StringVar(&actions, "actions", "", "what will be done")
	set.Flags().StringVar(&owner, "owner", "", "who answers for it (a role)")
	set.Flags().StringVar(&due, "due", "", "the month it is due, YYYY-MM")
	markFreeText(set, "actions", "owner")

	var asJSON bool
	list := &cobra.Command{
		Use:   "list [--unit U] [--json]",
		Short: "List the plans of a unit and the units under it (default: every unit you may see)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return access.with(func(_ *questionnaire.Instrument, store *db.Store) error {
				sv, err := surveyOrLatest(store, survey)
				if err != nil {
					return err
				}
				top, err := withinScope(store, access.scope, unit)
				if err != nil {
					return err
				}
				plans, err := plansUnder(store, sv.ID, top)
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(cmd.OutOrStdout(), plans)
				}
				printPlans(cmd.OutOrStdout(), sv.ID, plans)
				return nil
			})
		},
	}
	flagsOf(list, "unit id (default: your whole scope)")
	list.Flags().BoolVar(&asJSON, "json", false, "print the plans as a JSON array")

	suggest := &cobra.Command{
		Use:   "suggest --unit U [--json]",
		Short: "What a unit's figures suggest working on: robust fix-first drivers, then values below its index beyond noise",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return access.with(func(in *questionnaire.Instrument, store *db.Store) error {
				sv, err := surveyOrLatest(store, survey)
				if err != nil {
					return err
				}
				u, err := withinScope(store, access.scope, unit)
				if err != nil {
					return err
				}
				suggestions, err := suggestionsFor(store, in, sv, u)
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(cmd.OutOrStdout(), suggestions)
				}
				if len(suggestions) == 0 {
					fmt.Fprintln(cmd.OutOrStdout(), "the figures single out no value beyond noise: choose focus areas for the unit's own reasons (--reason other)")
				}
				for _, s := range suggestions {
					fmt.Fprintf(cmd.OutOrStdout(), "%-12s %-9s index %.1f\n", s.Focus, s.Reason, s.Index)
				}
				return nil
			})
		},
	}
	flagsOf(suggest, "unit id (default: your key's unit, or the whole survey)")
	suggest.Flags().BoolVar(&asJSON, "json", false, "print the suggestions as a JSON array")
	cmd.AddCommand(add, set, list, suggest)
	return cmd
}

// target is the survey and unit a changing command names: the unit is
// required and must be within the scope.
func (a planAccess) target(store *db.Store, survey, unit string) (db.Survey, string, error) {
	if unit == "" {
		return db.Survey{}, "", fmt.Errorf("--unit is required: the unit whose plan it is")
	}
	u, err := withinScope(store, a.scope, unit)
	if err != nil {
		return db.Survey{}, "", err
	}
	sv, err := surveyOrLatest(store, survey)
	return sv, u, err
}

// suggestionsFor are the focus areas a unit's figures suggest.
func suggestionsFor(store *db.Store, in *questionnaire.Instrument, sv db.Survey, unit string) ([]scoring.Suggestion, error) {
	groups, err := loadGroups(store, sv.ID)
	if err != nil {
		return nil, err
	}
	return scoring.SuggestFocus(groups.Group(unit, settingsOf(sv), in).Scores), nil
}

// reasonHolds refuses a figures-based reason the figures do not show: a
// behaviour takes its value's.
func reasonHolds(store *db.Store, in *questionnaire.Instrument, sv db.Survey, unit, focus, reason string) error {
	suggestions, err := suggestionsFor(store, in, sv, unit)
	if err != nil {
		return err
	}
	for _, s := range suggestions {
		if s.Focus == questionnaire.FocusValue(focus) && s.Reason == reason {
			return nil
		}
	}
	return fmt.Errorf("the figures of unit %s do not show %s as %s beyond noise (see `berakhlak plan suggest --unit %s`): give --reason other, or another focus", unit, focus, reason, unit)
}

// plansUnder are the plans of top and every unit under it ("" for all).
func plansUnder(store *db.Store, survey, top string) ([]db.Plan, error) {
	plans, err := store.Plans(survey)
	if err != nil || top == "" {
		return plans, err
	}
	units, err := store.Units()
	if err != nil {
		return nil, err
	}
	parent := map[string]string{}
	for _, u := range units {
		parent[u.ID] = u.Parent
	}
	under := func(u string) bool {
		for ; u != ""; u = parent[u] {
			if u == top {
				return true
			}
		}
		return false
	}
	var out []db.Plan
	for _, p := range plans {
		if under(p.Unit) {
			out = append(out, p)
		}
	}
	return out, nil
}

func printPlans(w io.Writer, survey string, plans []db.Plan) {
	if len(plans) == 0 {
		fmt.Fprintf(w, "no plans for survey %s: add one with `berakhlak plan add`\n", survey)
		return
	}
	for _, p := range plans {
		fmt.Fprintf(w, "unit %s · survey %s\n", p.Unit, p.Survey)
		for _, f := range p.Focus {
			fmt.Fprintf(w, "  %s (%s) · %s · owner %s · due %s\n", f.Focus, f.Reason, f.Status, f.Owner, f.Due)
			for _, line := range strings.Split(f.Actions, "\n") {
				fmt.Fprintf(w, "    %s\n", line)
			}
		}
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
