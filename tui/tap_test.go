package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// tapOn taps the first line of the screen that holds all of texts, at the
// column of the first; it fails when no line does.
func tapOn(t *testing.T, d *driver, texts ...string) {
	t.Helper()
	for y, line := range strings.Split(d.screen(), "\n") {
		found := true
		for _, text := range texts {
			found = found && strings.Contains(line, text)
		}
		if found {
			x := len([]rune(line[:strings.Index(line, texts[0])]))
			d.send(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
			return
		}
	}
	t.Fatalf("no line holds %q:\n%s", texts, d.screen())
}

// TestTapsAnswerAsKeysDo: on a touch screen a tap on an option is its
// number key. The language, the audience and the first page's three
// questions are answered by tapping where each option is drawn — the page
// scrolling as the focus moves down — and the answers are those tapped.
func TestTapsAnswerAsKeysDo(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 80, 24)
	if v := d.m.(*Kiosk).View(); v.MouseMode != tea.MouseModeCellMotion {
		t.Fatalf("the kiosk asks for mouse mode %v; taps would not arrive", v.MouseMode)
	}
	tapOn(t, d, "1 · Bahasa Indonesia")
	d.expect("Anda mengisi sebagai")
	tapOn(t, d, "1 · ASN")
	d.expect("Langkah 1 dari 15")
	k := d.m.(*Kiosk)
	for i, want := range []int{4, 2, 5} {
		label := map[int]string{2: "2 · Jarang", 4: "4 · Sering", 5: "5 · Selalu"}[want]
		tapOn(t, d, "┃", label) // the focused question's option
		id := []string{"impl.pelayanan.1", "impl.pelayanan.2", "impl.pelayanan.3"}[i]
		if got := k.sheet.scale[id]; got == nil || *got != want {
			t.Fatalf("after tapping %q for %s: %v", label, id, got)
		}
	}
	d.expect("Langkah 2 dari 15")
}

// TestTapOnTheIntroAfterAResize: a tap lands on what is drawn under it at
// the new size too.
func TestTapOnTheIntroAfterAResize(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	tapOn(t, d, "2 · English")
	d.expect("BerAKHLAK Survey", "F2 Bahasa Indonesia")
}
