package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/tui/page"
)

// adminKeyWords say what each of the admin screen's keys does.
var adminKeyWords = struct {
	Move, Open, Back, Report, Plan, Targets, Settings, Heat, Drivers, Segments, Trend, AllKeys, FewerKeys, Quit text
}{
	Move:      text{Indonesian: "unit", English: "unit"},
	Open:      text{Indonesian: "buka", English: "open"},
	Back:      text{Indonesian: "kembali", English: "back"},
	Report:    text{Indonesian: "tulis laporan", English: "write report"},
	Plan:      text{Indonesian: "rencana aksi", English: "action plan"},
	Targets:   text{Indonesian: "target", English: "targets"},
	Settings:  text{Indonesian: "pengaturan", English: "settings"},
	Heat:      text{Indonesian: "peta panas", English: "heatmap"},
	Drivers:   text{Indonesian: "pendorong", English: "drivers"},
	Segments:  text{Indonesian: "segmen", English: "segments"},
	Trend:     text{Indonesian: "tren", English: "trend"},
	AllKeys:   text{Indonesian: "semua tombol", English: "all keys"},
	FewerKeys: text{Indonesian: "satu baris", English: "one line"},
	Quit:      text{Indonesian: "keluar", English: "quit"},
}

// adminKeys are the admin screen's keys as its help lists them, in lang;
// the plan and targets keys only where they are kept (not on the national
// view), the settings key only for an admin of the whole agency. The last
// three — the other language, ? and q — are on every help line.
func adminKeys(lang string, planner, targets, settings, allShown bool) []key.Binding {
	bind := func(keys []string, shown string, words text) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(shown, words.In(lang)))
	}
	w := adminKeyWords
	keys := []key.Binding{
		bind([]string{"up", "down", "k", "j"}, "↑/↓", w.Move),
		bind([]string{"enter", "right"}, "enter", w.Open),
		bind([]string{"left", "backspace", "esc"}, "←", w.Back),
		bind([]string{"h"}, "h", w.Heat),
		bind([]string{"d"}, "d", w.Drivers),
		bind([]string{"s"}, "s", w.Segments),
		bind([]string{"t"}, "t", w.Trend),
		bind([]string{"r"}, "r", w.Report),
	}
	if planner {
		keys = append(keys, bind([]string{"a"}, "a", w.Plan))
	}
	if targets {
		keys = append(keys, bind([]string{"g"}, "g", w.Targets))
	}
	if settings {
		keys = append(keys, bind([]string{"p"}, "p", w.Settings))
	}
	toggle := w.AllKeys
	if allShown {
		toggle = w.FewerKeys
	}
	return append(keys,
		key.NewBinding(key.WithKeys(switchLanguageKey), key.WithHelp("F2", ui.OtherLanguage.In(lang))),
		bind([]string{"?"}, "?", toggle),
		bind([]string{"q", "ctrl+c"}, "q", w.Quit))
}

// adminHelpLines are the admin screen's key help within width cells: every
// key, wrapped, once ? asked for them; otherwise one line — F2, ? and q,
// and before them as many of the other keys, in order, as fit beside them.
func (a *Admin) adminHelpLines(width int) []string {
	_, planner := a.src.(Planner)
	_, targets := a.src.(TargetKeeper)
	_, settings := a.src.(SettingsKeeper)
	keys := adminKeys(a.lang, planner, targets, settings && a.scope == "", a.allKeys)
	if a.allKeys {
		return page.WrapHelp(a.keyHelp, keys, width)
	}
	always := keys[len(keys)-3:]
	var shown []key.Binding
	for _, k := range keys[:len(keys)-3] {
		if lipgloss.Width(a.keyHelp.ShortHelpView(append(append(shown[:len(shown):len(shown)], k), always...))) > width {
			break
		}
		shown = append(shown, k)
	}
	return []string{a.keyHelp.ShortHelpView(append(shown, always...))}
}
