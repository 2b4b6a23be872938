package tui

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/scoring"
)

// The drivers view (key d on the admin screen): for the group in focus,
// the seven values ranked by how strongly their implementation goes with
// engagement (or, key t, with the intention to stay), then the same values
// plotted as index against r, split at the medians into quadrants
// (docs/METHODOLOGY.md "Drivers of engagement").

// quadrantWords name the quadrants in the table.
var quadrantWords = map[string]text{
	scoring.QuadrantStrongImportant: {Indonesian: "kuat & penting", English: "strong & important"},
	scoring.QuadrantWeakImportant:   {Indonesian: "lemah & penting: benahi dulu", English: "weak & important: fix first"},
	scoring.QuadrantStrongMinor:     {Indonesian: "kuat & kecil", English: "strong & minor"},
	scoring.QuadrantWeakMinor:       {Indonesian: "lemah & kecil", English: "weak & minor"},
	scoring.QuadrantAlike:           {Indonesian: "tak terbedakan dari yang lain", English: "alike: not told apart"},
}

// driversView draws the focus group's drivers of the chosen target.
func (a *Admin) driversView() string {
	gs := a.group(a.focus)
	title := adminUI.DriversEngagement
	if a.driverTarget == scoring.TargetStay {
		title = adminUI.DriversStay
	}
	head := lipgloss.NewStyle().Bold(true).Render(title.In(a.lang))
	if gs.Suppressed {
		return head + "\n" + SuppressedIn(gs, a.data.Settings.K, a.lang)
	}
	var ds []scoring.Driver
	if gs.Scores != nil {
		ds = gs.Drivers[a.driverTarget]
	}
	if len(ds) == 0 {
		return head + "\n" + fmt.Sprintf(adminUI.NoDrivers.In(a.lang), scoring.MinDriverN)
	}
	var b strings.Builder
	b.WriteString(head + "\n")
	fmt.Fprintf(&b, "  %-12s %7s %6s %-12s %5s  %s\n", adminUI.Value.In(a.lang), adminUI.Index.In(a.lang), "r", adminUI.CI95.In(a.lang), "n", adminUI.Quadrant.In(a.lang))
	for i, d := range ds {
		band := scoring.Band(d.Index)
		fmt.Fprintf(&b, "%d %-12s %5.1f %s %6.2f %5.2f–%-5.2f %6d  %s\n", i+1, d.Value, d.Index, band, d.R, d.Low, d.High, d.N,
			quadrantWords[d.Quadrant].In(a.lang))
	}
	b.WriteString("\n" + driverPlot(ds, min(max(a.width-12, 30), 56)))
	b.WriteString("\n" + lipgloss.NewStyle().Faint(true).Width(max(a.width, 20)).Render(adminUI.DriversLegend.In(a.lang)))
	return b.String()
}

// driverPlot places each value (its first three letters) by index (across)
// and r (up), with dotted lines at the medians; the table above has the
// figures, so the plot needs none but its axes' ends.
func driverPlot(ds []scoring.Driver, width int) string {
	const height = 7
	loX, hiX, loR, hiR := ds[0].Index, ds[0].Index, ds[0].R, ds[0].R
	var xs, rs []float64
	for _, d := range ds {
		loX, hiX, loR, hiR = min(loX, d.Index), max(hiX, d.Index), min(loR, d.R), max(hiR, d.R)
		xs, rs = append(xs, d.Index), append(rs, d.R)
	}
	if hiX-loX < 1 {
		loX, hiX = loX-0.5, hiX+0.5
	}
	if hiR-loR < 0.01 {
		loR, hiR = loR-0.005, hiR+0.005
	}
	col := func(x float64) int { return int((x - loX) / (hiX - loX) * float64(width-4)) }
	row := func(r float64) int { return height - 1 - int((r-loR)/(hiR-loR)*float64(height-1)+0.5) }
	grid := make([][]rune, height)
	for i := range grid {
		grid[i] = []rune(strings.Repeat(" ", width))
	}
	medCol, medRow := col(scoring.Median(xs)), row(scoring.Median(rs))
	for i := range grid {
		grid[i][medCol] = '┆'
	}
	for j := range grid[medRow] {
		if grid[medRow][j] == ' ' {
			grid[medRow][j] = '┄'
		}
	}
	for _, d := range ds {
		r := row(d.R)
		c := freeSpot(grid[r], min(col(d.Index), width-3))
		copy(grid[r][c:], []rune(heatHead("implementation."+d.Value)))
	}
	var b strings.Builder
	for i, line := range grid {
		axis := "      "
		switch i {
		case 0:
			axis = fmt.Sprintf("%5.2f ", hiR)
		case height - 1:
			axis = fmt.Sprintf("%5.2f ", loR)
		}
		b.WriteString(axis + "│" + strings.TrimRight(string(line), " ") + "\n")
	}
	b.WriteString("      └" + strings.Repeat("─", width) + "\n")
	left, right := fmt.Sprintf("%.1f", loX), fmt.Sprintf("%.1f", hiX)
	b.WriteString("       " + left + strings.Repeat(" ", max(width-len(left)-len(right), 1)) + right)
	return b.String()
}

// freeSpot is the nearest place at or after c (else before it) where a
// three-letter label keeps a blank from any other.
func freeSpot(line []rune, c int) int {
	free := func(c int) bool {
		return c >= 0 && c+3 <= len(line) && !slices.ContainsFunc(line[max(c-1, 0):min(c+4, len(line))], unicode.IsLetter)
	}
	for step := 0; step < len(line); step++ {
		if free(c + step) {
			return c + step
		}
		if free(c - step) {
			return c - step
		}
	}
	return c
}
