package relay

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/nats-io/nats.go"
)

// SurveyFollower is a forwarding kiosk's side: it takes its agency's
// surveys into the kiosk's database as the agency tells them. A running
// kiosk follows its database's latest survey, so respondents meet the new
// year (or a closed one) at their next welcome screen.
type SurveyFollower struct {
	store      *db.Store
	instrument string // the version the kiosk asks: a survey started here records it
	nc         *nats.Conn
	agency     string
	warned     map[string]bool // warnings logged this run
	// Log hears each change taken, and warnings: a notice refused, an
	// instrument not the agency's. It must not block.
	Log func(line string, warning bool)
}

// NewSurveyFollower follows agency's surveys over nc into store, for a
// kiosk asking the instrument of that version.
func NewSurveyFollower(store *db.Store, instrument string, nc *nats.Conn, agency string) *SurveyFollower {
	return &SurveyFollower{store: store, instrument: instrument, nc: nc, agency: agency,
		warned: map[string]bool{}, Log: func(string, bool) {}}
}

// Run follows until ctx ends, and returns its error (or the subscription's).
func (f *SurveyFollower) Run(ctx context.Context) error {
	// Only the latest notice matters: one waiting is replaced by a newer.
	notices := make(chan []byte, 1)
	sub, err := f.nc.Subscribe(SurveysSubject(f.agency), func(m *nats.Msg) {
		for {
			select {
			case notices <- m.Data:
				return
			default:
			}
			select {
			case <-notices:
			default:
			}
		}
	})
	if err != nil {
		return err
	}
	defer sub.Unsubscribe()
	connected := f.nc.StatusChanged(nats.CONNECTED)
	defer f.nc.RemoveStatusListener(connected)
	ask := func() { _ = f.nc.Publish(surveysAskSubject(f.agency), nil) } // unanswered: asked again on reconnecting
	if f.nc.IsConnected() {
		ask()
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-connected:
			ask()
		case data := <-notices:
			adopted, err := adoptSurveys(f.store, f.instrument, data)
			for _, c := range adopted.Changes {
				f.Log(c, false)
			}
			for _, w := range adopted.Warnings {
				if !f.warned[w] { // once a run: every notice would say it again
					f.warned[w] = true
					f.Log(w, true)
				}
			}
			if err != nil {
				f.Log("the agency's surveys were not taken: "+err.Error(), true)
			}
		}
	}
}

// adoption is what a notice changed on a kiosk, and what its staff should
// know and act on, in words for the log.
type adoption struct {
	Changes, Warnings []string
}

// adoptSurveys takes an agency's notice of its surveys into a kiosk's
// store: each survey the kiosk has takes the agency's status, k, modules
// and participation codes, and the agency's latest survey is started here
// if the kiosk does not have it (with the kiosk's own sealing and segments
// of the survey before, asking instrument, the kiosk's version). A survey
// of the kiosk's own newer than the agency's latest would stay the one its
// respondents answer, and all of it be set aside: it is removed if it holds
// no response or plan (its codes go with it), and warned of if it does. So is an open survey the agency asks
// with another instrument. A notice that does not read or check is refused
// whole.
func adoptSurveys(store *db.Store, instrument string, data []byte) (adoption, error) {
	var out adoption
	notices, err := readNotice(data)
	if err != nil {
		return out, err
	}
	latest := slices.MaxFunc(notices, func(a, b SurveyNotice) int { return strings.Compare(a.ID, b.ID) })
	for _, sn := range notices {
		sv, found, err := store.Survey(sn.ID)
		if err != nil {
			return out, err
		}
		if !found && sn.ID != latest.ID {
			continue // an older year the kiosk never collected for
		}
		change, err := adoptOne(store, instrument, sn, sv, found)
		if err != nil {
			return out, fmt.Errorf("survey %s as the agency's: %w", sn.ID, err)
		}
		if change != "" {
			out.Changes = append(out.Changes, change)
		}
		if sn.Open && sn.Instrument != "" && sn.Instrument != instrument {
			out.Warnings = append(out.Warnings, fmt.Sprintf("the agency asks survey %s with instrument %s, this kiosk with %s: what it forwards may be set aside; start it with the agency's instrument (--instrument FILE)", sn.ID, sn.Instrument, instrument))
		}
	}
	return out, dropNewerOwnSurveys(store, latest.ID, &out)
}

