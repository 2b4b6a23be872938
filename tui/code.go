package tui

import (
	"errors"

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

// lookupCode asks the store about a well-formed code, off the update loop.
func (k *Kiosk) lookupCode() tea.Cmd {
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
	case errors.Is(err, codes.ErrUsed):
		t = ui.CodeUsed
	case errors.Is(err, codes.ErrUnknown):
		t = ui.CodeUnknown
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
