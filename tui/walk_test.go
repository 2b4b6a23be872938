package tui

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/tui/page"
)

// Every respondent screen, in both languages, both audiences, at the
// smallest window and a common larger one, is walked key by key.

var (
	wordRE = regexp.MustCompile(`\pL+`)
	quoted = regexp.MustCompile(`"[^"]*"`)
)

// texts gathers every bilingual text inside v.
func texts(v reflect.Value, out *[]questionnaire.Text) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			texts(v.Elem(), out)
		}
	case reflect.Struct:
		if t, ok := v.Interface().(questionnaire.Text); ok {
			*out = append(*out, t)
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				texts(v.Field(i), out)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			texts(v.Index(i), out)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			texts(v.MapIndex(k), out)
		}
	}
}

// onlyIn returns, per language, the words that occur in its texts and in no
// text of the other language: seeing one on a screen of the other language
// means a text was not translated.
func onlyIn() map[string]map[string]bool {
	var all []questionnaire.Text
	texts(reflect.ValueOf(ui), &all)
	texts(reflect.ValueOf(page.Texts), &all)
	texts(reflect.ValueOf(questionnaire.Default()), &all)
	words := map[string]map[string]bool{questionnaire.LangID: {}, questionnaire.LangEN: {}}
	for _, t := range all {
		for _, w := range wordRE.FindAllString(strings.ToLower(t.Indonesian), -1) {
			words[questionnaire.LangID][w] = true
		}
		for _, w := range wordRE.FindAllString(strings.ToLower(t.English), -1) {
			words[questionnaire.LangEN][w] = true
		}
	}
	only := map[string]map[string]bool{questionnaire.LangID: {}, questionnaire.LangEN: {}}
	for lang, ws := range words {
		other := questionnaire.LangEN
		if lang == questionnaire.LangEN {
			other = questionnaire.LangID
		}
		for w := range ws {
			if !words[other][w] {
				only[lang][w] = true
			}
		}
	}
	return only
}

// sharedWords may appear in either language: the name of the other
// language on the key that switches to it, and the names printed on keys
// (home, end, pgup, pgdn), which the help line writes as the keyboard does.
var sharedWords = map[string]bool{"english": true, "bahasa": true, "indonesia": true, "home": true, "end": true, "pgup": true, "pgdn": true}

type walk struct {
	t             *testing.T
	d             *driver
	lang          string
	width, height int
	foreign       map[string]bool // words of the other language
	glyphs        map[rune]bool   // when set, the only code points a screen may use
	screens       int
}

// check looks at the screen after a key: it fits the window, shows the keys
// that work and the question in focus, and holds no word of the other
// language.
func (w *walk) check(after string) {
	w.t.Helper()
	w.screens++
	k := w.d.m.(*Kiosk)
	raw := k.View().Content
	screen := w.d.screen()
	lines := strings.Split(raw, "\n")
	if len(lines) > w.height {
		w.t.Fatalf("%s %dx%d after %s: %d lines:\n%s", w.lang, w.width, w.height, after, len(lines), screen)
	}
	for _, l := range lines {
		if lipgloss.Width(l) > w.width {
			w.t.Fatalf("%s %dx%d after %s: a line of %d cells:\n%s", w.lang, w.width, w.height, after, lipgloss.Width(l), screen)
		}
	}
	// Over SSH the screen is drawn from ViewLines, a line a terminal row:
	// a line holding a newline would run into the rows under it.
	drawn, taps := k.ViewLines()
	for i, l := range drawn {
		if strings.Contains(l, "\n") {
			w.t.Fatalf("%s %dx%d after %s: line %d of the lines drawn over SSH holds a newline: %q", w.lang, w.width, w.height, after, i, l)
		}
	}
	if asks := k.View().MouseMode != tea.MouseModeNone; taps != asks {
		w.t.Fatalf("%s after %s: the lines ask for taps %v, the view %v", w.lang, after, taps, asks)
	}
	if k.screen != screenWelcome { // the welcome is in both languages on purpose
		words := screen
		if k.screen == screenStored && k.storedExact { // the record's keys and ids are data, not words
			words = quoted.ReplaceAllString(words, "")
			if !strings.Contains(screen, "← ") {
				w.t.Fatalf("%s: the stored record says nothing of what its answers mean:\n%s", w.lang, screen)
			}
		}
		for _, word := range wordRE.FindAllString(strings.ToLower(words), -1) {
			if w.foreign[word] && !sharedWords[word] {
				w.t.Fatalf("%s screen after %s shows %q, a word of the other language:\n%s", w.lang, after, word, screen)
			}
		}
	}
	for _, r := range screen {
		if w.glyphs != nil && !w.glyphs[r] && r != '\n' {
			w.t.Fatalf("%s %dx%d after %s: %q (U+%04X) is not in the console's font:\n%s", w.lang, w.width, w.height, after, r, r, screen)
		}
	}
	flat := strings.Join(strings.Fields(screen), " ")
	if k.pg != nil {
		// Enter is listed where it does something; numbers where they answer.
		next, answer := k.keyMap().Next.Help(), k.keyMap().Number.Help().Desc
		toTen := page.Texts.ToTen.In(k.lang) // the numbers of a 0–10 scale only point
		if !strings.Contains(screen, "F2") || (!strings.Contains(screen, next.Key+" "+next.Desc) && !strings.Contains(screen, " "+answer) &&
			!strings.Contains(screen, " "+toTen) && !strings.Contains(screen, "esc")) {
			w.t.Fatalf("%s %dx%d after %s: the key help is not in view:\n%s", w.lang, w.width, w.height, after, screen)
		}
		if title := focusedTitle(k); title != "" && !strings.Contains(flat, title) {
			w.t.Fatalf("%s %dx%d after %s: the question in focus (%q) is not in view:\n%s", w.lang, w.width, w.height, after, title, screen)
		}
	}
}

