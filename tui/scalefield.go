package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// scaleField is a huh field for one point on a numeric scale. It looks like
// a huh Select but draws itself only when something changed: huh lays out
// every field of the page on every message, and a Select renders each of
// its options through lipgloss every time, which made a key press cost
// milliseconds and capped how many SSH respondents two cores can serve.
type scaleField struct {
	lightField
	title  string
	labels []string // one per point, number first ("3 · Sering")
	min    int
	value  *int
	cursor int
}

func newScaleField(key, title string, labels []string, low int, value *int) *scaleField {
	f := &scaleField{lightField: lightField{key: key}, title: title, labels: labels, min: low, value: value}
	f.self = f
	f.cursor = max(0, min(*value-low, len(labels)-1))
	return f
}

// set answers the question and moves the cursor there.
func (f *scaleField) set(v int) {
	*f.value = v
	f.cursor = v - f.min
	f.view = ""
}

func (f *scaleField) move(to int) {
	f.set(f.min + max(0, min(to, len(f.labels)-1)))
}

// Update implements huh.Field: arrows move, enter and tab go on, shift+tab
// goes back (the kiosk does navigation itself; these serve other callers).
func (f *scaleField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		f.background(msg)
	case tea.KeyPressMsg:
		switch msg.String() {
		case "up", "k", "left":
			f.move(f.cursor - 1)
		case "down", "j", "right":
			f.move(f.cursor + 1)
		case "home", "g":
			f.move(0)
		case "end", "G":
			f.move(len(f.labels) - 1)
		case "enter", "tab":
			return f, huh.NextField
		case "shift+tab":
			return f, huh.PrevField
		}
	}
	return f, nil
}

// View implements huh.Field; the drawing is kept until something changes.
func (f *scaleField) View() string {
	if f.view != "" {
		return f.view
	}
	st := f.styles()
	cursor := st.SelectSelector.String()
	pad := strings.Repeat(" ", lipgloss.Width(cursor))
	width := f.width - st.Base.GetHorizontalFrameSize()
	var b strings.Builder
	b.WriteString(st.Title.Render(lipgloss.Wrap(f.title, max(width, 10), " ")))
	for i, l := range f.labels {
		b.WriteByte('\n')
		if i == f.cursor {
			b.WriteString(cursor + st.SelectedOption.Render(l))
		} else {
			b.WriteString(pad + st.UnselectedOption.Render(l))
		}
	}
	f.view = st.Base.Width(f.width).Render(b.String())
	return f.view
}

// Error implements huh.Field: a scale always has an answer.
func (f *scaleField) Error() error { return nil }

var scaleKeys = []key.Binding{
	key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
	key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
	key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "select")),
}

// KeyBinds implements huh.Field.
func (f *scaleField) KeyBinds() []key.Binding { return scaleKeys }

// GetValue implements huh.Field.
func (f *scaleField) GetValue() any { return *f.value }
