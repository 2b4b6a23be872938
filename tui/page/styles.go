package page

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles are a page's looks. Meaning never rests on colour alone: a cursor
// mark, a tick mark and words carry it too. Colours are the terminal's own
// palette, which each terminal already fits to its background. Styles keep
// drawings for reuse, so one program's pages share them and programs running
// side by side do not.
type Styles struct {
	Title, Note, Option, Chosen, Error, Muted, Focus  lipgloss.Style
	Cursor, Mark, Blank, Ticked, Unticked, Bar, NoBar string
	Caret                                             string // where a search's next letter goes
	Help                                              help.Model

	options map[optionKey][]string // options drawn (see option)
	helps   map[string][]string    // help lines drawn, by keys and width
}

// NewStyles returns the coloured styles, or with plain ASCII marks and no
// colour (for screen readers and poor terminals).
func NewStyles(plain bool) *Styles {
	h := help.New()
	if plain {
		h.Styles = help.Styles{}
		h.ShortSeparator = " | "
		h.Ellipsis = "..."
		return &Styles{Cursor: "> ", Mark: "* ", Blank: "  ", Ticked: "[x] ", Unticked: "[ ] ", Bar: "| ", NoBar: "  ", Caret: "_", Help: h}
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
	}
}

// wrap breaks text to width cells and styles each line.
func wrap(text string, width int, style lipgloss.Style) []string {
	return splitLines(style.Render(lipgloss.Wrap(text, max(width, 10), " ")))
}

func splitLines(s string) []string { return strings.Split(s, "\n") }

// option draws one option behind mark: its label wrapped to width in the
// style of a chosen or other option, the lines after the first indented
// under the mark. The drawings are kept (in the Styles, so every page of a
// session shares them: the scale labels repeat on every page), so a key that
// moves a cursor styles nothing again.
func (st *Styles) option(label string, chosen bool, mark string, width int) []string {
	key := optionKey{label, chosen, width, lipgloss.Width(mark)}
	body, ok := st.options[key]
	if !ok {
		style := st.Option
		if chosen {
			style = st.Chosen
		}
		body = strings.Split(lipgloss.Wrap(label, max(width-key.indent, 10), " "), "\n")
		for i, l := range body {
			body[i] = style.Render(l)
			if i > 0 {
				body[i] = strings.Repeat(" ", key.indent) + body[i]
			}
		}
		if st.options == nil || len(st.options) > maxKeptOptions {
			st.options = map[optionKey][]string{}
		}
		st.options[key] = body
	}
	out := make([]string, len(body))
	copy(out, body)
	out[0] = mark + out[0]
	return out
}

// maxKeptOptions bounds the drawings kept (an instrument has a few hundred
// labels; a resize starts them again).
const maxKeptOptions = 2000

type optionKey struct {
	label         string
	chosen        bool
	width, indent int
}
