package page

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Outcome says where a key press leaves the page.
type Outcome int

const (
	Stay Outcome = iota // still on this page
	Next                // the last question was answered: the page is done
	Back                // back past the first question
)

// Page is a screen of questions: a lead text (a notice) and fields, one of
// them focused. It draws only what changed: each field is drawn again only
// when its version moved, and the page keeps its whole drawing until a key,
// a paste or a new size arrives.
type Page struct {
	lead    string
	first   bool // nothing comes before this page: no way back
	fields  []Field
	focus   int
	keys    *KeyMap
	st      *Styles
	width   int
	height  int
	top     int    // first content line in view
	message string // one line: an error, or what a wrong key means; "" when none
	drawn   []drawing
	// lines are the page's drawing, one string a screen line; current
	// whether they are the page as it is now (a key, a paste, a new size or
	// focus makes them stale).
	lines   []string
	current bool
	tapAt   []place // what each line of the drawing shows, for taps
	// content and places are Lines' working lines, kept between keys so a
	// key does not allocate them again.
	content []string
	places  []place
	buttons []button // the buttons on the drawing's button row
	// bindings are the keys that work now, filled again on every key.
	bindings []key.Binding
	// helpFor is the key help last laid out, at helpWidth, as helpLines:
	// most keys leave the help as it was.
	helpFor   []key.Help
	helpWidth int
	helpLines []string
}

// button is an on-screen button: a tap on its columns of the button row
// presses its key.
type button struct {
	from, to int // columns, to excluded
	key      tea.KeyPressMsg
}

// buttonRow marks the button row in tapAt.
const buttonRow = -2

// place is a line of a field's drawing; field -1 for any other line.
type place struct{ field, line int }

// drawing is a field's last drawing and what it was drawn for.
type drawing struct {
	lines                  []string // each behind its bar: the focus bar or none
	field                  []string // the field's own lines, lines without the bar
	version, width, height int
	focused, valid         bool
}

// New returns a page of fields focused on the first.
func New(lead string, keys *KeyMap, st *Styles, fields ...Field) *Page {
	return &Page{lead: lead, fields: fields, keys: keys, st: st, width: 80, height: 20, drawn: make([]drawing, len(fields))}
}

// NoWayBack marks the first page of all: shift+tab on its first question
// does nothing, and the help does not offer it.
func (p *Page) NoWayBack() *Page { p.first = true; return p }

// SetSize fits the page to width × height cells.
func (p *Page) SetSize(width, height int) {
	if width != p.width || height != p.height {
		p.width, p.height, p.current = width, height, false
	}
}

// Focused is the field with the focus.
func (p *Page) Focused() Field { return p.fields[p.focus] }

// FocusOn moves the focus to the field with id (kept when there is none).
func (p *Page) FocusOn(id string) {
	for i, f := range p.fields {
		if f.ID() == id {
			p.focus, p.current = i, false
		}
	}
}

// FocusLast moves the focus to the last field (coming back from the next page).
func (p *Page) FocusLast() { p.focus, p.current = len(p.fields)-1, false }

// Say shows message on the page's message line until the next key (a
// refusal that arrived later, such as a code the store did not accept).
func (p *Page) Say(message string) { p.message, p.current = message, false }

// Typing reports whether typed text goes to the focused field.
func (p *Page) Typing() bool { return p.Focused().Typing() }

// Update handles a key press.
func (p *Page) Update(msg tea.KeyPressMsg) Outcome {
	p.current, p.message = false, ""
	f := p.Focused()
	if !f.Typing() && key.Matches(msg, p.keys.Back) {
		if p.focus == 0 && p.first { // not in the help here: said once, as any unlisted key
			p.message = fmt.Sprintf(Texts.WrongKey.In(p.keys.Lang), keyName(msg), Texts.WrongKeyTyping.In(p.keys.Lang))
			return Stay
		}
		if p.focus == 0 {
			return Back
		}
		p.focus--
		return Stay
	}
	result, message := f.Update(msg, p.keys)
	if result == Ignored {
		p.message = fmt.Sprintf(Texts.WrongKey.In(p.keys.Lang), keyName(msg), Texts.WrongKeyTyping.In(p.keys.Lang))
		return Stay
	}
	return p.advance(result, message)
}

// advance moves on from the focused field as a key or tap left it.
func (p *Page) advance(result Result, message string) Outcome {
	switch result {
	case Done:
		if p.focus == len(p.fields)-1 {
			return Next
		}
		p.focus++
	case Refused:
		p.message = message
	}
	return Stay
}

