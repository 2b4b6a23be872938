package relay

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/internal/testkit"
)

// selfSigned writes a certificate for 127.0.0.1 and its key (PEM) into dir.
func selfSigned(t *testing.T, dir string) TLSFiles {
	cert, key := testkit.SelfSigned(t, dir)
	return TLSFiles{Cert: cert, Key: key}
}

// TestEmbeddedServerWithTLS: with a certificate the embedded server speaks
// TLS only; a kiosk that trusts the certificate's CA gets in with its
// credentials, one that does not is refused.
func TestEmbeddedServerWithTLS(t *testing.T) {
	dir := t.TempDir()
	tls := selfSigned(t, dir)
	auth, _, err := LoadOrCreateAuth(filepath.Join(dir, "auth"))
	if err != nil {
		t.Fatal(err)
	}
	ns, err := StartEmbedded("127.0.0.1:0", filepath.Join(dir, "js"), auth, tls)
	if err != nil {
		t.Fatal(err)
	}
	defer ns.Stop()
	creds, _ := auth.Creds(identity(RoleKiosk, "bkn"))
	url := "tls://" + ns.Addr().String()
	nc, err := Dial(url, "tls kiosk", ClientOptions{CredsData: creds, CA: tls.Cert})
	if err != nil {
		t.Fatalf("a kiosk trusting the CA was refused: %v", err)
	}
	if !nc.TLSRequired() {
		t.Error("the connection does not use TLS")
	}
	nc.Close()
	if nc, err := Dial(url, "tls kiosk", ClientOptions{CredsData: creds}); err == nil {
		nc.Close()
		t.Fatal("a kiosk that does not trust the certificate got in")
	}
}

// A kiosk whose TLS is wrong says why, not "unreachable": a CA that did not
// sign the server's certificate, no client certificate where the server
// requires one.
func TestKioskNamesTheTLSProblem(t *testing.T) {
	dir := t.TempDir()
	serverCert, otherCA := selfSigned(t, filepath.Join(dir)), selfSigned(t, t.TempDir())
	auth, _, err := LoadOrCreateAuth(filepath.Join(dir, "auth"))
	if err != nil {
		t.Fatal(err)
	}
	ns, err := StartEmbedded("127.0.0.1:0", filepath.Join(dir, "js"), auth, serverCert)
	if err != nil {
		t.Fatal(err)
	}
	defer ns.Stop()
	creds, _ := auth.Creds(identity(RoleKiosk, "bkn"))
	for _, tc := range []struct {
		url  string
		o    ClientOptions
		want string
	}{
		{"tls://" + ns.Addr().String(), ClientOptions{CredsData: creds, CA: otherCA.Cert}, "certificate is not signed by the CA given"},
		{mutualTLS(t, auth, serverCert), ClientOptions{CredsData: creds, CA: serverCert.Cert}, "wants a client certificate"},
	} {
		nc, err := Connect(tc.url, "kiosk", tc.o)
		if err != nil {
			t.Fatal(err)
		}
		fwd, err := NewForwarder(openStore(t, "kiosk.db"), nc, identity(RoleKiosk, "bkn"))
		if err != nil {
			t.Fatal(err)
		}
		runInBackground(t, fwd.Run)
		eventually(t, 15*time.Second, "the kiosk says "+tc.want, func() bool { return strings.Contains(fwd.Status().Problem, tc.want) })
		nc.Close()
	}
}

// mutualTLS starts an embedded server that requires a client certificate
// signed by its own certificate (which signs itself).
func mutualTLS(t *testing.T, auth *Auth, certs TLSFiles) string {
	t.Helper()
	certs.ClientCA = certs.Cert
	ns, err := StartEmbedded("127.0.0.1:0", t.TempDir(), auth, certs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ns.Stop)
	return "tls://" + ns.Addr().String()
}
