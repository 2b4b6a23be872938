package cli

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	mathrand "math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/berakhlak/berakhlak/sshserver"
	gossh "golang.org/x/crypto/ssh"
)

// sshFixture is the SSH service on 127.0.0.1 over a fresh database, and an
// admin key listed in its admin-keys file.
type sshFixture struct {
	addr     string
	store    *db.Store
	adminKey gossh.Signer
	srv      *sshserver.Server
	resp     *respondents
	log      *testkit.LockedBuffer // what the SSH services write to their log
}

func newSigner(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func startFixture(t *testing.T) *sshFixture {
	t.Helper()
	return startFixtureWith(t, respondentFlags{idle: time.Hour, lang: questionnaire.LangID})
}

// openRespondents opens a store in dir and the respondents' side of the
// SSH service over it, as serve does.
func openRespondents(t *testing.T, dir string, rf respondentFlags) (*db.Store, *respondents) {
	t.Helper()
	store, err := db.Open(filepath.Join(dir, "s.db"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	resp, err := newRespondents(store, questionnaire.Default(), rf)
	if err != nil {
		store.Close()
		t.Fatal(err)
	}
	return store, resp
}

// startFixtureWith starts the fixture with respondent flags of the test's,
// and its own SSH limits where given.
func startFixtureWith(t *testing.T, rf respondentFlags, limits ...func(*sshFlags)) *sshFixture {
	t.Helper()
	dir := t.TempDir()
	store, resp := openRespondents(t, dir, rf)
	admin := newSigner(t)
	keys := filepath.Join(dir, "admins")
	os.WriteFile(keys, gossh.MarshalAuthorizedKey(admin.PublicKey()), 0o600)
	flags := sshFlags{listen: "127.0.0.1:0", adminKeys: keys, maxSessions: 500, perAddress: 20, handshake: 10 * time.Second, maxSession: time.Hour}
	for _, set := range limits {
		set(&flags)
	}
	log := &testkit.LockedBuffer{}
	srv, err := startSSH(store, questionnaire.Default(), resp, flags, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		shutdownSSH(store.Path(), srv)
		store.Close()
	})
	return &sshFixture{addr: srv.Addr().String(), store: store, adminKey: admin, srv: srv, resp: resp, log: log}
}

// TestRespondentFlagsReachEveryRespondent: the flags given once (language,
// idle time, countdown, unit) shape the local kiosk's program and every SSH
// respondent's alike: both are built from one description. (The SSH path
// used to build its own and dropped --lang and --countdown.)
func TestRespondentFlagsReachEveryRespondent(t *testing.T) {
	rf := respondentFlags{lang: questionnaire.LangEN, idle: 2 * time.Second, countdown: 7 * time.Second}
	f := startFixtureWith(t, rf)
	c, _, err := f.dial("survei", noPassword())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s := openScreen(t, c)
	s.waitFor("BerAKHLAK Survey", 5*time.Second) // the English title
	s.typeKeys("\r")                             // English, then idle for --idle 2s
	s.waitFor("discarded in 7 seconds", 6*time.Second)
	resp, err := newRespondents(f.store, questionnaire.Default(), rf)
	if err != nil {
		t.Fatal(err)
	}
	local := resp.config()
	if local.Lang != questionnaire.LangEN || local.CountdownFor != 7*time.Second || local.IdleAfter != 2*time.Second || local.Unit != db.RootUnitID {
		t.Fatalf("the local kiosk's config %+v does not carry the flags", local)
	}
	if _, err := newRespondents(f.store, questionnaire.Default(), respondentFlags{lang: "fr"}); err == nil {
		t.Fatal("--lang fr accepted")
	}
}

func (f *sshFixture) dial(user string, auth ...gossh.AuthMethod) (*gossh.Client, string, error) {
	var banner strings.Builder
	c, err := gossh.Dial("tcp", f.addr, &gossh.ClientConfig{
		User: user, Auth: auth, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second,
		BannerCallback: func(msg string) error { banner.WriteString(msg); return nil },
	})
	return c, banner.String(), err
}

// refusal opens a terminal session on c and returns all it was shown
// before the server ended it.
func refusal(c *gossh.Client) string {
	s, err := c.NewSession()
	if err != nil {
		return err.Error()
	}
	s.RequestPty("xterm", 30, 100, gossh.TerminalModes{})
	var out strings.Builder
	s.Stdout, s.Stderr = &out, &out
	s.Shell()
	s.Wait()
	return out.String()
}

func noPassword() gossh.AuthMethod {
	return gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
}

// screen is an interactive session drawn into testkit's terminal screen.
type screen struct {
	*testkit.Screen
	t    *testing.T
	sess *gossh.Session
	in   io.WriteCloser
}

func (s *screen) text() string { return s.Text() }

func openScreen(t *testing.T, c *gossh.Client) *screen {
	t.Helper()
	return openScreenOn(t, c, "xterm-256color")
}

// openScreenOn opens a session on a terminal of the given TERM.
func openScreenOn(t *testing.T, c *gossh.Client, term string) *screen {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty(term, 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, _ := sess.StdinPipe()
	out, _ := sess.StdoutPipe()
	s := &screen{Screen: testkit.NewScreen(100, 30), t: t, sess: sess, in: in}
	go io.Copy(s.Screen, out)
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	return s
}

// respondent opens a respondent's session on the fixture, at its welcome
// screen; it is closed when the test ends.
func (f *sshFixture) respondent(t *testing.T) *screen {
	t.Helper()
	c, _, err := f.dial("survei", noPassword())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	s := openScreen(t, c)
	s.waitFor("Selamat datang", 5*time.Second)
	return s
}

func (s *screen) waitFor(text string, within time.Duration) {
	s.t.Helper()
	s.WaitFor(s.t, text, within)
}

func (s *screen) typeKeys(keys ...string) {
	for _, k := range keys {
		s.in.Write([]byte(k))
		time.Sleep(5 * time.Millisecond)
	}
}

func TestRespondentOverSSHAndLiveAdmin(t *testing.T) {
	f := startFixture(t)
	ac, _, err := f.dial("admin", gossh.PublicKeys(f.adminKey))
	if err != nil {
		t.Fatal(err)
	}
	admin := openScreen(t, ac)
	admin.waitFor("respons: 0", 5*time.Second)

	rc, _, err := f.dial("survei", noPassword())
	if err != nil {
		t.Fatal(err)
	}
	resp := openScreen(t, rc)
	resp.waitFor("Selamat datang", 5*time.Second)
	resp.typeKeys(testkit.Bytes(testkit.ASN(questionnaire.Default()))...)
	resp.waitFor("Terima kasih", 10*time.Second)
	thanked := time.Now()
	admin.waitFor("respons: 1", time.Second)
	t.Logf("admin screen showed the new count %s after the respondent was thanked", time.Since(thanked))

	var got []*questionnaire.Response
	f.store.EachResponse(nil, func(r *questionnaire.Response) error { got = append(got, r); return nil })
	if len(got) != 1 || got[0].Answers.Scale["impl.pelayanan.1"] != 4 {
		t.Fatalf("stored %+v", got)
	}
}

func TestAdminNeedsAListedKey(t *testing.T) {
	f := startFixture(t)
	if _, _, err := f.dial("admin", gossh.PublicKeys(newSigner(t))); err == nil {
		t.Fatal("an unlisted key got in as admin")
	}
	if _, _, err := f.dial("admin", noPassword()); err == nil {
		t.Fatal("admin got in without a key")
	}
}

// TestOfferedAdminKeyGivesNothing: the OpenSSH client offers the admin's
// public key without holding its private half (the server answers "key
// acceptable"), then falls back to keyboard-interactive. It must never reach
// the admin screen: roles come from the key that completed authentication.
func TestOfferedAdminKeyGivesNothing(t *testing.T) {
	sshBin, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("needs the OpenSSH client (ssh) to offer a key without its private half")
	}
	f := startFixture(t)
	dir := t.TempDir()
	pubOnly := filepath.Join(dir, "admin.pub")
	os.WriteFile(pubOnly, gossh.MarshalAuthorizedKey(f.adminKey.PublicKey()), 0o600)
	host, port, _ := net.SplitHostPort(f.addr)
	run := func(user string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, sshBin, "-v", "-tt", "-p", port, "-i", pubOnly, "-o", "IdentitiesOnly=yes",
			"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "ConnectTimeout=5",
			"-o", "PreferredAuthentications=publickey,keyboard-interactive", "-F", "/dev/null", user+"@"+host)
		cmd.Stdin = strings.NewReader("")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run("admin")
	if !strings.Contains(out, "Server accepts key") {
		t.Fatalf("the offer of the admin key was not accepted, so the test proves nothing:\n%s", out)
	}
	if err == nil || strings.Contains(out, "BerAKHLAK · Admin") || !strings.Contains(out, "Permission denied") {
		t.Fatalf("offering the admin key without its private half got in: %v\n%s", err, out)
	}
	out, _ = run("survei") // the same trick as a respondent: the survey, never the admin screen
	if strings.Contains(out, "BerAKHLAK · Admin") {
		t.Fatalf("a respondent session shows the admin screen:\n%s", out)
	}
}

// TestPerAddressLimit: an office whose staff reach the server through one
// address is not capped while the server has room (25 sessions from one
// address run, over --per-address 20); under pressure — respondents holding
// half their share of a server of 20 sessions, 5 kept for admins — an
// address with --per-address 5 sessions is refused, and reads why.
func TestPerAddressLimit(t *testing.T) {
	f := startFixture(t)
	for i := range 25 {
		c, _, err := f.dial("survei", noPassword())
		if err != nil {
			t.Fatalf("session %d refused: %v", i+1, err)
		}
		defer c.Close()
		openScreen(t, c).waitFor("Selamat datang", 5*time.Second)
	}

	small := startFixtureWith(t, respondentFlags{idle: time.Hour, lang: questionnaire.LangID}, func(f *sshFlags) {
		f.maxSessions, f.perAddress, f.adminReserve = 20, 5, 5
	})
	for i := range 7 { // (20 − 5) / 2: pressure begins at the 8th
		c, _, err := small.dial("survei", noPassword())
		if err != nil {
			t.Fatalf("session %d refused: %v", i+1, err)
		}
		defer c.Close()
		openScreen(t, c).waitFor("Selamat datang", 5*time.Second)
	}
	c, _, err := small.dial("survei", noPassword())
	if err != nil {
		t.Fatalf("the 8th connection was refused before it could read why: %v", err)
	}
	defer c.Close()
	if out := refusal(c); !strings.Contains(out, "too many sessions from your address (5)") {
		t.Fatalf("the 8th session under pressure got no clear message: %q", out)
	}
}

func TestExecSftpAndNoPTYAreRefused(t *testing.T) {
	f := startFixture(t)
	c, _, err := f.dial("survei", noPassword())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	s, _ := c.NewSession()
	out, err := s.CombinedOutput("cat /etc/passwd")
	if err == nil || !strings.Contains(string(out), "commands are not accepted") {
		t.Fatalf("exec: %v %q", err, out)
	}

	s, _ = c.NewSession()
	stderr, _ := s.StderrPipe()
	if err := s.RequestSubsystem("sftp"); err == nil {
		msg, _ := io.ReadAll(stderr) // RequestSubsystem starts no copying: read the pipe, as sftp clients do
		if !strings.Contains(string(msg), "subsystems are not available") {
			t.Fatalf("sftp gave no message: %q", msg)
		}
	}

	s, _ = c.NewSession()
	var noPTY strings.Builder
	s.Stdout, s.Stderr = &noPTY, &noPTY
	s.Shell()
	if err := s.Wait(); err == nil || !strings.Contains(noPTY.String(), "needs an interactive terminal") || !strings.Contains(noPTY.String(), "memerlukan terminal interaktif") {
		t.Fatalf("no-PTY session: %v %q", err, noPTY.String())
	}

	bad, _, err := f.dial("budi", noPassword())
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	if out := refusal(bad); !strings.Contains(out, `unknown user "budi"`) {
		t.Fatalf("unknown user: %q", out)
	}
}

// directorates gives the fixture's store a ministry with two directorates,
// the first with a sub-directorate.
func (f *sshFixture) directorates(t *testing.T) {
	t.Helper()
	err := f.store.ReplaceUnits([]db.Unit{{ID: "root", Name: "Kementerian"}, {ID: "dit-a", Parent: "root", Name: "Direktorat Anggrek"},
		{ID: "sub-a1", Parent: "dit-a", Name: "Subdit Anyelir"}, {ID: "dit-b", Parent: "root", Name: "Direktorat Bakung"}})
	if err != nil {
		t.Fatal(err)
	}
}

// listenWithAdminKeys starts another SSH service over the fixture's store
// whose admin keys are lines, and points the fixture at it.
func (f *sshFixture) listenWithAdminKeys(t *testing.T, lines string) {
	t.Helper()
	keys := filepath.Join(t.TempDir(), "admins")
	if err := os.WriteFile(keys, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := startSSH(f.store, questionnaire.Default(), nil,
		sshFlags{listen: "127.0.0.1:0", adminKeys: keys, maxSessions: 50, perAddress: 20, handshake: 10 * time.Second, maxSession: time.Hour},
		f.log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shutdownSSH(f.store.Path(), srv) })
	f.addr = srv.Addr().String()
}

// TestScopedAdminOverSSH: a key listed with unit="dit-a" opens the admin
// screen on that unit's subtree only; a key whose from= does not match the
// client's address is refused, as OpenSSH would.
func TestScopedAdminOverSSH(t *testing.T) {
	f := startFixture(t)
	f.directorates(t)
	scoped, fenced := newSigner(t), newSigner(t)
	f.listenWithAdminKeys(t, `unit="dit-a" `+string(gossh.MarshalAuthorizedKey(scoped.PublicKey()))+
		`from="10.0.0.0/8" `+string(gossh.MarshalAuthorizedKey(fenced.PublicKey())))

	c, _, err := f.dial("admin", gossh.PublicKeys(scoped))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s := openScreen(t, c)
	s.waitFor("Subdit Anyelir (sub-a1)", 5*time.Second)
	s.typeKeys("\x1b[D", "\x7f") // back, twice: nowhere above dit-a
	time.Sleep(200 * time.Millisecond)
	for _, other := range []string{"Kementerian", "Bakung", "dit-b"} {
		if strings.Contains(s.text(), other) {
			t.Fatalf("the admin of dit-a sees %q:\n%s", other, s.text())
		}
	}
	if _, _, err := f.dial("admin", gossh.PublicKeys(fenced)); err == nil {
		t.Fatal(`a key with from="10.0.0.0/8" got in from 127.0.0.1`)
	}
}

// serve (and the kiosk's --listen) does not start on an admin-keys file with
// a line it cannot honour exactly, and says which line and why.
func TestServeRefusesABadAdminKeyLine(t *testing.T) {
	dir := t.TempDir()
	store, resp := openRespondents(t, dir, respondentFlags{idle: time.Hour, lang: questionnaire.LangID})
	defer store.Close()
	key := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(newSigner(t).PublicKey())))
	for _, tc := range []struct{ line, why string }{
		{`frm="127.0.0.2" ` + key, `unknown key option "frm"`},
		{`from="!127.0.0.1/33,127.0.0.0/8" ` + key, "is not a CIDR block"},
		{`unit="x ` + key, "option unit: the quote of its value does not close"},
		{`from="127.0.0.1",from="127.0.0.2" ` + key, "option from given twice"},
		{`command="sh" ` + key, "option command is OpenSSH's"},
	} {
		keys := filepath.Join(dir, "admins")
		os.WriteFile(keys, []byte("# the admins\n"+tc.line+"\n"), 0o600)
		srv, err := startSSH(store, questionnaire.Default(), resp,
			sshFlags{listen: "127.0.0.1:0", adminKeys: keys, maxSessions: 10, perAddress: 5, handshake: time.Second, maxSession: time.Minute}, io.Discard)
		if err == nil {
			shutdownSSH(store.Path(), srv)
			t.Errorf("serve started with the line %s", tc.line)
			continue
		}
		if !strings.Contains(err.Error(), keys+":2: ") || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("%s: %v; want the file, line 2 and %q", tc.line, err, tc.why)
		}
	}
}

