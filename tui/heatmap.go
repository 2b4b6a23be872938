package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/charmbracelet/x/ansi"
)

// The heatmap (key h on the admin screen): the units in view × the seven
// values and the four headline indices, each cell its figure and band
// letter, coloured by band; a hidden group's cells say why instead.

// heatColumns are the heatmap's columns: a short head and the figure.
var heatColumns = func() []struct {
	head  string
	value func(gs scoring.GroupScores) *scoring.Stat
} {
	type column = struct {
		head  string
		value func(gs scoring.GroupScores) *scoring.Stat
	}
	var cols []column
	for _, v := range questionnaire.CoreValues {
		cols = append(cols, column{strings.ToUpper(v[:1]) + v[1:3], func(gs scoring.GroupScores) *scoring.Stat {
			if gs.Implementation == nil {
				return nil
			}
			st, ok := gs.Implementation.Values[v]
			if !ok {
				return nil
			}
			return &st
		}})
	}
	return append(cols,
		column{"IB", func(gs scoring.GroupScores) *scoring.Stat {
			if gs.Implementation == nil {
				return nil
			}
			return &gs.Implementation.Stat
		}},
		column{"Bud", func(gs scoring.GroupScores) *scoring.Stat { return gs.CultureHealth }},
		column{"Ket", func(gs scoring.GroupScores) *scoring.Stat {
			if gs.Engagement == nil {
				return nil
			}
			return &gs.Engagement.Stat
		}},
		column{"Cit", func(gs scoring.GroupScores) *scoring.Stat {
			if gs.EmployerBranding == nil {
				return nil
			}
			return &gs.EmployerBranding.Stat
		}},
	)
}()

// heatCell is the width of a figure cell (" 46.5C"; 100 is written "100A").
const heatCell = 6

// bandStyle colours a band's cell; the letter is written too.
var bandStyle = map[string]lipgloss.Style{
	scoring.BandA: lipgloss.NewStyle().Foreground(lipgloss.Green),
	scoring.BandB: lipgloss.NewStyle().Foreground(lipgloss.Cyan),
	scoring.BandC: lipgloss.NewStyle().Foreground(lipgloss.Yellow),
	scoring.BandD: lipgloss.NewStyle().Foreground(lipgloss.Red),
}

// heatmap draws the focus group and the units under it.
func (a *Admin) heatmap() string {
	nameWidth := max(a.width-1-len(heatColumns)*heatCell, 10)
	var b strings.Builder
	b.WriteString(pad(adminUI.Unit.In(a.lang), nameWidth))
	for _, c := range heatColumns {
		b.WriteString(fmt.Sprintf("%*s", heatCell, c.head))
	}
	b.WriteByte('\n')
	row := func(marker, unit string) {
		gs := a.group(unit)
		b.WriteString(marker + pad(a.unitName(unit), nameWidth-1))
		for _, c := range heatColumns {
			b.WriteString(a.heatCellOf(gs, c.value))
		}
		b.WriteByte('\n')
	}
	row("Σ", a.focus)
	for i, u := range a.rows() {
		marker := " "
		if i == a.cursor {
			marker = ">"
		}
		row(marker, u)
	}
	b.WriteString("\n" + lipgloss.NewStyle().Faint(true).Width(max(a.width, 20)).Render(adminUI.HeatLegend.In(a.lang)))
	return b.String()
}

// heatCellOf is one cell: the figure and band, "—†"/"—<k" where the group is
// hidden, blank where the group has no such figure.
func (a *Admin) heatCellOf(gs scoring.GroupScores, value func(scoring.GroupScores) *scoring.Stat) string {
	if gs.Suppressed || gs.Scores == nil {
		mark := fmt.Sprintf("—<%d", a.data.Settings.K)
		if complementary(gs) {
			mark = "—†"
		}
		return fmt.Sprintf("%*s", heatCell, mark)
	}
	st := value(gs)
	if st == nil {
		return strings.Repeat(" ", heatCell)
	}
	figure := fmt.Sprintf("%.1f", st.Index)
	if figure == "100.0" {
		figure = "100" // keeps a space between cells
	}
	return bandStyle[st.Band].Render(fmt.Sprintf("%*s", heatCell, figure+st.Band))
}

// pad cuts or fills s to width cells.
func pad(s string, width int) string {
	s = ansi.Truncate(s, width, "…")
	return s + strings.Repeat(" ", max(width-lipgloss.Width(s), 0))
}
