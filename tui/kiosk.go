// Package tui draws the kiosk's screens. It never touches the database: saving
// goes through the Saver it is given, inside a tea.Cmd.
package tui

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/safetext"
	"github.com/berakhlak/berakhlak/tui/page"
)

// Saver stores a finished response durably; nil means the commit returned.
type Saver interface {
	SaveResponse(*questionnaire.Response) error
}

// Config is what a kiosk session needs to run.
type Config struct {
	Instrument *questionnaire.Instrument
	Survey     string              // survey (period) id the responses belong to
	Unit       string              // unit the responses belong to
	Modules    map[string][]string // modules asked, per audience
	Store      Saver
	// Closed: the survey takes no responses (SurveyStateMsg changes it).
	Closed bool
	// SaveFailed, when set, hears why a save failed (the operator's log);
	// the respondent is told only that the answers were not saved and are
	// kept. It runs on the program's loop and must not block.
	SaveFailed func(error)
	Now        func() time.Time // the clock; only its day is stored
	ThanksFor  time.Duration    // how long the thank-you screen stays up
	// IdleAfter without a key, a countdown of CountdownFor starts; at zero
	// the unfinished answers are discarded.
	IdleAfter, CountdownFor time.Duration
	CheckPIN                PINChecker // nil: no PIN set
	// RequireCode makes ASN respondents enter a participation code, checked
	// and marked used through Codes; the response then belongs to the code's
	// unit.
	RequireCode bool
	Codes       CodeStore
	// CodeGuard, when set, slows down the guessing of codes, per session and
	// per CodeSource (an SSH session's address; empty for the local kiosk).
	// Neither is stored or logged.
	CodeGuard  CodeGuard
	CodeSource string
	Plain      bool // no colour, ASCII borders
	// AllowQuit is set over SSH, where the terminal is the respondent's own:
	// ctrl+c leaves (the welcome and the key help say so), and the session
	// ends after the thank-you screen instead of waiting for the next person.
	AllowQuit bool
	// Done is closed when the session ends (SSH); timers stop with it. Nil
	// (the local kiosk) never closes.
	Done <-chan struct{}
	Lang string // the language a new respondent starts in
	// StaffLine, when set, gives a line for staff under the welcome screen
	// (the forwarding state); it must not block.
	StaffLine func() string
}

// StaffLineMsg tells the kiosk that its staff line changed (send it with
// Program.Send), so an idle welcome screen shows the new state.
type StaffLineMsg struct{}

// SurveyStateMsg tells a running kiosk or SSH session the state of the
// survey new respondents answer: the latest survey, its modules, whether
// it asks for codes, whether it is closed. A close of the survey being
// answered reaches the respondent at once (a save of a closed survey is
// refused by the store in any case); the rest — a new year's survey, other
// modules or codes — takes effect at the welcome screen, never under a
// respondent who has begun.
type SurveyStateMsg struct {
	Survey      string
	Modules     map[string][]string
	RequireCode bool
	Closed      bool
}

func (c Config) defaultLang() string {
	if c.Lang == questionnaire.LangEN {
		return questionnaire.LangEN
	}
	return questionnaire.LangID
}

type screen int

const (
	screenWelcome screen = iota // language choice
	screenIntro                 // privacy notice and audience
	screenAge                   // the public audience confirms 18 or over
	screenCode                  // ASN participation code, when the survey needs one
	screenSurvey                // the survey pages
	screenReview                // every answer, before anything is stored
	screenPages                 // which page to change
	screenStored                // exactly the record that will be stored
	screenThanks                // shown only after the commit returned
	screenMinor                 // under 18: thanked, nothing stored
	screenClosed                // the survey closed while this person answered: nothing stored
)

// Messages of the kiosk's own commands.
type (
	savedMsg      struct{}
	saveFailedMsg struct{ err error }
	thanksDoneMsg struct{ seq int }
)

// Minimum window the survey is drawn in.
const (
	minWidth  = 80
	minHeight = 24
)

// headerHeight is the lines the header takes above every screen's body, and
// footerHeight the line below it (the idle countdown, the staff line).
const (
	headerHeight = 3
	footerHeight = 1
)

