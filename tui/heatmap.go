package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/charmbracelet/x/ansi"
)

// The heatmap (key h on the admin screen): the units in view × the seven
// values and the four headline indices, each cell its figure and band
// letter, coloured by band; a hidden group's cells say why instead.

// heatHead is a column's short head; the legend says what each means.
func heatHead(column string) string {
	switch column {
	case "implementation":
		return "IB"
	case "culture_health":
		return "Bud"
	case "engagement":
		return "Ket"
	case "employer_branding":
		return "Cit"
	}
	v := strings.TrimPrefix(column, "implementation.")
	return strings.ToUpper(v[:1]) + v[1:3]
}

// heatCell is the width of a figure cell (" 46.5C"; 100 is written "100A").
const heatCell = 6

// bandStyle colours a band's cell; the letter is written too.
var bandStyle = map[string]lipgloss.Style{
	scoring.BandA: lipgloss.NewStyle().Foreground(lipgloss.Green),
	scoring.BandB: lipgloss.NewStyle().Foreground(lipgloss.Cyan),
	scoring.BandC: lipgloss.NewStyle().Foreground(lipgloss.Yellow),
	scoring.BandD: lipgloss.NewStyle().Foreground(lipgloss.Red),
}

// heatNameWidth is the least room the unit column keeps.
const heatNameWidth = 10

// heatmap draws the focus group and the units under it: the columns that
// fit whole, the rest named below. The screen's edge had cut a column's
// figure, and "55.5B 5" showed a 5 that was the first digit of 53.0.
func (a *Admin) heatmap() string {
	columns := scoring.HeatmapColumns
	if fit := max((a.width-1-heatNameWidth)/heatCell, 1); fit < len(columns) {
		columns = columns[:fit]
	}
	nameWidth := max(a.width-1-len(columns)*heatCell, heatNameWidth)
	var b strings.Builder
	b.WriteString(pad(adminUI.Unit.In(a.lang), nameWidth))
	for _, c := range columns {
		b.WriteString(fmt.Sprintf("%*s", heatCell, heatHead(c)))
	}
	b.WriteByte('\n')
	row := func(marker, unit string) {
		heat := scoring.HeatRowOf(a.group(unit))
		b.WriteString(marker + pad(a.unitLabel(unit, nameWidth-2), nameWidth-1))
		for _, c := range columns {
			b.WriteString(a.heatCellOf(heat, c))
		}
		b.WriteByte('\n')
	}
	a.eachRow(row)
	if note := a.rowsNote(); note != "" {
		b.WriteString(note + "\n")
	}
	if left := scoring.HeatmapColumns[len(columns):]; len(left) > 0 {
		heads := make([]string, len(left))
		for i, c := range left {
			heads[i] = heatHead(c)
		}
		b.WriteString(a.paragraph(fmt.Sprintf(adminUI.HeatLeftOut.In(a.lang), strings.Join(heads, " "))) + "\n")
	}
	b.WriteString("\n" + lipgloss.NewStyle().Faint(true).Width(max(a.width, 20)).Render(adminUI.HeatLegend.In(a.lang)))
	return b.String()
}

// heatCellOf is one cell: the figure and band, "—†"/"—<k" where the group
// is hidden, blank where the group has no such figure.
func (a *Admin) heatCellOf(heat scoring.HeatRow, column string) string {
	switch heat.Hidden {
	case scoring.HiddenComplementary:
		return fmt.Sprintf("%*s", heatCell, "—†")
	case scoring.HiddenSmall:
		return fmt.Sprintf("%*s", heatCell, fmt.Sprintf("—<%d", a.data.Settings.K))
	}
	cell, ok := heat.Cells[column]
	if !ok {
		return strings.Repeat(" ", heatCell)
	}
	figure := fmt.Sprintf("%.1f", cell.Index)
	if figure == "100.0" {
		figure = "100" // keeps a space between cells
	}
	return bandStyle[cell.Band].Render(fmt.Sprintf("%*s", heatCell, figure+cell.Band))
}

// pad cuts or fills s to width cells.
func pad(s string, width int) string {
	s = ansi.Truncate(s, width, "…")
	return s + strings.Repeat(" ", max(width-lipgloss.Width(s), 0))
}
