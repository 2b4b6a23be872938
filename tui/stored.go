package tui

import (
	"encoding/json"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/charmbracelet/x/ansi"
)

// openStored shows exactly the record that will be stored, before the person
// confirms it.
func (k *Kiosk) openStored() tea.Cmd {
	k.screen = screenStored
	k.refreshText()
	k.review.GotoTop()
	return nil
}

func (k *Kiosk) updateStored(msg tea.Msg) tea.Cmd {
	key, ok := msg.(tea.KeyPressMsg)
	if !ok || k.saving {
		return nil
	}
	switch key.String() {
	case "enter":
		k.saving, k.saveErr = true, nil
		return k.save(k.response())
	case "b", "shift+tab", "esc":
		k.screen = screenReview
		k.refreshText()
		return nil
	}
	var cmd tea.Cmd
	k.review, cmd = k.review.Update(msg)
	return cmd
}

// storedContent is the record as it will be written, less its id: the id is
// random and says nothing about the person, so it is explained, not shown.
func (k *Kiosk) storedContent() string {
	r := k.response()
	record := struct {
		Survey     string                `json:"survey"`
		Unit       string                `json:"unit"`
		Audience   string                `json:"audience"`
		Date       string                `json:"date"`
		Instrument string                `json:"instrument"`
		Answers    questionnaire.Answers `json:"answers"`
	}{r.Survey, r.Unit, r.Audience, r.Date, r.Instrument, r.Answers}
	data, err := json.MarshalIndent(record, "", "  ")
	if err != nil {
		return err.Error()
	}
	intro := lipgloss.NewStyle().Width(max(k.width-2, 20)).Render(ui.StoredIntro.In(k.lang))
	return intro + "\n\n" + string(data)
}

func (k *Kiosk) storedView() string {
	status := k.st.Muted.Render(ui.StoredHelp.In(k.lang))
	switch {
	case k.saving:
		status = ui.Saving.In(k.lang)
	case k.saveErr != nil:
		status = k.st.Error.Render(fmt.Sprintf(ui.SaveFailed.In(k.lang), k.saveErr))
	}
	return k.review.View() + "\n" + lipgloss.NewStyle().Width(max(k.width-2, 20)).Render(status)
}

// footer is the one line under every screen: the idle countdown, the
// administrator's lock messages, or the staff line on the welcome screen.
func (k *Kiosk) footer() string {
	line := ""
	switch {
	case k.idle.countdown > 0:
		line = k.st.Error.Render(fmt.Sprintf(ui.Countdown.In(k.lang), k.idle.countdown))
	case k.lock.message == "locked":
		line = k.st.Muted.Render(ui.PINLocked.In(k.lang))
	case k.lock.message == "wrong":
		line = k.st.Muted.Render(ui.PINWrong.In(k.lang))
	case k.screen == screenWelcome && k.cfg.StaffLine != nil:
		line = k.st.Muted.Render(k.cfg.StaffLine())
	}
	return ansi.Truncate(line, k.width, "…")
}