// pasteLimit caps what one paste can put into a field.
const pasteLimit = 64

// Kiosk is the root model of one respondent terminal: it owns the screen
// state and returns the whole view.
type Kiosk struct {
	cfg Config
	// nextSurvey is the survey's state for the next respondent, when it
	// changed while one was answering (SurveyStateMsg).
	nextSurvey *SurveyStateMsg
	// storedExact: the stored-record screen shows the record exactly as
	// written (r); otherwise in words.
	storedExact bool
	// press is where a finger (or the mouse's left button) went down, until
	// it lifts: a lift where it went down is a tap; a move in between drags
	// the page instead (dragged).
	press   *tea.Mouse
	dragged bool
	session string // a random id, what this session's wrong codes count against
	// keyClock times keys to tell typing from a burst of pasted input
	// (time.Now; a test types on a clock of its own); lastKey is the last.
	keyClock func() time.Time
	lastKey  time.Time
	st       styles
	pst      *page.Styles
	keyMaps  map[string]*page.KeyMap // per language
	width    int
	height   int

	screen   screen
	pg       *page.Page // the page of the current screen, if it has one
	lang     string
	audience string
	age      string // ageAdult or ageMinor once answered

	pages         []questionnaire.Section
	page          int // the survey page in view
	sheet         *sheet
	sheetAudience string // the audience the sheet was made for
	editPage      int    // page being changed from the review; -1 when none
	pagePick      string // page chosen in the page picker (its index)
	responseID    string // kept across retries so a retry never stores twice

	review     viewport.Model
	reviewText keptText // the review viewport's view, as last drawn
	progress   progress.Model
	saving     bool
	saveFailed bool // the last save failed: said on the screen, the cause only to the operator's log
	thanks     int  // sequence number of the current thank-you screen

	idle     idle
	lock     lockdown
	leaving  bool // ctrl+c was pressed once over SSH: a second one leaves
	stopping bool // F10 was pressed once: a second one discards the answers
	// headerView is the header as last drawn, for headerKey (what it shows).
	headerKey  headerShown
	headerView string
	// frame is the screen's lines as last drawn (header, body, footer),
	// kept so that a key does not allocate them again.
	frame []string
	hint  string // what the last key did not do, on the review screens; "" when none
	part  participation
}

// New returns a kiosk at its welcome screen.
func New(cfg Config) *Kiosk {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ThanksFor == 0 {
		cfg.ThanksFor = 10 * time.Second
	}
	if cfg.IdleAfter == 0 {
		cfg.IdleAfter = DefaultIdleAfter
	}
	if cfg.CountdownFor == 0 {
		cfg.CountdownFor = DefaultCountdownFor
	}
	k := &Kiosk{cfg: cfg, session: rand.Text(), keyClock: time.Now, st: newStyles(cfg.Plain), pst: page.NewStyles(cfg.Plain), width: minWidth, height: minHeight,
		review: viewport.New(), progress: newProgress(cfg.Plain)}
	k.review.KeyMap = reviewKeys()
	k.idle.lastInput = cfg.Now()
	k.reset()
	return k
}

// discardAnswers forgets the respondent's answers and where they were.
func (k *Kiosk) discardAnswers() {
	k.audience, k.age = "", ""
	k.part = participation{}
	k.pages, k.page, k.sheet, k.sheetAudience = nil, 0, nil, ""
	k.editPage = -1
	k.responseID = ""
	k.saving, k.saveFailed = false, false
	k.review.SetContent("") // the review's text lists the answers
	k.reviewText = keptText{}
	k.frame = nil // the last screen drawn may show them too
}

// reset discards everything of the previous respondent, clears the screen
// and its scrollback, and shows a fresh welcome.
func (k *Kiosk) reset() tea.Cmd {
	k.lang = k.cfg.defaultLang()
	k.discardAnswers()
	k.takeSurveyState()
	k.idle.countdown = 0
	k.idle.seq++
	k.idle.lastInput = k.cfg.Now()
	k.openWelcome()
	return tea.Batch(clearTerminal(), k.armIdle(k.cfg.IdleAfter))
}

