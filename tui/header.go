package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/tui/page"
	"github.com/charmbracelet/x/ansi"
)

// header is drawn on every screen: the survey's name, the section, the step
// and a progress bar (the step is also written, never shown by the bar alone),
// and on survey pages a line on how to answer. It is headerHeight lines, kept
// until what it shows changes (the bar alone took a third of a key's drawing)
// and shared by every session that shows the same (each SSH respondent is
// a new session).
func (k *Kiosk) header() string {
	shown := k.headerShows()
	if shown != k.headerKey {
		k.headerKey = shown
		k.headerView = headers.Get(shown, func() string { return k.drawHeader(shown) })
	}
	return k.headerView
}

// headerShown is what a header shows, all it depends on: the instrument's
// and the interface's own texts and numbers, so that finding it on a key
// formats and joins nothing.
type headerShown struct {
	name, section, hint string
	how                 string // how to answer the question in focus; "" for none
	step                string // the step's format ("Langkah %d dari %d"); "" off the survey's pages
	page, pages         int
	percent             float64
	width               int
	plain               bool
}

// headers are the headers drawn, for every session.
var headers page.Kept[headerShown, string]

func (k *Kiosk) headerShows() headerShown {
	h := headerShown{name: k.cfg.Instrument.Name.In(k.lang), hint: ui.LanguageHint.In(k.lang), width: k.width, plain: k.cfg.Plain}
	switch k.screen {
	case screenSurvey:
		h.section = k.pages[k.page].Title.In(k.lang)
		h.step, h.page, h.pages = ui.Step.In(k.lang), k.page+1, len(k.pages)
		h.percent = float64(k.page) / float64(len(k.pages))
	case screenReview, screenPages:
		h.section, h.percent = ui.Review.In(k.lang), 1
	case screenStored:
		h.section, h.percent = ui.Stored.In(k.lang), 1
	case screenThanks:
		h.percent = 1
	}
	h.how = k.howToAnswer()
	return h
}

func (k *Kiosk) drawHeader(h headerShown) string {
	left := k.st.Header.Render(h.name)
	if h.section != "" {
		left += " · " + k.st.Section.Render(h.section)
	}
	step := ""
	if h.step != "" {
		step = fmt.Sprintf(h.step, h.page, h.pages)
	}
	left = ansi.Truncate(left, h.width-lipgloss.Width(step)-1, "…")
	gap := max(h.width-lipgloss.Width(left)-lipgloss.Width(step), 1)
	line := left + strings.Repeat(" ", gap) + step
	hint := h.hint
	if h.how != "" {
		hint = h.how + " · " + hint
	}
	return line + "\n" + k.progress.ViewAs(h.percent) + "\n" + k.st.Muted.Render(ansi.Truncate(hint, h.width, "…"))
}

// howToAnswer is the header's hint for the question in focus, matching
// what its keys do.
func (k *Kiosk) howToAnswer() string {
	if k.pg == nil || k.screen != screenSurvey {
		return ""
	}
	switch k.pg.Focused().(type) {
	case *page.Pick:
		return ui.ValuesHint.In(k.lang)
	case *page.Entry:
		return ""
	}
	return ui.NumberHint.In(k.lang)
}
