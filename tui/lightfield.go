package tui

import (
	"errors"
	"io"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// lightField is what the kiosk's own huh fields (scaleField, pickField)
// share: key, focus, theme, width and the kept drawing, and the methods huh
// asks for that mean nothing here. self is the field it is embedded in, which
// huh's With… methods must return.
type lightField struct {
	self    huh.Field
	key     string
	focused bool
	width   int
	theme   huh.Theme
	dark    bool
	view    string // the last drawing; "" when it must be drawn again
	frames  map[string]string
}

// framed returns a part of the field (one or more lines) drawn inside the
// theme's frame (Base: a left border, the field's width), once per content
// and focus: a key press changes a line or two, and framing the whole field
// again through lipgloss was most of a key press. key names the content.
func (l *lightField) framed(key string, draw func() string) string {
	if l.frames == nil {
		l.frames = map[string]string{}
	}
	if l.focused {
		key = "f" + key
	} else {
		key = "b" + key
	}
	if s, ok := l.frames[key]; ok {
		return s
	}
	s := l.styles().Base.Width(l.width).Render(draw())
	l.frames[key] = s
	return s
}

// redraw forgets every drawing: the width, theme or colours changed.
func (l *lightField) redraw() { l.view, l.frames = "", nil }

func (l *lightField) styles() *huh.FieldStyles {
	theme := l.theme
	if theme == nil {
		theme = newTheme(false)
	}
	if l.focused {
		return &theme.Theme(l.dark).Focused
	}
	return &theme.Theme(l.dark).Blurred
}

// background notes the terminal's background; it changes the colours.
func (l *lightField) background(msg tea.BackgroundColorMsg) { l.dark = msg.IsDark(); l.redraw() }

// Init implements huh.Field.
func (l *lightField) Init() tea.Cmd { return nil }

// Focus implements huh.Field.
func (l *lightField) Focus() tea.Cmd { l.focused, l.view = true, ""; return nil }

// Blur implements huh.Field.
func (l *lightField) Blur() tea.Cmd { l.focused, l.view = false, ""; return nil }

var errStandalone = errors.New("this field runs inside the kiosk's forms only")

// Run implements huh.Field; the field is not used on its own.
func (l *lightField) Run() error { return errStandalone }

// RunAccessible implements huh.Field; the field is not used on its own.
func (l *lightField) RunAccessible(io.Writer, io.Reader) error { return errStandalone }

// Skip implements huh.Field.
func (l *lightField) Skip() bool { return false }

// Zoom implements huh.Field.
func (l *lightField) Zoom() bool { return false }

// WithTheme implements huh.Field.
func (l *lightField) WithTheme(t huh.Theme) huh.Field { l.theme = t; l.redraw(); return l.self }

// WithKeyMap implements huh.Field; the fields' keys are fixed.
func (l *lightField) WithKeyMap(*huh.KeyMap) huh.Field { return l.self }

// WithWidth implements huh.Field.
func (l *lightField) WithWidth(w int) huh.Field {
	if w != l.width {
		l.width = w
		l.redraw()
	}
	return l.self
}

// WithHeight implements huh.Field; the fields keep their own height.
func (l *lightField) WithHeight(int) huh.Field { return l.self }

// WithPosition implements huh.Field.
func (l *lightField) WithPosition(huh.FieldPosition) huh.Field { return l.self }

// GetKey implements huh.Field.
func (l *lightField) GetKey() string { return l.key }
