package tui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

// The light fields frame each line on its own and cache it; that must draw
// exactly what framing the whole field at once draws, in every theme and
// focus, with a title that wraps and lines of different widths.
func TestFramingLinesAloneEqualsFramingTheField(t *testing.T) {
	lines := []string{"Seberapa sering pegawai di unit Anda memberikan pelayanan yang ramah, cekatan dan solutif kepada masyarakat?",
		"> 1 · Tidak pernah", "  2 · Jarang", "", "  [x] 5 · Gotong royong"}
	for _, plain := range []bool{false, true} {
		for _, dark := range []bool{false, true} {
			styles := newTheme(plain).Theme(dark)
			for name, frame := range map[string]lipgloss.Style{"focused": styles.Focused.Base, "blurred": styles.Blurred.Base} {
				whole := frame.Width(60).Render(strings.Join(lines, "\n"))
				var alone []string
				for _, l := range lines {
					alone = append(alone, frame.Width(60).Render(l))
				}
				if got := strings.Join(alone, "\n"); got != whole {
					t.Errorf("plain=%v dark=%v %s: lines framed alone\n%q\nwhole\n%q", plain, dark, name, got, whole)
				}
			}
		}
	}
}