// dropNewerOwnSurveys removes the kiosk's own surveys newer than the
// agency's latest (a kiosk set up in January, say, while its agency still
// runs last year's; a year the agency made by mistake and removed), or
// warns of one that holds a response or a plan. Participation codes loaded
// for such a survey go with it: no respondent could use them for a survey
// the agency does not run, and the agency's file of them can be loaded
// again should it run it after all.
func dropNewerOwnSurveys(store *db.Store, agencyLatest string, out *adoption) error {
	own, err := store.Surveys()
	if err != nil {
		return err
	}
	for _, sv := range own {
		if sv.ID <= agencyLatest {
			continue
		}
		voided, err := store.RemoveSurveyVoidingCodes(sv.ID)
		switch {
		case errors.Is(err, db.ErrSurveyInUse):
			out.Warnings = append(out.Warnings, fmt.Sprintf("this kiosk's own survey %s is newer than the agency's latest, %s: respondents here answer it, and the agency sets aside what it forwards; it stays, as %v", sv.ID, agencyLatest, errors.Unwrap(err)))
		case err != nil:
			return err
		case voided > 0:
			out.Changes = append(out.Changes, fmt.Sprintf("survey %s removed: the agency does not run it (its latest is %s) and it held no response; its %d unused participation codes went with it", sv.ID, agencyLatest, voided))
		default:
			out.Changes = append(out.Changes, fmt.Sprintf("survey %s removed: the agency does not run it (its latest is %s) and it held nothing", sv.ID, agencyLatest))
		}
	}
	return nil
}

// adoptOne saves one survey as the agency has it, and says what changed
// ("" for nothing). An audience that already has responses here keeps its
// modules (the store refuses to change them): said in the change.
func adoptOne(store *db.Store, instrument string, sn SurveyNotice, sv db.Survey, found bool) (string, error) {
	if !found {
		fresh, _, err := store.NewSurvey(sn.ID, "")
		if err != nil {
			return "", err
		}
		next := sn.apply(fresh)
		next.Instrument = instrument
		if err := store.SaveSurvey(next); err != nil {
			return "", err
		}
		started := "started"
		if !next.Open {
			started = "taken, closed"
		}
		return "survey " + sn.ID + " " + started + ", as the agency's" + codesWords(next), nil
	}
	next := sn.apply(sv)
	if sameSettings(sv, next) {
		return "", nil
	}
	kept := ""
	err := store.SaveSurvey(next)
	if errors.Is(err, db.ErrModulesFixed) {
		next.Modules = sv.Modules
		if sameSettings(sv, next) {
			return "", nil // only the modules differ, and they cannot change: said when anything else does
		}
		kept = "; its modules stay as they were here, as it already has responses (the agency's differ)"
		err = store.SaveSurvey(next)
	}
	if err != nil {
		return "", err
	}
	var words string
	switch {
	case sv.Open && !next.Open:
		words = "survey " + sn.ID + " closed, as the agency's"
	case !sv.Open && next.Open:
		words = "survey " + sn.ID + " reopened, as the agency's"
	default:
		words = "survey " + sn.ID + "'s settings changed, as the agency's"
	}
	if !sv.RequireCode && next.RequireCode {
		words += codesWords(next)
	}
	return words + kept, nil
}

// codesWords tells staff what a kiosk needs before an ASN respondent can
// answer a survey that asks for participation codes.
func codesWords(sv db.Survey) string {
	if !sv.RequireCode || !sv.Open {
		return ""
	}
	return fmt.Sprintf("; it asks ASN respondents for participation codes: load this kiosk's, generated by the agency for survey %s, with `berakhlak codes import FILE.csv`", sv.ID)
}

// sameSettings reports whether a and b agree on what the agency decides.
func sameSettings(a, b db.Survey) bool {
	if a.Open != b.Open || a.K != b.K || a.RequireCode != b.RequireCode {
		return false
	}
	for audience := range questionnaire.AudienceModules {
		x, y := slices.Clone(a.Modules[audience]), slices.Clone(b.Modules[audience])
		slices.Sort(x)
		slices.Sort(y)
		if !slices.Equal(x, y) {
			return false
		}
	}
	return true
}