// takeSurveyState makes the survey's latest state the one the next
// respondent answers (SurveyStateMsg).
func (k *Kiosk) takeSurveyState() {
	if s := k.nextSurvey; s != nil {
		k.cfg.Survey, k.cfg.Modules, k.cfg.RequireCode, k.cfg.Closed = s.Survey, s.Modules, s.RequireCode, s.Closed
		k.nextSurvey = nil
	}
}

// Init implements tea.Model.
func (k *Kiosk) Init() tea.Cmd { return k.armIdle(k.cfg.IdleAfter) }

// Update implements tea.Model.
func (k *Kiosk) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		k.resize(msg)
		return k, nil
	case StaffLineMsg:
		return k, nil // the screen is drawn again with the new line
	case SurveyStateMsg:
		if msg.Survey == k.cfg.Survey {
			k.cfg.Closed = msg.Closed
		}
		k.nextSurvey = &msg
		if k.screen == screenWelcome {
			k.takeSurveyState()
			return k, k.openWelcome()
		}
		return k, nil
	case tea.KeyPressMsg:
		rearm := k.touched()
		if msg.String() != "ctrl+c" {
			k.leaving = false
		}
		if msg.String() != stopKey {
			k.stopping = false
		}
		k.hint = ""
		at := k.keyClock()
		typed := at.Sub(k.lastKey) >= typedGap
		k.lastKey = at
		cmd := k.key(msg, typed)
		return k, tea.Batch(rearm, cmd)
	case tea.MouseClickMsg:
		rearm := k.touched()
		if m := msg.Mouse(); m.Button == tea.MouseLeft {
			k.press, k.dragged = &m, false
		}
		return k, rearm
	case tea.MouseMotionMsg:
		return k, k.drag(msg.Mouse())
	case tea.MouseReleaseMsg:
		if k.press == nil {
			return k, nil
		}
		at, dragged := *k.press, k.dragged
		k.press = nil
		if dragged {
			return k, nil
		}
		return k, k.tap(at)
	case tea.MouseWheelMsg:
		rearm := k.touched()
		return k, tea.Batch(rearm, k.wheel(msg))
	case tea.PasteMsg:
		k.touched()
		if k.lock.pg != nil {
			k.clearPIN() // a paste never reaches the PIN prompt
			return k, nil
		}
		msg.Content = safetext.Clean(msg.Content, pasteLimit, false)
		return k, k.toScreen(msg)
	case idleCheckMsg:
		return k, k.idleCheck(msg)
	case countdownMsg:
		return k, k.countdownTick(msg)
	case pinResultMsg:
		return k, k.pinResult(msg.ok)
	case codeResultMsg:
		return k, k.codeResult(msg)
	case savedMsg:
		k.saving = false
		k.screen = screenThanks
		k.thanks++
		return k, k.thanksTimer()
	case saveFailedMsg:
		if errors.Is(msg.err, questionnaire.ErrSurveyClosed) {
			// Nothing to try again: the answers go, and the person is told.
			k.cfg.Closed = true
			k.saving = false
			k.discardAnswers()
			k.screen = screenClosed
			k.thanks++
			return k, tea.Batch(clearTerminal(), k.thanksTimer())
		}
		k.saving, k.saveFailed = false, true // stays on the stored record; enter tries again
		if k.cfg.SaveFailed != nil {
			k.cfg.SaveFailed(msg.err)
		}
		return k, nil
	case thanksDoneMsg:
		if (k.screen == screenThanks || k.screen == screenMinor || k.screen == screenClosed) && msg.seq == k.thanks {
			return k, k.nextPerson()
		}
		return k, nil
	}
	return k, k.toScreen(msg)
}

func (k *Kiosk) resize(msg tea.WindowSizeMsg) {
	k.width, k.height = msg.Width, msg.Height
	k.progress.SetWidth(max(msg.Width-20, 10))
	k.review.SetWidth(msg.Width)
	k.review.SetHeight(max(msg.Height-headerHeight-4, 3)) // and a line of buttons
	if k.screen == screenReview || k.screen == screenStored {
		k.refreshText()
	}
	if k.pg != nil {
		k.pg.SetSize(k.width, k.pageHeight())
	}
	if k.lock.pg != nil {
		k.lock.pg.SetSize(k.width, k.pageHeight()-1)
	}
}

