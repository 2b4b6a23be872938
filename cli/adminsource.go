package cli

import (
	"sync"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/berakhlak/berakhlak/tui"
)

// storeAdmin feeds admin screens from the store: a reading of the latest
// survey's aggregates, and an event per commit. A reading reuses what the
// last one decoded and says which units changed since (scoring.Groups.Since),
// so the screens compute again only those figures.
type storeAdmin struct {
	store *db.Store
	in    *questionnaire.Instrument
	now   func() time.Time
	last  *lastReading // shared by every screen of the source
}

// lastReading is the source's last reading, which the next one is told
// apart from.
type lastReading struct {
	mu       sync.Mutex
	cache    db.ReadCache
	survey   string
	groups   *scoring.Groups
	released scoring.Released
	shares   scoring.Released
	live     map[string]map[string]int64
	previous map[string]previous       // the survey before the one read, by its id
	earlier  map[string]earlierSurveys // the surveys its trend joins, by its id
}

func newStoreAdmin(store *db.Store, in *questionnaire.Instrument) storeAdmin {
	return storeAdmin{store: store, in: in, now: time.Now, last: &lastReading{}}
}

func (s storeAdmin) Load() (tui.AdminData, error) {
	sv, err := s.store.LatestSurvey()
	if err != nil {
		return tui.AdminData{}, err
	}
	r, err := s.store.Reading(sv.ID, &s.last.cache)
	if err != nil {
		return tui.AdminData{}, err
	}
	released, shares, live, groups := r.Released, r.Shares, r.Live, r.Groups
	s.last.mu.Lock()
	if s.last.survey == sv.ID {
		before, sharesBefore, liveBefore := s.last.released, s.last.shares, s.last.live
		groups = groups.Since(s.last.groups, func(unit string) bool {
			for _, audience := range scoring.Audiences {
				if released[audience][unit] != before[audience][unit] || shares[audience][unit] != sharesBefore[audience][unit] ||
					live[audience][unit] != liveBefore[audience][unit] {
					return true
				}
			}
			return false
		})
	}
	s.last.survey, s.last.groups, s.last.released, s.last.shares, s.last.live = sv.ID, groups, released, shares, live
	s.last.mu.Unlock()
	counts := tui.Counts{Today: r.Days[questionnaire.Day(s.now())]}
	for audience, byUnit := range live {
		for _, n := range byUnit {
			counts.All += n
			if audience == questionnaire.AudienceASN {
				counts.ASN += n
			} else {
				counts.Public += n
			}
		}
	}
	kiosks, err := s.store.KioskCounts()
	if err != nil {
		return tui.AdminData{}, err
	}
	data := tui.AdminData{Instrument: s.in, Settings: settingsOf(sv), Nodes: r.Nodes, Groups: groups, Counts: counts, Kiosks: kiosks, Closed: !sv.Open}
	if data.FollowUps, err = s.followUps(sv, groups); err != nil {
		return tui.AdminData{}, err
	}
	if data.Earlier, data.TrendBrokenBy, err = s.earlier(sv); err != nil {
		return tui.AdminData{}, err
	}
	if !sv.Open {
		if data.Segments, err = segmentSets(s.store, sv, s.in); err != nil {
			return tui.AdminData{}, err
		}
	}
	return data, nil
}

// followUps are the previous survey's focus areas read again (unsettled:
// the screen settles those it shows together). The previous survey's
// figures are read once per survey, not on every commit.
func (s storeAdmin) followUps(sv db.Survey, groups *scoring.Groups) ([]scoring.FocusFollowUp, error) {
	s.last.mu.Lock()
	prev, ok := s.last.previous[sv.ID]
	s.last.mu.Unlock()
	if !ok {
		var err error
		if prev, err = readPrevious(s.store, sv.ID); err != nil {
			return nil, err
		}
		s.last.mu.Lock()
		s.last.previous = map[string]previous{sv.ID: prev}
		s.last.mu.Unlock()
	}
	return prev.followUps(s.store, s.in, groups, settingsOf(sv), "")
}

// earlier are the surveys a trend joins with sv, read once per survey.
func (s storeAdmin) earlier(sv db.Survey) ([]tui.EarlierSurvey, *scoring.TrendSurvey, error) {
	s.last.mu.Lock()
	cached, ok := s.last.earlier[sv.ID]
	s.last.mu.Unlock()
	if ok {
		return cached.surveys, cached.brokenBy, nil
	}
	readings, brokenBy, err := readEarlier(s.store, sv)
	if err != nil {
		return nil, nil, err
	}
	var out []tui.EarlierSurvey
	for _, r := range readings {
		out = append(out, tui.EarlierSurvey{Settings: settingsOf(r.sv), Instrument: r.sv.Instrument, Groups: r.groups})
	}
	s.last.mu.Lock()
	s.last.earlier = map[string]earlierSurveys{sv.ID: {out, brokenBy}}
	s.last.mu.Unlock()
	return out, brokenBy, nil
}

// earlierSurveys are a survey's earlier readings, kept for the next Load.
type earlierSurveys struct {
	surveys  []tui.EarlierSurvey
	brokenBy *scoring.TrendSurvey
}

// WriteReport writes the report of a unit beside the database.
func (s storeAdmin) WriteReport(unit string) (string, error) { return reportFor(s.store, s.in, unit) }

// Subscribe turns the store's commit events into wake-ups; several commits
// while the screen is busy fold into one.
func (s storeAdmin) Subscribe() (<-chan struct{}, func()) {
	events, stop := s.store.Subscribe()
	out := make(chan struct{}, 1)
	go func() {
		defer close(out)
		for range events {
			select {
			case out <- struct{}{}:
			default:
			}
		}
	}()
	return out, stop
}

// Plan is the unit's plan for the latest survey, and what its figures
// suggest (tui.Planner).
func (s storeAdmin) Plan(unit string) ([]tui.PlanArea, []scoring.Suggestion, error) {
	sv, err := s.store.LatestSurvey()
	if err != nil {
		return nil, nil, err
	}
	plans, err := s.store.Plans(sv.ID)
	if err != nil {
		return nil, nil, err
	}
	var areas []tui.PlanArea
	for _, p := range plans {
		if p.Unit != unit {
			continue
		}
		for _, f := range p.Focus {
			areas = append(areas, tui.PlanArea{Focus: f.Focus, Reason: f.Reason, Actions: f.Actions, Owner: f.Owner, Due: f.Due, Status: f.Status})
		}
	}
	suggestions, err := suggestionsFor(s.store, s.in, sv, unit)
	return areas, suggestions, err
}

// SavePlan adds or changes a focus area of the unit's plan for the latest
// survey, as `plan add` and `plan set` do.
func (s storeAdmin) SavePlan(unit string, area tui.PlanArea, isNew bool) error {
	sv, err := s.store.LatestSurvey()
	if err != nil {
		return err
	}
	today := questionnaire.Day(s.now())
	if isNew {
		if area.Reason != db.ReasonOther {
			if err := reasonHolds(s.store, s.in, sv, unit, area.Focus, area.Reason); err != nil {
				return err
			}
		}
		if err := s.store.AddFocus(sv.ID, unit, db.FocusArea{Focus: area.Focus, Reason: area.Reason, Actions: area.Actions, Owner: area.Owner, Due: area.Due}, today); err != nil {
			return err
		}
		if area.Status == db.StatusPlanned {
			return nil
		}
	}
	return s.store.EditFocus(sv.ID, unit, area.Focus, today, func(f *db.FocusArea) {
		f.Actions, f.Owner, f.Due, f.Status = area.Actions, area.Owner, area.Due, area.Status
	})
}
