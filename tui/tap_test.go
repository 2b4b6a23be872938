package tui

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// tapOn taps the first line of the screen that holds all of texts, at the
// column of the first; it fails when no line does.
func tapOn(t *testing.T, d *driver, texts ...string) {
	t.Helper()
	for y, line := range strings.Split(d.screen(), "\n") {
		found := true
		for _, text := range texts {
			found = found && strings.Contains(line, text)
		}
		if found {
			x := len([]rune(line[:strings.Index(line, texts[0])]))
			d.send(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
			d.send(tea.MouseReleaseMsg{X: x, Y: y, Button: tea.MouseLeft})
			return
		}
	}
	t.Fatalf("no line holds %q:\n%s", texts, d.screen())
}

// TestTapsAnswerAsKeysDo: on a touch screen a tap on an option is its
// number key. The language, the audience and the first page's three
// questions are answered by tapping where each option is drawn — the page
// scrolling as the focus moves down — and the answers are those tapped.
func TestTapsAnswerAsKeysDo(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 80, 24)
	if v := d.m.(*Kiosk).View(); v.MouseMode != tea.MouseModeCellMotion {
		t.Fatalf("the kiosk asks for mouse mode %v; taps would not arrive", v.MouseMode)
	}
	tapOn(t, d, "1 · Bahasa Indonesia")
	d.expect("Anda mengisi sebagai")
	tapOn(t, d, "1 · ASN")
	d.expect("Langkah 1 dari 15")
	k := d.m.(*Kiosk)
	for i, want := range []int{4, 2, 5} {
		label := map[int]string{2: "2 · Jarang", 4: "4 · Sering", 5: "5 · Selalu"}[want]
		tapOn(t, d, "┃", label) // the focused question's option
		id := []string{"impl.pelayanan.1", "impl.pelayanan.2", "impl.pelayanan.3"}[i]
		if got := k.sheet.scale[id]; got == nil || *got != want {
			t.Fatalf("after tapping %q for %s: %v", label, id, got)
		}
	}
	d.expect("Langkah 2 dari 15")
}

// TestTapOnTheIntroAfterAResize: a tap lands on what is drawn under it at
// the new size too.
func TestTapOnTheIntroAfterAResize(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	tapOn(t, d, "2 · English")
	d.expect("BerAKHLAK Survey", "F2 Bahasa Indonesia")
}

var (
	tickedOf = regexp.MustCompile(`(\d+) dari (\d+) dipilih`)
	rangeOf  = regexp.MustCompile(`(\d+) dipilih \((\d+) sampai (\d+)\)`)
	optionOf = regexp.MustCompile(`┃ +(?:[❯●] )?(\d+) · `)
)

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// TestAWholeSurveyByTaps: an ASN respondent answers every page by tapping
// only — options where they are drawn, ten values each, the buttons to go
// on, the review's and the record's buttons — and a complete response is
// stored.
func TestAWholeSurveyByTaps(t *testing.T) {
	saver := &memSaver{}
	d := newDriver(t, New(testConfig(saver)), 100, 30)
	tapOn(t, d, "1 · Bahasa Indonesia")
	tapOn(t, d, "1 · ASN")
	for step := 0; len(saver.responses()) == 0; step++ {
		if step > 400 {
			t.Fatalf("no response stored after 400 taps:\n%s", d.screen())
		}
		screen := d.screen()
		switch {
		case strings.Contains(screen, "[ Simpan ]"):
			tapOn(t, d, "[ Simpan ]")
		case strings.Contains(screen, "Periksa jawaban"):
			tapOn(t, d, "[ Lanjut ]")
		case tickedOf.MatchString(screen):
			m := tickedOf.FindStringSubmatch(screen)
			if m[1] == m[2] {
				tapOn(t, d, "[ Lanjut ]")
			} else {
				tapOn(t, d, "┃", "[ ]")
			}
		case rangeOf.MatchString(screen):
			if m := rangeOf.FindStringSubmatch(screen); atoi(m[1]) >= atoi(m[2]) {
				tapOn(t, d, "[ Lanjut ]")
			} else {
				tapOn(t, d, "┃", "[ ]")
			}
		case optionOf.MatchString(screen):
			n := optionOf.FindStringSubmatch(screen)[1]
			tapOn(t, d, "┃", n+" · ")
		default:
			t.Fatalf("step %d: nothing to tap:\n%s", step, screen)
		}
	}
	r := saver.responses()[0]
	if err := testConfig(saver).Instrument.CheckResponse(r); err != nil {
		t.Fatalf("the response stored by taps is not complete: %v", err)
	}
	if len(r.Answers.Picks[questionnaire.ItemValuesDesired]) != 10 || len(r.Answers.Scale) < 30 {
		t.Fatalf("stored by taps: %d desired values, %d scale answers", len(r.Answers.Picks[questionnaire.ItemValuesDesired]), len(r.Answers.Scale))
	}
}

