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
// until what it shows changes (the bar alone took a third of a key's drawing).
func (k *Kiosk) header() string {
	hint := ""
	if k.pg != nil {
		hint = fmt.Sprintf("%T", k.pg.Focused())
	}
	key := fmt.Sprint(k.screen, k.page, k.audience, len(k.pages), k.lang, k.width, hint)
	if key != k.headerKey {
		k.headerKey, k.headerView = key, k.drawHeader()
	}
	return k.headerView
}

func (k *Kiosk) drawHeader() string {
	name := k.cfg.Instrument.Name.In(k.lang)
	section, step := "", ""
	percent := 0.0
	switch k.screen {
	case screenSurvey:
		section = k.pages[k.page].Title.In(k.lang)
		step = fmt.Sprintf(ui.Step.In(k.lang), k.page+1, len(k.pages))
		percent = float64(k.page) / float64(len(k.pages))
	case screenReview, screenPages:
		section, percent = ui.Review.In(k.lang), 1
	case screenStored:
		section, percent = ui.Stored.In(k.lang), 1
	case screenThanks:
		percent = 1
	}
	left := k.st.Header.Render(name)
	if section != "" {
		left += " · " + k.st.Section.Render(section)
	}
	left = ansi.Truncate(left, k.width-lipgloss.Width(step)-1, "…")
	gap := max(k.width-lipgloss.Width(left)-lipgloss.Width(step), 1)
	line := left + strings.Repeat(" ", gap) + step
	hint := ui.LanguageHint.In(k.lang)
	if h := k.howToAnswer(); h != "" {
		hint = h + " · " + hint
	}
	return line + "\n" + k.progress.ViewAs(percent) + "\n" + k.st.Muted.Render(ansi.Truncate(hint, k.width, "…"))
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
