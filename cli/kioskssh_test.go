package cli

import (
	"context"
	"os"
	"path/filepath"
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
// is stored.
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
}