// TestTheWheelScrolls: on a survey page the wheel moves as ↓ does, and on
// the review it scrolls the text.
func TestTheWheelScrolls(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	d.keys("1", "1")
	onPage := d.screen()
	d.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown, X: 10, Y: 10})
	if d.screen() == onPage {
		t.Fatal("the wheel did nothing on a survey page")
	}
	d.key("up")
	answerASN(d)
	d.expect("Periksa jawaban")
	before := d.screen()
	for range 5 {
		d.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown, X: 10, Y: 10})
	}
	if d.screen() == before {
		t.Fatal("the wheel did not scroll the review")
	}
}

// TestTapTheLanguageAndStop: on a touch screen the help line's "F2 English"
// and "F10 berhenti" are buttons: a tap on F2 switches the language, a tap on
// F10 asks once more and a second tap stops, as the keys do.
func TestTapTheLanguageAndStop(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	tapOn(t, d, "1 · Bahasa Indonesia")
	tapOn(t, d, "1 · ASN")
	d.expect("Langkah 1 dari 15")
	tapOn(t, d, "F2 English")
	d.expect("Step 1 of 15")
	tapOn(t, d, "F2 Bahasa Indonesia")
	d.expect("Langkah 1 dari 15")
	tapOn(t, d, "F10 berhenti")
	d.expect("Tekan F10 sekali lagi")
	tapOn(t, d, "F10 berhenti")
	d.expect("Selamat datang")
}

// TestADragScrollsAndTicksNothing: on a values page a finger that goes down
// on a value and moves up scrolls the list on (as the wheel does) and ticks
// nothing; lifted where it went down, it ticks.
func TestADragScrollsAndTicksNothing(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 80, 24)
	tapOn(t, d, "1 · Bahasa Indonesia")
	tapOn(t, d, "1 · ASN")
	for step := 0; !tickedOf.MatchString(d.screen()); step++ { // on to the first values page
		if step > 200 {
			t.Fatalf("no values page:\n%s", d.screen())
		}
		m := optionOf.FindStringSubmatch(d.screen())
		if m == nil {
			t.Fatalf("nothing to answer:\n%s", d.screen())
		}
		tapOn(t, d, "┃", m[1]+" · ")
	}
	before := d.screen()
	y := -1
	for i, line := range strings.Split(before, "\n") {
		if strings.Contains(line, "┃") && strings.Contains(line, "[ ]") {
			y = i
			break
		}
	}
	if y < 0 {
		t.Fatalf("no value drawn:\n%s", before)
	}
	d.send(tea.MouseClickMsg{X: 10, Y: y + 6, Button: tea.MouseLeft})
	d.send(tea.MouseMotionMsg{X: 10, Y: y + 3, Button: tea.MouseLeft})
	d.send(tea.MouseMotionMsg{X: 10, Y: y, Button: tea.MouseLeft})
	d.send(tea.MouseReleaseMsg{X: 10, Y: y, Button: tea.MouseLeft})
	after := d.screen()
	if m := tickedOf.FindStringSubmatch(after); m == nil || m[1] != "0" {
		t.Fatalf("a drag ticked a value:\n%s", after)
	}
	if after == before {
		t.Fatalf("a drag of six rows moved nothing:\n%s", after)
	}
	tapOn(t, d, "┃", "[ ]")
	if m := tickedOf.FindStringSubmatch(d.screen()); m == nil || m[1] != "1" {
		t.Fatalf("a tap after the drag did not tick:\n%s", d.screen())
	}
}
