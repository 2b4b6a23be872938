package db

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/safetext"
	"github.com/berakhlak/berakhlak/scoring"
	bolt "go.etcd.io/bbolt"
)

// Plans (docs/METHODOLOGY.md "From figures to action") are what a unit will
// do about a survey's results: up to three focus areas, each a core value
// or one of its behaviours, with an action plan. Nothing in a plan is about
// a respondent: its owner is a role, its dates are days.
var bucketPlans = []byte("plans")

// MaxFocusAreas is how many focus areas a unit may choose per survey.
const MaxFocusAreas = 3

// Bounds on a plan's text, which reaches terminals and reports.
const (
	MaxPlanActions = 500
	MaxPlanOwner   = 80
)

// ReasonOther: a focus area chosen for the unit's own reason, not one the
// figures suggest (scoring.SuggestFocus gives those).
const ReasonOther = "other"

// FocusReasons are the reasons a focus area may give.
var FocusReasons = []string{scoring.ReasonFixFirst, scoring.ReasonWeakest, ReasonOther}

// Statuses of an action plan.
const (
	StatusPlanned    = "planned"
	StatusInProgress = "in-progress"
	StatusDone       = "done"
	StatusDropped    = "dropped"
)

// PlanStatuses are the statuses an action plan may have, in order.
var PlanStatuses = []string{StatusPlanned, StatusInProgress, StatusDone, StatusDropped}

// Plan is one unit's focus areas for one survey.
type Plan struct {
	Survey string      `json:"survey"`
	Unit   string      `json:"unit"`
	Focus  []FocusArea `json:"focus"`
}

// FocusArea is one thing a unit works on and how.
type FocusArea struct {
	Focus   string `json:"focus"`   // a core value or a behaviour (questionnaire.FocusKeys)
	Reason  string `json:"reason"`  // FocusReasons
	Actions string `json:"actions"` // what will be done
	Owner   string `json:"owner"`   // a role, not a person
	Due     string `json:"due"`     // YYYY-MM
	Status  string `json:"status"`  // PlanStatuses
	// History lists each status with the day it was set, oldest first.
	History []StatusChange `json:"history"`
}

// StatusChange is a status and the day it was set.
type StatusChange struct {
	Date   string `json:"date"` // YYYY-MM-DD
	Status string `json:"status"`
}

// Check tells what is wrong with a focus area.
func (f FocusArea) Check() error {
	switch {
	case questionnaire.FocusValue(f.Focus) == "":
		return fmt.Errorf("focus %q is neither a BerAKHLAK value nor one of its behaviours: use one of %s", safetext.Clean(f.Focus, 40, false), strings.Join(questionnaire.FocusKeys(), ", "))
	case !slices.Contains(FocusReasons, f.Reason):
		return fmt.Errorf("reason %q: use one of %s", safetext.Clean(f.Reason, 40, false), strings.Join(FocusReasons, ", "))
	case strings.TrimSpace(f.Actions) == "" || utf8.RuneCountInString(f.Actions) > MaxPlanActions:
		return fmt.Errorf("actions must say what will be done, in at most %d characters", MaxPlanActions)
	case safetext.Clean(f.Actions, MaxPlanActions, true) != f.Actions:
		return fmt.Errorf("actions hold characters a terminal could act on")
	case strings.TrimSpace(f.Owner) == "" || utf8.RuneCountInString(f.Owner) > MaxPlanOwner || safetext.Clean(f.Owner, MaxPlanOwner, false) != f.Owner:
		return fmt.Errorf("owner must be a role (e.g. Kepala Bagian Umum) of at most %d characters on one line", MaxPlanOwner)
	case !validMonth(f.Due):
		return fmt.Errorf("due %q must be a month in the form YYYY-MM, from 2000-01 to 2099-12", safetext.Clean(f.Due, 20, false))
	case !slices.Contains(PlanStatuses, f.Status):
		return fmt.Errorf("status %q: use one of %s", safetext.Clean(f.Status, 20, false), strings.Join(PlanStatuses, ", "))
	}
	for _, h := range f.History {
		if _, err := time.Parse(questionnaire.DateLayout, h.Date); err != nil || !slices.Contains(PlanStatuses, h.Status) {
			return fmt.Errorf("history entry %q %q: a day (YYYY-MM-DD) and a status", h.Date, h.Status)
		}
	}
	return nil
}

