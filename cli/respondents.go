package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/berakhlak/berakhlak/codes"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/oplog"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/tui"
	"github.com/spf13/cobra"
)

// respondentFlags shape every respondent program of the process, at the
// local kiosk and over SSH alike.
type respondentFlags struct {
	unit            string
	idle, countdown time.Duration
	lang            string
}

func (f *respondentFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.unit, "unit", "", "unit of respondents without a participation code (default: the root unit)")
	cmd.Flags().DurationVar(&f.idle, "idle", tui.DefaultIdleAfter, "respondent idle time before the reset countdown")
	cmd.Flags().DurationVar(&f.countdown, "countdown", tui.DefaultCountdownFor, "length of the visible countdown before the reset")
	cmd.Flags().StringVar(&f.lang, "lang", questionnaire.LangID, "language a new respondent starts in: id or en")
}

// check refuses times, as given on the command line, no kiosk can run
// with: --idle 1ns reset every respondent at once, and 0 is not "never"
// (it had silently become the default).
func (f respondentFlags) check() error {
	if f.idle < time.Second {
		return fmt.Errorf("--idle %v: give 1s or more (the default is %v)", f.idle, tui.DefaultIdleAfter)
	}
	if f.countdown < time.Second {
		return fmt.Errorf("--countdown %v: give 1s or more, so that the respondent sees it (the default is %v)", f.countdown, tui.DefaultCountdownFor)
	}
	return nil
}

// respondents is the one description of a respondent program: the local
// kiosk and every SSH session start from its config.
type respondents struct {
	mu   sync.Mutex // base.Closed changes while sessions start
	base tui.Config
}

// newRespondents checks the flags and reads what every respondent program
// shares: the survey, the unit, the code guard of the process.
func newRespondents(store *db.Store, in *questionnaire.Instrument, f respondentFlags) (*respondents, error) {
	if f.lang != questionnaire.LangID && f.lang != questionnaire.LangEN {
		return nil, fmt.Errorf("--lang %q: use id or en", f.lang)
	}
	survey, err := store.LatestSurvey()
	if err != nil {
		return nil, err
	}
	unitID, err := resolveUnit(store, f.unit)
	if err != nil {
		return nil, err
	}
	return &respondents{base: tui.Config{Instrument: in, Survey: survey.ID, Unit: unitID, Modules: survey.Modules,
		Store: store, IdleAfter: f.idle, CountdownFor: f.countdown, Lang: f.lang,
		RequireCode: survey.RequireCode, Codes: store, CodeGuard: codes.NewGuard(nil), Closed: !survey.Open}}, nil
}

// logSaveFailures writes every failed save to the operator's log, with its
// cause (a full disk, say) and nothing of the respondent; the respondent is
// only told that the answers were not saved and are kept.
func (r *respondents) logSaveFailures(w io.Writer) {
	logger := oplog.New(w, "save")
	r.base.SaveFailed = func(err error) {
		logger.Error("a response could not be saved (the respondent was told; the answers wait on screen for another try): " + err.Error())
	}
}

// config is a respondent program's configuration; callers add what only
// their transport knows (a PIN and staff line locally; the session's end
// and source over SSH).
func (r *respondents) config() tui.Config {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.base
}

// followSurveyState tells every respondent program (through send) the
// state of the latest survey when it changes, on the store's commit events:
// a close through the control socket reaches a running kiosk's welcome
// screen at once, and a new year's survey, or codes asked from now on,
// reach it without a restart. Sessions started later begin in the new
// state. stop ends it.
func (r *respondents) followSurveyState(store *db.Store, send func(tea.Msg)) (stop func()) {
	events, unsubscribe := store.Subscribe()
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-events:
			}
			sv, err := store.LatestSurvey()
			if err != nil {
				continue
			}
			r.mu.Lock()
			b := &r.base
			changed := b.Survey != sv.ID || b.Closed == sv.Open || b.RequireCode != sv.RequireCode || !maps.EqualFunc(b.Modules, sv.Modules, slices.Equal)
			b.Survey, b.Modules, b.RequireCode, b.Closed = sv.ID, sv.Modules, sv.RequireCode, !sv.Open
			r.mu.Unlock()
			if changed {
				send(tui.SurveyStateMsg{Survey: sv.ID, Modules: sv.Modules, RequireCode: sv.RequireCode, Closed: !sv.Open})
			}
		}
	}()
	return func() {
		close(done)
		unsubscribe()
	}
}
