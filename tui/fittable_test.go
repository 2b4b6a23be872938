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

// Headers wider than their cells give the room first, so that every figure
// is drawn whole: "partisipasi" over "42%" is cut to "pa…" before a count
// is wrapped onto two lines, where the 2 of 255 had read as a count of 2.
func TestFitTableCutsHeadersBeforeFigures(t *testing.T) {
	newTable := func() *table.Table {
		return table.New().Border(lipgloss.NormalBorder()).Headers("unit", "n", "pegawai", "partisipasi", "keterikatan").
			Row("Biro Umum", "255", "600", "42%", "55.6 B").
			Row("Biro SDM", "3", "", "", "— (<5)")
	}
	natural := lipgloss.Width(newTable().Render()) // 9 + 3 + 7 + 11 + 11 columns, 6 borders
	if natural != 47 {
		t.Fatalf("the table is %d columns wide as drawn; the test wants 47", natural)
	}
	// Cut to their cells, the headers save 4 + 8 + 5 = 17 columns: 30 is
	// the narrowest a table with every figure whole can be.
	for _, width := range []int{46, 38, 30} {
		out := FitTable(newTable(), width)
		lines := strings.Split(out, "\n")
		if got := lipgloss.Width(out); got > width || len(lines) != 6 {
			t.Errorf("at %d columns the table is %d wide, %d lines (want ≤ %d, 6: no cell wrapped):\n%s", width, got, len(lines), width, out)
		}
		for _, cell := range []string{"Biro Umum", "255", "600", "42%", "55.6 B", "— (<5)"} {
			if !strings.Contains(out, cell) {
				t.Errorf("at %d columns %q is not whole:\n%s", width, cell, out)
			}
		}
		if width == 30 && lines[1] != "│unit     │n  │pe…│pa…│keter…│" {
			t.Errorf("at 30 columns the headers are %q", lines[1])
		}
	}
}

// When cut headers are not enough, cells are wrapped at their spaces, and a
// word is broken only where the room runs out, never a figure: on the
// 80-column console `scores` had drawn "-57.6–-" over "38.5" and
// "Berorienta" over "si".
func TestFitTableNeverBreaksAFigure(t *testing.T) {
	newTable := func() *table.Table {
		return table.New().Border(lipgloss.NormalBorder()).Headers("indeks", "nilai", "kategori", "n", "95% rentang", "alfa", "target", "capaian", "perubahan dari 2025").
			Row("Indeks BerAKHLAK (implementasi)", "55.5", "B Cukup Sehat", "252", "54.2–56.7", "0.73", "58.1", "belum tercapai, 44% dari jalannya", "+2.0 (signifikan)").
			Row("  Berorientasi Pelayanan", "58.7", "B Cukup Sehat", "252", "56.4–60.9", "0.48", "57.2", "dalam batas ketidakpastian, 100% dari jalannya", "+6.2 (signifikan)").
			Row("rekomendasi tempat kerja", "-48.0", "", "252", "-57.6–-38.5", "", "-37.7", "belum tercapai, 32% dari jalannya", "+4.9")
	}
	figures := []string{"55.5", "252", "54.2–56.7", "0.73", "58.1", "44%", "+2.0", "58.7", "56.4–60.9", "100%", "-48.0", "-57.6–-38.5", "-37.7", "32%", "+4.9"}
	for _, width := range []int{100, 90, 80, 60} {
		out := FitTable(newTable(), width)
		if got := lipgloss.Width(out); got > width {
			t.Errorf("at %d columns the table is %d wide:\n%s", width, got, out)
		}
		for _, figure := range figures {
			if !strings.Contains(out, figure) {
				t.Errorf("at %d columns %q is not whole on a line:\n%s", width, figure, out)
			}
		}
		// The longest words of letters fit side by side at 90: none is broken.
		if width >= 90 {
			for _, word := range []string{"(implementasi)", "Berorientasi", "ketidakpastian,", "(signifikan)", "rekomendasi"} {
				if !strings.Contains(out, word) {
					t.Errorf("at %d columns the word %q is broken:\n%s", width, word, out)
				}
			}
		}
		if !strings.Contains(out, "│  Ber") { // a behaviour's indent is kept
			t.Errorf("at %d columns the indent is lost:\n%s", width, out)
		}
	}
}

// A word wider than its column is broken a character at a time, even where
// one character is wider than the column (a CJK name in a column one cell
// wide): the break had taken nothing and looped for ever.
func TestWrapAtSpacesAlwaysMovesOn(t *testing.T) {
	for _, tc := range []struct {
		cell  string
		width int
		want  string
	}{
		{"Berorientasi Pelayanan", 8, "Berorien\ntasi\nPelayana\nn"},
		{"  Kompeten Loyal", 10, "  Kompeten\n  Loyal"},
		{"漢字", 1, "漢\n字"},
	} {
		if got := wrapAtSpaces(tc.cell, tc.width); got != tc.want {
			t.Errorf("wrapAtSpaces(%q, %d) = %q, want %q", tc.cell, tc.width, got, tc.want)
		}
	}
}
