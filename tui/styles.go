package tui

import (
	"charm.land/bubbles/v2/progress"
	"charm.land/lipgloss/v2"
)

// styles are the looks of the kiosk's own screens; pages have page.Styles. Meaning never
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
	// The terminal's own 16 colours, as everywhere else: a frame of them
	// goes to any colour terminal as it is, where the bar's default true
	// colours had every page's frame converted for terminals of 256
	// colours (a twentieth of the server's CPU at 50 sessions; BENCHMARKS.md,
	// issue 35).
	bar := progress.New(progress.WithoutPercentage(), progress.WithWidth(40), progress.WithFillCharacters('█', '░'), progress.WithColors(lipgloss.Magenta))
	bar.EmptyColor = lipgloss.BrightBlack
	return bar
}
