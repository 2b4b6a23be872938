package tui

import (
	"strconv"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/tui/page"
)

// updatePage feeds a key or a paste to the current page and moves between
// screens when the page is done or left backwards. It all happens inside the
// key's Update, so keys typed quickly never land on the page being left.
func (k *Kiosk) updatePage(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		k.pg.Paste(msg.Content)
	case tea.KeyPressMsg:
		switch k.pg.Update(msg) {
		case page.Next:
			return k.pageDone()
		case page.Back:
			return k.pageBack()
		}
	}
	return nil
}

// pageDone moves on from a page whose last question was answered.
func (k *Kiosk) pageDone() tea.Cmd {
	switch k.screen {
	case screenWelcome:
		if k.cfg.Closed {
			k.pg.Say(ui.SurveyClosed.In(k.lang))
			return nil
		}
		return k.openIntro()
	case screenIntro:
		if k.audience == questionnaire.AudiencePublic {
			return k.openAge()
		}
		if k.needsCode() {
			return k.openCode("")
		}
		return k.startSurvey()
	case screenCode:
		return k.lookupCode()
	case screenAge:
		if k.age == ageMinor {
			k.screen = screenMinor
			k.pg = nil
			k.thanks++
			return k.thanksTimer()
		}
		return k.startSurvey()
	case screenPages:
		i, _ := strconv.Atoi(k.pagePick)
		return k.editSurvey(i)
	default: // a survey page
		return k.nextPage()
	}
}

// pageBack goes back from the first question of a page: a survey page to
// the page before, the first survey page (and the age and code questions)
// to the audience choice, the page picker to the review.
func (k *Kiosk) pageBack() tea.Cmd {
	switch k.screen {
	case screenIntro:
		return k.openWelcome()
	case screenAge, screenCode:
		return k.openIntro()
	case screenPages:
		return k.openReview()
	case screenSurvey:
		if k.page > 0 && k.editPage < 0 {
			return k.openPage(k.page-1, true)
		}
		if k.editPage >= 0 {
			return k.openReview()
		}
		return k.openIntro()
	}
	return nil
}

func (k *Kiosk) openWelcome() tea.Cmd {
	k.screen = screenWelcome
	k.setPage(k.welcomePage())
	return nil
}

func (k *Kiosk) openIntro() tea.Cmd {
	k.screen = screenIntro
	k.setPage(k.introPage())
	return nil
}

func (k *Kiosk) openAge() tea.Cmd {
	k.screen = screenAge
	k.setPage(k.agePage())
	return nil
}

// startSurvey opens the first page, with a fresh answer sheet unless the
// person came back to the audience choice and kept the same audience.
func (k *Kiosk) startSurvey() tea.Cmd {
	if k.sheet == nil || k.sheetAudience != k.audience {
		k.pages = surveySections(k.cfg.Instrument, k.audience, k.cfg.Modules[k.audience])
		k.sheet = newSheet(k.cfg.Instrument, k.pages)
		k.sheetAudience = k.audience
	}
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

// openPage builds a page on the current answers, focused on its first
// question, or its last when coming back from the next page.
func (k *Kiosk) openPage(i int, atLast bool) tea.Cmd {
	k.page = i
	k.setPage(k.surveyPage(k.pages[i]))
	if atLast {
		k.pg.FocusLast()
	}
	return nil
}

// nextPage leaves the current survey page: to the next page, or to the review
// after the last page or after the page being changed from the review.
func (k *Kiosk) nextPage() tea.Cmd {
	if k.editPage == k.page || k.page == len(k.pages)-1 {
		return k.openReview()
	}
	return k.openPage(k.page+1, false)
}
