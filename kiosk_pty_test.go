package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/creack/pty"
)

// terminal runs the real berakhlak binary on a pseudo-terminal and keeps
// everything it writes.
type terminal struct {
	t      *testing.T
	cmd    *exec.Cmd
	pty    *os.File
	mu     sync.Mutex
	out    bytes.Buffer
	screen *testkit.Screen // the same output, as a person sees it
}

// binary is the berakhlak binary these tests drive, built once in TestMain.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "berakhlak-bin-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "berakhlak")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		panic(fmt.Sprintf("build: %v\n%s", err, out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildBinary is the binary built for this package's tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	return binary
}

// startFreshKiosk runs the binary as a kiosk on a database of its own,
// created for it, and waits for its welcome.
func startFreshKiosk(t *testing.T) (bin, dbPath string, term *terminal) {
	t.Helper()
	bin = buildBinary(t)
	dbPath = filepath.Join(t.TempDir(), "kiosk.db")
	term = startTerminal(t, bin, "--create", "--db", dbPath)
	term.waitFor("Selamat datang", 0, 10*time.Second)
	return bin, dbPath, term
}

func startTerminal(t *testing.T, bin string, args ...string) *terminal {
	t.Helper()
	return startTerminalSized(t, 30, 100, bin, args...)
}

// startTerminalSized is startTerminal on a terminal of rows × cols.
func startTerminalSized(t *testing.T, rows, cols uint16, bin string, args ...string) *terminal {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: rows, Cols: cols})
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, cmd: cmd, pty: f, screen: testkit.NewScreen(int(cols), int(rows))}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			term.mu.Lock()
			term.out.Write(buf[:n])
			term.mu.Unlock()
			term.screen.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		f.Close()
	})
	return term
}

func (term *terminal) output() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.out.String()
}

// waitFor waits until the output after offset contains text.
func (term *terminal) waitFor(text string, from int, within time.Duration) int {
	term.t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		out := term.output()
		if i := strings.Index(out[min(from, len(out)):], text); i >= 0 {
			return from + i
		}
		time.Sleep(20 * time.Millisecond)
	}
	term.t.Fatalf("no %q on the terminal within %s", text, within)
	return 0
}

// typeKeys writes raw key bytes with a short pause between keys.
func (term *terminal) typeKeys(keys ...string) {
	for _, k := range keys {
		if _, err := term.pty.Write([]byte(k)); err != nil {
			term.t.Fatal(err)
		}
		time.Sleep(15 * time.Millisecond)
	}
}

func (term *terminal) running() bool {
	return term.cmd.ProcessState == nil && term.cmd.Process.Signal(syscall.Signal(0)) == nil
}

const (
	keyEnter = "\r"
	keyDown  = "\x1b[B"
)

// asnKeys answers the whole ASN survey (testkit's script, as a terminal
// sends it), up to the review.
func asnKeys() []string {
	keys := append([]string{"1", "1"}, testkit.Survey(questionnaire.Default(), questionnaire.AudienceASN, nil)...)
	return testkit.Bytes(keys)
}

