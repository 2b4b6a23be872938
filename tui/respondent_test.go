package tui

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/codes"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/charmbracelet/x/ansi"
)

// fakeClock is a settable clock for idle and lockout tests.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func TestLockdownKeysNeverQuit(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	d.keys("1", "1", "4") // into the survey
	for _, k := range []string{"ctrl+c", "ctrl+z", "ctrl+\\", "ctrl+d", "esc"} {
		d.key(k)
		if d.quit {
			t.Fatalf("%s ended the kiosk", k)
		}
	}
	d.expect("Langkah 1 dari 15")
	if *d.m.(*Kiosk).sheet.scale["impl.pelayanan.1"] != 4 {
		t.Fatal("an answer was lost to the lockdown keys")
	}
}

func TestAdminChordAndPIN(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	cfg := testConfig(&memSaver{})
	cfg.Now = clock.Now
	cfg.CheckPIN = func(pin string) bool { return pin == "2468" }
	d := newDriver(t, New(cfg), 100, 30)

	d.keys("ctrl+a") // the second half alone does nothing
	d.expect("Selamat datang · Welcome")
	d.keys("ctrl+x", "ctrl+a")
	d.expect("PIN", "enter periksa", "esc batal")
	if strings.Contains(d.screen(), "enter lanjut") {
		t.Fatalf("the PIN prompt's key help disagrees with itself:\n%s", d.screen())
	}
	// A wrong PIN keeps the prompt open and says the tries left.
	for _, left := range []string{"sisa 2 percobaan", "sisa 1 percobaan"} {
		d.keys("1", "1", "1", "1", "enter")
		d.expect("PIN", left)
	}
	d.keys("1", "1", "1", "1", "enter")
	if d.quit {
		t.Fatal("a wrong PIN ended the kiosk")
	}
	d.expect("admin: terkunci satu menit")
	// While locked, every key is swallowed: a PIN typed again reaches
	// neither a prompt nor the survey.
	d.keys("ctrl+x", "ctrl+a", "2", "1")
	if k := d.m.(*Kiosk); strings.Contains(d.screen(), "PIN administrator") || k.screen != screenWelcome || k.lang != questionnaire.LangID {
		t.Fatalf("keys typed while locked went somewhere:\n%s", d.screen())
	}
	clock.advance(61 * time.Second)
	d.keys("ctrl+x", "ctrl+a", "2", "4", "6", "8", "enter")
	if !d.quitSoon() {
		t.Fatal("the right PIN did not end the kiosk")
	}
}

func TestIdleResetDiscardsHalfFinishedSurvey(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	cfg := testConfig(&memSaver{})
	cfg.Now = clock.Now
	k := New(cfg)
	d := newDriver(t, k, 100, 30)
	d.keys("1", "1", "5", "5")
	d.expect("Langkah 1 dari 15")

	clock.advance(60 * time.Second)
	d.send(idleCheckMsg{seq: k.idle.seq}) // too early: no countdown yet
	if k.idle.countdown != 0 {
		t.Fatal("countdown started after 60 s")
	}
	clock.advance(61 * time.Second)
	d.send(idleCheckMsg{seq: k.idle.seq})
	d.expect("jawaban dihapus dalam 15 detik")
	d.key("space") // any key cancels
	if k.idle.countdown != 0 || *k.sheet.scale["impl.pelayanan.2"] != 5 {
		t.Fatal("a key did not cancel the countdown, or answers were lost")
	}

	clock.advance(121 * time.Second)
	d.send(idleCheckMsg{seq: k.idle.seq})
	for range 15 {
		d.send(countdownMsg{seq: k.idle.seq})
	}
	d.expect("Selamat datang · Welcome")
	if k.sheet != nil {
		t.Fatal("the half-finished answers were kept after the idle reset")
	}
	// The clearing is a command of its own: on a loaded machine it may come
	// after the welcome screen is drawn.
	d.waitUntil("the reset's clearing of the scrollback", func() bool {
		return strings.Contains(strings.Join(d.raw, ""), ansi.EraseEntireDisplay)
	})
}