// A refused start ends with its reason alone, not with "serve stopped" as
// if a server had run: the operator's log says why it never began.
func TestServeRefusedSaysOnlyWhy(t *testing.T) {
	dir := t.TempDir()
	keys := filepath.Join(dir, "admins")
	os.WriteFile(keys, []byte("# the admins\nfrm=\"127.0.0.2\" "+strings.TrimSpace(string(gossh.MarshalAuthorizedKey(newSigner(t).PublicKey())))+"\n"), 0o600)
	_, stderr, code := run(t, "serve", "--listen", "127.0.0.1:0", "--admin-keys", keys, "--db", newDB(t, filepath.Join(dir, "s.db")))
	if code == 0 || !strings.Contains(stderr, keys+":2: unknown key option") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if strings.Contains(stderr, "serve stopped") {
		t.Fatalf("a server that never started says it stopped: %q", stderr)
	}
}

// A failed save reaches the operator's log with its cause, dated only.
func TestFailedSavesAreLogged(t *testing.T) {
	store, resp := openRespondents(t, t.TempDir(), respondentFlags{idle: time.Hour, lang: questionnaire.LangID})
	defer store.Close()
	var log strings.Builder
	resp.logSaveFailures(&log)
	resp.config().SaveFailed(fmt.Errorf("save response: write /var/lib/berakhlak/s.db: no space left on device"))
	if !strings.Contains(log.String(), "ERROR save: a response could not be saved") || !strings.Contains(log.String(), "no space left on device") {
		t.Fatalf("log: %q", log.String())
	}
	if strings.Contains(log.String(), ":") && strings.Contains(strings.Fields(log.String())[0], ":") {
		t.Fatalf("the line carries a time of day: %q", log.String())
	}
}