// TestKioskOnATerminal drives the real binary: the keys that end ordinary
// programs do not end it, an idle reset discards a half-finished survey, a
// submission is followed by a clear of the scrollback with none of the
// answers drawn after it, and SIGTERM closes the database cleanly.
func TestKioskOnATerminal(t *testing.T) {
	bin := buildBinary(t)
	dbPath := filepath.Join(t.TempDir(), "kiosk.db")
	term := startTerminal(t, bin, "--create", "--db", dbPath, "--idle", "1500ms", "--countdown", "2s")
	term.waitFor("Selamat datang", 0, 10*time.Second)

	for _, k := range []string{"\x03", "\x1a", "\x1c", "\x04", "\x1b"} { // ctrl+c, ctrl+z, ctrl+\, ctrl+d, esc
		term.typeKeys(k)
	}
	time.Sleep(500 * time.Millisecond)
	if !term.running() {
		t.Fatal("the kiosk ended on ctrl+c, ctrl+z, ctrl+\\, ctrl+d or esc")
	}

	term.typeKeys("1", "1", "5", "5")
	mark := term.waitFor("Langkah 1 dari 15", 0, 5*time.Second)
	mark = term.waitFor("detik", mark, 5*time.Second) // the countdown shows
	term.waitFor("Selamat datang", mark, 5*time.Second)

	start := len(term.output())
	term.typeKeys(asnKeys()...)
	term.waitFor("Periksa jawaban Anda", start, 10*time.Second)
	term.typeKeys(keyEnter)
	term.waitFor("Yang akan disimpan", start, 5*time.Second)
	term.typeKeys(keyEnter)
	thanks := term.waitFor("Terima kasih", start, 5*time.Second)
	term.typeKeys(" ")
	term.waitFor("Selamat datang", thanks, 5*time.Second)
	time.Sleep(200 * time.Millisecond)

	out := term.output()
	clear := strings.LastIndex(out, "\x1b[3J")
	if clear < thanks {
		t.Fatal("no clear-scrollback sequence after the submission")
	}
	for _, answer := range []string{"Sering", "Sangat setuju", "Memahami kebutuhan", "Terima kasih"} {
		if strings.Contains(out[clear:], answer) {
			t.Errorf("after the reset the terminal still receives %q", answer)
		}
	}

	if err := term.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- term.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("SIGTERM: exit %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the kiosk did not end on SIGTERM")
	}

	export, err := exec.Command(bin, "export", "--db", dbPath).Output()
	if err != nil {
		t.Fatalf("export after SIGTERM: %v", err)
	}
	if n := strings.Count(string(export), "\n"); n != 1 {
		t.Fatalf("%d responses stored, want 1 (the idle-reset survey must not be stored)", n)
	}
	if out, err := exec.Command(bin, "verify", "--db", dbPath).CombinedOutput(); err != nil {
		t.Fatalf("verify after SIGTERM: %v\n%s", err, out)
	}
	// DB.log says the kiosk started and stopped, every line dated, none timed.
	logText, err := os.ReadFile(dbPath + ".log")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(logText), "kiosk started") || !strings.Contains(string(logText), "kiosk stopped") {
		t.Errorf("DB.log lacks the start or stop line:\n%s", logText)
	}
	dated := regexp.MustCompile(`^\d{4}-\d{2}-\d{2} `)
	for _, line := range strings.Split(strings.TrimSpace(string(logText)), "\n") {
		if !dated.MatchString(line) || regexp.MustCompile(`\d{2}:\d{2}:\d{2}`).MatchString(line[:min(19, len(line))]) {
			t.Errorf("a DB.log line without its date, or with a time: %q", line)
		}
	}
}

// TestBackupWhileKioskRuns: `berakhlak backup` takes a consistent copy from
// the running kiosk (over its control socket); the copy verifies and holds
// the response just given.
func TestBackupWhileKioskRuns(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "kiosk.db")
	term := startTerminal(t, bin, "--create", "--db", dbPath)
	term.waitFor("Selamat datang", 0, 10*time.Second)
	term.typeKeys(asnKeys()...)
	term.typeKeys(keyEnter, keyEnter)
	term.waitFor("Terima kasih", 0, 10*time.Second)

	backup := filepath.Join(dir, "copy.db")
	if out, err := exec.Command(bin, "backup", backup, "--db", dbPath).CombinedOutput(); err != nil {
		t.Fatalf("backup while the kiosk runs: %v\n%s", err, out)
	}
	if !term.running() {
		t.Fatal("the kiosk stopped during the backup")
	}
	if out, err := exec.Command(bin, "verify", "--db", backup).CombinedOutput(); err != nil {
		t.Fatalf("verify of the backup: %v\n%s", err, out)
	}
	export, _ := exec.Command(bin, "export", "--db", backup).Output()
	if n := strings.Count(string(export), "\n"); n != 1 {
		t.Fatalf("the backup holds %d responses, want 1", n)
	}
}

