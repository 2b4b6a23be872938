package tui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
)

// A table a few columns too wide for the screen is squeezed, never cut: at
// 84 columns natural, its cells alone (77) fit 80, which lipgloss took as
// fitting, and it cut the last column off at 80.
func TestFitTableSqueezesWhatItCannotShow(t *testing.T) {
	newTable := func() *table.Table {
		return table.New().Border(lipgloss.NormalBorder()).Headers("indeks", "nilai", "kategori", "n", "95% rentang", "alfa").
			Row("Indeks BerAKHLAK (implementasi)", "48.5", "C Tidak Sehat", "2400", "48.2–48.8", "0.19").
			Row("  Berorientasi Pelayanan", "48.2", "D Sangat Tidak Sehat", "2400", "47.4–49.0", "-0.00*")
	}
	if w := lipgloss.Width(newTable().Render()); w != 84 {
		t.Fatalf("the table is %d columns wide as drawn; the test wants 84", w)
	}
	for _, width := range []int{83, 80, 78, 60} {
		out := FitTable(newTable(), width)
		if got := lipgloss.Width(out); got > width {
			t.Errorf("at %d columns the table is %d wide", width, got)
		}
		for _, cell := range []string{"alfa", "-0.00*", "0.19", "2400"} {
			if !strings.Contains(out, cell) {
				t.Errorf("at %d columns %q is cut off:\n%s", width, cell, out)
			}
		}
	}
	if out := FitTable(newTable(), 0); lipgloss.Width(out) != 84 {
		t.Errorf("no width: drawn %d wide, want its natural 84", lipgloss.Width(out))
	}
}