// Over SSH too, a respondent who only presses enter answers nothing.
func TestEnterAloneStoresNothingOverSSH(t *testing.T) {
	f := startFixture(t)
	s := f.respondent(t)
	s.typeKeys("1", "1")
	s.waitFor("Langkah 1 dari", 5*time.Second)
	for range 40 {
		s.typeKeys("\r")
	}
	s.waitFor("tekan nomornya", 5*time.Second)
	if strings.Contains(s.text(), "Periksa jawaban") {
		t.Fatal("enter alone reached the review")
	}
	if n, err := f.store.CountResponses(); err != nil || n != 0 {
		t.Fatalf("enter alone stored %d (%v)", n, err)
	}
}

// Over SSH, F10 twice ends the session and stores nothing.
func TestF10EndsTheSessionOverSSH(t *testing.T) {
	f := startFixture(t)
	s := f.respondent(t)
	s.typeKeys("1", "1", "4")
	s.waitFor("F10 berhenti", 5*time.Second)
	s.typeKeys("\x1b[21~")
	s.waitFor("Tekan F10 sekali lagi", 5*time.Second)
	s.typeKeys("\x1b[21~")
	done := make(chan error, 1)
	go func() { done <- s.sess.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("F10 twice did not end the SSH session")
	}
	if n, _ := f.store.CountResponses(); n != 0 {
		t.Fatalf("stopping stored %d", n)
	}
}

