package tui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// switchLanguageKey toggles Indonesian and English on any screen.
const switchLanguageKey = "f2"

// switchLanguage redraws the current screen in the other language; answers
// are bound to the sheet, so a rebuilt form shows them again, at the same
// question.
func (k *Kiosk) switchLanguage() tea.Cmd {
	if k.lang == questionnaire.LangEN {
		k.lang = questionnaire.LangID
	} else {
		k.lang = questionnaire.LangEN
	}
	switch k.screen {
	case screenIntro:
		return k.openIntro()
	case screenAge:
		return k.setForm(ageForm(k.theme, k.lang, &k.adult), singleFieldNav(ageKey))
	case screenPages:
		return k.openPagePicker()
	case screenCode:
		return k.openCode()
	case screenSurvey:
		at := ""
		if f := k.form.GetFocusedField(); f != nil {
			at = f.GetKey()
		}
		cmd := k.openPage(k.page, false)
		k.seek(at)
		return cmd
	case screenReview, screenStored:
		k.refreshText()
	}
	return nil
}
