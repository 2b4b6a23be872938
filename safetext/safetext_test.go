package safetext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Sekretariat Jenderal", "Sekretariat Jenderal"},
		{"red\x1b[31mtext\x1b[0m", "redtext"},
		{"title\x1b]0;pwned\atext", "titletext"},
		{"osc\x1b]8;;http://x\x1b\\link", "osclink"},
		{"a\rb\bc\ad", "abcd"},
		{"c1\u009b31mcsi", "c131mcsi"},
		{"bidi\u202eevil\u202c", "bidievil"},
		{"iso\u2066late\u2069", "isolate"},
		{"bad\xffutf8", "badutf8"},
		{"line1\nline2", "line1line2"},
	} {
		if got := Clean(tc.in, 0, false); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := Clean("one\ntwo", 0, true); got != "one\ntwo" {
		t.Errorf("multiline dropped the newline: %q", got)
	}
	if got := Clean(strings.Repeat("é", 100), 10, false); utf8.RuneCountInString(got) != 10 {
		t.Errorf("cap to 10 runes gave %d", utf8.RuneCountInString(got))
	}
}

// FuzzClean: the output never holds a control, an ESC, a bidi control or
// invalid UTF-8, respects the cap, and cleaning twice changes nothing.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[2J\x1b[3J", "\u202eabc", "\xc0\x80", "a\x1b]0;t\a", "\u009b1m", "x\x1b"} {
		f.Add(s, 8, true)
	}
	f.Fuzz(func(t *testing.T, s string, max int, multiline bool) {
		out := Clean(s, max, multiline)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 in %q", out)
		}
		for _, r := range out {
			if r == '\x1b' || (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r < 0xa0) || r == '\u202e' || r == '\u2066' {
				t.Fatalf("unsafe rune %U in %q", r, out)
			}
			if r == '\n' && !multiline {
				t.Fatalf("newline kept in single-line mode: %q", out)
			}
		}
		if max > 0 && utf8.RuneCountInString(out) > max {
			t.Fatalf("%d runes, cap %d", utf8.RuneCountInString(out), max)
		}
		if again := Clean(out, max, multiline); again != out {
			t.Fatalf("not idempotent: %q → %q", out, again)
		}
	})
}
