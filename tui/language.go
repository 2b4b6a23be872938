package tui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// switchLanguageKey toggles Indonesian and English on any screen.
const switchLanguageKey = "f2"

// switchLanguage draws the current screen again in the other language;
// answers are bound to the sheet, so a page built again shows them, with the
// focus on the same question.
func (k *Kiosk) switchLanguage() tea.Cmd {
	if k.lang == questionnaire.LangEN {
		k.lang = questionnaire.LangID
	} else {
		k.lang = questionnaire.LangEN
	}
	at := ""
	if k.pg != nil {
		at = k.pg.Focused().ID()
	}
	switch k.screen {
	case screenWelcome:
		k.openWelcome()
	case screenIntro:
		k.openIntro()
	case screenAge:
		k.openAge()
	case screenPages:
		k.openPagePicker()
	case screenCode:
		k.openCode("")
	case screenSurvey:
		k.openPage(k.page, false)
		k.pg.FocusOn(at)
	case screenReview, screenStored:
		k.refreshText()
	}
	if k.lock.pg != nil {
		k.openPIN()
	}
	return nil
}
