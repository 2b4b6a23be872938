package tui

import (
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestAdminScreensUseTheConsolesFont: every admin view — the table, a
// unit's drill-down, the heatmap, the drivers, the segments — in both
// languages draws only what the bare Linux console's font has, so an
// admin on tty1 reads every mark.
func TestAdminScreensUseTheConsolesFont(t *testing.T) {
	font := consoleFont(t)
	d := newDriver(t, NewAdmin(sampledSource(rand.New(rand.NewPCG(7, 9)), 40), ""), 100, 30)
	d.expect("respons: 40")
	views := 0
	check := func(after string) {
		t.Helper()
		views++
		for _, r := range d.screen() {
			if r != '\n' && !font[r] {
				t.Fatalf("after %s: %q (U+%04X) is not in the console's font:\n%s", after, r, r, d.screen())
			}
		}
	}
	for _, lang := range []string{"id", "en"} {
		check(lang + " table")
		for _, key := range []string{"enter", "pgdown", "h", "d", "t", "s", "esc", "backspace"} {
			d.key(key)
			check(lang + " " + key)
		}
		d.key("f2")
	}
	if views < 18 {
		t.Fatalf("only %d views checked", views)
	}
}

// TestAdminTapOpensAUnit: a tap on a unit's row opens it, as moving to it
// and enter do.
func TestAdminTapOpensAUnit(t *testing.T) {
	d := newDriver(t, NewAdmin(treeSource{privacyTree(map[string]string{"p": "P"})}, ""), 160, 50)
	d.expect("P (p)")
	tapRow(t, d, "P (p)")
	d.expect("B (B)")
	tapRow(t, d, "B (B)")
	d.expect("B1 (B1)")
}

// tapRow taps the first line of the screen holding text.
func tapRow(t *testing.T, d *driver, text string) {
	t.Helper()
	for y, line := range strings.Split(d.screen(), "\n") {
		if strings.Contains(line, text) {
			d.send(tea.MouseClickMsg{X: 5, Y: y, Button: tea.MouseLeft})
			return
		}
	}
	t.Fatalf("no line holds %q:\n%s", text, d.screen())
}

// TestAdminHelpLineIsATabBar: on a touch screen the help line's entries are
// taps — the heatmap, the drivers and the segments open and close by tapping
// theirs, a unit's row opens it in the heatmap too, and "← kembali" goes
// back; "q keluar" does not end the screen.
func TestAdminHelpLineIsATabBar(t *testing.T) {
	d := newDriver(t, NewAdmin(treeSource{privacyTree(map[string]string{"p": "P"})}, ""), 160, 50)
	d.expect("P (p)")
	tapEntry := func(entry string) {
		t.Helper()
		lines := strings.Split(d.screen(), "\n")
		for y := len(lines) - 1; y >= 0; y-- { // the help line is at the bottom
			if i := strings.Index(lines[y], entry); i >= 0 {
				d.send(tea.MouseClickMsg{X: ansi.StringWidth(lines[y][:i]) + 1, Y: y, Button: tea.MouseLeft})
				return
			}
		}
		t.Fatalf("no line holds %q:\n%s", entry, d.screen())
	}
	tapEntry("h peta panas")
	d.expect("Pel…Kol: tujuh nilai") // the heatmap's legend
	tapRow(t, d, "P (p)")
	d.expect("B (B)")
	tapEntry("← kembali")
	d.expect("P (p)")
	tapEntry("d pendorong")
	d.expect("Pendorong")
	tapEntry("s segmen")
	d.expect("Segmen")
	tapEntry("s segmen")
	tapEntry("q keluar")
	if d.quit {
		t.Fatal("a tap on q keluar ended the screen")
	}
	if a := d.m.(*Admin); a.heat || a.drivers || a.segments {
		t.Fatalf("tapping the open tab again did not go back to the table (heat %v, drivers %v, segments %v)", a.heat, a.drivers, a.segments)
	}
	d.expect("P (p)")
}