func validMonth(m string) bool {
	t, err := time.Parse("2006-01", m)
	return err == nil && t.Year() >= 2000 && t.Year() < 2100
}

// Check tells what is wrong with a plan on its own.
func (p Plan) Check() error {
	if len(p.Focus) > MaxFocusAreas {
		return fmt.Errorf("unit %s has %d focus areas for survey %s: at most %d", p.Unit, len(p.Focus), p.Survey, MaxFocusAreas)
	}
	seen := map[string]bool{}
	for _, f := range p.Focus {
		if err := f.Check(); err != nil {
			return fmt.Errorf("focus area %s: %w", f.Focus, err)
		}
		if seen[f.Focus] {
			return fmt.Errorf("focus area %s is chosen twice", f.Focus)
		}
		seen[f.Focus] = true
	}
	return nil
}

func planKey(survey, unit string) []byte { return []byte(survey + "\x00" + unit) }

// Plans returns a survey's plans ("" for every survey's), by unit.
func (s *Store) Plans(survey string) ([]Plan, error) {
	var out []Plan
	err := s.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPlans)
		if b == nil {
			return nil
		}
		return eachJSON(b, func(_ []byte, p Plan) error {
			if survey == "" || p.Survey == survey {
				out = append(out, p)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read plans: %w", err)
	}
	return out, nil
}

// AddFocus adds a focus area to a unit's plan for a survey, planned as of
// day (YYYY-MM-DD).
func (s *Store) AddFocus(survey, unit string, f FocusArea, day string) error {
	f.Status, f.History = StatusPlanned, []StatusChange{{Date: day, Status: StatusPlanned}}
	return s.changePlan(survey, unit, func(p *Plan) error {
		for _, have := range p.Focus {
			if have.Focus == f.Focus {
				return fmt.Errorf("unit %s already works on %s in survey %s: change it with `berakhlak plan set`", unit, f.Focus, survey)
			}
		}
		if len(p.Focus) == MaxFocusAreas {
			return fmt.Errorf("unit %s already has %d focus areas for survey %s, the most a unit may have", unit, MaxFocusAreas, survey)
		}
		p.Focus = append(p.Focus, f)
		return nil
	})
}

// EditFocus changes one focus area of a unit's plan; a new status is added
// to its history as of day.
func (s *Store) EditFocus(survey, unit, focus, day string, edit func(f *FocusArea)) error {
	return s.changePlan(survey, unit, func(p *Plan) error {
		for i := range p.Focus {
			if f := &p.Focus[i]; f.Focus == focus {
				was := f.Status
				edit(f)
				f.Focus = focus
				if f.Status != was {
					f.History = append(f.History, StatusChange{Date: day, Status: f.Status})
				}
				return nil
			}
		}
		return fmt.Errorf("unit %s has no focus area %s in survey %s: add it with `berakhlak plan add`", unit, focus, survey)
	})
}

// changePlan reads, changes, checks and writes a unit's plan in one
// transaction; the survey and the unit must exist.
func (s *Store) changePlan(survey, unit string, change func(p *Plan) error) error {
	err := s.bolt.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketSurveys).Get([]byte(survey)) == nil {
			return fmt.Errorf("survey %q does not exist", survey)
		}
		if tx.Bucket(bucketUnits).Get([]byte(unit)) == nil {
			return fmt.Errorf("unit %q is not in the organisation tree", unit)
		}
		b, err := tx.CreateBucketIfNotExists(bucketPlans)
		if err != nil {
			return err
		}
		p := Plan{Survey: survey, Unit: unit}
		if _, err := getJSON(b, planKey(survey, unit), &p); err != nil {
			return err
		}
		if err := change(&p); err != nil {
			return err
		}
		if err := p.Check(); err != nil {
			return err
		}
		return putJSON(b, planKey(survey, unit), p)
	})
	if err != nil {
		return fmt.Errorf("plan of unit %s, survey %s: %w", unit, survey, err)
	}
	s.announce(0) // open admin screens and the national publisher see it
	return nil
}