// key routes a key press: the administrator's chord, the language switch,
// then the current screen.
func (k *Kiosk) key(msg tea.KeyPressMsg, typed bool) tea.Cmd {
	if consumed, cmd := k.lockdownKey(msg, typed); consumed {
		return cmd
	}
	if k.tooSmall() {
		return nil
	}
	if msg.String() == switchLanguageKey {
		return k.switchLanguage()
	}
	if msg.String() == stopKey && k.canStop() {
		return k.stop()
	}
	return k.toScreen(msg)
}

// tap hands a tap on a survey page to the option drawn under it, as the
// option's key would; the PIN prompt and the other screens take none.
func (k *Kiosk) tap(at tea.Mouse) tea.Cmd {
	if k.lock.pg != nil || k.tooSmall() || at.Button != tea.MouseLeft {
		return nil
	}
	if press, ok := k.helpKeyAt(at); ok {
		return func() tea.Msg { return press } // as the key itself: the same path, the same checks
	}
	if k.pg == nil && k.screen != screenReview && k.screen != screenStored {
		return nil
	}
	row := at.Y - strings.Count(k.header(), "\n") - 1 // the screen's body starts below the header
	switch k.screen {
	case screenReview, screenStored:
		if row != k.review.Height() {
			return nil
		}
		_, buttons := k.reviewButtons()
		for _, b := range buttons {
			if at.X >= b.from && at.X < b.to {
				return k.toScreen(tea.KeyPressMsg{Code: b.key})
			}
		}
		return nil
	case screenThanks, screenMinor, screenClosed:
		return nil
	}
	switch k.pg.Tap(row, at.X) {
	case page.Next:
		return k.pageDone()
	case page.Back:
		return k.pageBack()
	}
	return nil
}

// tappableHelp are the help line's entries a tap presses, by the key each
// begins with: on a touch screen they are the buttons for the language and
// for stopping (twice, as the key); the other keys have buttons of their own.
var tappableHelp = map[string]tea.KeyPressMsg{"F2": {Code: tea.KeyF2}, "F10": {Code: tea.KeyF10}}

// helpKeyAt is the key of the help entry under a tap, in the screen as
// drawn: the help line or the header's hint.
func (k *Kiosk) helpKeyAt(at tea.Mouse) (tea.KeyPressMsg, bool) {
	lines := k.lines()
	if at.Y < 0 || at.Y >= len(lines) {
		return tea.KeyPressMsg{}, false
	}
	return keyTappedIn(lines[at.Y], at.X, tappableHelp)
}

// drag scrolls with a finger held down, a line a row, as the wheel does:
// moving it down shows what is above.
func (k *Kiosk) drag(at tea.Mouse) tea.Cmd {
	if k.press == nil || at.Button != tea.MouseLeft || at.Y == k.press.Y {
		return nil
	}
	rows := at.Y - k.press.Y
	k.press.Y, k.dragged = at.Y, true
	button := tea.MouseWheelDown
	if rows > 0 {
		button = tea.MouseWheelUp
	}
	var cmds []tea.Cmd
	for range min(abs(rows), 50) {
		cmds = append(cmds, k.wheel(tea.MouseWheelMsg{X: at.X, Y: at.Y, Button: button}))
	}
	return tea.Batch(cmds...)
}

func abs(n int) int { return max(n, -n) }

// wheel scrolls what the screen shows: the review's and the record's text,
// or a page's questions and values, as ↑ and ↓ move through them.
func (k *Kiosk) wheel(msg tea.MouseWheelMsg) tea.Cmd {
	if k.lock.pg != nil || k.tooSmall() {
		return nil
	}
	switch {
	case k.screen == screenReview || k.screen == screenStored:
		var cmd tea.Cmd
		k.review, cmd = k.review.Update(msg)
		return cmd
	case k.pg != nil && (msg.Button == tea.MouseWheelUp || msg.Button == tea.MouseWheelDown):
		code := tea.KeyDown
		if msg.Button == tea.MouseWheelUp {
			code = tea.KeyUp
		}
		return k.updatePage(tea.KeyPressMsg{Code: code})
	}
	return nil
}

