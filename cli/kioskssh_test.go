package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/loadgen"
	"github.com/berakhlak/berakhlak/questionnaire"
	gossh "golang.org/x/crypto/ssh"
)

// startKioskFixture is the SSH service with one kiosk terminal's key
// listed in its --kiosk-keys file.
func startKioskFixture(t *testing.T) (*sshFixture, gossh.Signer) {
	t.Helper()
	kiosk := newSigner(t)
	keys := filepath.Join(t.TempDir(), "kiosks")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(kiosk.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	f := startFixtureWith(t, respondentFlags{idle: time.Hour, lang: questionnaire.LangID}, func(f *sshFlags) { f.kioskKeys = keys })
	return f, kiosk
}

// TestKioskTerminalServesOnePersonAfterAnother: a kiosk terminal connected
// as kiosk with its listed key gets the welcome again after each thank-you,
// on the same session, and each person's answers are stored.
func TestKioskTerminalServesOnePersonAfterAnother(t *testing.T) {
	f, kiosk := startKioskFixture(t)
	c, _, err := f.dial("kiosk", gossh.PublicKeys(kiosk))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s := openScreen(t, c)
	for person := 1; person <= 2; person++ {
		s.waitFor("Selamat datang", 5*time.Second)
		s.typeKeys(testkit.Bytes(testkit.ASN(questionnaire.Default()))...)
		s.waitFor("Terima kasih", 10*time.Second)
		s.typeKeys(" ") // the next person
	}
	s.waitFor("Selamat datang", 5*time.Second)
	if n, err := f.store.CountResponses(); err != nil || n != 2 {
		t.Fatalf("stored %d responses (%v), want 2: one per person at the kiosk", n, err)
	}
}

// TestKioskNeedsAListedKey: the kiosk role is refused without a key, with a
// key not listed, and on a server given no --kiosk-keys at all.
func TestKioskNeedsAListedKey(t *testing.T) {
	f, _ := startKioskFixture(t)
	if _, _, err := f.dial("kiosk", gossh.PublicKeys(newSigner(t))); err == nil {
		t.Fatal("an unlisted key got in as a kiosk")
	}
	if _, _, err := f.dial("kiosk", noPassword()); err == nil {
		t.Fatal("a kiosk got in without a key")
	}
	bare := startFixture(t)
	if _, _, err := bare.dial("kiosk", gossh.PublicKeys(newSigner(t))); err == nil {
		t.Fatal("a server without --kiosk-keys let a kiosk in")
	}
}

// TestLoadtestAsKiosks: loadtest's kiosk mode keeps one connection per
// session for every survey answered on it, and every acknowledged survey
// is stored and tallied.
func TestLoadtestAsKiosks(t *testing.T) {
	f, kiosk := startKioskFixture(t)
	res := loadgen.Run(context.Background(), loadgen.Config{Addr: f.addr, Sessions: 2, Duration: 2 * time.Second, Pause: time.Millisecond, Kiosk: kiosk})
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	if res.Connections != 2 || res.Connected != 2 {
		t.Fatalf("%d connections for %d connected sessions, want 2 and 2: a kiosk connects once", res.Connections, res.Connected)
	}
	if n, err := f.store.CountResponses(); err != nil || n != res.Completions || n < 2 || len(res.Respondent) != n {
		t.Fatalf("stored %d (%v), acknowledged %d, respondent times %d", n, err, res.Completions, len(res.Respondent))
	}
	// The tally loadtest compares with them, as the server's control socket reports it.
	if st, err := statsOf(f.store); err != nil || st.Tally != int64(res.Completions) || st.Responses != res.Completions {
		t.Fatalf("stats %+v (%v), acknowledged %d", st, err, res.Completions)
	}
}

// TestKioskKeysRefuseAUnit: unit= scopes an admin; on a kiosk key it would
// promise a limit no kiosk keeps, so serve refuses the file.
func TestKioskKeysRefuseAUnit(t *testing.T) {
	dir := t.TempDir()
	keys := filepath.Join(dir, "kiosks")
	os.WriteFile(keys, append([]byte(`unit="dit-a" `), gossh.MarshalAuthorizedKey(newSigner(t).PublicKey())...), 0o600)
	store, resp := openRespondents(t, dir, respondentFlags{idle: time.Hour, lang: questionnaire.LangID})
	defer store.Close()
	flags := sshFlags{listen: "127.0.0.1:0", kioskKeys: keys, maxSessions: 10, perAddress: 10, handshake: 10 * time.Second, maxSession: time.Hour}
	srv, err := startSSH(store, questionnaire.Default(), resp, flags, io.Discard)
	if err == nil {
		shutdownSSH(store.Path(), srv)
		t.Fatal("a kiosk key limited to a unit was taken")
	}
	if !strings.Contains(err.Error(), "unit=") {
		t.Fatalf("the refusal does not name the option: %v", err)
	}
}

// TestIdleKiosksOnlyWait: --idle with --kiosk-key holds the kiosk terminals
// on their welcome, as idle sessions do; none answers.
func TestIdleKiosksOnlyWait(t *testing.T) {
	f, kiosk := startKioskFixture(t)
	res := loadgen.Run(context.Background(), loadgen.Config{Addr: f.addr, Sessions: 2, Duration: time.Second, Pause: time.Millisecond, Kiosk: kiosk, Idle: true})
	if len(res.Errors) > 0 || res.Connected != 2 || res.Completions != 0 {
		t.Fatalf("idle kiosks: %d connected, %d completions, errors %v; want 2, none, none", res.Connected, res.Completions, res.Errors)
	}
}
