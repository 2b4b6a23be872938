package tui

import (
	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"
)

// FitTable draws a table at its natural width, or fitted to width when that
// is wider; width ≤ 0 is no limit. It first cuts headers wider than their
// column's cells ("partisipasi" over "42%"), so that every figure is drawn
// whole; only if that is not enough does lipgloss squeeze the table, which
// wraps cells.
func FitTable(t *table.Table, width int) string {
	out := t.Render()
	natural := lipgloss.Width(out)
	if width <= 0 || natural <= width {
		return out
	}
	if headers, ok := shortHeaders(t, natural-width); ok {
		return t.Headers(headers...).Render()
	}
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