func TestLanguageSwitchKeepsAnswersAndPlace(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	d.keys("1", "1", "3", "3", "3", "2") // page 2, second question
	d.expect("Akuntabel", "Langkah 2 dari 15")
	d.key("f2")
	d.expect("Accountable", "Step 2 of 15", "use the state's budget")
	k := d.m.(*Kiosk)
	if *k.sheet.scale["impl.pelayanan.3"] != 3 || *k.sheet.scale["impl.akuntabel.1"] != 2 {
		t.Fatal("answers lost in the language switch")
	}
	d.key("4") // answers the question in view: akuntabel.2
	if *k.sheet.scale["impl.akuntabel.2"] != 4 {
		t.Fatal("after the switch, the number key did not answer the question in view")
	}
	d.key("f2")
	d.expect("Langkah 2 dari 15", "jabatan untuk kepentingan pribadi")
}

func TestSmallWindowAsksToEnlarge(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	d.keys("1", "1")
	d.send(tea.WindowSizeMsg{Width: 70, Height: 20})
	d.expect("Perbesar jendela terminal: paling kecil 80×24, sekarang 70×20.", "Please enlarge the window: at least 80×24, now 70×20.")
	// A touch screen on its side: the sentence is wrapped, not cut.
	d.send(tea.WindowSizeMsg{Width: 24, Height: 40})
	d.expect("sekarang 24×40.", "now 24×40.")
	for _, line := range strings.Split(d.screen(), "\n") {
		if ansi.StringWidth(line) > 24 {
			t.Errorf("a line wider than the window: %q", line)
		}
	}
	d.key("4") // ignored while too small
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.expect("Langkah 1 dari 15")
	if *d.m.(*Kiosk).sheet.scale["impl.pelayanan.1"] != 0 { // still unanswered
		t.Fatal("a key was taken while the window was too small")
	}
}

func TestUnder18IsThankedAndNothingStored(t *testing.T) {
	saver := &memSaver{}
	d := newDriver(t, New(testConfig(saver)), 100, 30)
	d.keys("1", "2") // public
	d.expect("Apakah Anda berusia 18 tahun atau lebih?")
	d.key("2") // under 18 ends the survey: it asks once more
	d.expect("Tekan enter sekali lagi")
	d.key("enter")
	d.expect("tidak ada yang disimpan")
	d.key("space")
	d.expect("Selamat datang · Welcome")
	if len(saver.responses()) != 0 {
		t.Fatal("something was stored for an under-18 respondent")
	}
}

func TestPublicSurveyIsStored(t *testing.T) {
	saver := &memSaver{}
	d := newDriver(t, New(testConfig(saver)), 100, 30)
	d.keys("1", "2", "1") // public, 18 or over
	d.expect("Daya tarik bekerja sebagai ASN (1/4)", "Langkah 1 dari 7")
	for range 15 {
		d.key("4") // 12 attractiveness and 3 intention items
	}
	// Reasons (10 of them): 1 could begin 10, so it waits for enter; 2 ticks at once.
	d.keys("1", "enter", "2", "enter")
	d.keys("8", "enter", "0", "0", "0", "0", "0")
	d.expect("Periksa jawaban Anda")
	d.keys("enter", "enter")
	got := saver.responses()
	if len(got) != 1 || got[0].Audience != "public" || got[0].Answers.Scale["brand.recommend"] != 8 {
		t.Fatalf("stored %+v", got)
	}
	if r := got[0].Answers.Picks["brand.reasons"]; len(r) != 2 {
		t.Fatalf("reasons %v, want 2", r)
	}
}

func TestPasteIsCappedAndCleaned(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	d.keys("1", "1")
	for range 21 {
		d.key("3")
	}
	d.key("/")
	d.send(tea.PasteMsg{Content: "gos\x1b[2Jip\u202e" + strings.Repeat("x", 500)})
	s := d.screen()
	if strings.Contains(s, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx") || strings.Contains(s, "\u202e") {
		t.Fatalf("paste was not capped and cleaned:\n%s", s)
	}
	if !strings.Contains(s, "gosipxxx") {
		t.Fatalf("the cleaned paste did not reach the filter:\n%s", s)
	}
}

