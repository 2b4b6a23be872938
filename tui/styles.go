package tui

import (
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// styles are the kiosk's own looks; forms use huh's theme.
type styles struct {
	Header, Section, Title, Muted, Error, Success lipgloss.Style
}

func newStyles() styles {
	return styles{
		Header:  lipgloss.NewStyle().Bold(true),
		Section: lipgloss.NewStyle().Italic(true),
		Title:   lipgloss.NewStyle().Bold(true).MarginBottom(1),
		Muted:   lipgloss.NewStyle().Faint(true),
		Error:   lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Red),
		Success: lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Green),
	}
}

// formTheme is the huh theme every form of the kiosk uses. huh.ThemeFunc
// rebuilds every style on each call, and fields ask for their styles once per
// option drawn; building both variants once keeps a key press cheap.
var formTheme huh.Theme = cachedTheme{dark: huh.ThemeCharm(true), light: huh.ThemeCharm(false)}

type cachedTheme struct{ dark, light *huh.Styles }

func (c cachedTheme) Theme(isDark bool) *huh.Styles {
	if isDark {
		return c.dark
	}
	return c.light
}

// formKeyMap returns huh's keys with ctrl+c taken away from the form: the
// kiosk, not a form, decides what ctrl+c does.
func formKeyMap() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	km.Select.Filter.SetEnabled(false) // scales are short; digits answer them
	return km
}
