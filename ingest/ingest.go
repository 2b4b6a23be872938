// Package ingest holds the one set of checks every response from outside
// passes before it is stored — an import file, a USB bundle, a message a
// kiosk forwarded over NATS — so that the three ways in accept and refuse
// alike, with the same words.
package ingest

import (
	"errors"
	"fmt"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// Directory is what the checks ask of the store: does this survey, this
// unit exist. *db.Store is one; Snapshot is a faster one for big files.
type Directory interface {
	Survey(id string) (db.Survey, bool, error)
	Unit(id string) (db.Unit, bool, error)
}

// Rules check responses against an instrument and a directory.
type Rules struct {
	in  *questionnaire.Instrument
	dir Directory

	ids  []age.Identity // open sealed responses (WithKeys)
	hint string         // which recipient to seal to, for a refusal
}

// NewRules returns the rules of the active instrument over dir.
func NewRules(in *questionnaire.Instrument, dir Directory) *Rules { return &Rules{in: in, dir: dir} }

// Decode reads one response in the JSON interchange form (strictly: no
// field outside it) and checks it.
func (r *Rules) Decode(data []byte) (*questionnaire.Response, error) {
	resp, err := questionnaire.DecodeResponse(data)
	if err != nil {
		return nil, err
	}
	return resp, r.Check(resp)
}

// Check asks whether the survey and the unit exist here, then applies the
// instrument's rules for the modules that survey asks of the response's
// audience (as the kiosk asks them); each refusal says what to do.
func (r *Rules) Check(resp *questionnaire.Response) error {
	if err := questionnaire.CheckEnvelope(resp); err != nil {
		return err
	}
	sv, ok, err := r.dir.Survey(resp.Survey)
	if err != nil || !ok {
		return errors.Join(err, fmt.Errorf("survey %q does not exist: create it with `berakhlak survey create %s`", resp.Survey, resp.Survey))
	}
	if err := r.in.CheckResponseFor(resp, asked(sv.Modules[resp.Audience])); err != nil {
		return err
	}
	if _, ok, err := r.dir.Unit(resp.Unit); err != nil || !ok {
		return errors.Join(err, fmt.Errorf("unit %q is not in the organisation tree: import it with `berakhlak org import`", resp.Unit))
	}
	return nil
}

// asked is never nil: a survey that lists no module for an audience asks it
// nothing.
func asked(modules []string) []string {
	if modules == nil {
		return []string{}
	}
	return modules
}

// snapshot is a Directory read once: a file of a million lines asks a map,
// not the database, each time.
type snapshot struct {
	surveys map[string]db.Survey
	units   map[string]db.Unit
}

// Snapshot reads the store's surveys and units once.
func Snapshot(store *db.Store) (Directory, error) {
	s := snapshot{surveys: map[string]db.Survey{}, units: map[string]db.Unit{}}
	surveys, err := store.Surveys()
	if err != nil {
		return nil, err
	}
	for _, sv := range surveys {
		s.surveys[sv.ID] = sv
	}
	units, err := store.Units()
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		s.units[u.ID] = u
	}
	return s, nil
}

func (s snapshot) Survey(id string) (db.Survey, bool, error) {
	sv, ok := s.surveys[id]
	return sv, ok, nil
}

func (s snapshot) Unit(id string) (db.Unit, bool, error) {
	u, ok := s.units[id]
	return u, ok, nil
}