// Tap handles a tap (a touch, or a mouse click) on row and column of the
// page's drawing, 0 its first line: on an option it does what the option's
// number does, focusing its question first; on a button what its key does;
// elsewhere nothing.
func (p *Page) Tap(row, col int) Outcome {
	p.View() // the drawing the tap landed on
	if p.onButtonRow(row) {
		for _, b := range p.buttons {
			// A finger is wider than a cell: a column either side counts
			// (the buttons are three apart), so "[ Next ]" is 10 wide too.
			if col >= b.from-1 && col < b.to+1 {
				return p.Update(b.key)
			}
		}
		return Stay
	}
	if row < 0 || row >= len(p.tapAt) || p.tapAt[row].field < 0 {
		return Stay
	}
	at := p.tapAt[row]
	f, ok := p.fields[at.field].(Tappable)
	if !ok {
		return Stay
	}
	p.current, p.message, p.focus = false, "", at.field
	result, message := f.Tap(at.line, p.keys)
	return p.advance(result, message)
}

// Paste gives pasted text to the focused field.
func (p *Page) Paste(text string) {
	if p.Focused().Paste(text) {
		p.current = false
	}
}

// keyName is how a key is named in a message; unprintable ones by name.
func keyName(msg tea.KeyPressMsg) string {
	if msg.Text != "" && msg.Text != " " {
		return "“" + msg.Text + "”"
	}
	return msg.String()
}

// View draws the page: the part of the content that holds the focused
// field, the message line and the key help, in exactly the page's height.
func (p *Page) View() string { return strings.Join(p.Lines(), "\n") }

// Lines is View's drawing as its lines, for a screen that puts the page
// among lines of its own: nothing is joined only to be split again. The
// slice is the page's own, good until its next change; read it, never keep
// or write it.
func (p *Page) Lines() []string {
	if p.current {
		return p.lines
	}
	var message []string
	if p.message != "" {
		message = wrap(p.message, p.width, p.st.Error)
	}
	if len(message) == 0 {
		message = []string{""} // the message line is always there, so nothing jumps
	}
	message = message[:min(len(message), 2)]
	help := p.help()
	buttons := p.buttonLine()
	area := max(p.height-len(help)-len(message)-1, 3)
	inner := max(p.width-lipgloss.Width(p.st.Bar), 10)
	// Room for a screen at once: a page lives a few keys, and its working
	// lines grown by doubling on every new page were 4 % of the bytes the
	// server allocated at 50 sessions (BENCHMARKS.md, issue 35).
	content, places := slices.Grow(p.content[:0], p.height), slices.Grow(p.places[:0], p.height)
	none := place{field: -1}
	if p.lead != "" {
		content = append(append(content, wrap(p.lead, p.width, p.st.Note)...), "")
	}
	for range content {
		places = append(places, none)
	}
	focusStart, focusEnd := 0, 0
	for i, f := range p.fields {
		if i > 0 {
			content, places = append(content, ""), append(places, none)
		}
		if i == p.focus {
			focusStart = len(content)
		}
		for j, l := range p.drawField(i, f, inner, area) {
			content, places = append(content, l), append(places, place{i, j})
		}
		if i == p.focus {
			focusEnd = len(content)
		}
	}
	total := len(content)
	lines := p.scroll(content, focusStart, focusEnd, area)
	p.tapAt = slices.Grow(p.tapAt[:0], len(lines)+1)
	for r := range lines {
		at := none
		if p.top+r < total {
			at = places[p.top+r]
		}
		p.tapAt = append(p.tapAt, at)
	}
	if total > area { // the marks scroll drew over the first or last line
		if p.top > 0 && p.top < focusStart {
			p.tapAt[0] = none
		}
		if p.top+area < total && p.top+area > focusEnd {
			p.tapAt[area-1] = none
		}
	}
	p.tapAt = append(p.tapAt, place{field: buttonRow})
	p.lines = append(append(append(append(slices.Grow(p.lines[:0], p.height), lines...), buttons), message...), help...)
	p.current = true
	p.content, p.places = content[:0], places[:0]
	return p.lines
}

// onButtonRow reports whether a tap on row lands on the buttons: their own
// row, and — so that a button is three rows high where the page has room —
// the row above when it is blank and the row below when no message is on it.
func (p *Page) onButtonRow(row int) bool {
	buttons := len(p.tapAt) - 1 // View records the button row last
	if buttons < 0 {
		return false
	}
	switch row {
	case buttons:
		return true
	case buttons - 1:
		return row >= 0 && p.tapAt[row].field < 0
	case buttons + 1:
		return p.message == ""
	}
	return false
}

