package page

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/charmbracelet/x/ansi"
)

// press turns key names into key presses, as a terminal would send them.
func press(keys ...string) []tea.KeyPressMsg { return testkit.Presses(keys) }

// run feeds keys to one field, returning the last result and message.
func run(f Field, lang string, keys ...string) (Result, string) {
	km := NewKeyMap(lang)
	var res Result
	var msg string
	for _, k := range press(keys...) {
		res, msg = f.Update(k, km)
	}
	return res, msg
}

// helpKeys is a field's key help as the bottom line writes it.
func helpKeys(f Field, lang string) string {
	var out []string
	for _, b := range f.Help(NewKeyMap(lang), nil) {
		out = append(out, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(out, " · ")
}

func plainView(f Field, focused bool) string {
	return ansi.Strip(strings.Join(f.View(76, 20, focused, NewStyles(true)), "\n"))
}

func TestScaleDigitAnswersAndMovesOn(t *testing.T) {
	v := 0
	s := NewScale("q", "Seberapa sering?", []string{"1 · Tidak pernah", "2", "3", "4", "5 · Selalu"}, 1, &v)
	if res, _ := run(s, "id", "4"); res != Done || v != 4 {
		t.Fatalf("4 gave %v, value %d; want Done, 4", res, v)
	}
	if view := plainView(s, true); !strings.Contains(view, "> 4") {
		t.Fatalf("the cursor is not on 4:\n%s", view)
	}
	if res, _ := run(s, "id", "7"); res != Ignored || v != 4 {
		t.Fatalf("7 on a 1–5 scale gave %v, value %d; want Ignored, 4", res, v)
	}
	if res, _ := run(s, "id", "up", "up"); res != Handled || v != 4 {
		t.Fatalf("up up gave %v, value %d; want Handled and the answer kept", res, v)
	}
	if res, _ := run(s, "id", "enter"); res != Done || v != 2 {
		t.Fatalf("enter gave %v, value %d; want Done, 2", res, v)
	}
}

func TestScaleStartsUnanswered(t *testing.T) {
	v := 0
	s := NewScale("q", "Seberapa sering?", []string{"1 · Tidak pernah", "2", "3", "4", "5 · Selalu"}, 1, &v)
	if view := plainView(s, false); strings.Contains(view, "*") {
		t.Fatalf("an unanswered scale shows an answer:\n%s", view)
	}
	// Enter on an untouched scale answers nothing and says how to answer.
	if res, msg := run(s, "id", "enter"); res != Refused || v != 0 || !strings.Contains(msg, "tekan nomornya") {
		t.Fatalf("enter on an untouched scale gave %v %q, value %d; want Refused, no answer", res, msg, v)
	}
	if help := helpKeys(s, "id"); strings.Contains(help, "enter") {
		t.Fatalf("with no point under the cursor the help lists enter: %s", help)
	}
	// Down from nothing is the first point, down again the second.
	if res, _ := run(s, "id", "down", "down"); res != Handled || v != 0 {
		t.Fatalf("down down gave %v, value %d; want Handled, no answer yet", res, v)
	}
	if help := helpKeys(s, "id"); !strings.Contains(help, "enter pilih") {
		t.Fatalf("with a point under the cursor the help does not say enter chooses: %s", help)
	}
	if res, _ := run(s, "id", "enter"); res != Done || v != 2 {
		t.Fatalf("enter gave %v, value %d; want Done, 2", res, v)
	}
	if view := plainView(s, false); !strings.Contains(view, "* 2") {
		t.Fatalf("the answer is not marked:\n%s", view)
	}
}

func TestScaleToTenTakesTwoDigitsAndEnter(t *testing.T) {
	v := -1
	labels := make([]string, 11)
	for i := range labels {
		labels[i] = strconv.Itoa(i)
	}
	s := NewScale("q", "Rekomendasi?", labels, 0, &v)
	if help := helpKeys(s, "id"); !strings.Contains(help, "0–10 tunjuk (10: ketik 1 lalu 0)") {
		t.Fatalf("the 0–10 scale's help says %q; want how to reach 10", help)
	}
	if res, _ := run(s, "en", "1", "0"); res != Handled || v != -1 || !strings.Contains(plainView(s, true), "> 10") {
		t.Fatalf("1 0 gave %v, value %d; want Handled, the cursor on 10 and no answer yet", res, v)
	}
	run(s, "en", "enter")
	if res, _ := run(s, "en", "7"); res != Handled || v != 10 {
		t.Fatalf("7 gave %v, value %d; want Handled (enter confirms) and 10 kept", res, v)
	}
	if res, _ := run(s, "en", "enter"); res != Done || v != 7 {
		t.Fatalf("enter gave %v, value %d; want Done, 7", res, v)
	}
}

func TestRequiredChoiceStartsOnNothingAndFinalAsksAgain(t *testing.T) {
	v := ""
	c := NewChoice("age", "18 atau lebih?", []string{"adult", "minor"}, []string{"Ya", "Tidak, di bawah 18"}, &v).
		Final("minor", "Survei akan berakhir.")
	if view := plainView(c, true); strings.Contains(view, ">") {
		t.Fatalf("a required choice starts with the cursor on an answer:\n%s", view)
	}
	res, msg := run(c, "id", "enter")
	if res != Refused || !strings.Contains(msg, "Pilih salah satu") || v != "" {
		t.Fatalf("enter on nothing gave %v %q, value %q; want Refused with a hint", res, msg, v)
	}
	if res, _ := run(c, "id", "2"); res != Handled || v != "" {
		t.Fatalf("2 (final) gave %v, value %q; want Handled and no answer yet", res, v)
	}
	if view := plainView(c, true); !strings.Contains(view, "Survei akan berakhir. Tekan enter sekali lagi") {
		t.Fatalf("the final option does not ask again:\n%s", view)
	}
	if res, _ := run(c, "id", "esc"); res != Handled || v != "" || strings.Contains(plainView(c, true), "sekali lagi") {
		t.Fatalf("esc did not cancel: %v, value %q", res, v)
	}
	if res, _ := run(c, "id", "2", "enter"); res != Done || v != "minor" {
		t.Fatalf("2 enter gave %v, value %q; want Done, minor", res, v)
	}
}

func TestChoicePastNineTakesTwoDigits(t *testing.T) {
	var ids, labels []string
	for i := range 15 {
		ids, labels = append(ids, string(rune('a'+i))), append(labels, "page")
	}
	for _, tc := range []struct {
		keys []string
		want string
		res  Result
	}{
		{[]string{"1", "2"}, "l", Done},
		{[]string{"1", "enter"}, "a", Done},
		{[]string{"9"}, "i", Done},
		{[]string{"1", "5"}, "o", Done},
		{[]string{"1", "6"}, "", Ignored},
	} {
		v := ""
		c := NewChoice("page", "Which page?", ids, labels, &v)
		if res, _ := run(c, "en", tc.keys...); res != tc.res || v != tc.want {
			t.Errorf("%v gave %v, value %q; want %v, %q", tc.keys, res, v, tc.res, tc.want)
		}
	}
}

func TestOptionalChoiceStartsOnPreferNot(t *testing.T) {
	v := ""
	c := NewOptional("edu", "Pendidikan", "Tidak ingin menjawab", []string{"s1", "s2"}, []string{"S1", "S2"}, &v)
	if view := plainView(c, true); !strings.Contains(view, "> 0 · Tidak ingin menjawab") {
		t.Fatalf("the cursor is not on prefer-not-to-say:\n%s", view)
	}
	if res, _ := run(c, "id", "2"); res != Done || v != "s2" {
		t.Fatalf("2 gave %v, value %q; want Done, s2", res, v)
	}
	if res, _ := run(c, "id", "0"); res != Done || v != "" {
		t.Fatalf("0 gave %v, value %q; want Done, \"\"", res, v)
	}
}

func newValues(v *[]string) *Pick {
	var ids, labels []string
	for i := range 20 {
		ids = append(ids, string(rune('a'+i)))
		labels = append(labels, string(rune('a'+i))+"-value")
	}
	labels[3] = "d-jujur"
	return NewPick("values", "Pilih 10 nilai", "id", ids, labels, 10, 10, v)
}

func TestPickCountsAndRefusesAnEleventh(t *testing.T) {
	var v []string
	p := newValues(&v)
	var keys []string
	for range 7 {
		keys = append(keys, "x", "down")
	}
	run(p, "id", keys...)
	if view := plainView(p, true); !strings.Contains(view, "7 dari 10 dipilih") {
		t.Fatalf("no running count:\n%s", view)
	}
	res, msg := run(p, "id", "enter")
	if res != Refused || msg != "Pilih tepat 10; sekarang 7 dipilih." {
		t.Fatalf("enter at 7 gave %v %q", res, msg)
	}
	run(p, "id", "x", "down", "x", "down", "x", "down")
	res, msg = run(p, "id", "x")
	if res != Refused || !strings.Contains(msg, "Sudah 10 dipilih") || len(v) != 10 {
		t.Fatalf("an 11th tick gave %v %q with %d ticked", res, msg, len(v))
	}
	if res, _ := run(p, "id", "enter"); res != Done {
		t.Fatalf("enter at 10 gave %v, want Done", res)
	}
}

func TestPickSearchSaysWhenNothingMatches(t *testing.T) {
	var v []string
	p := newValues(&v)
	if res, _ := run(p, "en", "/", "j", "u", "j"); res != Handled || !p.Typing() {
		t.Fatalf("typing a search gave %v (typing %v)", res, p.Typing())
	}
	if view := plainView(p, true); !strings.Contains(view, "> [ ] d-jujur") || strings.Contains(view, "a-value") ||
		!strings.Contains(view, "/juj_") || strings.Contains(view, "▏") { // the console's font has no ▏
		t.Fatalf("the search did not narrow the list:\n%s", view)
	}
	res, msg := run(p, "en", "q")
	if res != Refused || msg != "Nothing matches “jujq”. Delete with backspace, or esc." {
		t.Fatalf("a search with no match gave %v %q", res, msg)
	}
	run(p, "en", "backspace", "enter", "x")
	if len(v) != 1 || v[0] != "d" {
		t.Fatalf("ticked %v after the search, want [d]", v)
	}
}

func TestEntryChecksOnEnter(t *testing.T) {
	v := ""
	e := NewEntry("code", "Kode", "", 16, false, &v, func(s string) string {
		if len(s) != 4 {
			return "four characters"
		}
		return ""
	})
	if res, msg := run(e, "id", "a", "b", "enter"); res != Refused || msg != "four characters" || v != "ab" {
		t.Fatalf("ab enter gave %v %q, value %q", res, msg, v)
	}
	if res, _ := run(e, "id", "c", "d", "enter"); res != Done || v != "abcd" {
		t.Fatalf("abcd enter gave %v, value %q", res, v)
	}
}

func TestPageBackFromFirstAndWrongKeyHint(t *testing.T) {
	a, b := 0, 0
	labels := []string{"1", "2", "3", "4", "5"}
	p := New("", NewKeyMap("en"), NewStyles(true), NewScale("a", "A?", labels, 1, &a), NewScale("b", "B?", labels, 1, &b))
	p.SetSize(80, 21)
	if out := p.Update(press("3")[0]); out != Stay || p.Focused().ID() != "b" {
		t.Fatalf("3 on the first question: %v, focus %s", out, p.Focused().ID())
	}
	if out := p.Update(press("q")[0]); out != Stay || !strings.Contains(p.View(), "The “q” key does nothing here.") {
		t.Fatalf("a wrong key gave no hint:\n%s", p.View())
	}
	p.Update(press("shift+tab")[0])
	if out := p.Update(press("shift+tab")[0]); out != Back {
		t.Fatalf("shift+tab on the first question gave %v, want Back", out)
	}
	if out := p.Update(press("2")[0]); out != Stay {
		t.Fatal("the first answer ended the page")
	}
	if out := p.Update(press("5")[0]); out != Next || a != 2 || b != 5 {
		t.Fatalf("5 on the last question gave %v with answers %d %d", out, a, b)
	}
}

func TestPageScrollsToTheFocusedFieldAndKeepsHelp(t *testing.T) {
	vals := make([]int, 4)
	labels := []string{"1", "2", "3", "4", "5"}
	var fields []Field
	for i := range vals {
		fields = append(fields, NewScale(string(rune('a'+i)), "Question "+string(rune('A'+i)), labels, 1, &vals[i]))
	}
	p := New("", NewKeyMap("en"), NewStyles(true), fields...)
	p.SetSize(80, 12)
	for _, k := range press("1", "1", "1") {
		p.Update(k)
	}
	lines := strings.Split(ansi.Strip(p.View()), "\n")
	if len(lines) != 12 {
		t.Fatalf("the page is %d lines, want 12", len(lines))
	}
	view := strings.Join(lines, "\n")
	if !strings.Contains(view, "Question D") || !strings.Contains(lines[11], "1–5 answer") {
		t.Fatalf("the focused question or the key help is out of view:\n%s", view)
	}
	if !strings.Contains(view, "↑ more above") {
		t.Fatalf("no mark of the questions above:\n%s", view)
	}
}

// TestLongChoiceSaysWhichNumbersWait: past nine options a 1 waits for a
// second digit (or enter), and the help says so instead of "1–15 answer".
func TestLongChoiceSaysWhichNumbersWait(t *testing.T) {
	ids, labels := make([]string, 15), make([]string, 15)
	for i := range ids {
		ids[i], labels[i] = strconv.Itoa(i+1), "Halaman "+strconv.Itoa(i+1)
	}
	v := ""
	c := NewChoice("page", "Halaman mana?", ids, labels, &v)
	if help := helpKeys(c, "id"); !strings.Contains(help, "1–15 pilih (1: lalu enter)") {
		t.Fatalf("a choice of 15 says %q", help)
	}
	if help := helpKeys(c, "en"); !strings.Contains(help, "1–15 choose (1: then enter)") {
		t.Fatalf("a choice of 15 says %q in English", help)
	}
	short := NewChoice("q", "?", ids[:9], labels[:9], &v)
	if help := helpKeys(short, "en"); !strings.Contains(help, "1–9 answer") {
		t.Fatalf("a choice of 9 says %q", help)
	}
}

// catalogue66 is a values question of 66 numbered entries, as the kiosk's.
func catalogue66(v *[]string) *Pick {
	var ids, labels []string
	for i := range 66 {
		ids = append(ids, "v"+strconv.Itoa(i+1))
		labels = append(labels, strconv.Itoa(i+1)+" · nilai "+strconv.Itoa(i+1))
	}
	return NewPick("values", "Pilih 10 nilai", "id", ids, labels, 10, 10, v)
}

// TestValuesPageANumberTicksItsValue: a number no longer number begins
// with (7, 42 of 66) ticks that value at once; one that could begin one
// (4: 40–49) waits for enter; space during a search ticks, never types;
// where the list is and that more is below are always said.
func TestValuesPageANumberTicksItsValue(t *testing.T) {
	var v []string
	p := catalogue66(&v)
	if view := plainView(p, true); !strings.Contains(view, "0 dari 10 dipilih · 1–18 dari 66 · ↓ masih ada di bawah") {
		t.Fatalf("the status line does not say where the list is:\n%s", view)
	}
	if help := helpKeys(p, "id"); !strings.Contains(help, "1–66 pilih/batal") || !strings.Contains(help, "/ cari") {
		t.Fatalf("the help says %q; want the numbers that tick and / to search", help)
	}
	if res, _ := run(p, "id", "7"); res != Handled || !slices.Equal(v, []string{"v7"}) || p.Typing() {
		t.Fatalf("7 gave %v, ticked %v, still searching %v; want v7 ticked at once", res, v, p.Typing())
	}
	if res, _ := run(p, "id", "4", "2"); res != Handled || !slices.Equal(v, []string{"v7", "v42"}) {
		t.Fatalf("4 2 gave %v, ticked %v; want v42 too", res, v)
	}
	run(p, "id", "4")
	if !p.Typing() || len(v) != 2 || !strings.Contains(plainView(p, true), "> [ ] 4 · nilai 4") {
		t.Fatalf("4 alone ticked %v (searching %v); want it waiting, the cursor on 4:\n%s", v, p.Typing(), plainView(p, true))
	}
	run(p, "id", "enter")
	if !slices.Equal(v, []string{"v4", "v7", "v42"}) || p.Typing() {
		t.Fatalf("4 enter ticked %v", v)
	}
	run(p, "id", "/", "n", "i", "l", "a", "i", " ")
	if p.Typing() || len(v) != 4 || !strings.Contains(plainView(p, true), "/nilai · ") { // not "/nilai  ·"
		t.Fatalf("space in a search: ticked %v, searching %v:\n%s", v, p.Typing(), plainView(p, true))
	}
}

// rowOf is the row of a page's drawing that holds text; -1 when none.
func rowOf(p *Page, text string) int {
	for i, line := range strings.Split(ansi.Strip(p.View()), "\n") {
		if strings.Contains(line, text) {
			return i
		}
	}
	return -1
}

// TestTapTicksTheEntryDrawnThere: on a values page a tap ticks the entry
// under it, before and after the list scrolled, and nothing elsewhere.
func TestTapTicksTheEntryDrawnThere(t *testing.T) {
	var v []string
	p := New("", NewKeyMap("id"), NewStyles(true), catalogue66(&v))
	p.SetSize(76, 20)
	p.Tap(rowOf(p, "5 · nilai 5"), 6)
	if !slices.Equal(v, []string{"v5"}) {
		t.Fatalf("a tap on entry 5 ticked %v", v)
	}
	p.Tap(rowOf(p, "Pilih 10 nilai"), 2) // the title: nothing
	for range 40 {
		p.Update(tea.KeyPressMsg{Code: tea.KeyDown})
	}
	if rowOf(p, "5 · nilai 5") >= 0 || rowOf(p, "40 · nilai 40") < 0 {
		t.Fatalf("the list did not scroll:\n%s", p.View())
	}
	p.Tap(rowOf(p, "40 · nilai 40"), 6)
	if !slices.Equal(v, []string{"v5", "v40"}) {
		t.Fatalf("after scrolling, a tap on entry 40 ticked %v", v)
	}
}

// colOf is the column of text in the row of a page's drawing that holds it.
func colOf(p *Page, text string) (row, col int) {
	for i, line := range strings.Split(ansi.Strip(p.View()), "\n") {
		if j := strings.Index(line, text); j >= 0 {
			return i, len([]rune(line[:j]))
		}
	}
	return -1, -1
}

// TestButtonsDoWhatTheirKeysDo: ten values ticked by taps, a tap on
// [ Lanjut ] moves on as enter does; before ten it says why not; on a
// second question [ Kembali ] goes back as shift+tab does.
func TestButtonsDoWhatTheirKeysDo(t *testing.T) {
	var v []string
	p := New("", NewKeyMap("id"), NewStyles(true), catalogue66(&v))
	p.SetSize(76, 24)
	if out := p.Tap(colOf(p, "[ Kembali ]")); out != Back {
		t.Fatalf("[ Kembali ] on a page's first question gave %v, want Back (to the page before)", out)
	}
	p = New("", NewKeyMap("id"), NewStyles(true), catalogue66(&v)).NoWayBack()
	p.SetSize(76, 24)
	if row, _ := colOf(p, "[ Kembali ]"); row >= 0 {
		t.Fatalf("a page with no way back offers [ Kembali ]:\n%s", p.View())
	}
	if out := p.Tap(colOf(p, "[ Lanjut ]")); out != Stay || !strings.Contains(p.View(), "Pilih tepat 10") {
		t.Fatalf("[ Lanjut ] with nothing ticked: %v\n%s", out, p.View())
	}
	for i := 1; i <= 10; i++ {
		row, col := colOf(p, strconv.Itoa(i)+" · nilai "+strconv.Itoa(i))
		p.Tap(row, col)
	}
	if len(v) != 10 {
		t.Fatalf("ten taps ticked %v", v)
	}
	if out := p.Tap(colOf(p, "[ Lanjut ]")); out != Next {
		t.Fatalf("[ Lanjut ] with ten ticked gave %v, want Next", out)
	}
	a, b := 0, 0
	two := New("", NewKeyMap("id"), NewStyles(true),
		NewScale("a", "Pertama?", []string{"1", "2", "3"}, 1, &a), NewScale("b", "Kedua?", []string{"1", "2", "3"}, 1, &b)).NoWayBack()
	two.SetSize(76, 24)
	two.Tap(colOf(two, "2"))
	if two.Focused().ID() != "b" {
		t.Fatalf("the tap on the first question's 2 left the focus on %s", two.Focused().ID())
	}
	two.Tap(colOf(two, "[ Kembali ]"))
	if two.Focused().ID() != "a" || a != 2 {
		t.Fatalf("[ Kembali ] left the focus on %s (a = %d)", two.Focused().ID(), a)
	}
}

// TestButtonsAreThreeRowsByTenColumns: a button takes a tap on the row below
// it while no message is there and on a blank row above it, and a column to
// either side ("[ Next ]" is 8 wide), but not two rows away, nor the blank
// row above once that row holds a question.
func TestButtonsAreThreeRowsByTenColumns(t *testing.T) {
	a, b := 0, 0
	page := func() *Page {
		p := New("", NewKeyMap("en"), NewStyles(true),
			NewScale("a", "First?", []string{"1", "2", "3"}, 1, &a), NewScale("b", "Second?", []string{"1", "2", "3"}, 1, &b)).NoWayBack()
		p.SetSize(76, 24)
		return p
	}
	row, col := colOf(page(), "[ Next ]")
	if row < 1 {
		t.Fatalf("no [ Next ] on the page:\n%s", page().View())
	}
	for _, tap := range [][2]int{{row + 1, col}, {row, col - 1}, {row, col + 8}} {
		if p := page(); p.Tap(tap[0], tap[1]) == Stay && p.message == "" {
			t.Errorf("a tap at row %d, column %d (the button at %d, %d) did nothing", tap[0], tap[1], row, col)
		}
	}
	for _, tap := range [][2]int{{row + 2, col}, {row, col + 9}} {
		if p := page(); p.Tap(tap[0], tap[1]) != Stay || p.message != "" {
			t.Errorf("a tap at row %d, column %d, off the button, did something: %q", tap[0], tap[1], p.message)
		}
	}
	p := page()
	p.View()
	if p.tapAt[row-1].field < 0 { // the row above is blank here: it counts
		if p.Tap(row-1, col); p.message == "" {
			t.Errorf("a tap on the blank row above [ Next ] did nothing")
		}
	} else if p.Tap(row-1, col); strings.Contains(p.message, "Choose") {
		t.Errorf("a tap on the question above [ Next ] pressed it")
	}
}

// TestOnlyTheFocusedFieldIsBehindTheBar: every line of the question in focus,
// and of no other, is behind the focus bar — also after a key changed a line
// of it, and after the focus moved on and back (a field's lines are kept
// behind their bar between keys).
func TestOnlyTheFocusedFieldIsBehindTheBar(t *testing.T) {
	a, b := 0, 0
	st := NewStyles(true)
	p := New("", NewKeyMap("id"), st,
		NewScale("a", "Pertama?", []string{"1", "2", "3"}, 1, &a), NewScale("b", "Kedua?", []string{"1", "2", "3"}, 1, &b))
	p.SetSize(80, 24)
	barred := func(question string) (behind, notBehind int) {
		in := false
		for _, l := range p.Lines() {
			switch {
			case strings.HasSuffix(l, "Pertama?") || strings.HasSuffix(l, "Kedua?"):
				in = strings.HasSuffix(l, question)
			case l == "":
				in = false
			}
			if in && strings.HasPrefix(l, st.Bar) {
				behind++
			} else if strings.HasPrefix(l, st.Bar) {
				notBehind++
			}
		}
		return behind, notBehind
	}
	steps := []struct {
		keys    []string
		focused string
	}{{nil, "Pertama?"}, {[]string{"down"}, "Pertama?"}, {[]string{"2"}, "Kedua?"}, {[]string{"shift+tab"}, "Pertama?"}, {[]string{"down"}, "Pertama?"}}
	for _, s := range steps {
		for _, k := range press(s.keys...) {
			p.Update(k)
		}
		if behind, other := barred(s.focused); behind != 4 || other != 0 {
			t.Fatalf("after %v: %d lines of %s behind the bar (want its 4), %d others:\n%s", s.keys, behind, s.focused, other, strings.Join(p.Lines(), "\n"))
		}
	}
}

// A list's rows are drawn again only when what they show changes: with the
// same looks kept from key to key, every drawing is still the list's state
// — the cursor on its row, a tick where it was given, the rows a search
// leaves, no cursor once the list loses the focus.
func TestPickRowsFollowTheList(t *testing.T) {
	var v []string
	p := newValues(&v)
	st := NewStyles(true)
	view := func(focused bool) string { return ansi.Strip(strings.Join(p.View(76, 20, focused, st), "\n")) }
	steps := []struct {
		keys    []string
		focused bool
		has     []string
		hasNot  []string
	}{
		{nil, true, []string{"> [ ] a-value", "  [ ] b-value"}, nil},
		{[]string{"down"}, true, []string{"  [ ] a-value", "> [ ] b-value"}, []string{"> [ ] a-value"}},
		{[]string{"x"}, true, []string{"> [x] b-value", "  [ ] c-value"}, []string{"[ ] b-value"}},
		{nil, false, []string{"  [x] b-value", "  [ ] a-value"}, []string{"> "}},
		{[]string{"down", "x", "up"}, true, []string{"> [x] b-value", "  [x] c-value"}, []string{"> [x] c-value"}},
		{[]string{"/", "j", "u", "j"}, true, []string{"> [ ] d-jujur"}, []string{"a-value", "b-value"}},
		{[]string{"esc"}, true, []string{"[ ] a-value", "[x] b-value", "[x] c-value"}, nil},
	}
	for n, s := range steps {
		run(p, "en", s.keys...)
		got := view(s.focused)
		for _, want := range s.has {
			if !strings.Contains(got, want) {
				t.Errorf("step %d (%v): no %q in\n%s", n, s.keys, want, got)
			}
		}
		for _, not := range s.hasNot {
			if strings.Contains(got, not) {
				t.Errorf("step %d (%v): %q left in\n%s", n, s.keys, not, got)
			}
		}
	}
}

// Options are kept drawn with their mark, shared by every session: each
// drawing still has exactly one cursor, on the point it is at, and the
// answer's mark on the answer where the cursor is not.
func TestScaleMarksFollowTheCursor(t *testing.T) {
	v := 0
	s := NewScale("q", "Seberapa sering?", []string{"1 · Tidak pernah", "2", "3", "4", "5 · Selalu"}, 1, &v)
	for _, step := range []struct {
		keys   []string
		cursor string
		answer string
	}{
		{[]string{"2"}, "> 2", ""},
		{[]string{"up"}, "> 1", "* 2"},
		{[]string{"down", "down"}, "> 3", "* 2"},
		{[]string{"enter"}, "> 3", ""},
		{[]string{"up"}, "> 2", "* 3"},
	} {
		run(s, "id", step.keys...)
		view := plainView(s, true)
		if strings.Count(view, "> ") != 1 || !strings.Contains(view, step.cursor) {
			t.Errorf("after %v: want one cursor, at %q:\n%s", step.keys, step.cursor, view)
		}
		if marks := strings.Count(view, "* "); step.answer == "" && marks != 0 || step.answer != "" && (marks != 1 || !strings.Contains(view, step.answer)) {
			t.Errorf("after %v: want the answer's mark at %q (none: under the cursor):\n%s", step.keys, step.answer, view)
		}
	}
}
