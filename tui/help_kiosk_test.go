package tui

import (
	"strings"
	"testing"
)

// TestReviewAndRecordHelpIsTrue: on the review and on the record to be
// stored, the keys their help lines list scroll (or leave, as said), and
// any other key is answered with "not used here" — never a silent scroll
// by a key nobody was told of.
func TestReviewAndRecordHelpIsTrue(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	d.keys("1", "1")
	answerASN(d)
	d.expect("Periksa jawaban Anda")
	k := d.m.(*Kiosk)
	check := func(screen string) {
		t.Helper()
		for _, name := range []string{"up", "down", "pgup", "pgdown"} {
			k.hint = ""
			d.key(name)
			if k.hint != "" {
				t.Errorf("%s: the listed %q is answered %q", screen, name, k.hint)
			}
		}
		for _, name := range []string{"space", "f", "u", "d", "h", "l", "j", "k", "x", "1", "tab", "ctrl+u"} { // (ctrl+d is the lockdown's, swallowed on every screen)
			k.hint = ""
			d.key(name)
			if !strings.Contains(k.hint, "tidak dipakai") {
				t.Errorf("%s: the unlisted %q does something silently (hint %q)", screen, name, k.hint)
			}
		}
	}
	check("review")
	if help := k.View().Content; !strings.Contains(help, "e/shift+tab ubah jawaban") {
		t.Errorf("the review's help does not list shift+tab, which changes an answer")
	}
	d.key("enter")
	d.expect("Yang akan disimpan")
	check("record")
	d.key("esc")
	d.expect("Periksa jawaban Anda")
}
