package page

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// keysToTry are every key a page's fields could take, as a terminal sends them.
var keysToTry = func() []tea.KeyPressMsg {
	out := []tea.KeyPressMsg{{Code: tea.KeyUp}, {Code: tea.KeyDown}, {Code: tea.KeyHome}, {Code: tea.KeyEnd},
		{Code: tea.KeyPgUp}, {Code: tea.KeyPgDown}, {Code: tea.KeyEnter}, {Code: tea.KeyTab}, {Code: tea.KeyEscape},
		{Code: tea.KeySpace, Text: " "}}
	for _, r := range "kjx/" + "0123456789" {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}()

// fieldState is a field in one of the states a respondent meets, made
// afresh for every key tried.
type fieldState struct {
	name  string
	make  func() Field
	setup []tea.KeyPressMsg // keys pressed first
}

func fieldStates() []fieldState {
	press := func(s string) tea.KeyPressMsg {
		switch s {
		case "down":
			return tea.KeyPressMsg{Code: tea.KeyDown}
		case "enter":
			return tea.KeyPressMsg{Code: tea.KeyEnter}
		}
		r := []rune(s)[0]
		return tea.KeyPressMsg{Code: r, Text: s}
	}
	scale := func(points, low int) func() Field {
		return func() Field {
			labels := make([]string, points)
			for i := range labels {
				labels[i] = "p" + strconv.Itoa(i)
			}
			v := 0
			return NewScale("s", "Seberapa sering?", labels, low, &v)
		}
	}
	choice := func() Field {
		v := ""
		return NewOptional("c", "Usia?", "Tidak ingin menjawab", []string{"a", "b", "c"}, []string{"A", "B", "C"}, &v)
	}
	values := func() Field { var v []string; return catalogue66(&v) }
	code := func() Field {
		v := ""
		return NewEntry("code", "Kode", "", 8, false, &v, func(string) string { return "" })
	}
	return []fieldState{
		{"a 1–5 scale, unanswered", scale(5, 1), nil},
		{"a 1–5 scale, the cursor on 3", scale(5, 1), []tea.KeyPressMsg{press("down"), press("down"), press("down")}},
		{"a 1–5 scale, answered", scale(5, 1), []tea.KeyPressMsg{press("4")}},
		{"a 0–10 scale, unanswered", scale(11, 0), nil},
		{"a 0–10 scale, the cursor on 7", scale(11, 0), []tea.KeyPressMsg{press("7")}},
		{"a choice, unanswered", choice, nil},
		{"a choice, answered", choice, []tea.KeyPressMsg{press("1")}},
		{"a values page, nothing ticked", values, nil},
		{"a values page, three ticked", values, []tea.KeyPressMsg{press("x"), press("down"), press("x"), press("down"), press("x")}},
		{"a values page, searching", values, []tea.KeyPressMsg{press("/"), press("4")}},
		{"a code", code, nil},
	}
}

// TestHelpListsWhatEachFieldDoes: in every state of every kind of field, a
// key listed in the help line does something or says why not (never
// "nothing here"), and a key that does something is listed. Keys typed
// into a field that takes text (a code, a search) are its text, not keys.
func TestHelpListsWhatEachFieldDoes(t *testing.T) {
	km := NewKeyMap("id")
	for _, st := range fieldStates() {
		f := st.make()
		for _, k := range st.setup {
			f.Update(k, km)
		}
		var listed []string
		for _, b := range f.Help(km, nil) {
			listed = append(listed, b.Keys()...)
		}
		typing := f.Typing()
		for _, k := range keysToTry {
			if typing && (k.Text != "" || k.Code == tea.KeyHome || k.Code == tea.KeyEnd) {
				continue // the text, and the text box's own caret keys
			}
			g := st.make()
			for _, s := range st.setup {
				g.Update(s, km)
			}
			result, _ := g.Update(k, km)
			isListed := slices.Contains(listed, k.String())
			switch {
			case isListed && result == Ignored:
				t.Errorf("%s: the help lists %q, which does nothing", st.name, k.String())
			case !isListed && result != Ignored && result != Refused:
				t.Errorf("%s: %q does something and the help does not list it (it lists %s)", st.name, k.String(), strings.Join(listed, " "))
			}
		}
	}
}

// TestBackIsListedWhereItWorks: the page's own key, shift+tab, is in the
// help line on a second question and goes back there; on the survey's first
// question it is not listed, and pressing it says so.
func TestBackIsListedWhereItWorks(t *testing.T) {
	a, b := 0, 0
	p := New("", NewKeyMap("id"), NewStyles(true),
		NewScale("a", "Pertama?", []string{"1", "2", "3"}, 1, &a), NewScale("b", "Kedua?", []string{"1", "2", "3"}, 1, &b)).NoWayBack()
	p.SetSize(80, 24)
	back := tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	helpLine := func() string { return strings.Join(p.help(), " ") }
	if strings.Contains(helpLine(), "shift+tab") {
		t.Fatalf("the first question lists shift+tab: %s", helpLine())
	}
	if p.Update(back); !strings.Contains(p.message, "tidak dipakai di sini") {
		t.Errorf("shift+tab where it does nothing says nothing: %q", p.message)
	}
	p.Update(tea.KeyPressMsg{Code: '2', Text: "2"}) // on to the second question
	if !strings.Contains(helpLine(), "shift+tab") {
		t.Fatalf("the second question does not list shift+tab: %s", helpLine())
	}
	if p.Update(back); p.focus != 0 || p.message != "" {
		t.Errorf("shift+tab on the second question: focus %d, message %q", p.focus, p.message)
	}
}

// TestNumberKeysAreTheDigitsNumbersBeginWith: the number binding answers
// to each digit some number of the range begins with, and to no other.
func TestNumberKeysAreTheDigitsNumbersBeginWith(t *testing.T) {
	km := NewKeyMap("en")
	for _, c := range []struct {
		first, last int
		keys, help  string
	}{
		{1, 5, "1 2 3 4 5", "1–5"},
		{0, 10, "0 1 2 3 4 5 6 7 8 9", "0–10"},
		{1, 66, "1 2 3 4 5 6 7 8 9", "1–66"},
		{10, 15, "1", "10–15"},
		{7, 7, "7", "7"},
	} {
		b := km.numberHelp(c.first, c.last)
		if keys := strings.Join(b.Keys(), " "); keys != c.keys || b.Help().Key != c.help {
			t.Errorf("numbers %d–%d: keys %q help %q, want %q and %q", c.first, c.last, keys, b.Help().Key, c.keys, c.help)
		}
	}
}