// runOverSSH runs one command in a session of c and returns what it printed
// and its error (an *ExitError for a non-zero status).
func runOverSSH(t *testing.T, c *gossh.Client, command string) (stdout, stderr string, err error) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var out, errOut strings.Builder
	sess.Stdout, sess.Stderr = &out, &errOut
	err = sess.Run(command)
	return out.String(), errOut.String(), err
}

// TestAdminStreamsItsReportOverSSH: the report reaches the admin who asked.
// A key limited to dit-a streams the report of dit-a's subtree and its
// figures as JSON with `ssh admin@HOST report` / `scores --json`; a unit
// outside dit-a, any other command, and any command of a respondent are
// refused.
func TestAdminStreamsItsReportOverSSH(t *testing.T) {
	f := startFixture(t)
	f.directorates(t)
	rng := mathrand.New(mathrand.NewPCG(32, 5))
	for _, unit := range []string{"sub-a1", "dit-b"} {
		for range 10 {
			if err := f.store.SaveResponse(questionnaire.Default().SampleResponse(rng, "asn", fmt.Sprint(time.Now().Year()), unit, "2026-11-27", 0)); err != nil {
				t.Fatal(err)
			}
		}
	}
	c := f.scopedAdmin(t, "dit-a")

	html, stderr, err := runOverSSH(t, c, "report")
	if err != nil || !strings.HasPrefix(html, "<!DOCTYPE html>") || !strings.Contains(html, "Direktorat Anggrek") || !strings.Contains(html, "Subdit Anyelir") {
		t.Fatalf("report: %v %s\n%.300s", err, stderr, html)
	}
	for _, other := range []string{"Kementerian", "Bakung"} {
		if strings.Contains(html, other) {
			t.Errorf("dit-a's report names %q", other)
		}
	}
	out, stderr, err := runOverSSH(t, c, "scores --json --unit sub-a1")
	var gs scoring.GroupScores
	if err != nil || json.Unmarshal([]byte(out), &gs) != nil || gs.Unit != "sub-a1" || gs.Respondents != 10 {
		t.Fatalf("scores --json --unit sub-a1: %v %s\n%.300s", err, stderr, out)
	}
	// A unit's head sets what the unit is held to: its own targets, never
	// the survey's, and not those of a unit outside the key's.
	if out, stderr, err := runOverSSH(t, c, "targets set engagement=70"); err != nil || !strings.Contains(out, "its own") {
		t.Fatalf("targets set: %v %s\n%s", err, stderr, out)
	}
	var held targetsJSON
	out, stderr, err = runOverSSH(t, c, "targets show --json")
	if err != nil || json.Unmarshal([]byte(out), &held) != nil || held.Unit != "dit-a" || held.Targets["engagement"] != 70 {
		t.Fatalf("targets show --json: %v %s\n%s", err, stderr, out)
	}
	sv, _, _ := f.store.Survey(fmt.Sprint(time.Now().Year()))
	if len(sv.Targets) != 0 || sv.UnitTargets["dit-a"]["engagement"] != 70 || len(sv.UnitTargets) != 1 {
		t.Fatalf("after a scoped key's targets set: survey's %v, units' own %v", sv.Targets, sv.UnitTargets)
	}
	// Not once the survey is closed: its targets are what it was measured
	// against (the server's own command line may still change them).
	sv.Open = false
	if err := f.store.SaveSurvey(sv); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runOverSSH(t, c, "targets set engagement=75"); err == nil || !strings.Contains(stderr, "is closed: its targets are what its figures were measured against") {
		t.Fatalf("targets set on a closed survey over SSH: %v %s", err, stderr)
	}
	for command, want := range map[string]string{
		"report --unit dit-b":                    `unit "dit-b" is outside the unit of your key ("dit-a")`,
		"scores --unit root":                     `unit "root" is outside the unit of your key ("dit-a")`,
		"targets set --unit dit-b engagement=70": `unit "dit-b" is outside the unit of your key ("dit-a")`,
		"targets unset --unit root engagement":   `unit "root" is outside the unit of your key ("dit-a")`,
		"targets propose":                        `unknown command "propose"`,
		"ls":                                     `unknown command "ls"`,
		"survey set 2026 --status closed":        `unknown command "survey"`,
	} {
		out, stderr, err := runOverSSH(t, c, command)
		var exit *gossh.ExitError
		if !errors.As(err, &exit) || exit.ExitStatus() != 1 || out != "" || !strings.Contains(stderr, want) {
			t.Errorf("%s: %v, printed %q, said %q; want status 1 and %q", command, err, out, stderr, want)
		}
	}
	respondent, _, err := f.dial("survei", noPassword())
	if err != nil {
		t.Fatal(err)
	}
	defer respondent.Close()
	if out, stderr, err := runOverSSH(t, respondent, "report"); err == nil || strings.Contains(out, "<html") {
		t.Fatalf("a respondent's report command ran: %v %q %q", err, out, stderr)
	}
}

