package testkit

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// What TapASN reads on a page.
var (
	tickedOf   = regexp.MustCompile(`(\d+) dari (\d+) dipilih`)
	rangeOf    = regexp.MustCompile(`(\d+) dipilih \((\d+) sampai (\d+)\)`)
	focusedOpt = regexp.MustCompile(`┃ +(?:[❯●] )?(\d+) · `)
)

// Tapper drives a kiosk by taps alone: Screen reads what the terminal shows
// now, Tap clicks the cell at column x, row y (from 0), and Step, when set,
// runs before each page is read (to resize the terminal midway, say).
type Tapper struct {
	Screen func() string
	Tap    func(x, y int)
	Step   func(step int)
}

// TapASN answers the ASN survey from the language question to the thank-you
// by taps on what is drawn: Bahasa Indonesia, ASN, on each question its
// lowest answer (0, "prefer not to say", where it has one), the first
// entries of a values or reasons page, then the buttons — the answers
// TapASNKeys gives by keyboard.
func (d Tapper) TapASN(t testing.TB) {
	t.Helper()
	d.Settled(t)
	d.tapOn(t, 0, "1 · Bahasa Indonesia")
	d.Settled(t)
	d.tapOn(t, 1, "1 · ASN")
	for step := 2; ; step++ {
		if step > 400 {
			t.Fatalf("not at the thank-you after 400 taps:\n%s", d.Screen())
		}
		if d.Step != nil {
			d.Step(step)
		}
		screen := d.Settled(t)
		switch {
		case strings.Contains(screen, "Terima kasih"):
			return
		case strings.Contains(screen, "[ Simpan ]"):
			d.tapOn(t, step, "[ Simpan ]")
		case strings.Contains(screen, "Periksa jawaban"):
			d.tapOn(t, step, "[ Lanjut ]")
		case tickedOf.MatchString(screen):
			if m := tickedOf.FindStringSubmatch(screen); m[1] == m[2] {
				d.tapOn(t, step, "[ Lanjut ]")
			} else {
				d.tapOn(t, step, "┃", "[ ]")
			}
		case rangeOf.MatchString(screen):
			if m := rangeOf.FindStringSubmatch(screen); atoi(m[1]) >= atoi(m[2]) {
				d.tapOn(t, step, "[ Lanjut ]")
			} else {
				d.tapOn(t, step, "┃", "[ ]")
			}
		case focusedOpt.MatchString(screen):
			lowest := -1
			for _, m := range focusedOpt.FindAllStringSubmatch(screen, -1) {
				if n := atoi(m[1]); lowest < 0 || n < lowest {
					lowest = n
				}
			}
			d.tapOn(t, step, "┃", strconv.Itoa(lowest)+" · ")
		default:
			t.Fatalf("step %d: nothing to tap:\n%s", step, screen)
		}
	}
}

// TapASNKeys are the keys that give the answers TapASN taps, up to the
// review: the language, the audience, and testkit's script with each
// question's lowest answer.
func TapASNKeys(in *questionnaire.Instrument) []string {
	lowest := func(it questionnaire.Item, _ int) int {
		sc, _ := in.ScaleByID(it.Scale)
		return sc.Min
	}
	return append([]string{"1", "1"}, Survey(in, questionnaire.AudienceASN, lowest)...)
}

// tapOn taps the first line that holds all of texts, at the first's column,
// and waits until the screen changes.
func (d Tapper) tapOn(t testing.TB, step int, texts ...string) {
	t.Helper()
	screen := d.Screen()
	for y, line := range strings.Split(screen, "\n") {
		found := true
		for _, text := range texts {
			found = found && strings.Contains(line, text)
		}
		if !found {
			continue
		}
		d.Tap(len([]rune(line[:strings.Index(line, texts[0])])), y)
		deadline := time.Now().Add(5 * time.Second)
		for d.Screen() == screen {
			if time.Now().After(deadline) {
				t.Fatalf("step %d: a tap on %q changed nothing:\n%s", step, texts, screen)
			}
			time.Sleep(10 * time.Millisecond)
		}
		return
	}
	t.Fatalf("step %d: no line holds %q:\n%s", step, texts, screen)
}

// Settled is the screen once it has not changed for 100 ms (a frame can
// reach the terminal in parts).
func (d Tapper) Settled(t testing.TB) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	last := d.Screen()
	for stable := time.Now(); time.Since(stable) < 100*time.Millisecond; {
		if time.Now().After(deadline) {
			t.Fatalf("the screen did not settle within 5 s:\n%s", last)
		}
		time.Sleep(20 * time.Millisecond)
		if now := d.Screen(); now != last {
			last, stable = now, time.Now()
		}
	}
	return last
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
