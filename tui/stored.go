package tui

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/charmbracelet/x/ansi"
)

// openStored shows exactly the record that will be stored, before the person
// confirms it.
func (k *Kiosk) openStored() tea.Cmd {
	k.screen, k.storedExact = screenStored, false
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
		k.saving, k.saveFailed = true, false
		return k.save(k.response())
	case "b", "shift+tab", "esc":
		k.screen = screenReview
		k.refreshText()
		return nil
	case "r": // in words, or exactly as written
		k.storedExact = !k.storedExact
		k.refreshText()
		k.review.GotoTop()
		return nil
	}
	if !k.scrollKey(key) {
		k.hint = fmt.Sprintf(ui.WrongKey.In(k.lang), key.String()) // the help is on the line above
		return nil
	}
	var cmd tea.Cmd
	k.review, cmd = k.review.Update(msg)
	return cmd
}

// storedContent is the record that will be stored: in words (the survey,
// unit, kind of respondent, day and instrument, then every answer as the
// review says it), or with r exactly as it will be written, less its id:
// the id is random and says nothing about the person, so it is explained,
// not shown.
func (k *Kiosk) storedContent() string {
	r := k.response()
	if !k.storedExact {
		width := lipgloss.NewStyle().Width(max(k.width-2, 20))
		envelope := fmt.Sprintf(ui.StoredEnvelope.In(k.lang), r.Survey, r.Unit, ui.AudienceNames[r.Audience].In(k.lang), r.Date, r.Instrument)
		return width.Render(ui.StoredWords.In(k.lang)) + "\n\n" + width.Render(envelope) + "\n\n" + k.reviewShown()
	}
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
	return intro + "\n\n" + k.annotate(string(data))
}

// storedLine is one line of the record holding a value: a key with a value
// (`"item": 4`, `"item": "id"`) or a value in a list (`"id",`).
var storedLine = regexp.MustCompile(`^\s*(?:"([^"]+)": )?("?)([^",\[{]+)"?,?$`)

// annotate puts beside each answer of the record what it means, in the
// respondent's language: the record stores ids and numbers, which say
// little to a person.
func (k *Kiosk) annotate(record string) string {
	in := k.cfg.Instrument
	labels := map[string]string{}
	for _, v := range in.Catalogue {
		labels[v.ID] = v.Label.In(k.lang)
	}
	for _, r := range in.Reasons {
		labels[r.ID] = r.Label.In(k.lang)
	}
	for _, s := range k.pages {
		for _, it := range s.Items {
			for _, o := range it.Options {
				labels[it.ID+"="+o.ID] = o.Label.In(k.lang)
			}
		}
	}
	lines := strings.Split(record, "\n")
	for i, line := range lines {
		m := storedLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		item, quoted, value := m[1], m[2] != "", m[3]
		label := labels[value]
		if quoted && item != "" {
			label = labels[item+"="+value]
		}
		if v, err := strconv.Atoi(value); err == nil && !quoted && item != "" {
			label = k.scaleLabel(item, v)
		}
		if label != "" {
			lines[i] = line + k.st.Muted.Render("  ← "+label)
		}
	}
	return strings.Join(lines, "\n")
}

// scaleLabel is the word for a point of an item's scale, or "" for a point
// that has only its number.
func (k *Kiosk) scaleLabel(item string, v int) string {
	it, ok := k.sheet.items[item]
	if !ok {
		return ""
	}
	sc, _ := k.cfg.Instrument.ScaleByID(it.Scale)
	if v < sc.Min || v-sc.Min >= len(sc.Labels) {
		return ""
	}
	if l := sc.Labels[v-sc.Min].In(k.lang); l != strconv.Itoa(v) {
		return l
	}
	return ""
}

func (k *Kiosk) storedView() string {
	help := ui.StoredWordsHelp
	if !k.storedExact {
		help = ui.StoredHelp
	}
	status := k.st.Muted.Render(help.In(k.lang))
	switch {
	case k.saving:
		status = ui.Saving.In(k.lang)
	case k.saveFailed:
		status = k.st.Error.Render(ui.SaveFailed.In(k.lang))
	}
	line, _ := k.reviewButtons()
	return k.textView() + "\n" + line + "\n" + lipgloss.NewStyle().Width(max(k.width-2, 20)).Render(status)
}

// footer is the one line under every screen: the idle countdown, the
// administrator's lock messages, or the staff line on the welcome screen.
func (k *Kiosk) footer() string {
	line := ""
	switch {
	case k.leaving:
		line = k.st.Error.Render(ui.LeaveAgain.In(k.lang))
	case k.stopping:
		line = k.st.Error.Render(ui.StopAgain.In(k.lang))
	case k.hint != "":
		line = k.st.Error.Render(k.hint)
	case k.idle.countdown > 0:
		line = k.st.Error.Render(fmt.Sprintf(ui.Countdown.In(k.lang), k.idle.countdown))
	case k.lock.message == "locked":
		line = k.st.Error.Render(fmt.Sprintf(ui.PINLocked.In(k.lang), k.lock.lockedUntil.Format("15:04:05")))
	case k.screen == screenWelcome && k.cfg.StaffLine != nil:
		line = k.st.Muted.Render(k.cfg.StaffLine())
	}
	return ansi.Truncate(line, k.width, "…")
}