// TestPastedChordOnATerminal: on the real binary, a paste that is not
// bracketed and holds ctrl+x ctrl+a (one write, as a terminal delivers a
// paste) does not open the PIN prompt; the same keys typed do.
func TestPastedChordOnATerminal(t *testing.T) {
	bin := buildBinary(t)
	dbPath := filepath.Join(t.TempDir(), "kiosk.db")
	if out, err := exec.Command(bin, "init", "--db", dbPath).CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	pin := exec.Command(bin, "kiosk", "pin", "--db", dbPath)
	pin.Stdin = strings.NewReader("2468\n2468\n")
	if out, err := pin.CombinedOutput(); err != nil {
		t.Fatalf("kiosk pin: %v\n%s", err, out)
	}
	term := startTerminal(t, bin, "--create", "--db", dbPath)
	term.waitFor("Selamat datang", 0, 10*time.Second)
	start := len(term.output())
	if _, err := term.pty.Write([]byte("a\x18\x01" + "1111\r")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if strings.Contains(term.output()[start:], "PIN") {
		t.Fatal("a pasted ctrl+x ctrl+a opened the PIN prompt")
	}
	// Typed, a tenth of a second apart, it opens (tried again if a loaded
	// machine delivered the two keys together).
	for try := 0; ; try++ {
		term.pty.Write([]byte("\x18"))
		time.Sleep(100 * time.Millisecond)
		term.pty.Write([]byte("\x01"))
		time.Sleep(300 * time.Millisecond)
		if strings.Contains(term.output()[start:], "PIN") {
			break
		}
		if try == 2 {
			t.Fatal("the typed chord did not open the PIN prompt")
		}
	}
}

// TestEnterAloneStoresNothingOnATerminal: on the real binary, a respondent
// who only presses enter answers nothing and reaches no review; the
// database holds no response afterwards.
func TestEnterAloneStoresNothingOnATerminal(t *testing.T) {
	bin, dbPath, term := startFreshKiosk(t)
	term.typeKeys("1", "1")
	start := term.waitFor("Langkah 1 dari", 0, 5*time.Second)
	for range 40 {
		term.typeKeys(keyEnter)
	}
	term.waitFor("tekan nomornya", start, 5*time.Second)
	if strings.Contains(term.output()[start:], "Periksa jawaban") {
		t.Fatal("enter alone reached the review")
	}
	if stored := storedAfterStop(t, term, bin, dbPath); stored != "" {
		t.Fatalf("enter alone stored: %s", stored)
	}
}

// TestSurveyClosedUnderARunningKiosk: on the real binary, `survey set
// --status closed` from another process (through the kiosk's control
// socket) while a respondent is at the review: saving tells them nothing
// was stored, the kiosk's welcome then says the survey is closed, and the
// database holds no response.
func TestSurveyClosedUnderARunningKiosk(t *testing.T) {
	bin, dbPath, term := startFreshKiosk(t)
	keys := append([]string{"1", "1"}, testkit.Survey(questionnaire.Default(), questionnaire.AudienceASN, nil)...)
	term.typeKeys(testkit.Bytes(keys)...)
	start := term.waitFor("Periksa jawaban", 0, 10*time.Second)
	out, err := exec.Command(bin, "survey", "set", fmt.Sprint(time.Now().Year()), "--status", "closed", "--db", dbPath).CombinedOutput()
	if err != nil {
		t.Fatalf("survey set --status closed: %v\n%s", err, out)
	}
	term.typeKeys(keyEnter, keyEnter)
	told := term.waitFor("Survei ditutup ketika Anda mengisi", start, 5*time.Second)
	term.typeKeys(" ")
	term.waitFor("Survei ini sudah ditutup", told, 5*time.Second)
	if stored := storedAfterStop(t, term, bin, dbPath); stored != "" {
		t.Fatalf("a response was stored into the closed survey: %s", stored)
	}
}

// TestF10OnATerminal: F10 twice on a survey page of the real binary brings
// a clean welcome: the scrollback is cleared, no answer is stored.
func TestF10OnATerminal(t *testing.T) {
	bin, dbPath, term := startFreshKiosk(t)
	term.typeKeys("1", "1", "4")
	start := term.waitFor("berhenti", 0, 5*time.Second)
	term.typeKeys("\x1b[21~")
	asked := term.waitFor("Tekan F10 sekali lagi", start, 5*time.Second)
	term.typeKeys("\x1b[21~")
	term.waitFor("Selamat datang", asked, 5*time.Second)
	// The scrollback's clearing may reach the terminal just after the
	// welcome's frame: it is waited for, not looked for at once.
	term.waitFor("\x1b[3J", asked, 5*time.Second)
	if stored := storedAfterStop(t, term, bin, dbPath); stored != "" {
		t.Fatalf("stopping stored: %s", stored)
	}
}

// storedAfterStop stops the kiosk (SIGTERM) and returns what its database
// holds, as `export` writes it ("" when nothing).
func storedAfterStop(t *testing.T, term *terminal, bin, dbPath string) string {
	t.Helper()
	term.cmd.Process.Signal(syscall.SIGTERM)
	term.cmd.Wait()
	export, err := exec.Command(bin, "export", "--db", dbPath).Output()
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	return strings.TrimSpace(string(export))
}

// TestTapsOnTheRealKiosk: the binary asks its terminal to report clicks (as
// a touch screen's terminal reports taps), and a tap where an option is
// drawn — found on the screen as the terminal shows it — chooses it.
func TestTapsOnTheRealKiosk(t *testing.T) {
	_, _, term := startFreshKiosk(t)
	if out := term.output(); !strings.Contains(out, "\x1b[?1006h") {
		t.Fatalf("the kiosk did not turn on SGR mouse reporting: %q", out[:min(len(out), 300)])
	}
	tap := func(text string) {
		t.Helper()
		read := func() string { // the screen as the output so far draws it
			screen := testkit.NewScreen(100, 30)
			screen.Write([]byte(term.output()))
			return screen.Text()
		}
		settled := testkit.Tapper{Screen: read}.Settled(t)
		for y, line := range strings.Split(settled, "\n") {
			if i := strings.Index(line, text); i >= 0 {
				x := len([]rune(line[:i])) + 1
				term.typeKeys(fmt.Sprintf("\x1b[<0;%d;%dM\x1b[<0;%d;%dm", x, y+1, x, y+1))
				return
			}
		}
		t.Fatalf("no line holds %q:\n%s", text, settled)
	}
	tap("1 · Bahasa Indonesia")
	start := term.waitFor("Anda mengisi sebagai", 0, 5*time.Second)
	tap("1 · ASN")
	term.waitFor("Langkah 1 dari 15", start, 5*time.Second)
}

// TestAWholeSurveyByTapsOnTheRealKiosk: on the binary's terminal, an ASN
// respondent answers every page with SGR mouse reports alone — each tap
// where the screen shows its target, read back from the terminal, the
// window made 80×24 midway so pages scroll — ticks ten values by tapping,
// and saves; the stored answers are those the same choices give by
// keyboard.
func TestAWholeSurveyByTapsOnTheRealKiosk(t *testing.T) {
	bin, dbPath, term := startFreshKiosk(t)
	screen := testkit.NewScreen(100, 30)
	fed := 0
	read := func() string {
		out := term.output()
		screen.Write([]byte(out[fed:]))
		fed = len(out)
		return screen.Text()
	}
	resized := false
	tapper := testkit.Tapper{
		Screen: read,
		Tap: func(x, y int) {
			term.typeKeys(fmt.Sprintf("\x1b[<0;%d;%dM\x1b[<0;%d;%dm", x+1, y+1, x+1, y+1))
		},
		Step: func(step int) {
			if step == 25 && !resized {
				resized = true
				read()
				screen.Resize(80, 24)
				if err := pty.Setsize(term.pty, &pty.Winsize{Rows: 24, Cols: 80}); err != nil {
					t.Fatal(err)
				}
			}
		},
	}
	tapper.TapASN(t)
	if !resized {
		t.Fatal("the survey ended before the window was resized")
	}
	tapped := storedAfterStop(t, term, bin, dbPath)

	bin, dbPath, term = startFreshKiosk(t)
	term.typeKeys(testkit.Bytes(testkit.TapASNKeys(questionnaire.Default()))...)
	start := term.waitFor("Periksa jawaban Anda", 0, 10*time.Second)
	term.typeKeys(keyEnter)
	start = term.waitFor("Yang akan disimpan", start, 5*time.Second)
	term.typeKeys(keyEnter)
	term.waitFor("Terima kasih", start, 5*time.Second)
	typed := storedAfterStop(t, term, bin, dbPath)

	answersOf := func(line string) questionnaire.Answers {
		r, err := questionnaire.DecodeResponse([]byte(line))
		if err != nil {
			t.Fatalf("stored %q: %v", line, err)
		}
		return r.Answers
	}
	byTap, byKey := answersOf(tapped), answersOf(typed)
	if len(byTap.Picks[questionnaire.ItemValuesDesired]) != 10 {
		t.Errorf("tapped %d desired values, want 10", len(byTap.Picks[questionnaire.ItemValuesDesired]))
	}
	if !reflect.DeepEqual(byTap, byKey) {
		t.Errorf("the answers stored by taps differ from the keyboard's:\ntaps %+v\nkeys %+v", byTap, byKey)
	}
}
