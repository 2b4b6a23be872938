package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// pickField is a huh field for picking several entries of a list (the values
// catalogue, the reasons). Like scaleField it draws itself only when
// something changed and draws only the lines in view: a huh MultiSelect drew
// all 66 values on every message, three times, and most of a survey's key
// presses are made on these pages.
type pickField struct {
	lightField
	title, hint     string
	ids, labels     []string // in list order; labels are numbered
	value           *[]string
	picked          map[string]bool
	limit, minimum  int
	tooFew, tooMany func(n int) string // messages in the respondent's language

	cursor    int   // index into shown
	shown     []int // indices of ids that pass the filter
	offset    int   // first shown line in view
	height    int   // option lines in view
	filter    string
	filtering bool
	err       string
}

func newPickField(key, title, hint string, ids, labels []string, value *[]string, minimum, limit, height int, tooFew, tooMany func(int) string) *pickField {
	f := &pickField{lightField: lightField{key: key}, title: title, hint: hint, ids: ids, labels: labels, value: value,
		picked: map[string]bool{}, minimum: minimum, limit: limit, height: height, tooFew: tooFew, tooMany: tooMany}
	f.self = f
	for _, id := range *value {
		f.picked[id] = true
	}
	f.applyFilter()
	return f
}

// applyFilter lists the entries whose label holds the filter text.
func (f *pickField) applyFilter() {
	f.shown = f.shown[:0]
	needle := strings.ToLower(f.filter)
	for i, l := range f.labels {
		if needle == "" || strings.Contains(strings.ToLower(l), needle) {
			f.shown = append(f.shown, i)
		}
	}
	f.cursor, f.offset, f.view = 0, 0, ""
}

func (f *pickField) moveCursor(to int) {
	f.cursor = max(0, min(to, len(f.shown)-1))
	if f.cursor < f.offset {
		f.offset = f.cursor
	}
	if f.cursor >= f.offset+f.height {
		f.offset = f.cursor - f.height + 1
	}
	f.view = ""
}

// toggle picks or drops the entry under the cursor, within the limit.
func (f *pickField) toggle() {
	if len(f.shown) == 0 {
		return
	}
	id := f.ids[f.shown[f.cursor]]
	if !f.picked[id] && len(*f.value) >= f.limit {
		f.err = f.tooMany(len(*f.value))
		return
	}
	f.picked[id] = !f.picked[id]
	picks := (*f.value)[:0:0]
	for _, i := range f.ids { // keep list order
		if f.picked[i] {
			picks = append(picks, i)
		}
	}
	*f.value = picks
}

// validate is the message for a wrong number of picks, or "".
func (f *pickField) validate() string {
	switch n := len(*f.value); {
	case n < f.minimum:
		return f.tooFew(n)
	case n > f.limit:
		return f.tooMany(n)
	}
	return ""
}

// GetFiltering reports whether typed text goes to the filter.
func (f *pickField) GetFiltering() bool { return f.filtering }

// Update implements huh.Field.
func (f *pickField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		f.background(msg)
	case tea.PasteMsg:
		if f.filtering {
			f.filter += msg.Content
			f.applyFilter()
		}
	case tea.KeyPressMsg:
		f.view, f.err = "", ""
		if f.filtering {
			f.filterKey(msg)
			return f, nil
		}
		switch msg.String() {
		case "/":
			f.filtering, f.filter = true, ""
			f.applyFilter()
		case "esc":
			f.filter = ""
			f.applyFilter()
		case "up", "k":
			f.moveCursor(f.cursor - 1)
		case "down", "j":
			f.moveCursor(f.cursor + 1)
		case "home", "g":
			f.moveCursor(0)
		case "end", "G":
			f.moveCursor(len(f.shown) - 1)
		case "pgup":
			f.moveCursor(f.cursor - f.height)
		case "pgdown":
			f.moveCursor(f.cursor + f.height)
		case "space", "x":
			f.toggle()
		case "enter", "tab":
			if f.err = f.validate(); f.err == "" {
				return f, huh.NextField
			}
		case "shift+tab":
			return f, huh.PrevField
		}
	}
	return f, nil
}

// filterKey edits the filter; enter keeps it, esc drops it.
func (f *pickField) filterKey(msg tea.KeyPressMsg) {
	switch msg.String() {
	case "enter":
		f.filtering = false
		if len(f.shown) == 0 {
			f.filter = ""
			f.applyFilter()
		}
	case "esc":
		f.filtering, f.filter = false, ""
		f.applyFilter()
	case "backspace":
		if r := []rune(f.filter); len(r) > 0 {
			f.filter = string(r[:len(r)-1])
			f.applyFilter()
		}
	case "up":
		f.moveCursor(f.cursor - 1)
	case "down":
		f.moveCursor(f.cursor + 1)
	default:
		if msg.Text != "" {
			f.filter += msg.Text
			f.applyFilter()
		}
	}
}

// View implements huh.Field: the title (or the filter), the lines in view,
// and a message when the number of picks is wrong.
func (f *pickField) View() string {
	if f.view != "" {
		return f.view
	}
	st := f.styles()
	width := max(f.width-st.Base.GetHorizontalFrameSize(), 10)
	lines := make([]string, 0, f.height+3)
	lines = append(lines, f.framed("title|"+fmt.Sprint(f.filtering)+"|"+f.filter, func() string {
		switch {
		case f.filtering:
			return st.Title.Render("/" + f.filter)
		case f.filter != "":
			return st.Title.Render(lipgloss.Wrap(f.title, width, " ")) + st.Description.Render(" /"+f.filter)
		}
		return st.Title.Render(lipgloss.Wrap(f.title, width, " "))
	}))
	lines = append(lines, f.framed("hint", func() string { return st.Description.Render(lipgloss.Wrap(f.hint, width, " ")) }))
	for line := f.offset; line < min(f.offset+f.height, len(f.shown)); line++ {
		i := f.shown[line]
		here, picked := line == f.cursor && f.focused, f.picked[f.ids[i]]
		lines = append(lines, f.framed(fmt.Sprint(i, here, picked), func() string {
			mark := strings.Repeat(" ", lipgloss.Width(st.MultiSelectSelector.String()))
			if here {
				mark = st.MultiSelectSelector.String()
			}
			if picked {
				return mark + st.SelectedPrefix.String() + st.SelectedOption.Render(f.labels[i])
			}
			return mark + st.UnselectedPrefix.String() + st.UnselectedOption.Render(f.labels[i])
		}))
	}
	for range f.height - (min(f.offset+f.height, len(f.shown)) - f.offset) {
		lines = append(lines, f.framed("", func() string { return "" }))
	}
	if f.err != "" {
		lines = append(lines, st.Base.Width(f.width).Render(st.ErrorMessage.Render("* "+f.err)))
	}
	f.view = strings.Join(lines, "\n")
	return f.view
}

// Blur implements huh.Field; leaving the list ends a filter being typed.
func (f *pickField) Blur() tea.Cmd { f.filtering = false; return f.lightField.Blur() }

// Error implements huh.Field.
func (f *pickField) Error() error {
	if f.err != "" {
		return fmt.Errorf("%s", f.err)
	}
	return nil
}

var pickKeys = []key.Binding{
	key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "toggle")),
	key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
	key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
	key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
	key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm")),
}

// KeyBinds implements huh.Field.
func (f *pickField) KeyBinds() []key.Binding { return pickKeys }

// GetValue implements huh.Field.
func (f *pickField) GetValue() any { return *f.value }
