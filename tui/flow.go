package tui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// updateForm feeds msg to the current form and moves on when it completes.
// Navigation keys are handled here, synchronously (see navigate.go).
func (k *Kiosk) updateForm(msg tea.Msg) tea.Cmd {
	key, isKey := msg.(tea.KeyPressMsg)
	field := k.form.GetFocusedField()
	if !isKey || field == nil {
		_, cmd := k.form.Update(msg)
		return k.afterForm(cmd)
	}
	if keys, confirm := k.numberKeys(field, key); keys != nil {
		for _, kk := range keys {
			k.form.Update(kk) // moves the cursor; huh sets the bound value
		}
		if !confirm {
			return nil
		}
		return k.afterForm(k.forward(field))
	}
	switch key.String() {
	case "enter", "tab":
		if !filtering(field) && k.nav.valid(field.GetKey()) {
			return k.afterForm(k.forward(field))
		}
	case "shift+tab":
		if !filtering(field) {
			return k.afterForm(k.back(field))
		}
	}
	_, cmd := k.form.Update(msg)
	return k.afterForm(cmd)
}

// afterForm moves to the next screen once the current form has completed.
func (k *Kiosk) afterForm(cmd tea.Cmd) tea.Cmd {
	if k.form == nil || k.form.State != huh.StateCompleted {
		return cmd
	}
	switch k.screen {
	case screenWelcome:
		return k.openIntro()
	case screenIntro:
		if k.audience == questionnaire.AudiencePublic {
			k.screen = screenAge
			return k.setForm(ageForm(k.theme, k.lang, &k.adult), singleFieldNav(ageKey))
		}
		if k.needsCode() {
			return k.openCode()
		}
		return k.startSurvey()
	case screenCode:
		return k.lookupCode()
	case screenAge:
		if !k.adult {
			k.screen = screenMinor
			k.form = nil
			k.thanks++
			return k.thanksTimer()
		}
		return k.startSurvey()
	case screenPages:
		return k.editSurvey(k.pagePick)
	default:
		return k.openReview()
	}
}

func (k *Kiosk) openIntro() tea.Cmd {
	k.screen = screenIntro
	return k.setForm(introForm(k.theme, k.cfg.Instrument, k.lang, &k.audience), singleFieldNav(introAudienceKey))
}

// numberKeys maps a number key to form keys and whether it also answers: on
// the survey by the question's scale, elsewhere to the numbered choices of
// the screen's one question.
func (k *Kiosk) numberKeys(field huh.Field, key tea.KeyPressMsg) ([]tea.KeyPressMsg, bool) {
	switch k.screen {
	case screenSurvey:
		return k.digits.translate(field, key)
	case screenCode:
		return nil, false // digits are part of the code
	case screenPages:
		if len(key.Text) == 1 && key.Text[0] >= '1' && key.Text[0] <= '9' && int(key.Text[0]-'0') <= len(k.pages) {
			return moveTo(int(key.Text[0]-'1'), keyDown), true
		}
		return nil, false
	}
	if key.Text == "1" || key.Text == "2" {
		return moveTo(int(key.Text[0]-'1'), keyDown), true
	}
	return nil, false
}

// startSurvey builds the pages and a fresh answer sheet for the audience.
func (k *Kiosk) startSurvey() tea.Cmd {
	k.pages = surveyPages(k.cfg.Instrument, k.audience, k.cfg.Modules[k.audience])
	k.pageOf = map[string]int{}
	for i, p := range k.pages {
		for _, it := range p.Section.Items {
			k.pageOf[it.ID] = i
		}
	}
	k.sheet = newSheet(k.cfg.Instrument, sectionsOf(k.pages))
	k.digits = newDigitKeys(k.cfg.Instrument, k.pages)
	return k.editSurvey(0)
}

// editSurvey opens a new survey form on the current answers at a page (a
// completed huh form ignores input, so going back means building it again).
// Coming from the review, finishing that page returns to the review.
func (k *Kiosk) editSurvey(pageIndex int) tea.Cmd {
	nav := newFormNav()
	for _, p := range k.pages {
		var keys []string
		for _, it := range p.Section.Items {
			keys = append(keys, it.ID)
		}
		nav.addPage(keys...)
	}
	nav.valid = k.sheet.complete
	if k.screen == screenPages {
		k.editPage = pageIndex
	}
	k.screen = screenSurvey
	cmd := k.setForm(buildSurveyForm(k.theme, k.cfg.Instrument, k.pages, k.lang, k.sheet), nav)
	for range pageIndex {
		k.form.NextGroup()
	}
	return cmd
}

// seek moves the survey form forward to the field with the given key.
func (k *Kiosk) seek(key string) {
	for f := k.form.GetFocusedField(); f != nil && f.GetKey() != key && k.form.State == huh.StateNormal; f = k.form.GetFocusedField() {
		k.forward(f)
	}
}

func sectionsOf(pages []page) []questionnaire.Section {
	out := make([]questionnaire.Section, len(pages))
	for i, p := range pages {
		out[i] = p.Section
	}
	return out
}
