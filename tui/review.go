package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// openReview shows every answer before anything is stored.
func (k *Kiosk) openReview() tea.Cmd {
	if k.responseID == "" {
		k.responseID = questionnaire.NewResponseID()
	}
	k.screen = screenReview
	k.pg = nil
	k.editPage = -1
	k.refreshText()
	k.review.GotoTop()
	return nil
}

// refreshText redraws the scrolling text of the review or stored screen.
func (k *Kiosk) refreshText() {
	k.reviewText.text++
	if k.screen == screenStored {
		k.review.SetContent(k.storedContent())
		return
	}
	t := &k.reviewText
	t.review, t.reviewLang, t.reviewWidth = k.reviewContent(), k.lang, k.width
	k.review.SetContent(t.review)
}

// keptText is the review viewport's view as last drawn, and what for: most
// of a review or stored screen's drawing, it changes only when the text
// scrolls, is set again or the screen's size changes, not when the status
// under it does (saving, saved). Beside it, the review's text as last set:
// the stored record in words, the next screen, repeats it under its
// envelope, and answers change only on the survey's pages, from which the
// way back to the record is through the review. Both hold a person's
// answers and are dropped with them.
type keptText struct {
	text       int // the text's generation: refreshText counts them
	drawnText  int
	y, x, w, h int
	view       string

	review      string
	reviewLang  string
	reviewWidth int
}

// reviewShown is the review's text for the screen as it is now: the one
// last set when it was drawn for this language and width.
func (k *Kiosk) reviewShown() string {
	if t := &k.reviewText; t.review != "" && t.reviewLang == k.lang && t.reviewWidth == k.width {
		return t.review
	}
	return k.reviewContent()
}

// textView is the review viewport's view, drawn again only when it changed.
func (k *Kiosk) textView() string {
	t, v := &k.reviewText, &k.review
	if t.view == "" || t.drawnText != t.text || t.y != v.YOffset() || t.x != v.XOffset() || t.w != v.Width() || t.h != v.Height() {
		t.drawnText, t.y, t.x, t.w, t.h, t.view = t.text, v.YOffset(), v.XOffset(), v.Width(), v.Height(), v.View()
	}
	return t.view
}

func (k *Kiosk) updateReview(msg tea.Msg) tea.Cmd {
	key, ok := msg.(tea.KeyPressMsg)
	if !ok || k.saving {
		return nil
	}
	switch key.String() {
	case "enter":
		return k.openStored()
	case "e", "shift+tab":
		return k.openPagePicker()
	}
	if !k.scrollKey(key) {
		k.hint = fmt.Sprintf(ui.WrongKey.In(k.lang), key.String()) // the help is on the line above
		return nil
	}
	var cmd tea.Cmd
	k.review, cmd = k.review.Update(msg)
	return cmd
}

// reviewKeys are the keys that scroll the review's and the record's text:
// those their help lines list (↑/↓ pgup/pgdn), not the viewport's many
// others, which the help would not tell.
func reviewKeys() viewport.KeyMap {
	km := viewport.DefaultKeyMap()
	km.Up, km.Down = key.NewBinding(key.WithKeys("up")), key.NewBinding(key.WithKeys("down"))
	km.PageUp, km.PageDown = key.NewBinding(key.WithKeys("pgup")), key.NewBinding(key.WithKeys("pgdown"))
	for _, b := range []*key.Binding{&km.HalfPageUp, &km.HalfPageDown, &km.Left, &km.Right} {
		b.SetEnabled(false)
	}
	return km
}

// scrollKey reports whether key scrolls the review's text.
func (k *Kiosk) scrollKey(msg tea.KeyPressMsg) bool {
	km := k.review.KeyMap
	return key.Matches(msg, km.Up, km.Down, km.PageUp, km.PageDown, km.HalfPageUp, km.HalfPageDown, km.Left, km.Right)
}

// openPagePicker asks which page to change.
func (k *Kiosk) openPagePicker() tea.Cmd {
	k.screen = screenPages
	k.setPage(k.pickerPage())
	return nil
}

// response is the record that will be stored: nothing about the person or
// the session, the date without time.
func (k *Kiosk) response() *questionnaire.Response {
	return &questionnaire.Response{
		ID:         k.responseID,
		Survey:     k.cfg.Survey,
		Unit:       k.unit(),
		Audience:   k.audience,
		Date:       questionnaire.Day(k.cfg.Now()),
		Instrument: k.cfg.Instrument.Version,
		Answers:    k.sheet.answers(),
	}
}