// TestConsoleTerminalGetsTheConsolesGlyphs: a respondent on the bare Linux
// console (TERM=linux) gets the plain pages, whose marks the console's font
// has ("| " beside the question in focus, not "┃ "); on another terminal
// the usual ones.
func TestConsoleTerminalGetsTheConsolesGlyphs(t *testing.T) {
	f := startFixture(t)
	for term, bar := range map[string]string{"linux": "| ", "xterm-256color": "┃ "} {
		c, _, err := f.dial("survei", noPassword())
		if err != nil {
			t.Fatal(err)
		}
		s := openScreenOn(t, c, term)
		s.waitFor("Selamat datang", 5*time.Second)
		s.typeKeys("1", "1")
		s.waitFor(bar+"Seberapa sering", 5*time.Second)
		if term == "linux" && strings.ContainsAny(s.text(), "┃❯✓▏") {
			t.Errorf("TERM=linux shows a mark the console's font lacks:\n%s", s.text())
		}
		c.Close()
	}
}

// tapAt sends a tap (an SGR mouse press and release) on the first line of
// the screen holding text, at its first column.
func (s *screen) tapAt(text string) {
	s.t.Helper()
	// On the screen as it stands: a frame still arriving in parts can put a
	// line one row off from where the program will take the tap.
	tapper := testkit.Tapper{Screen: s.text}
	screen := tapper.Settled(s.t)
	for y, line := range strings.Split(screen, "\n") {
		if i := strings.Index(line, text); i >= 0 {
			x := len([]rune(line[:i])) + 1 // SGR counts from 1
			s.typeKeys(fmt.Sprintf("\x1b[<0;%d;%dM\x1b[<0;%d;%dm", x, y+1, x, y+1))
			return
		}
	}
	s.t.Fatalf("no line holds %q:\n%s", text, s.text())
}

