package tui

import (
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/berakhlak/berakhlak/codes"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// CodeStore checks participation codes and stores a response together with
// marking its code used. Its errors for a bad code wrap codes.ErrUnknown or
// codes.ErrUsed.
type CodeStore interface {
	CodeUnit(code string) (unit string, err error)
	SaveResponseWithCode(r *questionnaire.Response, code string) error
}

// CodeGuard slows down the guessing of codes (codes.Guard): Wait says how
// long a source must wait before its next attempt, Wrong counts a wrong
// code against it.
type CodeGuard interface {
	Wait(source string) time.Duration
	Wrong(source string)
}

const codeKey = "code"

type codeResultMsg struct {
	code, unit string
	err        error
}

// participation holds the code a respondent entered and the unit it gives.
type participation struct {
	typed   string
	code    string
	unit    string
	message string // why the last code was refused, in the current language
}

func (k *Kiosk) needsCode() bool {
	return k.cfg.Codes != nil && k.cfg.RequireCode && k.audience == questionnaire.AudienceASN
}

// openCode asks for the participation code.
func (k *Kiosk) openCode() tea.Cmd {
	k.screen = screenCode
	lang := k.lang
	input := huh.NewInput().Key(codeKey).Title(ui.CodeQuestion.In(lang)).Description(ui.CodeHint.In(lang)).
		CharLimit(16).Value(&k.part.typed).
		Validate(func(s string) error {
			_, err := codes.Normalise(s)
			return codeError(err, lang)
		})
	nav := singleFieldNav(codeKey)
	nav.valid = func(string) bool { _, err := codes.Normalise(k.part.typed); return err == nil }
	return k.setForm(newForm(k.theme, input), nav)
}

// guardSources are what wrong codes count against: this session, and the
// source the kiosk's caller named (an SSH session's address).
func (k *Kiosk) guardSources() []string {
	return []string{fmt.Sprintf("session %p", k), "source " + k.cfg.CodeSource}
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
			k.part.message = fmt.Sprintf(ui.CodeWait.In(k.lang), int(wait.Round(time.Second)/time.Second))
			k.part.typed = ""
			return k.openCode()
		}
	}
	code, _ := codes.Normalise(k.part.typed)
	store := k.cfg.Codes
	return func() tea.Msg {
		unit, err := store.CodeUnit(code)
		return codeResultMsg{code: code, unit: unit, err: err}
	}
}

func (k *Kiosk) codeResult(msg codeResultMsg) tea.Cmd {
	if k.screen != screenCode {
		return nil
	}
	if msg.err != nil {
		if guard := k.cfg.CodeGuard; guard != nil && (errors.Is(msg.err, codes.ErrUnknown) || errors.Is(msg.err, codes.ErrUsed)) {
			for _, src := range k.guardSources() {
				guard.Wrong(src)
			}
		}
		k.part.message = codeError(msg.err, k.lang).Error()
		k.part.typed = ""
		return k.openCode()
	}
	k.part.code, k.part.unit, k.part.message = msg.code, msg.unit, ""
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
	case errors.Is(err, codes.ErrUsed), errors.Is(err, codes.ErrUnknown):
		t = ui.CodeRefused
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