func TestPlainModeUsesASCII(t *testing.T) {
	cfg := testConfig(&memSaver{})
	cfg.Plain = true
	d := newDriver(t, New(cfg), 100, 30)
	d.keys("1", "1")
	for range 21 {
		d.key("3")
	}
	d.keys("x")
	s := d.screen()
	if !strings.Contains(s, "[x] 1 · Memahami kebutuhan masyarakat") || !strings.Contains(s, "[ ] 2 · Ramah") || strings.ContainsAny(s, "┃█✓") {
		t.Fatalf("plain mode is not plain ASCII marks:\n%s", s)
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, "[ ]") && strings.Contains(line, "•") { // huh's help line may use •; choices may not
			t.Fatalf("a choice is marked with •: %q", line)
		}
	}
}

// codeSaver is a memSaver that also knows participation codes.
type codeSaver struct {
	memSaver
	units map[string]string // code → unit
	used  map[string]bool
}

func (c *codeSaver) CodeUnit(survey, code string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	unit, ok := c.units[code]
	switch {
	case !ok:
		return "", codes.ErrUnknown
	case survey != "2026": // every code of the fake is 2026's
		return "", codes.ErrOtherSurvey
	case c.used[code]:
		return "", codes.ErrUsed
	}
	return unit, nil
}

func (c *codeSaver) SaveResponseWithCode(r *questionnaire.Response, code string) error {
	c.mu.Lock()
	c.used[code] = true
	c.mu.Unlock()
	return c.SaveResponse(r)
}

func TestParticipationCode(t *testing.T) {
	cs, _ := codes.Generate(nil, 2)
	store := &codeSaver{units: map[string]string{cs[0]: "setjen", cs[1]: "setjen"}, used: map[string]bool{cs[1]: true}}
	cfg := testConfig(store)
	cfg.RequireCode, cfg.Codes = true, store
	d := newDriver(t, New(cfg), 100, 30)
	d.keys("1", "1")
	d.expect("Kode partisipasi")

	typeText := func(s string) {
		for _, r := range s {
			d.key(string(r))
		}
	}
	typo := []byte(cs[0])
	typo[2] = map[bool]byte{true: '3', false: '2'}[typo[2] == '2']
	typeText(string(typo))
	d.key("enter")
	d.expect("salah ketik")

	for range 8 {
		d.key("backspace")
	}
	typeText(strings.ToLower(codes.Format(cs[1])))
	d.key("enter")
	d.expect("Kode ini tidak dapat dipakai") // used: reads as a code not known

	typeText(codes.Format(cs[0]))
	d.key("enter")
	d.expect("Langkah 1 dari 15")
	answerASN(d)
	d.keys("enter", "enter")
	d.expect("Terima kasih")
	got := store.responses()
	if len(got) != 1 || got[0].Unit != "setjen" || !store.used[cs[0]] {
		t.Fatalf("stored %+v, used %v: want one response of the code's unit, code used", got, store.used)
	}
}

