package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// keyTappedIn is the key a tap at column x presses on a drawn line of key
// help, on a touch screen: the entry under it (entries are separated by
// " · ", by " • ", or by " | " when plain), pressed by the key it begins
// with when keys names that key.
func keyTappedIn(line string, x int, keys map[string]tea.KeyPressMsg) (tea.KeyPressMsg, bool) {
	const separator = " · " // three cells, as the two others
	line = strings.NewReplacer(" • ", separator, " | ", separator).Replace(ansi.Strip(line))
	col := 0
	for _, entry := range strings.Split(line, separator) {
		width := ansi.StringWidth(entry)
		if x >= col && x < col+width {
			if fields := strings.Fields(entry); len(fields) > 0 {
				press, ok := keys[fields[0]]
				return press, ok
			}
			return tea.KeyPressMsg{}, false
		}
		col += width + ansi.StringWidth(separator)
	}
	return tea.KeyPressMsg{}, false
}