// save runs the commit off the update loop; the thank-you screen waits for
// it. With a participation code, the code is marked used in the same commit.
func (k *Kiosk) save(r *questionnaire.Response) tea.Cmd {
	store, codeStore, code := k.cfg.Store, k.cfg.Codes, k.part.code
	return func() tea.Msg {
		var err error
		if code != "" {
			err = codeStore.SaveResponseWithCode(r, code)
		} else {
			err = store.SaveResponse(r)
		}
		if err != nil {
			return saveFailedMsg{err}
		}
		return savedMsg{}
	}
}

// reviewContent lists every page with its questions and the answers given.
func (k *Kiosk) reviewContent() string {
	in := k.cfg.Instrument
	width := max(k.width-2, 20)
	var b strings.Builder
	for _, p := range k.pages {
		b.WriteString(k.reviewTitle(p.Title.In(k.lang)))
		b.WriteByte('\n')
		for _, it := range p.Items {
			writeWrapped(&b, it.Text.In(k.lang), width, 2, true)
			picks := it.Type == questionnaire.TypeValues || it.Type == questionnaire.TypeReasons
			writeWrapped(&b, "→ "+k.answerText(in, it), width, 4, !picks) // one label is the instrument's; a set of picks is the person's
		}
		b.WriteString("\n")
	}
	return b.String()
}

// answerText is the answer to one item in words.
func (k *Kiosk) answerText(in *questionnaire.Instrument, it questionnaire.Item) string {
	switch it.Type {
	case questionnaire.TypeLikert:
		v := *k.sheet.scale[it.ID]
		sc, _ := in.ScaleByID(it.Scale)
		return pointLabel(v, sc.Labels[v-sc.Min].In(k.lang))
	case questionnaire.TypeValues, questionnaire.TypeReasons:
		var out []string
		for _, id := range *k.sheet.picks[it.ID] {
			label, _ := in.PickLabel(it.Type, id)
			out = append(out, label.In(k.lang))
		}
		return strings.Join(out, ", ")
	default:
		if label, ok := it.OptionLabel(*k.sheet.choice[it.ID], k.lang); ok {
			return label
		}
		return ui.PreferNot.In(k.lang)
	}
}

func (k *Kiosk) reviewView() string {
	status := k.st.Muted.Render(ui.ReviewHelp.In(k.lang))
	line, _ := k.reviewButtons()
	return k.textView() + "\n" + line + "\n" + lipgloss.NewStyle().Width(max(k.width-2, 20)).Render(status)
}

// screenButton is a button of the review or the stored record: a tap on
// its columns presses its key.
type screenButton struct {
	from, to int
	key      rune
}

// reviewButtons are the buttons under the review (on, change) or the
// stored record (save, back), drawn on the line after the text, for a touch
// screen: what enter and e, or enter and b, do.
func (k *Kiosk) reviewButtons() (string, []screenButton) {
	labels := []questionnaire.Text{ui.ButtonContinue, ui.ButtonChange}
	keys := []rune{tea.KeyEnter, 'e'}
	if k.screen == screenStored {
		labels, keys = []questionnaire.Text{ui.ButtonSave, ui.ButtonBack}, []rune{tea.KeyEnter, 'b'}
	}
	var line strings.Builder
	var buttons []screenButton
	for i, l := range labels {
		if i > 0 {
			line.WriteString("   ")
		}
		from := lipgloss.Width(line.String())
		line.WriteString(l.In(k.lang))
		buttons = append(buttons, screenButton{from, lipgloss.Width(line.String()), keys[i]})
	}
	return line.String(), buttons
}

func (k *Kiosk) thanksView() string {
	return "\n" + k.st.Success.Render(k.st.Check+ui.Thanks.In(k.lang)) + "\n\n" + k.afterThanks() + "\n"
}

// afterThanks says what happens next: the kiosk waits for the next person,
// an SSH session closes.
func (k *Kiosk) afterThanks() string {
	if k.cfg.AllowQuit {
		return ui.ThanksDetailSSH.In(k.lang)
	}
	return ui.ThanksDetail.In(k.lang)
}

func (k *Kiosk) minorView() string {
	return "\n" + k.st.Success.Render(ui.MinorThanks.In(k.lang)) + "\n\n" + k.afterThanks() + "\n"
}