// TestUsedAndUnknownCodesReadTheSame: a guesser cannot tell a used code
// from one that was never issued, nor from an unused one of last year's
// survey — which is refused: one slip, one response, in its own year.
func TestUsedAndUnknownCodesReadTheSame(t *testing.T) {
	cs, _ := codes.Generate(nil, 3)
	store := &codeSaver{units: map[string]string{cs[0]: "setjen", cs[2]: "setjen"}, used: map[string]bool{cs[0]: true}}
	cfg := testConfig(store)
	cfg.RequireCode, cfg.Codes = true, store
	nextYear := cfg
	nextYear.Survey = "2027" // the fake's codes are 2026's
	screens := map[string]string{}
	for name, code := range map[string]string{"used": cs[0], "unknown": cs[1], "last year's": cs[2]} {
		cfg := cfg
		if name == "last year's" {
			cfg = nextYear
		}
		d := newDriver(t, New(cfg), 100, 30)
		d.keys("1", "1")
		d.expect("Kode partisipasi")
		for _, r := range code {
			d.key(string(r))
		}
		d.key("enter")
		d.expect("tidak dapat dipakai")
		screens[name] = d.screen()
	}
	if screens["used"] != screens["unknown"] || screens["last year's"] != screens["unknown"] {
		t.Fatalf("a used code, an unknown one and last year's read differently:\n%s\n---\n%s\n---\n%s", screens["used"], screens["unknown"], screens["last year's"])
	}
}

// countingGuard is a codes.Guard on a clock the test moves, counting the
// lookups that reach the store.
type countingGuard struct {
	*codes.Guard
	now time.Time
}