// buttonLine draws the buttons a touch screen needs for what keys do
// besides answering: on to the next question, and back where there is a
// way back. It records where each is, for taps.
func (p *Page) buttonLine() string {
	back := !p.Typing() && (p.focus > 0 || !p.first) // as shift+tab in the help
	drawn := p.st.drawn.buttons.Get(buttonsKey{p.keys.Lang, back}, func() buttonsDrawn {
		var line strings.Builder
		var buttons []button
		add := func(label string, key tea.KeyPressMsg) {
			if line.Len() > 0 {
				line.WriteString("   ")
			}
			from := lipgloss.Width(line.String())
			line.WriteString(label)
			buttons = append(buttons, button{from, from + lipgloss.Width(label), key})
		}
		add(Texts.ButtonNext.In(p.keys.Lang), tea.KeyPressMsg{Code: tea.KeyEnter})
		if back {
			add(Texts.ButtonBack.In(p.keys.Lang), tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
		}
		return buttonsDrawn{p.st.Focus.Render(line.String()), buttons}
	})
	p.buttons = drawn.buttons
	return drawn.line
}

type buttonsKey struct {
	lang string
	back bool
}

// buttonsDrawn is a button line and where its buttons are.
type buttonsDrawn struct {
	line    string
	buttons []button
}

// drawField returns a field's drawing behind its bar, drawing it again
// only when it changed.
func (p *Page) drawField(i int, f Field, width, height int) []string {
	d := &p.drawn[i]
	focused := i == p.focus
	if d.valid && d.version == f.Version() && d.width == width && d.height == height && d.focused == focused {
		return d.lines
	}
	bar := p.st.NoBar
	if focused {
		bar = p.st.Bar
	}
	drawn := f.View(width, height, focused, p.st) // may be kept drawings, shared: not written to
	// A key changes a line or two of the focused field: the others keep the
	// line they had behind the same bar, not put behind it again.
	same := d.valid && d.focused == focused
	lines := d.lines // rewritten in place: each line is read before it is written
	if cap(lines) < len(drawn) {
		lines = make([]string, len(drawn))
	}
	lines = lines[:len(drawn)]
	for j, l := range drawn {
		if same && j < len(d.field) && d.field[j] == l {
			lines[j] = d.lines[j]
			continue
		}
		lines[j] = bar + l
	}
	*d = drawing{lines: lines, field: append(d.field[:0], drawn...), version: f.Version(), width: width, height: height, focused: focused, valid: true}
	return d.lines
}

// scroll picks the area's lines of content so the focused field is in view,
// moving as little as it can from the last position, and marks content cut
// above or below. The lines it returns are content's own, the marks written
// over them: content is Lines' working lines, copied into the drawing.
func (p *Page) scroll(content []string, focusStart, focusEnd, area int) []string {
	if len(content) <= area {
		p.top = 0
		for len(content) < area {
			content = append(content, "")
		}
		return content
	}
	if focusEnd > p.top+area {
		p.top = focusEnd - area
	}
	if focusStart < p.top {
		p.top = focusStart
	}
	if focusStart > 0 && p.top == focusStart && focusEnd-focusStart < area {
		p.top-- // show the line above, so a mark of earlier content fits
	}
	p.top = max(0, min(p.top, len(content)-area))
	view := content[p.top : p.top+area]
	if p.top > 0 && p.top < focusStart {
		view[0] = p.st.Muted.Render(Texts.Earlier.In(p.keys.Lang))
	}
	if p.top+area < len(content) && p.top+area > focusEnd {
		view[area-1] = p.st.Muted.Render(Texts.More.In(p.keys.Lang))
	}
	return view
}

// help is the keys that work now, on one line, or on two when one is too
// narrow: every key that works is listed, none cut off.
func (p *Page) help() []string {
	bindings := p.Focused().Help(p.keys, p.bindings[:0])
	if !p.Typing() && (p.focus > 0 || !p.first) {
		bindings = append(bindings, p.keys.Back)
	}
	bindings = append(bindings, p.keys.Extra...)
	p.bindings = bindings
	if p.sameHelp(bindings) {
		return p.helpLines
	}
	var kept strings.Builder
	fmt.Fprint(&kept, p.width)
	p.helpFor = p.helpFor[:0]
	for _, b := range bindings {
		kept.WriteString("|" + b.Help().Key + " " + b.Help().Desc)
		p.helpFor = append(p.helpFor, b.Help())
	}
	p.helpWidth, p.helpLines = p.width, p.st.helpLines(kept.String(), bindings, p.width)
	return p.helpLines
}

// sameHelp reports whether bindings have the help last laid out, at the
// page's width.
func (p *Page) sameHelp(bindings []key.Binding) bool {
	if p.helpLines == nil || p.helpWidth != p.width || len(bindings) != len(p.helpFor) {
		return false
	}
	for i, b := range bindings {
		if b.Help() != p.helpFor[i] {
			return false
		}
	}
	return true
}

// WrapHelp lays bindings out as help lines of at most width cells, in their
// order, each line as many whole entries as fit: none is cut off.
func WrapHelp(h help.Model, bindings []key.Binding, width int) []string {
	var lines []string
	from := 0
	for i := range bindings {
		if i > from && lipgloss.Width(h.ShortHelpView(bindings[from:i+1])) > width {
			lines = append(lines, h.ShortHelpView(bindings[from:i]))
			from = i
		}
	}
	return append(lines, h.ShortHelpView(bindings[from:]))
}
