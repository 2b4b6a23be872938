package cli

import (
	"fmt"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// openStore opens the database named by --db.
func (g *globals) openStore() (*db.Store, error) {
	return db.Open(g.dbPath, time.Now())
}

// instrumentAndStore loads the active instrument and opens the database, the
// start of most commands; the caller closes the store.
func (g *globals) instrumentAndStore() (*questionnaire.Instrument, *db.Store, error) {
	in, err := g.instrument()
	if err != nil {
		return nil, nil, err
	}
	store, err := g.openStore()
	if err != nil {
		return nil, nil, err
	}
	return in, store, nil
}

// withStore runs fn with the active instrument and the database open, and
// closes the database after it: the frame of most commands.
func (g *globals) withStore(fn func(in *questionnaire.Instrument, store *db.Store) error) error {
	in, store, err := g.instrumentAndStore()
	if err != nil {
		return err
	}
	defer store.Close()
	return fn(in, store)
}

// withDB runs fn with the database open, and closes it after.
func (g *globals) withDB(fn func(store *db.Store) error) error {
	store, err := g.openStore()
	if err != nil {
		return err
	}
	defer store.Close()
	return fn(store)
}

// surveyOrLatest returns the named survey, or the latest when id is empty.
func surveyOrLatest(store *db.Store, id string) (db.Survey, error) {
	if id == "" {
		return store.LatestSurvey()
	}
	sv, ok, err := store.Survey(id)
	if err != nil {
		return db.Survey{}, err
	}
	if !ok {
		return db.Survey{}, fmt.Errorf("survey %q does not exist: `berakhlak survey list` shows the surveys", id)
	}
	return sv, nil
}

// requireUnit fails unless unit is empty (the whole survey) or in the tree.
func requireUnit(store *db.Store, unit string) error {
	if unit == "" {
		return nil
	}
	if _, ok, err := store.Unit(unit); err != nil {
		return err
	} else if !ok {
		return fmt.Errorf("unit %q is not in the organisation tree of %s: import it with `berakhlak org import`", unit, store.Path())
	}
	return nil
}

// loadGroups reads the organisation tree, a survey's published figures and
// its live counts.
func loadGroups(store *db.Store, survey string) (*scoring.Groups, error) {
	groups, _, err := loadGroupsAndLive(store, survey)
	return groups, err
}

// loadGroupsAndLive is loadGroups that also returns the live aggregates,
// for counts that move at once (today's, per audience).
func loadGroupsAndLive(store *db.Store, survey string) (*scoring.Groups, db.Aggregates, error) {
	units, err := store.Units()
	if err != nil {
		return nil, nil, err
	}
	published, err := store.PublishedAggregates(survey)
	if err != nil {
		return nil, nil, err
	}
	live, err := store.SurveyAggregates(survey)
	if err != nil {
		return nil, nil, err
	}
	nodes := make([]scoring.Node, len(units))
	for i, u := range units {
		nodes[i] = scoring.Node{ID: u.ID, Parent: u.Parent, Name: u.Name, Headcount: u.Headcount}
	}
	return scoring.NewGroups(nodes, published, live.Counts()), live, nil
}

// settingsOf is what scoring needs of a survey.
func settingsOf(sv db.Survey) scoring.Settings {
	return scoring.Settings{Survey: sv.ID, K: sv.K, PublicationMinimums: sv.PublicationMinimums, Targets: sv.Targets}
}
