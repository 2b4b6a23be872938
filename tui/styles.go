package tui

import (
	"sync"

	"charm.land/bubbles/v2/progress"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// styles are the kiosk's own looks; forms use huh's theme. Meaning never
// rests on colour alone: marks and words carry it too.
type styles struct {
	Header, Section, Title, Muted, Error, Success lipgloss.Style
	Check                                         string
}

func newStyles(plain bool) styles {
	if plain {
		return styles{Title: lipgloss.NewStyle().MarginBottom(1), Check: "[OK] "}
	}
	return styles{
		Header:  lipgloss.NewStyle().Bold(true),
		Section: lipgloss.NewStyle().Italic(true),
		Title:   lipgloss.NewStyle().Bold(true).MarginBottom(1),
		Muted:   lipgloss.NewStyle().Faint(true),
		Error:   lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Red),
		Success: lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Green),
		Check:   "✓ ",
	}
}

func newProgress(plain bool) progress.Model {
	if plain {
		return progress.New(progress.WithoutPercentage(), progress.WithWidth(40), progress.WithFillCharacters('#', '-'), progress.WithColors(lipgloss.NoColor{}))
	}
	return progress.New(progress.WithoutPercentage(), progress.WithWidth(40), progress.WithFillCharacters('█', '░'))
}

// newTheme returns the huh theme of every form of the kiosk. huh.ThemeFunc
// rebuilds every style on each call, and fields ask for their styles once per
// option drawn; building both variants once keeps a key press cheap. The
// styles are values that huh only reads, so every session shares one set
// (73 KB each, built per session, had been 4 % of an idle session's heap).
func newTheme(plain bool) huh.Theme {
	if plain {
		return plainTheme()
	}
	return charmTheme()
}

var (
	charmTheme = sync.OnceValue(func() huh.Theme {
		return cachedTheme{dark: huh.ThemeCharm(true), light: huh.ThemeCharm(false)}
	})
	plainTheme = sync.OnceValue(func() huh.Theme {
		return cachedTheme{dark: plainStyles(), light: plainStyles()}
	})
)

type cachedTheme struct{ dark, light *huh.Styles }

func (c cachedTheme) Theme(isDark bool) *huh.Styles {
	if isDark {
		return c.dark
	}
	return c.light
}

// plainStyles is huh's colourless base theme with ASCII marks, for screen
// readers and poor terminals.
func plainStyles() *huh.Styles {
	t := huh.ThemeBase(false)
	ascii := lipgloss.NewStyle().BorderStyle(lipgloss.ASCIIBorder()).BorderLeft(true).PaddingLeft(1)
	t.Focused.Base = ascii
	t.Blurred.Base = ascii.BorderStyle(lipgloss.HiddenBorder())
	for _, fs := range []*huh.FieldStyles{&t.Focused, &t.Blurred} {
		fs.SelectSelector = lipgloss.NewStyle().SetString("> ")
		fs.MultiSelectSelector = lipgloss.NewStyle().SetString("> ")
		fs.SelectedPrefix = lipgloss.NewStyle().SetString("[x] ")
		fs.UnselectedPrefix = lipgloss.NewStyle().SetString("[ ] ")
		fs.NextIndicator = lipgloss.NewStyle().SetString(" >")
		fs.PrevIndicator = lipgloss.NewStyle().SetString("< ")
	}
	return t
}

// formKeyMap returns huh's keys with ctrl+c taken away from the form: the
// kiosk, not a form, decides what ctrl+c does.
func formKeyMap() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	km.Select.Filter.SetEnabled(false) // scales are short; digits answer them
	return km
}
