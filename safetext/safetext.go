// Package safetext makes text from outside the binary safe where it is
// shown: on a terminal (Clean keeps printable characters and drops
// everything else) and in a spreadsheet opening a CSV file (ForSpreadsheet
// keeps a cell from being run as a formula).
package safetext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean returns s with every character a terminal could act on removed:
// escape sequences and other C0/C1 controls, bidirectional overrides and
// isolates, and invalid UTF-8. Newlines are kept only when multiline is
// true, and the result has at most max runes (max ≤ 0: no limit). Clean is
// idempotent.
func Clean(s string, max int, multiline bool) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size <= 1 {
			continue
		}
		if r == '\x1b' { // skip a whole escape sequence, not just its ESC
			i += escapeLength(s[i:])
			continue
		}
		if !allowed(r, multiline) {
			continue
		}
		if max > 0 && n == max {
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// allowed is the allow-list: printable characters, spaces, and newlines
// when asked for.
func allowed(r rune, multiline bool) bool {
	switch {
	case r == '\n':
		return multiline
	case r == '\t':
		return true
	case unicode.Is(unicode.Bidi_Control, r):
		return false
	case r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return false // isolates and marks, in case the table above changes
	default:
		return unicode.IsPrint(r) || r == ' '
	}
}

// escapeLength is how many bytes after an ESC belong to its sequence:
// CSI (ESC [ … final), OSC/DCS/SOS/PM/APC (up to BEL or ESC \), or one
// character for the short forms.
func escapeLength(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case '[':
		for i := 1; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	case ']', 'P', 'X', '^', '_':
		for i := 1; i < len(s); i++ {
			if s[i] == '\a' {
				return i + 1
			}
			if s[i] == '\x1b' && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return len(s)
	default:
		return 1
	}
}
