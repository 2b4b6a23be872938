package tui

import (
	"math/rand/v2"
	"testing"
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
