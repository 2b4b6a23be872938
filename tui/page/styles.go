package page

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// Styles are a page's looks. Meaning never rests on colour alone: a cursor
// mark, a tick mark and words carry it too. Colours are the terminal's own
// palette, which each terminal already fits to its background.
type Styles struct {
	Title, Note, Option, Chosen, Error, Muted, Focus  lipgloss.Style
	Cursor, Mark, Blank, Ticked, Unticked, Bar, NoBar string
	Caret                                             string // where a search's next letter goes
	Help                                              help.Model

	drawn *drawings // kept for reuse, shared by every program of these looks
}

// drawings are options, list entries, titles, help and button lines already
// drawn: the instrument's texts and the keys', never a respondent's answers,
// which must not outlive their session in the server's memory.
// Every program with the same looks shares them: each SSH respondent is a
// new program, and drawing the scale labels, questions and key help afresh
// for each cost a third of what a respondent's keys cost (BENCHMARKS.md,
// issue 35).
type drawings struct {
	options Kept[optionKey, []string] // see option
	entries Kept[entryKey, string]    // see Pick.entry
	titles  Kept[titleKey, []string]  // questions wrapped to a width (see title)
	helps   Kept[string, []string]    // help lines, by keys and width
	muted   Kept[string, string]      // lines in the muted style (see muted)
	buttons Kept[buttonsKey, buttonsDrawn]
}

type titleKey struct {
	text  string
	width int
}

// sharedDrawings are the drawings of the coloured and the plain looks.
var sharedDrawings = [2]*drawings{{}, {}}

// Kept keeps drawings by what they depend on, for every session of the
// process: sessions run side by side, so a lock guards them. A drawing
// handed out is shared: callers copy it to change it.
type Kept[K comparable, D any] struct {
	mu   sync.Mutex
	kept map[K]D
}

// maxKept bounds the drawings a Kept holds (an instrument has a few hundred
// labels and questions; a resize starts them again).
const maxKept = 4000

// Keys lists what is kept, in no order (for tests: that no respondent's
// answers are among it).
func (k *Kept[K, D]) Keys() []K {
	k.mu.Lock()
	defer k.mu.Unlock()
	return slices.Collect(maps.Keys(k.kept))
}

// Get returns the drawing kept under key, or draws it with draw and keeps
// it.
func (k *Kept[K, D]) Get(key K, draw func() D) D {
	k.mu.Lock()
	drawing, ok := k.kept[key]
	k.mu.Unlock()
	if ok {
		return drawing
	}
	drawing = draw() // outside the lock: other sessions draw meanwhile
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.kept == nil || len(k.kept) >= maxKept {
		k.kept = map[K]D{}
	}
	k.kept[key] = drawing
	return drawing
}

// NewStyles returns the coloured styles, or with plain ASCII marks and no
// colour (for screen readers and poor terminals).
func NewStyles(plain bool) *Styles {
	h := help.New()
	if plain {
		h.Styles = help.Styles{}
		h.ShortSeparator = " | "
		h.Ellipsis = "..."
		return &Styles{Cursor: "> ", Mark: "* ", Blank: "  ", Ticked: "[x] ", Unticked: "[ ] ", Bar: "| ", NoBar: "  ", Caret: "_", Help: h,
			drawn: sharedDrawings[1]}
	}
	accent := lipgloss.Magenta
	h.Styles = help.Styles{ShortKey: lipgloss.NewStyle().Bold(true), ShortDesc: lipgloss.NewStyle().Faint(true),
		ShortSeparator: lipgloss.NewStyle().Faint(true), Ellipsis: lipgloss.NewStyle().Faint(true)}
	return &Styles{
		Title:    lipgloss.NewStyle().Bold(true),
		Note:     lipgloss.NewStyle(),
		Chosen:   lipgloss.NewStyle().Foreground(lipgloss.Green).Bold(true),
		Error:    lipgloss.NewStyle().Foreground(lipgloss.Red).Bold(true),
		Muted:    lipgloss.NewStyle().Faint(true),
		Focus:    lipgloss.NewStyle().Foreground(accent),
		Cursor:   lipgloss.NewStyle().Foreground(accent).Render("❯ "),
		Mark:     lipgloss.NewStyle().Foreground(lipgloss.Green).Render("● "),
		Blank:    "  ",
		Ticked:   lipgloss.NewStyle().Foreground(lipgloss.Green).Render("[✓] "),
		Unticked: "[ ] ",
		Bar:      lipgloss.NewStyle().Foreground(accent).Render("┃ "),
		NoBar:    "  ",
		Caret:    "▏",
		Help:     h,
		drawn:    sharedDrawings[0],
	}
}

// title is a question wrapped to width cells in the title's style, kept.
func (st *Styles) title(text string, width int) []string {
	return st.drawn.titles.Get(titleKey{text, width}, func() []string { return wrap(text, width, st.Title) })
}

// muted is text in the muted style, kept: a list's status line ("3 of 10
// ticked · 1–19 of 66") changes with every key, the same way for everyone.
// Never text a respondent typed or chose: what is kept outlives the session.
func (st *Styles) muted(text string) string {
	return st.drawn.muted.Get(text, func() string { return st.Muted.Render(text) })
}

// helpLines are bindings' help laid out to width, kept under key (the
// bindings and the width).
func (st *Styles) helpLines(key string, bindings []key.Binding, width int) []string {
	return st.drawn.helps.Get(key, func() []string { return WrapHelp(st.Help, bindings, width) })
}

// wrap breaks text to width cells and styles each line.
func wrap(text string, width int, style lipgloss.Style) []string {
	return splitLines(style.Render(lipgloss.Wrap(text, max(width, 10), " ")))
}

func splitLines(s string) []string { return strings.Split(s, "\n") }

// option draws one option behind mark: its label wrapped to width in the
// style of a chosen or other option, the lines after the first indented
// under the mark. The drawings are kept with their mark (the scale labels
// repeat on every page and for every respondent), so a key that moves a
// cursor draws nothing again; the lines handed out are shared, not to be
// written to.
func (st *Styles) option(label string, chosen bool, mark string, width int) []string {
	return st.drawn.options.Get(optionKey{label, mark, chosen, width}, func() []string {
		style := st.Option
		if chosen {
			style = st.Chosen
		}
		indent := lipgloss.Width(mark)
		body := strings.Split(lipgloss.Wrap(label, max(width-indent, 10), " "), "\n")
		for i, l := range body {
			body[i] = style.Render(l)
			if i > 0 {
				body[i] = strings.Repeat(" ", indent) + body[i]
			}
		}
		body[0] = mark + body[0]
		return body
	})
}

type optionKey struct {
	label, mark string
	chosen      bool
	width       int
}

// entryKey is what a list entry's drawing depends on (see Pick.entry).
type entryKey struct {
	label  string
	ticked bool
	width  int
}
