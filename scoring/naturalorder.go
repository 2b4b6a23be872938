package scoring

import (
	"cmp"
	"strings"
)

// CompareNodes orders sibling units as every screen and report lists them:
// by their explicit order when the organisation file gives one (units
// without one after those with), then by id in natural order.
func CompareNodes(a, b Node) int {
	switch {
	case a.Order != b.Order && a.Order == 0:
		return 1
	case a.Order != b.Order && b.Order == 0:
		return -1
	case a.Order != b.Order:
		return cmp.Compare(a.Order, b.Order)
	}
	return CompareNatural(a.ID, b.ID)
}

// CompareNatural compares strings as people read numbered names: runs of
// digits by their value ("Kanwil 2" before "Kanwil 10"), everything else
// by its bytes; strings equal that way (like "07" and "7") by their bytes.
func CompareNatural(a, b string) int {
	x, y := a, b
	for x != "" && y != "" {
		if isDigit(x[0]) && isDigit(y[0]) {
			dx, dy := digitRun(x), digitRun(y)
			if c := compareNumbers(x[:dx], y[:dy]); c != 0 {
				return c
			}
			x, y = x[dx:], y[dy:]
			continue
		}
		if x[0] != y[0] {
			return cmp.Compare(x[0], y[0])
		}
		x, y = x[1:], y[1:]
	}
	if c := cmp.Compare(len(x), len(y)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digitRun is the length of the run of digits s starts with.
func digitRun(s string) int {
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	return n
}

// compareNumbers compares two runs of digits by value, however long.
func compareNumbers(a, b string) int {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if c := cmp.Compare(len(a), len(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}
