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
	if k.screen == screenSurvey {
		switch result, keys := k.digits.answer(field, key); result {
		case answered:
			return k.afterForm(k.forward(field))
		case moved:
			k.form.Update(redrawMsg{}) // the cursor moved without a key huh saw
			return nil
		case typeKeys:
			for _, kk := range keys {
				k.form.Update(kk)
			}
			return nil
		}
	} else if keys := k.numberKeys(key); keys != nil {
		for _, kk := range keys {
			k.form.Update(kk) // moves the cursor; huh sets the bound value
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
	default: // a survey page's form completed by huh itself
		return k.nextPage()
	}
}

func (k *Kiosk) openIntro() tea.Cmd {
	k.screen = screenIntro
	return k.setForm(introForm(k.theme, k.cfg.Instrument, k.lang, &k.audience), singleFieldNav(introAudienceKey))
}

// redrawMsg makes a form draw itself again; huh ignores its content.
type redrawMsg struct{}

// numberKeys maps a number key on a one-question screen to the keys that
// choose that numbered option (nil when it is not one).
func (k *Kiosk) numberKeys(key tea.KeyPressMsg) []tea.KeyPressMsg {
	if len(key.Text) != 1 || key.Text[0] < '1' || key.Text[0] > '9' {
		return nil
	}
	n := int(key.Text[0] - '0')
	switch {
	case k.screen == screenCode:
		return nil // digits are part of the code
	case k.screen == screenPages && n <= len(k.pages):
		return moveTo(n-1, keyDown)
	case k.screen != screenPages && n <= 2:
		return moveTo(n-1, keyDown)
	}
	return nil
}

// startSurvey builds the pages and a fresh answer sheet for the audience.
func (k *Kiosk) startSurvey() tea.Cmd {
	k.pages = surveyPages(k.cfg.Instrument, k.audience, k.cfg.Modules[k.audience])
	k.sheet = newSheet(k.cfg.Instrument, sectionsOf(k.pages))
	k.digits = newDigitKeys(k.cfg.Instrument, k.pages, k.sheet)
	return k.editSurvey(0)
}

// editSurvey opens the survey at a page; coming from the review, finishing
// that page returns to the review.
func (k *Kiosk) editSurvey(pageIndex int) tea.Cmd {
	if k.screen == screenPages {
		k.editPage = pageIndex
	}
	k.screen = screenSurvey
	return k.openPage(pageIndex, false)
}

// openPage builds a fresh form for one page on the current answers (a
// completed huh form ignores input, so going back means building it again),
// focused on its first field, or its last when coming back from the next.
func (k *Kiosk) openPage(i int, atLast bool) tea.Cmd {
	k.page = i
	p := k.pages[i]
	nav := newFormNav()
	keys := make([]string, len(p.Section.Items))
	for j, it := range p.Section.Items {
		keys[j] = it.ID
	}
	nav.addPage(keys...)
	nav.valid = k.sheet.complete
	cmd := k.setForm(buildPageForm(k.theme, k.cfg.Instrument, p, k.lang, k.sheet), nav)
	if atLast {
		k.seek(keys[len(keys)-1])
	}
	return cmd
}

// seek moves the page's form forward to the field with the given key.
func (k *Kiosk) seek(key string) {
	for f := k.form.GetFocusedField(); f != nil && f.GetKey() != key && !k.nav.last[f.GetKey()]; f = k.form.GetFocusedField() {
		k.form.NextField()
	}
}

func sectionsOf(pages []page) []questionnaire.Section {
	out := make([]questionnaire.Section, len(pages))
	for i, p := range pages {
		out[i] = p.Section
	}
	return out
}
