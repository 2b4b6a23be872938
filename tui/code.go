package tui

import (
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/codes"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/tui/page"
)

// CodeStore checks participation codes and stores a response together with
// marking its code used. Its errors for a bad code wrap codes.ErrUnknown,
// codes.ErrUsed or codes.ErrOtherSurvey.
type CodeStore interface {
	CodeUnit(survey, code string) (unit string, err error)
	SaveResponseWithCode(r *questionnaire.Response, code string) error
}

// CodeGuard slows down the guessing of codes (codes.Guard): Wait says how
// long a source must wait before its next attempt, Wrong counts a wrong
// code against it.
type CodeGuard interface {
	Wait(source codes.Source) time.Duration
	Wrong(source codes.Source)
}

type codeResultMsg struct {
	code, unit string
	err        error
}

// participation holds the code a respondent entered and the unit it gives.
type participation struct {
	typed string
	code  string
	unit  string
}

func (k *Kiosk) needsCode() bool {
	return k.cfg.Codes != nil && k.cfg.RequireCode && k.audience == questionnaire.AudienceASN
}

// openCode asks for the participation code; refusal, when the last code
// was refused, says why.
func (k *Kiosk) openCode(refusal string) tea.Cmd {
	k.screen = screenCode
	lang := k.lang
	k.setPage(page.New("", k.keyMap(), k.pst, page.NewEntry(codeKey, ui.CodeQuestion.In(lang), ui.CodeHint.In(lang),
		16, false, &k.part.typed, func(s string) string {
			if _, err := codes.Normalise(s); err != nil {
				return codeError(err, lang).Error()
			}
			return ""
		})))
	if refusal != "" {
		k.pg.Say(refusal)
	}
	return nil
}

// guardSources are what wrong codes count against: this session, by its
// random id, and the address the kiosk's caller named (an SSH session's).
func (k *Kiosk) guardSources() []codes.Source {
	return []codes.Source{codes.Session(k.session), codes.Address(k.cfg.CodeSource)}
}

// lookupCode asks the store about a well-formed code, off the update loop,
// unless too many wrong codes came from this session or its source lately.
func (k *Kiosk) lookupCode() tea.Cmd {
	if guard := k.cfg.CodeGuard; guard != nil {
		var wait time.Duration
		for _, src := range k.guardSources() {
			wait = max(wait, guard.Wait(src))
		}
		if wait > 0 {
			k.part.typed = ""
			return k.openCode(fmt.Sprintf(ui.CodeWait.In(k.lang), int(wait.Round(time.Second)/time.Second)))
		}
	}
	code, _ := codes.Normalise(k.part.typed)
	store, survey := k.cfg.Codes, k.cfg.Survey
	return func() tea.Msg {
		unit, err := store.CodeUnit(survey, code)
		return codeResultMsg{code: code, unit: unit, err: err}
	}
}

func (k *Kiosk) codeResult(msg codeResultMsg) tea.Cmd {
	if k.screen != screenCode {
		return nil
	}
	if msg.err != nil {
		if guard := k.cfg.CodeGuard; guard != nil && (errors.Is(msg.err, codes.ErrUnknown) || errors.Is(msg.err, codes.ErrUsed) || errors.Is(msg.err, codes.ErrOtherSurvey)) {
			for _, src := range k.guardSources() {
				guard.Wrong(src)
			}
		}
		k.part.typed = ""
		return k.openCode(codeError(msg.err, k.lang).Error())
	}
	k.part.code, k.part.unit = msg.code, msg.unit
	return k.startSurvey()
}

// codeError turns a code problem into words for the respondent.
func codeError(err error, lang string) error {
	var t questionnaire.Text
	switch {
	case err == nil:
		return nil
	case errors.Is(err, codes.ErrTypo):
		t = ui.CodeTypo
	case errors.Is(err, codes.ErrLength), errors.Is(err, codes.ErrAlphabet):
		t = ui.CodeShape
	case errors.Is(err, codes.ErrUsed), errors.Is(err, codes.ErrUnknown), errors.Is(err, codes.ErrOtherSurvey):
		t = ui.CodeRefused // one answer for all three: a guesser learns nothing of which
	default:
		t = ui.CodeFailed
	}
	return errors.New(t.In(lang))
}

// unit is where the response belongs: the code's unit, or the kiosk's.
func (k *Kiosk) unit() string {
	if k.part.unit != "" {
		return k.part.unit
	}
	return k.cfg.Unit
}
