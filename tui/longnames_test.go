package tui

import (
	"strings"
	"testing"
)

// Units never read the same at 80×24 or 120×40: a tree of long Indonesian
// names, two alike but for their last word, in the table and the heatmap
// of both languages. Every unit's row carries its id whole — ids are
// unique, so no two rows read the same — and a name cut says so ("…")
// (issue 32). No row is cut at the screen's right edge: the row of the
// focus's own respondents ("langsung di …") is cut like the units' names.
func TestLongUnitNamesNeverReadTheSame(t *testing.T) {
	long := map[string]string{
		"p": "Kementerian Dalam Negeri Republik Indonesia",
		"A": "Direktorat Jenderal Kependudukan dan Pencatatan Sipil Wilayah Barat",
		"B": "Direktorat Jenderal Kependudukan dan Pencatatan Sipil Wilayah Timur",
		"C": "Direktorat Jenderal Bina Administrasi Kewilayahan dan Otonomi Daerah",
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, lang := range []string{"id", "en"} {
			for _, view := range []string{"table", "heatmap"} {
				d := newDriver(t, NewAdmin(treeSource{privacyTree(long)}, ""), size[0], size[1])
				d.expect("(A)")
				if lang == "en" {
					d.key("f2")
				}
				if view == "heatmap" {
					d.key("h")
				}
				screen := d.screen()
				for _, id := range []string{"A", "B", "C"} {
					var row string
					for _, line := range strings.Split(screen, "\n") {
						if strings.Contains(line, "("+id+")") {
							row = line
						}
					}
					if row == "" {
						t.Errorf("%dx%d %s %s: no row names unit %s whole:\n%s", size[0], size[1], lang, view, id, screen)
						continue
					}
					label := row[:strings.Index(row, "("+id+")")]
					if !strings.Contains(label, long[id][:20]) && !strings.Contains(label, "…") {
						t.Errorf("%dx%d %s %s: %s's name is cut without saying so: %q", size[0], size[1], lang, view, id, label)
					}
					if !strings.Contains(label, "…") && !strings.Contains(row, long[id]) {
						t.Errorf("%dx%d %s %s: %s's name is cut mid-word: %q", size[0], size[1], lang, view, id, row)
					}
				}
				for _, line := range strings.Split(screen, "\n") { // a table too wide had its right edge cut off
					line = strings.TrimRight(line, " ")
					if strings.HasPrefix(line, "│") && !strings.HasSuffix(line, "│") {
						t.Errorf("%dx%d %s %s: a row is cut at the right edge: %q", size[0], size[1], lang, view, line)
					}
				}
				if lines := strings.Split(d.m.View().Content, "\n"); len(lines) > size[1] {
					t.Errorf("%dx%d %s %s: %d lines", size[0], size[1], lang, view, len(lines))
				}
			}
		}
	}
}
