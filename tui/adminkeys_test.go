package tui

import (
	"strings"
	"testing"
)

// helpLines are the screen's lines of key help (entries joined by " • ").
func helpLines(screen string) []string {
	var lines []string
	for _, line := range strings.Split(screen, "\n") {
		if strings.Contains(line, " • ") {
			lines = append(lines, strings.TrimRight(line, " "))
		}
	}
	return lines
}

// TestAdminKeyHelpIsOneLine: in every admin view, at 80×24 and 120×40 and
// in both languages, the key help is one line with no entry cut, naming ?
// (every key) and q; ? lists every key, none cut, and ? again goes back to
// one line. On a touch screen a tap on "? …" does what the key does.
func TestAdminKeyHelpIsOneLine(t *testing.T) {
	every := map[string][]string{
		"id": {"↑/↓ unit", "enter buka", "← kembali", "h peta panas", "d pendorong", "s segmen", "t tren", "r tulis laporan", "F2 English", "? satu baris", "q keluar"},
		"en": {"↑/↓ unit", "enter open", "← back", "h heatmap", "d drivers", "s segments", "t trend", "r write report", "F2 Bahasa Indonesia", "? one line", "q quit"},
	}
	oneLine := map[string][]string{"id": {"? semua tombol", "q keluar", "F2 English"}, "en": {"? all keys", "q quit", "F2 Bahasa Indonesia"}}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, lang := range []string{"id", "en"} {
			for _, view := range []string{"", "h", "d", "s", "t"} {
				d := newDriver(t, NewAdmin(treeSource{privacyTree(nil)}, ""), size[0], size[1])
				d.expect("(A)")
				if lang == "en" {
					d.key("f2")
				}
				if view != "" {
					d.key(view)
				}
				d.expect(oneLine[lang]...)
				lines := helpLines(d.screen())
				if len(lines) != 1 || strings.Contains(lines[0], "…") {
					t.Fatalf("%dx%d %s view %q: key help is not one whole line: %q", size[0], size[1], lang, view, lines)
				}
				d.key("?")
				d.expect(every[lang]...)
				for _, line := range helpLines(d.screen()) {
					if strings.Contains(line, "…") {
						t.Fatalf("%dx%d %s view %q: a key's entry is cut: %q", size[0], size[1], lang, view, line)
					}
				}
				tapOn(t, d, every[lang][9]) // "? satu baris" / "? one line"
				d.expect(oneLine[lang][0])
				if n := len(helpLines(d.screen())); n != 1 {
					t.Fatalf("%dx%d %s view %q: a tap on ? left %d lines of key help", size[0], size[1], lang, view, n)
				}
			}
		}
	}
}

// Every key the admin's help lists can be tapped on a touch screen, save
// q (a stray tap must not end the screen) and ↑/↓ (a unit is tapped in the
// table itself).
func TestEveryAdminHelpKeyIsTappable(t *testing.T) {
	for _, lang := range []string{"id", "en"} {
		for _, k := range adminKeys(lang, true, true, true, false) {
			shown := k.Help().Key
			if _, ok := helpTaps[shown]; !ok && shown != "q" && shown != "↑/↓" {
				t.Errorf("%s: the help's %q (%s) does nothing when tapped", lang, shown, k.Help().Desc)
			}
		}
	}
}