// TestTapsOverSSH: a respondent whose terminal reports taps (a touch
// screen's does, as mouse clicks) chooses the language, the audience and a
// first answer by tapping where each is drawn.
func TestTapsOverSSH(t *testing.T) {
	f := startFixture(t)
	s := f.respondent(t)
	s.tapAt("1 · Bahasa Indonesia")
	s.waitFor("Anda mengisi sebagai", 5*time.Second)
	s.tapAt("1 · ASN")
	s.waitFor("Langkah 1 dari 15", 5*time.Second)
	s.tapAt("4 · Sering")
	s.waitFor("● 4 · Sering", 5*time.Second)
}

// TestAWholeSurveyByTapsOverSSH: a respondent whose terminal reports taps
// answers the whole ASN survey with SGR mouse reports alone, the window made
// 80×24 midway (so pages scroll), ten values ticked by tapping; a second
// respondent gives the same choices by keyboard, and both stored responses
// hold the same answers.
func TestAWholeSurveyByTapsOverSSH(t *testing.T) {
	f := startFixture(t)
	s := f.respondent(t)
	resized := false
	tapper := testkit.Tapper{
		Screen: s.text,
		Tap: func(x, y int) {
			s.typeKeys(fmt.Sprintf("\x1b[<0;%d;%dM\x1b[<0;%d;%dm", x+1, y+1, x+1, y+1))
		},
		Step: func(step int) {
			if step == 25 && !resized {
				resized = true
				s.Screen.Resize(80, 24)
				if err := s.sess.WindowChange(24, 80); err != nil {
					t.Fatal(err)
				}
			}
		},
	}
	tapper.TapASN(t)
	if !resized {
		t.Fatal("the survey ended before the window was resized")
	}
	k := f.respondent(t)
	k.typeKeys(testkit.Bytes(append(testkit.TapASNKeys(questionnaire.Default()), testkit.Enter, testkit.Enter))...)
	k.waitFor("Terima kasih", 10*time.Second)

	var got []questionnaire.Answers
	f.store.EachResponse(nil, func(r *questionnaire.Response) error { got = append(got, r.Answers); return nil })
	if len(got) != 2 {
		t.Fatalf("%d responses stored, want 2", len(got))
	}
	if len(got[0].Picks[questionnaire.ItemValuesDesired]) != 10 || !reflect.DeepEqual(got[0], got[1]) {
		t.Errorf("the answers by taps and by keys differ:\n%+v\n%+v", got[0], got[1])
	}
}

