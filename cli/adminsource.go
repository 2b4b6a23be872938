package cli

import (
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/berakhlak/berakhlak/tui"
)

// storeAdmin feeds admin screens from the store: a reading of the latest
// survey's aggregates, and an event per commit.
type storeAdmin struct {
	store *db.Store
	in    *questionnaire.Instrument
	now   func() time.Time
}

func (s storeAdmin) Load() (tui.AdminData, error) {
	sv, err := s.store.LatestSurvey()
	if err != nil {
		return tui.AdminData{}, err
	}
	groups, live, err := loadGroupsAndLive(s.store, sv.ID)
	if err != nil {
		return tui.AdminData{}, err
	}
	units, err := s.store.Units()
	if err != nil {
		return tui.AdminData{}, err
	}
	nodes := make([]scoring.Node, len(units))
	for i, u := range units {
		nodes[i] = scoring.Node{ID: u.ID, Parent: u.Parent, Name: u.Name, Headcount: u.Headcount}
	}
	var counts tui.Counts
	today := questionnaire.Day(s.now())
	for audience, byUnit := range live {
		for _, a := range byUnit {
			counts.All += a.N
			counts.Today += a.ByDay[today]
			if audience == questionnaire.AudienceASN {
				counts.ASN += a.N
			} else {
				counts.Public += a.N
			}
		}
	}
	return tui.AdminData{Instrument: s.in, Settings: settingsOf(sv), Nodes: nodes, Groups: groups, Counts: counts}, nil
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