// toScreen hands a message to the current screen.
func (k *Kiosk) toScreen(msg tea.Msg) tea.Cmd {
	switch k.screen {
	case screenReview:
		return k.updateReview(msg)
	case screenStored:
		return k.updateStored(msg)
	case screenThanks, screenMinor, screenClosed:
		if _, ok := msg.(tea.KeyPressMsg); ok {
			return k.nextPerson()
		}
		return nil
	default:
		return k.updatePage(msg)
	}
}

// nextPerson leaves the thank-you screen: the kiosk starts again for the next
// person; an SSH session, whose terminal is the respondent's own, ends.
func (k *Kiosk) nextPerson() tea.Cmd {
	if k.cfg.AllowQuit {
		return tea.Quit
	}
	return k.reset()
}

func (k *Kiosk) thanksTimer() tea.Cmd {
	return k.after(k.cfg.ThanksFor, thanksDoneMsg{k.thanks})
}

func (k *Kiosk) tooSmall() bool { return k.width < minWidth || k.height < minHeight }

// View implements tea.Model. Taps arrive as mouse clicks (a touch screen's
// terminal reports them so).
func (k *Kiosk) View() tea.View {
	v := tea.NewView(strings.Join(k.lines(), "\n"))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

// ViewLines is View's content as its lines, and whether it asks for taps
// (always): for a screen drawn line by line over SSH, which would otherwise
// split the frame that View joined, on every key. The slice is the kiosk's
// own, good until the next Update; read it, never keep or write it.
func (k *Kiosk) ViewLines() (lines []string, taps bool) { return k.lines(), true }

// lines is the screen: the header, the body and the footer, line by line.
func (k *Kiosk) lines() []string {
	if k.tooSmall() {
		return k.enlargeLines()
	}
	k.frame = appendLines(k.frame[:0], k.header())
	if body, ok := k.body(); ok {
		k.frame = appendLines(k.frame, body)
	} else {
		k.frame = append(k.frame, k.pg.Lines()...) // most keys: the page's own lines, never joined
	}
	k.frame = appendLines(k.frame, k.footer())
	return k.frame
}

// enlargeLines asks, in both languages, for a window of at least the
// smallest size the pages are drawn for, saying the size it has: wrapped to
// that width, so a narrow window (a touch screen on its side) shows the
// whole sentence.
func (k *Kiosk) enlargeLines() []string {
	wrap := lipgloss.NewStyle().Width(max(k.width, 1))
	k.frame = k.frame[:0]
	for _, text := range []string{ui.Enlarge.Indonesian, ui.Enlarge.English} {
		k.frame = appendLines(k.frame, wrap.Render(fmt.Sprintf(text, minWidth, minHeight, k.width, k.height)))
	}
	return append(k.frame, "")
}

// appendLines appends text's lines (text split at its newlines) to lines.
func appendLines(lines []string, text string) []string {
	for {
		line, rest, more := strings.Cut(text, "\n")
		lines = append(lines, line)
		if !more {
			return lines
		}
		text = rest
	}
}

// body is the screen between the header and the footer; none (ok false)
// on a page of questions, whose own lines lines takes as they are.
func (k *Kiosk) body() (text string, ok bool) {
	switch {
	case k.lock.pg != nil:
		return k.pinView(), true
	case k.screen == screenReview:
		return k.reviewView(), true
	case k.screen == screenStored:
		return k.storedView(), true
	case k.screen == screenThanks:
		return k.thanksView(), true
	case k.screen == screenMinor:
		return k.minorView(), true
	case k.screen == screenClosed:
		return "\n" + k.st.Error.Render(ui.ClosedWhileAnswering.In(k.lang)) + "\n\n" + k.afterThanks() + "\n", true
	}
	return "", false
}
