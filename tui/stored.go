package tui

import (
	"encoding/json"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
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

// footer shows the idle countdown and the administrator's lock messages.
func (k *Kiosk) footer() string {
	switch {
	case k.screen == screenCode && k.part.message != "":
		return "\n" + k.st.Error.Render(k.part.message)
	case k.idle.countdown > 0:
		return "\n" + k.st.Error.Render(fmt.Sprintf(ui.Countdown.In(k.lang), k.idle.countdown))
	case k.lock.message == "locked":
		return "\n" + k.st.Muted.Render("admin: locked for a minute")
	case k.lock.message == "wrong":
		return "\n" + k.st.Muted.Render("admin: wrong PIN")
	case k.screen == screenWelcome && k.cfg.StaffLine != nil:
		return "\n" + k.st.Muted.Render(k.cfg.StaffLine())
	}
	return ""
}
