package tui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

// A review line is wrapped to the width behind its margin, every word kept
// in order, and carries no padding after its text (the viewport pads).
func TestWriteWrappedKeepsBehindTheMargin(t *testing.T) {
	text := "Pimpinan unit kerja saya memberi contoh melayani masyarakat dengan ramah, cepat dan tuntas setiap hari"
	for _, keep := range []bool{true, false} {
		var b strings.Builder
		writeWrapped(&b, text, 30, 4, keep)
		out := b.String()
		if !strings.HasSuffix(out, "\n") {
			t.Fatalf("keep=%v: no line break after the block: %q", keep, out)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) < 4 {
			t.Fatalf("keep=%v: %d lines, want the text wrapped at 26 cells: %q", keep, len(lines), out)
		}
		var words []string
		for _, l := range lines {
			if !strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "     ") {
				t.Errorf("keep=%v: line %q is not behind a margin of 4", keep, l)
			}
			if w := lipgloss.Width(l); w > 30 {
				t.Errorf("keep=%v: line %q is %d cells wide, over 30", keep, l, w)
			}
			if strings.HasSuffix(l, " ") {
				t.Errorf("keep=%v: line %q is padded after its text", keep, l)
			}
			words = append(words, strings.Fields(l)...)
		}
		if got := strings.Join(words, " "); got != text {
			t.Errorf("keep=%v: words %q, want %q", keep, got, text)
		}
	}
}