// A scoped admin keeps and reads its own units' plans over SSH, and cannot
// read or change another unit's (issue 34).
func TestScopedAdminReachesOnlyItsPlans(t *testing.T) {
	f := startFixture(t)
	f.directorates(t)
	survey := fmt.Sprint(time.Now().Year())
	other := db.FocusArea{Focus: "loyal", Reason: db.ReasonOther, Actions: "Rahasia dit-b", Owner: "Direktur B", Due: "2027-05"}
	if err := f.store.AddFocus(survey, "dit-b", other, "2026-12-01"); err != nil {
		t.Fatal(err)
	}
	c := f.scopedAdmin(t, "dit-a")
	if out, stderr, err := runOverSSH(t, c, "plan add --unit sub-a1 --focus adaptif --actions 'Forum ide bulanan' --owner 'Kepala Subdit' --due 2027-02"); err != nil {
		t.Fatalf("plan add within the key's unit: %v %s %s", err, out, stderr)
	}
	list, stderr, err := runOverSSH(t, c, "plan list --json")
	if err != nil || !strings.Contains(list, "Forum ide bulanan") || strings.Contains(list, "Rahasia dit-b") || strings.Contains(list, "dit-b") {
		t.Fatalf("plan list --json of dit-a: %v %s\n%s", err, stderr, list)
	}
	for _, command := range []string{
		"plan list --unit dit-b",
		"plan add --unit dit-b --focus adaptif --actions x --owner y --due 2027-01",
		"plan set --unit dit-b --focus loyal --status dropped",
		"plan suggest --unit root",
	} {
		out, stderr, err := runOverSSH(t, c, command)
		var exit *gossh.ExitError
		if !errors.As(err, &exit) || exit.ExitStatus() != 1 || out != "" || !strings.Contains(stderr, "is outside the unit of your key") {
			t.Errorf("%s: %v, printed %q, said %q; want status 1, outside the key's unit", command, err, out, stderr)
		}
	}
	plans, err := f.store.Plans(survey)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plans {
		if p.Unit == "dit-b" && (len(p.Focus) != 1 || p.Focus[0].Status != db.StatusPlanned) {
			t.Errorf("dit-b's plan changed: %+v", p)
		}
	}
}

