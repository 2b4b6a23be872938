package page

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles are a page's looks. Meaning never rests on colour alone: a cursor
// mark, a tick mark and words carry it too. Colours are the terminal's own
// palette, which each terminal already fits to its background.
type Styles struct {
	Title, Note, Option, Chosen, Error, Muted, Focus  lipgloss.Style
	Cursor, Mark, Blank, Ticked, Unticked, Bar, NoBar string
	Help                                              help.Model
}

// NewStyles returns the coloured styles, or with plain ASCII marks and no
// colour (for screen readers and poor terminals).
func NewStyles(plain bool) *Styles {
	h := help.New()
	if plain {
		h.Styles = help.Styles{}
		h.ShortSeparator = " | "
		h.Ellipsis = "..."
		return &Styles{Cursor: "> ", Mark: "* ", Blank: "  ", Ticked: "[x] ", Unticked: "[ ] ", Bar: "| ", NoBar: "  ", Help: h}
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
		Help:     h,
	}
}

// wrap breaks text to width cells and styles each line.
func wrap(text string, width int, style lipgloss.Style) []string {
	return splitLines(style.Render(lipgloss.Wrap(text, max(width, 10), " ")))
}

func splitLines(s string) []string { return strings.Split(s, "\n") }

// option draws one option of a list behind its mark, wrapped to width with
// the lines after the first indented under it.
func option(mark, label string, width int, style lipgloss.Style) []string {
	indent := lipgloss.Width(mark)
	lines := strings.Split(lipgloss.Wrap(label, max(width-indent, 10), " "), "\n")
	out := make([]string, len(lines))
	for i, l := range lines {
		if i == 0 {
			out[i] = mark + style.Render(l)
		} else {
			out[i] = strings.Repeat(" ", indent) + style.Render(l)
		}
	}
	return out
}
