package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// openStore opens the database named by --db, which must exist: a
// mistyped path must not quietly become a new, empty database that a
// command reads ("no figures") or a kiosk collects into.
func (g *globals) openStore() (*db.Store, error) {
	path := g.path(g.dbPath)
	if g.held == nil && !g.create {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no database at %s: check --db, or create one with `berakhlak init --db %s`", path, g.dbPath)
		}
	}
	store, err := db.Open(path, time.Now())
	if errors.Is(err, db.ErrLocked) {
		return nil, heldBy(path, err)
	}
	if err == nil && g.held == nil {
		g.opened = path
	}
	return store, err
}

// heldBy says which process holds the database, when it answers on its
// control socket; otherwise err as it is.
func heldBy(path string, err error) error {
	reply, askErr := askOwnerWithin(path, controlRequest{Op: "holder"}, time.Second)
	if askErr != nil || reply.Holder == nil {
		return err
	}
	return fmt.Errorf("%s: %w: %s (process %d); stop it, or reach it through `berakhlak admin`, or use --db for another file",
		path, db.ErrLocked, reply.Holder.Role, reply.Holder.PID)
}

// creatingStore is openStore for the kiosk and serve, which create a
// missing database at the default path, or elsewhere with --create.
func (g *globals) creatingStore(create bool) (*db.Store, error) {
	g.create = create || g.dbPath == DefaultDBPath()
	return g.openStore()
}

// instrumentAndStore loads the active instrument and opens the database for
// a process that holds it for long (serve); the caller closes the store.
func (g *globals) instrumentAndStore(create bool) (*questionnaire.Instrument, *db.Store, error) {
	in, err := g.instrument()
	if err != nil {
		return nil, nil, err
	}
	store, err := g.creatingStore(create)
	if err != nil {
		return nil, nil, err
	}
	return in, store, nil
}

// withStore runs fn with the active instrument and the database open: the
// frame of most commands (see withDB).
func (g *globals) withStore(fn func(in *questionnaire.Instrument, store *db.Store) error) error {
	in, err := g.instrument()
	if err != nil {
		return err
	}
	return g.withDB(func(store *db.Store) error { return fn(in, store) })
}

// withDB runs fn with the database open and closes it after. Inside the
// process that holds the database (a command it runs for another one,
// heldcmd.go) fn gets that process's store; elsewhere, when another process
// holds it, the error says so and Main has that process run the command.
func (g *globals) withDB(fn func(store *db.Store) error) error {
	if g.held != nil {
		return fn(g.held)
	}
	store, err := g.openStore()
	if errors.Is(err, db.ErrLocked) {
		return heldError{dbPath: g.path(g.dbPath), err: err}
	}
	if err != nil {
		return err
	}
	defer store.Close()
	return fn(store)
}

// path resolves a path a user gave against their working directory (which,
// for a command run by the holding process, is the asking process's).
func (g *globals) path(p string) string {
	if g.cwd == "" || p == "" || p == "-" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(g.cwd, p)
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
		return fmt.Errorf("unit %q is not in the organisation tree: import it with `berakhlak org import`", unit)
	}
	return nil
}

// loadGroups reads the organisation tree, a survey's released figures and
// its live counts (db.Store.Reading).
func loadGroups(store *db.Store, survey string) (*scoring.Groups, error) {
	r, err := store.Reading(survey, nil)
	return r.Groups, err
}

// settingsOf is what scoring needs of a survey.
func settingsOf(sv db.Survey) scoring.Settings {
	return scoring.Settings{Survey: sv.ID, K: sv.K, PublicationMinimums: sv.PublicationMinimums, Targets: sv.Targets, UnitTargets: sv.UnitTargets}
}
