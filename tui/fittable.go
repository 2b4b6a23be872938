package tui

import (
	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
)

// FitTable draws a table at its natural width, or squeezed to width when
// that is wider (lipgloss then wraps its cells); width ≤ 0 is no limit.
func FitTable(t *table.Table, width int) string {
	out := t.Render()
	natural := lipgloss.Width(out)
	if width <= 0 || natural <= width {
		return out
	}
	// lipgloss (v2.1.0) decides whether to squeeze by the cells' widths
	// alone, without the borders between them: a table whose cells fit
	// width but whose borders do not is left as wide as it is, and its
	// right edge cut off. Asking for a width its cells alone pass makes it
	// squeeze; the table is then at most that much narrower than width.
	return t.Width(min(width, natural-verticalBorders(t)-1)).Render()
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
