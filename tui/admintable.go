package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// The admin screen's first view of the unit in view: the table of its units
// (a window of rows that follows the cursor), its values against their
// targets and its top-10 values.

// unitTable lists the focus group and the units under it.
func (a *Admin) unitTable() string { return a.unitTableWith(0) }

// unitTableWith draws the table with unit labels of at most nameWidth
// cells (0: as long as they are).
func (a *Admin) unitTableWith(nameWidth int) string {
	t := table.New().Border(lipgloss.NormalBorder()).
		Headers("", adminUI.Unit.In(a.lang), "n", adminUI.Staff.In(a.lang), adminUI.Rate.In(a.lang), "BerAKHLAK",
			adminUI.CultureHealth.In(a.lang), adminUI.Engagement.In(a.lang), adminUI.Branding.In(a.lang))
	protected := false // a row hidden by the complementary rule needs the legend
	longest := 0       // the widest unit label
	add := func(marker, unit string) {
		gs := a.group(unit)
		protected = protected || complementary(gs)
		asn := a.data.Groups.Count(unit, questionnaire.AudienceASN)
		n := asn + a.data.Groups.Count(unit, questionnaire.AudiencePublic)
		label := a.unitName(unit)
		if nameWidth > 0 {
			label = a.unitLabel(unit, nameWidth)
		}
		longest = max(longest, lipgloss.Width(label))
		row := []string{marker, label, fmt.Sprint(n), "", "", "", "", "", ""}
		if gs.Headcount > 0 {
			row[3] = fmt.Sprint(gs.Headcount)
			row[4] = fmt.Sprintf("%.0f%%", 100*float64(asn)/float64(gs.Headcount))
		}
		if gs.Suppressed || gs.Scores == nil {
			row[5] = SuppressedCell(gs, a.data.Settings.K)
		} else {
			copy(row[5:], HeadlineCells(gs))
		}
		t.Row(row...)
	}
	a.eachRow(add)
	if len(a.rows()) > 0 { // the focus's own respondents, so its children and this add up
		direct := a.data.Groups.Direct(a.focus, questionnaire.AudienceASN) + a.data.Groups.Direct(a.focus, questionnaire.AudiencePublic)
		if direct > 0 {
			format := adminUI.DirectlyIn.In(a.lang)
			label := fmt.Sprintf(format, a.unitName(a.focus))
			if nameWidth > 0 { // cut like the units' labels, so that the table fits; the id's end stays
				label = fmt.Sprintf(format, a.unitLabel(a.focus, max(nameWidth-lipgloss.Width(fmt.Sprintf(format, "")), 2)))
			}
			longest = max(longest, lipgloss.Width(label))
			t.Row(" ", label, fmt.Sprint(direct), "", "", "·", "", "", "")
		}
	}
	out := t.Render()
	if over := lipgloss.Width(out) - a.width; over > 0 && nameWidth == 0 {
		// Too wide: the unit column gives the room, names cut before ids.
		return a.unitTableWith(max(longest-over, 8))
	}
	// A row a line (its line is tapped): on a screen too narrow even for
	// the figures a cell is cut ("25…"), where wrapped, the 2 of 255 on a
	// line of its own had read as a count of 2.
	out = FitRows(t, a.width)
	if note := a.rowsNote(); note != "" {
		out += "\n" + note
	}
	if !protected {
		return out
	}
	return out + "\n" + lipgloss.NewStyle().Faint(true).Render(hiddenWords.Legend.In(a.lang))
}

// eachRow calls row with the focus (marked "=", its whole; the console's
// font has no Σ) and each unit under it in
// view, the one under the cursor marked >: the rows of the table and of the
// heatmap.
func (a *Admin) eachRow(row func(marker, unit string)) {
	row("=", a.focus)
	rows := a.rows()
	first, end := a.window(len(rows))
	for i := first; i < end; i++ {
		marker := " "
		if i == a.cursor {
			marker = ">"
		}
		row(marker, rows[i])
	}
}

// window is the rows in view, [first, end): a page that follows the cursor.
// The nation has 632 agencies: drawing (and computing) them all on every
// update took a tenth of a second.
func (a *Admin) window(rows int) (first, end int) {
	page := max(a.height-adminChrome, minPage)
	if rows <= page {
		a.first = 0
		return 0, rows
	}
	a.first = min(max(a.first, a.cursor-page+1), a.cursor, rows-page)
	return a.first, a.first + page
}

// adminChrome is the lines around the rows at most: header, help, the
// table's borders and head, the "=" row and the line saying which rows show.
const (
	adminChrome = 12
	minPage     = 5
)

