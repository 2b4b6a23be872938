// Package testkit is what the tests of every package share, and the load
// generator too: answer scripts built from the instrument, and a terminal
// screen that reads what a program drew.
package testkit

import (
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// Key names, as the tui's test driver takes them; Bytes turns a script into
// what a terminal sends.
const (
	Enter = "enter"
	Down  = "down"
	Space = "space"
)

// Answer chooses the answer to the n-th scale question (from 0) of a survey.
type Answer func(item questionnaire.Item, n int) int

// Survey is the keys that answer every page of an audience's survey, from the
// first question to the last, as the instrument lays them out: a digit for a
// 1–5 question, digits and enter for a 0–10 one, the first entries ticked on
// a values page (as many as it asks) or a reasons page (one), and "prefer
// not to say" (0) for a demographic question. answer is nil for 4s and 9s.
func Survey(in *questionnaire.Instrument, audience string, answer Answer) []string {
	return SurveyOf(in, audience, nil, answer)
}

// SurveyOf is Survey for a survey that asks only some modules (nil: all).
func SurveyOf(in *questionnaire.Instrument, audience string, modules []string, answer Answer) []string {
	scales := map[string]questionnaire.Scale{}
	for _, s := range in.Scales {
		scales[s.ID] = s
	}
	var keys []string
	n := 0
	for _, sec := range in.SectionsFor(audience) {
		if modules != nil && !slices.Contains(modules, sec.Module) {
			continue
		}
		for _, it := range sec.Items {
			switch it.Type {
			case questionnaire.TypeLikert:
				scale := scales[it.Scale]
				v := 4
				if scale.Max > 5 {
					v = 9
				}
				if answer != nil {
					v = answer(it, n)
				}
				n++
				keys = append(keys, strconv.Itoa(v))
				if scale.Max > 9 { // a number key moves the cursor; enter confirms
					keys = append(keys, Enter)
				}
			case questionnaire.TypeValues, questionnaire.TypeReasons:
				picks := it.Pick
				if it.Type == questionnaire.TypeReasons {
					picks = 1
				}
				for range picks {
					keys = append(keys, "x", Down)
				}
				keys = append(keys, Enter)
			case questionnaire.TypeChoice:
				keys = append(keys, "0")
			}
		}
	}
	return keys
}

// ASN is the whole path of an ASN respondent with the default answers:
// Indonesian, ASN, every page, the review and the stored record (saving).
func ASN(in *questionnaire.Instrument) []string {
	keys := append([]string{"1", "1"}, Survey(in, questionnaire.AudienceASN, nil)...)
	return append(keys, Enter, Enter)
}

// named are the keys of a script that are not their own text: what a
// terminal sends for each, and the key press a program gets for it. The
// tests of every package name keys from here.
var named = map[string]struct {
	sent  string
	press tea.KeyPressMsg
}{
	Enter:       {"\r", tea.KeyPressMsg{Code: tea.KeyEnter}},
	Down:        {"\x1b[B", tea.KeyPressMsg{Code: tea.KeyDown}},
	"up":        {"\x1b[A", tea.KeyPressMsg{Code: tea.KeyUp}},
	"home":      {"\x1b[H", tea.KeyPressMsg{Code: tea.KeyHome}},
	"esc":       {"\x1b", tea.KeyPressMsg{Code: tea.KeyEscape}},
	Space:       {" ", tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}},
	"tab":       {"\t", tea.KeyPressMsg{Code: tea.KeyTab}},
	"shift+tab": {"\x1b[Z", tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}},
	"backspace": {"\x7f", tea.KeyPressMsg{Code: tea.KeyBackspace}},
	"f2":        {"\x1bOQ", tea.KeyPressMsg{Code: tea.KeyF2}},
}

// Bytes turns key names into what a terminal sends.
func Bytes(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k
		if n, ok := named[k]; ok {
			out[i] = n.sent
		}
	}
	return out
}

// Press is the key press a program gets for a key name: a named key, ctrl+
// a letter, or a key that is its own text.
func Press(k string) tea.KeyPressMsg {
	if n, ok := named[k]; ok {
		return n.press
	}
	if letter, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: []rune(letter)[0], Mod: tea.ModCtrl}
	}
	return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
}

// Presses turns key names into the key presses a program gets for them.
func Presses(keys []string) []tea.KeyPressMsg {
	out := make([]tea.KeyPressMsg, len(keys))
	for i, k := range keys {
		out[i] = Press(k)
	}
	return out
}