// focusedTitle is the first words of the question in focus.
func focusedTitle(k *Kiosk) string {
	id := k.pg.Focused().ID()
	for _, s := range k.pages {
		for _, it := range s.Items {
			if it.ID == id {
				words := strings.Fields(it.Text.In(k.lang))
				return strings.Join(words[:min(4, len(words))], " ")
			}
		}
	}
	return ""
}

func (w *walk) keys(keys ...string) {
	w.t.Helper()
	for _, key := range keys {
		w.d.key(key)
		w.check(key)
	}
}

// consoleFont is the code points of Debian's default console font
// (testdata/lat15-fixed16.table says how the table was made).
func consoleFont(t *testing.T) map[rune]bool {
	data, err := os.ReadFile(filepath.Join("testdata", "lat15-fixed16.table"))
	if err != nil {
		t.Fatal(err)
	}
	glyphs := map[rune]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, field := range strings.Fields(line) {
			if cp, ok := strings.CutPrefix(field, "U+"); ok {
				n, err := strconv.ParseUint(cp, 16, 32)
				if err != nil {
					t.Fatalf("font table: %q: %v", field, err)
				}
				glyphs[rune(n)] = true
			}
		}
	}
	if len(glyphs) < 500 {
		t.Fatalf("the font table holds %d code points", len(glyphs))
	}
	return glyphs
}

// TestEveryScreenFitsAndSpeaksOneLanguage walks every respondent screen;
// in plain mode (--plain, and TERM=linux: the bare console) it also finds
// no code point the console's font cannot draw.
func TestEveryScreenFitsAndSpeaksOneLanguage(t *testing.T) {
	only := onlyIn()
	in := questionnaire.Default()
	font := consoleFont(t)
	for _, size := range [][3]int{{80, 24, 0}, {100, 30, 0}, {80, 24, 1}} {
		plain := size[2] == 1
		for _, lang := range []string{questionnaire.LangID, questionnaire.LangEN} {
			for _, audience := range []string{questionnaire.AudienceASN, questionnaire.AudiencePublic} {
				foreign := only[questionnaire.LangEN]
				langKey := "1"
				if lang == questionnaire.LangEN {
					foreign, langKey = only[questionnaire.LangID], "2"
				}
				saver := &memSaver{}
				cfg := testConfig(saver)
				cfg.AllowQuit = true // the SSH screens say more
				cfg.Plain = plain
				w := &walk{t: t, d: newDriver(t, New(cfg), size[0], size[1]), lang: lang, width: size[0], height: size[1], foreign: foreign}
				if plain {
					w.glyphs = font
				}
				w.check("the start")
				w.keys(langKey)
				w.keys("q") // a wrong key: a hint in the language
				if audience == questionnaire.AudienceASN {
					w.keys("enter", "1")
				} else {
					w.keys("2", "2", "esc", "1") // under 18 asks again; esc cancels
				}
				w.keys(testkit.Survey(in, audience, nil)...)
				// At the record: in words, r exactly as written, r in words again.
				w.keys("q", "ctrl+c", "down", "e", "q", "shift+tab", "enter", "r", "up", "down", "r")
				w.keys("enter")
				w.d.expect(map[string]string{questionnaire.LangID: "Sesi akan ditutup", questionnaire.LangEN: "The session will close"}[lang])
				w.check("saving")
				w.d.key("space")
				if !w.d.quitSoon() || len(saver.responses()) != 1 {
					t.Fatalf("%s %s: after thank-you over SSH: quit %v, stored %d", lang, audience, w.d.quit, len(saver.responses()))
				}
				if w.screens < 30 {
					t.Fatalf("walked only %d screens", w.screens)
				}
			}
		}
	}
}
