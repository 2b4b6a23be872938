package relay

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// selfSigned writes a certificate for 127.0.0.1 and its key (PEM) into dir.
func selfSigned(t *testing.T, dir string) TLSFiles {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "berakhlak test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalECPrivateKey(key)
	files := TLSFiles{Cert: filepath.Join(dir, "cert.pem"), Key: filepath.Join(dir, "key.pem")}
	os.WriteFile(files.Cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(files.Key, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	return files
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
