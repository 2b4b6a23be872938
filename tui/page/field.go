// Package page draws one page of the survey: its questions, a cursor, the
// keys that work there and their help in the respondent's language. It is
// the kiosk's own model rather than a huh form: a page draws only what a key
// changed, fits itself to the terminal with scrolling inside the page, and
// never starts a question on an answer that ends or changes the survey.
package page

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Result says what a key did to a field.
type Result int

const (
	Ignored Result = iota // the key means nothing here: the page says so
	Handled               // the field took the key (it may have changed)
	Done                  // the question is answered: go to the next one
	Refused               // the key was understood but not allowed; see the message
)

// Field is one question of a page.
type Field interface {
	// ID names the question.
	ID() string
	// Update handles a key press while the field has the focus; with
	// Refused it returns the message to show.
	Update(msg tea.KeyPressMsg, keys *KeyMap) (Result, string)
	// Paste takes pasted text (already cleaned and capped by the caller),
	// reporting whether the field took it.
	Paste(text string) bool
	// View draws the field in at most height lines of width cells. The
	// slice is the field's own and holds only until its next View (a key
	// draws into the same one again), and its lines may be kept drawings,
	// shared: the caller copies what it keeps and writes to none of it.
	View(width, height int, focused bool, st *Styles) []string
	// Version changes whenever the drawing would change for the same size
	// and focus, so the page redraws a field only after it changed.
	Version() int
	// Help appends the keys that work on the field now, for the help line,
	// to help (a page fills one slice again on every key).
	Help(keys *KeyMap, help []key.Binding) []key.Binding
	// Typing reports whether typed text goes to the field (a search, a
	// code): the page's own keys then stay out of its way.
	Typing() bool
}

// Tappable is a field that takes a tap — a touch screen's, which a terminal
// reports as a mouse click — on a line of its last drawing: the same as the
// number key of the option drawn there.
type Tappable interface {
	Tap(line int, keys *KeyMap) (Result, string)
}
