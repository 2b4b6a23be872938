package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
)

// header is drawn on every screen: the survey's name, the section, the step
// and a progress bar (the step is also written, never shown by the bar alone),
// and on survey pages a line on how to answer. It is headerHeight lines.
func (k *Kiosk) header() string {
	name := k.cfg.Instrument.Name.In(k.lang)
	section, step := "", ""
	percent := 0.0
	switch k.screen {
	case screenSurvey:
		section = k.pages[k.page].Section.Title.In(k.lang)
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
	gap := max(k.width-lipgloss.Width(left)-lipgloss.Width(step), 1)
	line := left + strings.Repeat(" ", gap) + step
	hint := k.st.Muted.Render(ui.LanguageHint.In(k.lang))
	if k.screen == screenSurvey {
		hint = k.st.Muted.Render(ui.NumberHint.In(k.lang) + " · " + ui.LanguageHint.In(k.lang))
	}
	return line + "\n" + k.progress.ViewAs(percent) + "\n" + hint
}