// scopedAdmin serves the fixture with one admin key limited to unit and
// returns a client connected with it, closed when the test ends.
func (f *sshFixture) scopedAdmin(t *testing.T, unit string) *gossh.Client {
	t.Helper()
	scoped := newSigner(t)
	f.listenWithAdminKeys(t, `unit="`+unit+`" `+string(gossh.MarshalAuthorizedKey(scoped.PublicKey())))
	c, _, err := f.dial("admin", gossh.PublicKeys(scoped))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// The SSH limits given on the command line are checked before anything
// starts: none of them is "no limit", and each that would leave the server
// refusing everyone is refused with what to give instead (a negative
// --max-sessions, or --admin-reserve of every session, had started a server
// that let no respondent in). --admin-reserve 0 is none, not the server's
// default of five. The respondents' --idle and --countdown are checked too.
func TestSSHLimitsAreChecked(t *testing.T) {
	defaults := func() sshFlags {
		return sshFlags{maxSessions: 500, perAddress: 20, maxPending: 200, adminReserve: 5, handshake: 10 * time.Second, maxSession: 2 * time.Hour}
	}
	for _, tc := range []struct {
		set     func(*sshFlags)
		why     string
		reserve int
	}{
		{func(*sshFlags) {}, "", 5},
		{func(f *sshFlags) { f.maxSessions = 3 }, "", 2}, // the default reserve fits itself under
		{func(f *sshFlags) { f.adminReserve = 0 }, "", -1},
		{func(f *sshFlags) { f.maxSessions = 0 }, "--max-sessions 0: give 1 or more", 0},
		{func(f *sshFlags) { f.maxSessions = -3 }, "--max-sessions -3: give 1 or more", 0},
		{func(f *sshFlags) { f.maxSessions, f.adminReserve = 5, 10 }, "--admin-reserve 10: give 0 to 4, fewer than --max-sessions 5", 0},
		{func(f *sshFlags) { f.adminReserve = -1 }, "--admin-reserve -1: give 0 to 499", 0},
		{func(f *sshFlags) { f.perAddress = 0 }, "--per-address 0: give 1 or more", 0},
		{func(f *sshFlags) { f.maxPending = 0 }, "--max-pending 0: give 1 or more", 0},
		{func(f *sshFlags) { f.handshake = 0 }, "--handshake-timeout 0s: give a time above 0", 0},
		{func(f *sshFlags) { f.maxSession = -time.Minute }, "--max-session -1m0s: give a time above 0", 0},
	} {
		f := defaults()
		tc.set(&f)
		err := f.check()
		if tc.why == "" {
			if err != nil || f.adminReserve != tc.reserve {
				t.Errorf("%+v: %v, reserve %d; want it taken with reserve %d", f, err, f.adminReserve, tc.reserve)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("%+v: %v; want %q", f, err, tc.why)
		}
	}
	if _, stderr, code := run(t, "serve", "--max-sessions", "0", "--listen", "127.0.0.1:0", "--db", newDB(t, filepath.Join(t.TempDir(), "s.db"))); code == 0 || !strings.Contains(stderr, "--max-sessions 0: give 1 or more") {
		t.Fatalf("serve --max-sessions 0: exit %d %s", code, stderr)
	}
	// The respondents' times alike: --idle 1ns had reset everyone at once.
	for args, why := range map[string]string{"--idle 1ns": "--idle 1ns: give 1s or more", "--idle 0s": "--idle 0s: give 1s or more", "--countdown -1s": "--countdown -1s: give 1s or more"} {
		flag, value, _ := strings.Cut(args, " ")
		if _, stderr, code := run(t, "serve", flag, value, "--listen", "127.0.0.1:0", "--db", newDB(t, filepath.Join(t.TempDir(), "s.db"))); code == 0 || !strings.Contains(stderr, why) {
			t.Errorf("serve %s: exit %d %s", args, code, stderr)
		}
	}
}
