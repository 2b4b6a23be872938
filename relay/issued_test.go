package relay

import (
	"testing"
	"time"

	"github.com/nats-io/nats.go"
)

// A lost kiosk's credentials are revoked by name: its connection is closed
// and it cannot come back, now and after a restart; the agency's other
// kiosk goes on. The list of issued credentials says which is which.
func TestRevokedKioskIsShutOut(t *testing.T) {
	dir := t.TempDir()
	ns := startServer(t, dir, 0)
	lost, kept := Identity{Role: RoleKiosk, Agency: "bkn", Kiosk: "lobby"}, Identity{Role: RoleKiosk, Agency: "bkn", Kiosk: "hall"}
	// The clock's time: the credentials' JWTs are stamped by it, and a
	// revocation holds for those stamped before its own time (a fixed date
	// had made this test fail once the day passed it).
	now := time.Now()
	lostCreds, err := ns.Auth.Issue(lost, now)
	if err != nil {
		t.Fatal(err)
	}
	keptCreds, err := ns.Auth.Issue(kept, now)
	if err != nil {
		t.Fatal(err)
	}
	dial := func(url string, creds []byte) (*nats.Conn, error) {
		return Dial(url, "test kiosk", ClientOptions{CredsData: creds})
	}
	lostNC, err := dial(ns.ClientURL(), lostCreds)
	if err != nil {
		t.Fatal(err)
	}
	defer lostNC.Close()

	if n, err := ns.Auth.Revoke(lost, now.Add(time.Minute)); err != nil || n != 1 {
		t.Fatalf("revoke: %d, %v", n, err)
	}
	if _, err := ns.Auth.Revoke(lost, now.Add(time.Minute)); err == nil {
		t.Error("revoking twice found something to revoke")
	}
	if err := ns.ApplyRevocations(); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "the revoked kiosk's connection is closed", func() bool { return !lostNC.IsConnected() })
	if nc, err := dial(ns.ClientURL(), lostCreds); err == nil {
		nc.Close()
		t.Fatal("the revoked kiosk connected again")
	}
	keptNC, err := dial(ns.ClientURL(), keptCreds)
	if err != nil {
		t.Fatalf("the other kiosk was refused: %v", err)
	}
	keptNC.Close()

	ns.Stop()
	again := startServer(t, dir, 0)
	defer again.Stop()
	if nc, err := dial(again.ClientURL(), lostCreds); err == nil {
		nc.Close()
		t.Fatal("the revoked kiosk connected after a restart")
	}
	list, err := again.Auth.Issued()
	if err != nil || len(list) != 2 || list[0].Identity != lost || list[0].Revoked == 0 || list[1].Revoked != 0 || list[0].Month != "2026-12" {
		t.Fatalf("issued list %+v (%v)", list, err)
	}
}