// TestWrongCodesAreSlowedDown: five wrong codes are checked at once; the
// sixth must wait, and the store is not asked until the wait is over.
// Another session from the same address is not held up by this one's five;
// once the address has had its own allowance, every session from it waits.
func TestWrongCodesAreSlowedDown(t *testing.T) {
	cs, _ := codes.Generate(nil, 10)
	store := &codeSaver{units: map[string]string{}, used: map[string]bool{}}
	clock := &countingGuard{now: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	clock.Guard = codes.NewGuard(func() time.Time { return clock.now })
	cfg := testConfig(store)
	cfg.RequireCode, cfg.Codes, cfg.CodeGuard, cfg.CodeSource = true, store, clock.Guard, "10.0.0.7"
	lookups := 0
	counting := &lookupCounter{codeSaver: store, n: &lookups}
	cfg.Codes = counting
	d := newDriver(t, New(cfg), 100, 30)
	d.keys("1", "1")
	d.expect("Kode partisipasi")
	try := func(d *driver, code string) {
		for _, r := range code {
			d.key(string(r))
		}
		d.key("enter")
	}
	for i := range codes.FreeGuesses {
		try(d, cs[i])
		d.expect("tidak dapat dipakai")
	}
	if lookups != codes.FreeGuesses {
		t.Fatalf("%d lookups for %d wrong codes", lookups, codes.FreeGuesses)
	}
	// The fifth wrong code starts a wait of a second: the next is refused
	// without asking the store.
	try(d, cs[5])
	d.expect("Coba lagi dalam 1 detik")
	if lookups != codes.FreeGuesses {
		t.Fatal("a code was looked up during the wait")
	}
	// A new session from the same address is not held up by this one.
	other := newDriver(t, New(cfg), 100, 30)
	other.keys("1", "1")
	other.expect("Kode partisipasi")
	try(other, cs[6])
	other.expect("tidak dapat dipakai")
	clock.now = clock.now.Add(time.Second)
	try(d, cs[7])
	d.expect("tidak dapat dipakai")
	if lookups != codes.FreeGuesses+2 {
		t.Fatalf("after the wait, %d lookups; want %d", lookups, codes.FreeGuesses+2)
	}
	try(d, cs[8]) // the seventh wrong code now waits 2 s
	d.expect("Coba lagi dalam 2 detik")

	// Fresh sessions use up the address's allowance (7 wrong codes so far:
	// the refused attempts never reached the store).
	for i := 7; i < codes.FreeGuessesPerAddress; i++ {
		s := newDriver(t, New(cfg), 100, 30)
		s.keys("1", "1")
		try(s, cs[0])
		s.expect("tidak dapat dipakai")
	}
	last := newDriver(t, New(cfg), 100, 30)
	last.keys("1", "1")
	try(last, cs[0])
	last.expect("Coba lagi dalam 1 detik")
}

// Forty fresh sessions from forty addresses, one after another, each typing
// three unknown codes, are never held up. The guard keys a session by a
// random id: issue 28 saw 13 of 40 throttled on a long-running server when
// the key was the session's pointer, which a finished session's memory can
// hand to a later one (not reproducible here, where the test keeps every
// session alive); the ids of 1,000 sessions are checked to be distinct.
func TestFreshSessionsAreNeverThrottled(t *testing.T) {
	cs, _ := codes.Generate(nil, 3)
	store := &codeSaver{units: map[string]string{}, used: map[string]bool{}}
	guard := codes.NewGuard(nil)
	for i := range 40 {
		cfg := testConfig(store)
		cfg.RequireCode, cfg.Codes, cfg.CodeGuard, cfg.CodeSource = true, store, guard, fmt.Sprintf("198.51.100.%d", i)
		d := newDriver(t, New(cfg), 100, 30)
		d.keys("1", "1")
		for _, code := range cs {
			for _, r := range code {
				d.key(string(r))
			}
			d.key("enter")
			if strings.Contains(d.screen(), "Coba lagi") {
				t.Fatalf("session %d was throttled:\n%s", i, d.screen())
			}
			d.expect("tidak dapat dipakai")
		}
	}
	seen := map[string]bool{}
	for range 1000 {
		id := New(testConfig(store)).session
		if len(id) < 16 || seen[id] {
			t.Fatalf("session id %q is short or repeated", id)
		}
		seen[id] = true
	}
}

// lookupCounter counts the lookups that reach the store.
type lookupCounter struct {
	*codeSaver
	n *int
}

func (l *lookupCounter) CodeUnit(survey, code string) (string, error) {
	*l.n++
	return l.codeSaver.CodeUnit(survey, code)
}

// TestLeavingOverSSHAsksOnce: over SSH ctrl+c leaves at once where nothing
// would be lost, and asks once more in the middle of the survey.
func TestLeavingOverSSHAsksOnce(t *testing.T) {
	cfg := testConfig(&memSaver{})
	cfg.AllowQuit = true
	d := newDriver(t, New(cfg), 80, 24)
	d.expect("ctrl+c", "Press ctrl+c at any time to leave")
	d.keys("1", "1", "4")
	d.key("ctrl+c")
	if d.quit {
		t.Fatal("one ctrl+c in the middle of the survey left at once")
	}
	d.expect("Tekan ctrl+c lagi untuk keluar")
	d.key("4") // any other key stays, and is answered
	if strings.Contains(d.screen(), "ctrl+c lagi") || *d.m.(*Kiosk).sheet.scale["impl.pelayanan.2"] != 4 {
		t.Fatalf("another key did not cancel leaving:\n%s", d.screen())
	}
	d.keys("ctrl+c", "ctrl+c")
	if !d.quitSoon() {
		t.Fatal("a second ctrl+c did not leave")
	}

	d = newDriver(t, New(cfg), 80, 24)
	d.key("ctrl+c")
	if !d.quitSoon() {
		t.Fatal("ctrl+c on the welcome screen, with nothing to lose, did not leave")
	}
}

// A paste that is not bracketed, holding ctrl+x ctrl+a, never opens the PIN
// prompt; nor does a paste reach an open prompt or spend a PIN try: the
// chord and the PIN count only when typed.
func TestPastedStaffKeysDoNothing(t *testing.T) {
	cfg := testConfig(&memSaver{})
	tries := 0
	cfg.CheckPIN = func(pin string) bool { tries++; return pin == "2468" }
	d := newDriver(t, New(cfg), 100, 30)
	d.pasteKeys("a", "ctrl+x", "ctrl+a", "1", "1", "1", "1", "enter")
	d.pasteKeys("ctrl+x", "ctrl+a")
	if strings.Contains(d.screen(), "PIN") {
		t.Fatalf("a paste opened the PIN prompt:\n%s", d.screen())
	}
	d.keys("ctrl+x", "ctrl+a")
	d.expect("PIN")
	d.pasteKeys("2", "4", "6", "8", "enter")
	d.send(tea.PasteMsg{Content: "2468\r"})
	if tries != 0 || d.quit {
		t.Fatalf("a paste spent %d PIN tries (quit %v)", tries, d.quit)
	}
	d.keys("2", "4", "6", "8", "enter")
	if !d.quitSoon() || tries != 1 {
		t.Fatalf("the typed PIN did not end the kiosk (%d tries)", tries)
	}
}

// Enter pressed again and again from the first question answers nothing:
// no question's first point is taken for an answer, no review is reached,
// nothing is stored, and the respondent reads how to answer.
func TestEnterAloneAnswersNothing(t *testing.T) {
	for _, audience := range []string{"1", "2"} {
		saver := &memSaver{}
		d := newDriver(t, New(testConfig(saver)), 100, 30)
		d.keys("1", audience)
		if audience == "2" {
			d.keys("1") // 18 or older
		}
		for range 100 {
			d.key("enter")
		}
		k := d.m.(*Kiosk)
		if k.screen == screenReview || k.screen == screenStored || len(saver.responses()) != 0 {
			t.Fatalf("audience %s: enter alone reached screen %v and stored %d", audience, k.screen, len(saver.responses()))
		}
		d.expect("tekan nomornya")
		for id, v := range k.sheet.scale {
			if v != nil && *v > 0 {
				t.Fatalf("audience %s: enter answered %s with %d", audience, id, *v)
			}
		}
	}
}

// F10 stops from any survey screen: listed in the key help, it asks once in
// the respondent's language, any other key goes on answering, and a second
// F10 discards the answers and brings back a clean welcome (the kiosk) or
// ends the session (SSH). Keys that do nothing, ctrl+c at the kiosk among
// them, say so.
func TestF10Stops(t *testing.T) {
	saver := &memSaver{}
	d := newDriver(t, New(testConfig(saver)), 100, 30)
	d.keys("1", "1", "4")
	d.expect("F10 berhenti")
	d.key("ctrl+c")
	d.expect("Tombol ctrl+c tidak dipakai di sini")
	d.key("f10")
	d.expect("Tekan F10 sekali lagi untuk berhenti")
	d.key("4") // any other key: go on
	k := d.m.(*Kiosk)
	if k.stopping || *k.sheet.scale["impl.pelayanan.2"] != 4 {
		t.Fatal("another key did not cancel stopping")
	}
	d.keys("f10", "f10")
	d.expect("Selamat datang · Welcome")
	if k.sheet != nil || len(saver.responses()) != 0 {
		t.Fatal("stopping kept or stored the answers")
	}
	if strings.Contains(d.screen(), "F10") {
		t.Fatal("the welcome lists F10, which does nothing there")
	}
	// From the review too, and over SSH it ends the session.
	cfg := testConfig(saver)
	cfg.AllowQuit = true
	ssh := newDriver(t, New(cfg), 100, 30)
	ssh.keys("2", "1")
	answerASN(ssh)
	ssh.expect("F10 stop")
	ssh.keys("f10", "f10")
	if !ssh.quitSoon() || len(saver.responses()) != 0 {
		t.Fatal("F10 twice over SSH did not end the session without storing")
	}
	// From a survey page as well; the last frame the session draws holds no
	// page (it had indexed the discarded pages and panicked).
	onPage := newDriver(t, New(cfg), 100, 30)
	onPage.keys("1", "1", "4")
	onPage.expect("F10 berhenti")
	onPage.keys("f10", "f10")
	if last := onPage.screen(); !onPage.quitSoon() || strings.Contains(last, "F10") {
		t.Fatalf("F10 twice on a survey page over SSH: quit %v, last frame\n%s", onPage.quit, last)
	}
}

// TestReviewListsPageKeys: PgUp/PgDn scroll the review and the stored
// record, and their help says so.
func TestReviewListsPageKeys(t *testing.T) {
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	d.keys("1", "1")
	answerASN(d)
	d.expect("pgup/pgdn gulir")
	before := d.screen()
	d.key("pgdown")
	if d.screen() == before {
		t.Fatal("pgdown did not scroll the review")
	}
}