// rowsNote says which rows are in view when not all are ("" when they are).
func (a *Admin) rowsNote() string {
	rows := len(a.rows())
	first, end := a.window(rows)
	if end-first == rows {
		return ""
	}
	return lipgloss.NewStyle().Faint(true).Render(fmt.Sprintf(adminUI.RowsShown.In(a.lang), first+1, end, rows))
}

// HeadlineCells are a shown group's four headline indices with their bands:
// Indeks BerAKHLAK, culture health, engagement, employer branding ("" where
// the group has no figure).
func HeadlineCells(gs scoring.GroupScores) []string {
	cells := make([]string, 4)
	if gs.Scores == nil {
		return cells
	}
	if im := gs.Implementation; im != nil {
		cells[0] = fmt.Sprintf("%.1f %s", im.Index, im.Band)
	}
	if ch := gs.CultureHealth; ch != nil {
		cells[1] = fmt.Sprintf("%.1f %s", ch.Index, ch.Band)
	}
	if e := gs.Engagement; e != nil {
		cells[2] = fmt.Sprintf("%.1f %s", e.Index, e.Band)
	}
	if b := gs.EmployerBranding; b != nil {
		cells[3] = fmt.Sprintf("%.1f %s", b.Index, b.Band)
	}
	return cells
}

// valueBars draws the seven value indices against their targets; the
// figures and bands are written too, never shown by length or colour alone.
func (a *Admin) valueBars(gs scoring.GroupScores) string {
	im := gs.Implementation
	if im == nil {
		return ""
	}
	// The bars give way to the figures on a narrow screen: the name (12),
	// the figure and band (8) and " target 57.9" (12) stay whole.
	width := min(max(a.width-13-8-12, 10), 40)
	var b strings.Builder
	b.WriteString(adminUI.ValueBars.In(a.lang) + "\n")
	for _, v := range questionnaire.CoreValues {
		st := im.Values[v]
		filled := int(st.Index/100*float64(width) + 0.5)
		bar := []rune(strings.Repeat("█", filled) + strings.Repeat("░", width-filled))
		target := ""
		if tf, ok := gs.Targets["implementation."+v]; ok {
			pos := min(int(tf.Target/100*float64(width)), width-1)
			bar[pos] = '|'
			target = fmt.Sprintf(" %s %.1f", adminUI.Target.In(a.lang), tf.Target)
		}
		fmt.Fprintf(&b, "%-12s %s %5.1f %s%s\n", v, string(bar), st.Index, st.Band, target)
	}
	return strings.TrimRight(b.String(), "\n")
}

// valuesView shows the three top-10 lists, entropy and the largest jumps.
func (a *Admin) valuesView(gs scoring.GroupScores) string {
	if gs.Top10 == nil || gs.Entropy == nil {
		return ""
	}
	label := map[string]string{}
	for _, v := range a.data.Instrument.Catalogue {
		label[v.ID] = v.Label.In(a.lang)
	}
	t := table.New().Border(lipgloss.NormalBorder()).Headers("#", adminUI.Personal.In(a.lang), adminUI.Current.In(a.lang), adminUI.Desired.In(a.lang))
	for i := range gs.Top10.Current {
		t.Row(fmt.Sprint(i+1), label[gs.Top10.Personal[i]], label[gs.Top10.Current[i]], label[gs.Top10.Desired[i]])
	}
	return FitTable(t, a.width) + "\n" + a.paragraph(fmt.Sprintf(adminUI.EntropyJumps.In(a.lang), gs.Entropy.Index, entropyWords[gs.Entropy.Band].In(a.lang), a.wantedMore(gs.ValueJumps, label)))
}

// wantedMore names the five values more respondents want than see now
// (scoring.WantedMore), or says there are none: a "+0" or a fall under
// that heading would tell a leader the culture wants what it does not.
func (a *Admin) wantedMore(jumps []scoring.Jump, label map[string]string) string {
	var shown []string
	for _, j := range scoring.WantedMore(jumps, 5) {
		shown = append(shown, fmt.Sprintf("%s %+.0f", label[j.ID], j.Jump))
	}
	if len(shown) == 0 {
		return adminUI.NoJumps.In(a.lang)
	}
	return strings.Join(shown, ", ")
}

// paragraph wraps a sentence to the screen's width: the view cuts what
// passes its right edge, which had cut sentences mid-word.
func (a *Admin) paragraph(text string) string {
	return lipgloss.NewStyle().Width(max(a.width, 20)).Render(text)
}
