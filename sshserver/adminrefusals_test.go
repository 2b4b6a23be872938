package sshserver

import (
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"strings"
	"testing"

	"charm.land/log/v2"
	"github.com/berakhlak/berakhlak/internal/testkit"
	gossh "golang.org/x/crypto/ssh"
)

// Refused admin keys are logged by fingerprint and reason — listed but
// from an address its from= does not allow, not listed at all — once per
// period and counted in the summary, never with the address; a reload with
// a bad line keeps the keys in force and says which line.
func TestRefusedAdminKeysAreNamedAndReloadKeepsOldKeys(t *testing.T) {
	logs := &testkit.LockedBuffer{}
	s, admin := testServer(t, Config{Logger: log.New(logs)})
	keysFile := s.cfg.AdminKeysPath
	good, _ := os.ReadFile(keysFile)

	// Only from 127.0.0.2 now.
	os.WriteFile(keysFile, append([]byte(`from="127.0.0.2" `), good...), 0o600)
	if err := s.ReloadKeys(); err != nil {
		t.Fatal(err)
	}
	if c, err := dialFrom(t, s, "127.0.0.1", UserAdmin, gossh.PublicKeys(admin)); err == nil {
		c.Close()
		t.Fatal("an admin key was accepted from an address its from= does not allow")
	}
	if c, err := dialFrom(t, s, "127.0.0.2", UserAdmin, gossh.PublicKeys(admin)); err != nil {
		t.Fatalf("the admin key from its own address: %v", err)
	} else {
		c.Close()
	}
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	stranger, _ := gossh.NewSignerFromKey(priv)
	for range 2 {
		if c, err := dialFrom(t, s, "127.0.0.1", UserAdmin, gossh.PublicKeys(stranger)); err == nil {
			c.Close()
			t.Fatal("an unlisted key got in as admin")
		}
	}
	adminFP, strangerFP := gossh.FingerprintSHA256(admin.PublicKey()), gossh.FingerprintSHA256(stranger.PublicKey())
	s.logRefusals()
	text := logs.String()
	for _, want := range []string{
		"admin key refused key=" + adminFP + ` why="not from an address its from= allows"`,
		"admin key refused key=" + strangerFP + ` why="not listed"`,
		"admin key " + strangerFP + " (not listed) 2",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the log lacks %q:\n%s", want, text)
		}
	}
	if strings.Count(text, "admin key refused key="+strangerFP) != 1 {
		t.Errorf("the stranger's key is logged more than once a period:\n%s", text)
	}
	if strings.Contains(text, "127.0.0.") {
		t.Errorf("the log names an address:\n%s", text)
	}

	// A bad line on reload: the keys in force stay.
	os.WriteFile(keysFile, append([]byte(`frm="127.0.0.9" `), good...), 0o600)
	if err := s.ReloadKeys(); err == nil || !strings.Contains(err.Error(), keysFile+`:1: unknown key option "frm"`) {
		t.Fatalf("reload with a bad line: %v", err)
	}
	if c, err := dialFrom(t, s, "127.0.0.2", UserAdmin, gossh.PublicKeys(admin)); err != nil {
		t.Fatalf("after a refused reload the admin key in force was lost: %v", err)
	} else {
		c.Close()
	}
	if c, err := dialFrom(t, s, "127.0.0.1", UserAdmin, gossh.PublicKeys(admin)); err == nil {
		c.Close()
		t.Fatal("a refused reload widened the key's addresses")
	}
}
