package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"
)

// FitTable draws a table at its natural width, or fitted to width when that
// is wider; width ≤ 0 is no limit. It cuts headers wider than their
// column's cells first ("partisipasi" over "42%"); if that is not enough,
// it wraps cells at their spaces, never inside a word ("Berorientasi"), and
// where even that is too wide, inside words of letters only: a figure
// ("-57.6–-38.5", "42%") is always whole on one line. Only a table whose
// widest figures do not fit side by side is left to lipgloss to squeeze,
// which breaks them.
func FitTable(t *table.Table, width int) string {
	out, natural, fitted := fitByHeaders(t, width)
	if fitted {
		return out
	}
	if headers, rows, ok := wrappedAtSpaces(t, width-verticalBorders(t)); ok {
		if out := t.Headers(headers...).Data(table.NewStringData(rows...)).Render(); lipgloss.Width(out) <= width {
			return out
		}
	}
	return squeezed(t, width, natural)
}

// FitRows is FitTable for a table whose every row must stay one line (the
// admin's unit table, whose lines are tapped): headers are cut, then cells,
// each cut marked "…", never wrapped.
func FitRows(t *table.Table, width int) string {
	out, natural, fitted := fitByHeaders(t, width)
	if fitted {
		return out
	}
	return squeezed(t.Wrap(false), width, natural)
}

// fitByHeaders draws t as it is, or with headers cut (shortHeaders), when
// either fits width (fitted); natural is its width as it is.
func fitByHeaders(t *table.Table, width int) (out string, natural int, fitted bool) {
	out = t.Render()
	natural = lipgloss.Width(out)
	if width <= 0 || natural <= width {
		return out, natural, true
	}
	if headers, ok := shortHeaders(t, natural-width); ok {
		return t.Headers(headers...).Render(), natural, true
	}
	return "", natural, false
}

// squeezed has lipgloss fit the table to width.
func squeezed(t *table.Table, width, natural int) string {
	// lipgloss (v2.1.0) decides whether to squeeze by the cells' widths
	// alone, without the borders between them: a table whose cells fit
	// width but whose borders do not is left as wide as it is, and its
	// right edge cut off. Asking for a width its cells alone pass makes it
	// squeeze; the table is then at most that much narrower than width.
	return t.Width(min(width, natural-verticalBorders(t)-1)).Render()
}

// shortHeaders are t's headers cut, a cell at a time from the one that
// stands furthest beyond its column's widest cell, until the table is over
// columns narrower; ok is false when cutting headers down to their cells
// (and to two cells, "p…", where a column is empty) cannot save that much.
func shortHeaders(t *table.Table, over int) (headers []string, ok bool) {
	headers = append([]string(nil), t.GetHeaders()...)
	widths := make([]int, len(headers))
	floor := make([]int, len(headers))
	data := t.GetData()
	for j, h := range headers {
		widths[j] = lipgloss.Width(h)
		floor[j] = min(widths[j], 2)
		for i := range data.Rows() {
			if j < data.Columns() {
				floor[j] = max(floor[j], lipgloss.Width(data.At(i, j)))
			}
		}
	}
	for ; over > 0; over-- {
		widest := -1
		for j := range headers {
			if widths[j] > floor[j] && (widest < 0 || widths[j]-floor[j] > widths[widest]-floor[widest]) {
				widest = j
			}
		}
		if widest < 0 {
			return nil, false
		}
		widths[widest]--
	}
	for j, h := range headers {
		headers[j] = ansi.Truncate(h, widths[j], "…")
	}
	return headers, true
}

// wrappedAtSpaces chooses each column's width and wraps every cell at its
// spaces to it. A column gets at least its longest word holding a digit (a
// figure) and two cells of its header ("p…"); then, a cell at a time in
// turn, what its longest word of letters needs, so that words break only
// where the room runs out; then the rest, to the column wanting most first.
// ok is false when the figures alone need more than room.
func wrappedAtSpaces(t *table.Table, room int) (headers []string, rows [][]string, ok bool) {
	headers = append([]string(nil), t.GetHeaders()...)
	data := t.GetData()
	columns := max(len(headers), data.Columns())
	widths, words, wants := make([]int, columns), make([]int, columns), make([]int, columns)
	for j := range columns {
		if j < len(headers) {
			widths[j] = min(lipgloss.Width(headers[j]), 2)
		}
		for i := range data.Rows() {
			cell := data.At(i, j)
			widths[j] = max(widths[j], longestWord(cell, true))
			words[j] = max(words[j], longestWord(cell, false))
			wants[j] = max(wants[j], lipgloss.Width(cell))
		}
	}
	spare := room
	for _, w := range widths {
		spare -= w
	}
	if spare < 0 {
		return nil, nil, false
	}
	for _, goal := range [][]int{words, wants} {
		for spare > 0 {
			grown := false
			for j := range widths {
				if spare > 0 && widths[j] < goal[j] {
					widths[j]++
					spare--
					grown = true
				}
			}
			if !grown {
				break
			}
		}
	}
	for j := range headers {
		headers[j] = ansi.Truncate(headers[j], widths[j], "…")
	}
	rows = make([][]string, data.Rows())
	for i := range rows {
		rows[i] = make([]string, columns)
		for j := range columns {
			rows[i][j] = wrapAtSpaces(data.At(i, j), widths[j])
		}
	}
	return headers, rows, true
}

// longestWord is the widest a cell's line can be made by breaking it at
// its spaces: its longest word, with the line's indent; with figuresOnly,
// its longest word holding a digit (a word of letters may be broken).
func longestWord(cell string, figuresOnly bool) int {
	longest := 0
	for _, line := range strings.Split(cell, "\n") {
		indent := len(line) - len(strings.TrimLeft(line, " "))
		for _, word := range strings.Fields(line) {
			if !figuresOnly || strings.ContainsAny(word, "0123456789") {
				longest = max(longest, indent+lipgloss.Width(word))
			}
		}
	}
	return longest
}

// wrapAtSpaces breaks each line of cell wider than width at its spaces,
// continuing under the line's indent (a behaviour's "  Kompeten"); ansi.Wrap
// breaks a word only where it is wider than width on its own (letters only,
// by the widths chosen).
func wrapAtSpaces(cell string, width int) string {
	if lipgloss.Width(cell) <= width {
		return cell
	}
	var out []string
	for _, line := range strings.Split(cell, "\n") {
		if lipgloss.Width(line) <= width {
			out = append(out, line)
			continue
		}
		indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
		if len(indent) >= width {
			indent = ""
		}
		for _, part := range strings.Split(ansi.Wrap(strings.TrimLeft(line, " "), width-len(indent), ""), "\n") {
			if part != "" { // a character wider than the column comes after an empty line
				out = append(out, indent+part)
			}
		}
	}
	return strings.Join(out, "\n")
}

// verticalBorders is how many columns of a table's width are its borders.
func verticalBorders(t *table.Table) int {
	n := max(len(t.GetHeaders()), t.GetData().Columns()) - 1
	if !t.GetBorderColumn() {
		n = 0
	}
	for _, edge := range []bool{t.GetBorderLeft(), t.GetBorderRight()} {
		if edge {
			n++
		}
	}
	return n
}
