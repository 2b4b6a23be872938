package page

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// Entry is a question answered by typing a short text: a participation
// code, or a PIN (masked). Check says what is wrong with the text, or "".
type Entry struct {
	id, title, note string
	input           textinput.Model
	value           *string
	check           func(string) string
	version         int
}

// NewEntry returns a text entry of at most limit characters; masked hides
// what is typed. check runs on enter.
func NewEntry(id, title, note string, limit int, masked bool, value *string, check func(string) string) *Entry {
	in := textinput.New()
	in.CharLimit = limit
	in.Prompt = "> "
	if masked {
		in.EchoMode = textinput.EchoPassword
	}
	st := textinput.DefaultStyles(true)
	st.Cursor.Blink = false // a blinking cursor wakes the program twice a second
	in.SetStyles(st)
	in.SetValue(*value)
	in.Focus()
	return &Entry{id: id, title: title, note: note, input: in, value: value, check: check}
}

// ID implements Field.
func (e *Entry) ID() string { return e.id }

// Version implements Field.
func (e *Entry) Version() int { return e.version }

// Typing implements Field: every key types.
func (e *Entry) Typing() bool { return true }

// Paste implements Field.
func (e *Entry) Paste(text string) bool {
	e.input, _ = e.input.Update(tea.PasteMsg{Content: text})
	e.changed()
	return true
}

func (e *Entry) changed() {
	*e.value = e.input.Value()
	e.version++
}

// Update implements Field.
func (e *Entry) Update(msg tea.KeyPressMsg, keys *KeyMap) (Result, string) {
	if key.Matches(msg, keys.Next) {
		if problem := e.check(e.input.Value()); problem != "" {
			return Refused, problem
		}
		return Done, ""
	}
	if msg.Text == "" && key.Matches(msg, keys.Up, keys.Down, keys.PageUp, keys.PageDown, keys.Cancel) {
		// A line of text has nothing above, below or to cancel: say so, as
		// elsewhere. (Typed letters, j and k among them, are the code's.)
		return Ignored, ""
	}
	e.input, _ = e.input.Update(msg) // no blink, so no command
	e.changed()
	return Handled, ""
}

// View implements Field.
func (e *Entry) View(width, height int, focused bool, st *Styles) []string {
	lines := wrap(e.title, width, st.Title)
	if e.note != "" {
		lines = append(lines, wrap(e.note, width, st.Muted)...)
	}
	e.input.SetWidth(max(width-4, 8))
	return append(lines, e.input.View())
}

// Help implements Field.
func (e *Entry) Help(keys *KeyMap, help []key.Binding) []key.Binding {
	return append(help, keys.Next)
}
