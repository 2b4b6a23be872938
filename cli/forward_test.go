package cli

import (
	"encoding/json"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/relay"
)

// A kiosk forwards with the credentials `nats creds kiosk` issues: its
// agency comes from them, and the agency server (`serve --nats-listen`,
// which provisions its own stream) stores what it sent. Credentials of
// another role, or of an agency this server is not, are refused in words.
func TestKioskForwardsWithItsOwnCredentials(t *testing.T) {
	dir := t.TempDir()
	agency, agencyDB, url, reload := agencyServer(t, dir, io.Discard)
	creds := kioskCreds(t, dir, agencyDB)
	if _, stderr, code := run(t, "nats", "creds", "kiosk", "--agency", "bkn", "--db", agencyDB, "--out", filepath.Join(dir, "x.creds")); code == 0 || !strings.Contains(stderr, "--name") {
		t.Fatalf("a kiosk's credentials without a name: exit %d, %s", code, stderr)
	}
	nationalCreds := filepath.Join(dir, "national.creds")
	if _, stderr, code := run(t, "nats", "creds", "national", "--db", agencyDB, "--out", nationalCreds); code != 0 {
		t.Fatal(stderr)
	}

	kiosk, err := db.Open(filepath.Join(dir, "kiosk.db"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer kiosk.Close()
	if _, _, err := startForwarding(kiosk, questionnaire.Default().Version, url, natsClientFlags{creds: nationalCreds}.options(), io.Discard, func() {}); err == nil || !strings.Contains(err.Error(), "a kiosk forwards with its own") {
		t.Fatalf("forwarding with the national view's credentials: %v", err)
	}
	line, stopForwarding, err := startForwarding(kiosk, questionnaire.Default().Version, url, natsClientFlags{creds: creds}.options(), io.Discard, func() {})
	if err != nil {
		t.Fatal(err)
	}
	defer stopForwarding()
	rng := rand.New(rand.NewPCG(4, 4))
	for range 7 {
		r := questionnaire.Default().SampleResponse(rng, questionnaire.AudienceASN, "2026", db.RootUnitID, "2026-11-27", 0)
		if err := kiosk.SaveResponse(r); err != nil {
			t.Fatal(err)
		}
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if n, err := agency.CountResponses(); err == nil && n == 7 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the agency never stored the kiosk's 7; the kiosk says %q", line())
		}
	}

	if counts, err := agency.KioskCounts(); err != nil || counts["lobby"] != 7 {
		t.Errorf("the agency counts %v for its kiosks (%v); want lobby 7", counts, err)
	}

	// The kiosk is lost: revoked by name, shut out once serve applies it.
	if out, stderr, code := run(t, "nats", "revoke", "lobby", "--agency", "bkn", "--db", agencyDB); code != 0 || !strings.Contains(out, "revoked 1 credentials of kiosk lobby of agency bkn") {
		t.Fatalf("nats revoke: %s %s", out, stderr)
	}
	if err := reload(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(line(), "refuses these credentials"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the revoked kiosk still forwards; its staff line says %q", line())
		}
	}
	out, stderr, code := run(t, "nats", "list", "--json", "--db", agencyDB)
	var issued []struct {
		Role, Agency, Kiosk string
		Revoked             int64
	}
	if code != 0 || json.Unmarshal([]byte(out), &issued) != nil || len(issued) != 2 || issued[0].Kiosk != "lobby" || issued[0].Revoked == 0 || issued[1].Role != "national" || issued[1].Revoked != 0 {
		t.Fatalf("nats list --json: %s %s", out, stderr)
	}

	other := filepath.Join(dir, "other.creds")
	if _, stderr, code := run(t, "nats", "creds", "agency", "--agency", "lan", "--db", agencyDB, "--out", other); code != 0 {
		t.Fatal(stderr)
	}
	otherStore, err := db.Open(filepath.Join(dir, "other.db"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer otherStore.Close()
	if _, _, err := startNATS(otherStore, questionnaire.Default(), natsFlags{url: url, agency: "bkn", client: natsClientFlags{creds: other}}, io.Discard); err == nil || !strings.Contains(err.Error(), "agency lan") {
		t.Fatalf("an agency server given another agency's credentials: %v", err)
	}
}

// agencyServer is an agency server (`serve --nats-listen`) of agency bkn
// on a fresh database in dir, logging to logTo, until the test ends: its
// store, the database's path, the NATS URL and its reload (SIGHUP).
func agencyServer(t *testing.T, dir string, logTo io.Writer) (agency *db.Store, path, url string, reload func() error) {
	t.Helper()
	path = newDB(t, filepath.Join(dir, "agency.db"))
	agency, err := db.Open(path, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { agency.Close() })
	addr := freeLoopbackAddr(t)
	stop, reload, err := startNATS(agency, questionnaire.Default(), natsFlags{listen: addr, agency: "bkn"}, logTo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return agency, path, "nats://" + addr, reload
}

// kioskCreds issues the credentials of kiosk lobby of agency bkn into dir,
// as `nats creds kiosk` does on the agency's database.
func kioskCreds(t *testing.T, dir, agencyDB string) string {
	t.Helper()
	creds := filepath.Join(dir, "lobby.creds")
	if out, stderr, code := run(t, "nats", "creds", "kiosk", "--agency", "bkn", "--name", "lobby", "--db", agencyDB, "--out", creds); code != 0 || !strings.Contains(out, "kiosk lobby of agency bkn") {
		t.Fatalf("nats creds kiosk: %s %s", out, stderr)
	}
	return creds
}

// An agency server whose TLS is wrong — the wrong CA for its NATS server,
// no client certificate where the server requires one — says so in its log,
// in words, once: not "context deadline exceeded" for ever.
func TestServeLogsTheTLSProblem(t *testing.T) {
	dir := t.TempDir()
	cert, key := testkit.SelfSigned(t, dir)
	otherCA, _ := testkit.SelfSigned(t, t.TempDir())
	auth, _, err := relay.LoadOrCreateAuth(filepath.Join(dir, "agency.db.nats-auth"))
	if err != nil {
		t.Fatal(err)
	}
	creds := filepath.Join(dir, "agency.creds")
	data, _ := auth.Creds(relay.Identity{Role: relay.RoleAgency, Agency: "bkn"})
	os.WriteFile(creds, data, 0o600)
	store, err := db.Open(filepath.Join(dir, "agency.db"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, tc := range []struct {
		server relay.TLSFiles
		ca     string
		want   string
	}{
		{relay.TLSFiles{Cert: cert, Key: key}, otherCA, "the NATS server's certificate is not signed by the CA given (--nats-ca)"},
		{relay.TLSFiles{Cert: cert, Key: key, ClientCA: cert}, cert, "the NATS server wants a client certificate it accepts"},
	} {
		ns, err := relay.StartEmbedded("127.0.0.1:0", t.TempDir(), auth, tc.server)
		if err != nil {
			t.Fatal(err)
		}
		logs := &testkit.LockedBuffer{}
		stop, _, err := startNATS(store, questionnaire.Default(), natsFlags{url: "tls://" + ns.Addr().String(), agency: "bkn",
			client: natsClientFlags{creds: creds, ca: tc.ca}}, logs)
		if err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(15 * time.Second); !strings.Contains(logs.String(), tc.want); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the log does not say %q:\n%s", tc.want, logs.String())
			}
		}
		time.Sleep(2500 * time.Millisecond) // two more rounds of the watch: said once
		if n := strings.Count(logs.String(), tc.want); n != 1 {
			t.Errorf("said %d times:\n%s", n, logs.String())
		}
		stop()
		ns.Stop()
	}
}
