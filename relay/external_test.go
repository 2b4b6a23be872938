package relay

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/national"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// natsServerBinary is a separately installed nats-server (Debian's package
// in CI, where BERAKHLAK_REQUIRE_NATS_SERVER=1 makes its absence a failure).
func natsServerBinary(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("nats-server")
	if err != nil {
		bin, err = exec.LookPath("/usr/sbin/nats-server") // Debian's, when sbin is not on PATH
	}
	if err != nil {
		if os.Getenv("BERAKHLAK_REQUIRE_NATS_SERVER") != "" {
			t.Fatal("nats-server is not installed (apt-get install nats-server)")
		}
		t.Skip("nats-server is not installed; CI installs it")
	}
	return bin
}

// natsConfDir holds the configuration files of separately run servers,
// with the identities of `berakhlak nats config` in berakhlak-auth.conf.
func natsConfDir(t *testing.T, auth *Auth) string {
	t.Helper()
	dir := t.TempDir()
	authConf, err := auth.ServerConfig()
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "berakhlak-auth.conf"), []byte(authConf), 0o600)
	return dir
}

// natsServer is a separately run nats-server. It says in its log where it
// listens, and the test reads its ports there: a server configured with
// listen 127.0.0.1:-1 picks its own.
type natsServer struct {
	name string
	cmd  *exec.Cmd
	out  *testkit.LockedBuffer
}

var listeningOn = regexp.MustCompile(`Listening for (\w+) connections on \S+:(\d+)`)

// runNATSServer runs a nats-server with the configuration conf (written
// into dir as name.conf) until the test ends.
func runNATSServer(t *testing.T, dir, name, conf string) *natsServer {
	t.Helper()
	path := filepath.Join(dir, name+".conf")
	os.WriteFile(path, []byte(conf), 0o600)
	cmd := exec.Command(natsServerBinary(t), "-c", path)
	out := &testkit.LockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &natsServer{name: name, cmd: cmd, out: out}
	t.Cleanup(func() {
		s.stop()
		if t.Failed() {
			t.Logf("nats-server %s said:\n%s", name, out.String())
		}
	})
	return s
}

func (s *natsServer) stop() {
	s.cmd.Process.Kill()
	s.cmd.Wait()
}

// listening is the port the server listens on for kind ("client", "route",
// "leafnode"), once its log says it; 0 when it could not bind its port.
func (s *natsServer) listening(t *testing.T, kind string) int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		log := s.out.String()
		for _, m := range listeningOn.FindAllStringSubmatch(log, -1) {
			if m[1] == kind {
				n, _ := strconv.Atoi(m[2])
				return n
			}
		}
		if strings.Contains(log, "address already in use") {
			return 0
		}
		if time.Now().After(deadline) {
			t.Fatalf("nats-server %s did not say where it listens for %s connections within 30 s", s.name, kind)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// port is listening's port, which the server picked itself.
func (s *natsServer) port(t *testing.T, kind string) int {
	t.Helper()
	n := s.listening(t, kind)
	if n == 0 {
		t.Fatalf("nats-server %s could not bind its %s port", s.name, kind)
	}
	return n
}

// routePorts are n loopback ports free at the time, for the routes of a
// cluster, whose every node must be configured with them all before any
// starts (JetStream asks for routes from the start, so no node can pick its
// own): held open together, so they differ.
func routePorts(t *testing.T, n int) []int {
	t.Helper()
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports
}

// waitForJetStream waits until JetStream answers through urls.
func waitForJetStream(t *testing.T, urls string, auth *Auth, certs TLSFiles) {
	t.Helper()
	creds, _ := auth.Creds(Identity{Role: RoleNational})
	deadline := time.Now().Add(30 * time.Second)
	for {
		nc, err := Dial(urls, "probe", ClientOptions{CredsData: creds, CA: certs.Cert})
		if err == nil {
			js, _ := jetstream.New(nc)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			_, err = js.AccountInfo(ctx)
			cancel()
			nc.Close()
			if err == nil || strings.Contains(err.Error(), "permissions") {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the separate nats-server did not become ready: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// startSeparateServers runs n nats-server processes on loopback as in the
// README's recipes — the identities of `berakhlak nats config` included,
// TLS for clients, JetStream; with n > 1 they form a cluster; extra adds to
// each node's configuration — and returns the client URLs, comma-separated,
// and the servers. Each picks its own client port. A cluster's route ports
// must be chosen before its nodes start: another process can take one in
// between, and then the cluster starts again on new ones.
func startSeparateServers(t *testing.T, auth *Auth, certs TLSFiles, n int, extra string) (string, []*natsServer) {
	t.Helper()
	dir := natsConfDir(t, auth)
	var servers []*natsServer
	for attempt := 1; ; attempt++ {
		servers = startNodes(t, dir, certs, n, extra)
		bound := true
		for _, srv := range servers {
			bound = bound && (n == 1 || srv.listening(t, "route") != 0)
		}
		if bound {
			break
		}
		if attempt == 5 {
			t.Fatalf("the cluster's route ports were taken by another process 5 times")
		}
		for _, srv := range servers {
			srv.stop()
		}
	}
	var urls []string
	for _, srv := range servers {
		urls = append(urls, fmt.Sprintf("tls://127.0.0.1:%d", srv.port(t, "client")))
	}
	waitForJetStream(t, strings.Join(urls, ","), auth, certs)
	return strings.Join(urls, ","), servers
}

// startNodes starts the n nodes of startSeparateServers, a cluster's on
// route ports chosen now.
func startNodes(t *testing.T, dir string, certs TLSFiles, n int, extra string) []*natsServer {
	t.Helper()
	var routes []string
	ports := routePorts(t, n)
	for _, p := range ports {
		routes = append(routes, fmt.Sprintf("nats-route://127.0.0.1:%d", p))
	}
	var servers []*natsServer
	for i := range n {
		conf := fmt.Sprintf("server_name: n%d\nlisten: 127.0.0.1:-1\ninclude berakhlak-auth.conf\n"+
			"tls { cert_file: %q, key_file: %q }\njetstream { store_dir: %q }\n%s\n",
			i+1, certs.Cert, certs.Key, filepath.Join(dir, fmt.Sprintf("js%d", i+1)), extra)
		if n > 1 {
			conf += fmt.Sprintf("cluster { name: berakhlak, listen: 127.0.0.1:%d, routes: [%s] }\n", ports[i], strings.Join(routes, ", "))
		}
		servers = append(servers, runNATSServer(t, dir, fmt.Sprintf("n%d", i+1), conf))
	}
	return servers
}

// relayThrough forwards 20 responses from a kiosk through the servers at
// urls to an agency and on to the national view, each with credentials of
// its role over TLS; an anonymous client and a kiosk reading the stream are
// refused on the way.
func relayThrough(t *testing.T, urls, kioskURLs string, auth *Auth, certs TLSFiles, replicas int) {
	t.Helper()
	client := func(role Role, agency string) ClientOptions {
		creds, err := auth.Creds(identity(role, agency))
		if err != nil {
			t.Fatal(err)
		}
		return ClientOptions{CredsData: creds, CA: certs.Cert}
	}
	dial := func(role Role, agency string) *nats.Conn {
		at := urls
		if role == RoleKiosk {
			at = kioskURLs
		}
		nc, err := Connect(at, "test "+string(role), client(role, agency))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(nc.Close)
		return nc
	}
	if nc, err := Dial(urls, "anonymous", ClientOptions{CA: certs.Cert}); err == nil {
		nc.Close()
		t.Fatal("an anonymous client got into the separate server")
	}
	nc, err := DialProvisioner(urls, ClientOptions{CA: certs.Cert}, auth)
	if err != nil {
		t.Fatal(err)
	}
	err = Provision(t.Context(), nc, []string{"bkn"}, StreamConfig{Replicas: replicas})
	nc.Close()
	if err != nil {
		t.Fatal(err)
	}
	agency := openStore(t, "agency.db")
	consumer, err := NewConsumer(agency, instrument, dial(RoleAgency, "bkn"), "bkn",
		filepath.Join(t.TempDir(), "rejected.jsonl"), t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	runInBackground(t, consumer.Run)
	publisher, err := NewPublisher(agency, dial(RoleAgency, "bkn"), "bkn", t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	runInBackground(t, publisher.Run)
	kiosk := openStore(t, "kiosk.db")
	fwd, err := NewForwarder(kiosk, dial(RoleKiosk, "bkn"), identity(RoleKiosk, "bkn"))
	if err != nil {
		t.Fatal(err)
	}
	runInBackground(t, fwd.Run)
	rng := rand.New(rand.NewPCG(30, 30))
	for range 20 {
		if err := kiosk.SaveResponse(instrument.SampleResponse(rng, questionnaire.AudienceASN, "2026", db.RootUnitID, "2026-11-27", 0)); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, 60*time.Second, "the 20 reach the agency", func() bool { return count(t, agency) == 20 })

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var view *national.View
	eventually(t, 30*time.Second, "the national bucket exists", func() bool {
		view, err = WatchNational(ctx, dial(RoleNational, ""), "2026", 5)
		return err == nil
	})
	// Counts move at once; figures in chunks of at least k = 5 per commit of
	// the agency, so all but at most 4 of the 20 are in them.
	eventually(t, 30*time.Second, "the national view shows the agency's 20", func() bool {
		_, g := view.Groups()
		return g.Count("", questionnaire.AudienceASN) == 20 && g.ReleasedCount("", questionnaire.AudienceASN) >= 16
	})

	// The agency's close of its year reaches the kiosk the way its
	// responses came (through a leaf node, where there is one).
	runInBackground(t, NewSurveyTeller(agency, dial(RoleAgency, "bkn"), "bkn", t.Logf).Run)
	runInBackground(t, NewSurveyFollower(kiosk, instrument.Version, dial(RoleKiosk, "bkn"), "bkn").Run)
	testkit.ChangeSurvey(t, agency, "2026", func(sv *db.Survey) { sv.Open = false })
	eventually(t, 30*time.Second, "the kiosk closes 2026 with its agency", func() bool {
		sv, _, _ := kiosk.Survey("2026")
		return !sv.Open
	})

	kjs, _ := jetstream.New(dial(RoleKiosk, "bkn"))
	short, cancelShort := context.WithTimeout(ctx, 3*time.Second)
	defer cancelShort()
	if _, err := kjs.CreateOrUpdateConsumer(short, ResponseStream("bkn"), jetstream.ConsumerConfig{Durable: "snoop"}); err == nil {
		t.Error("a kiosk created a consumer on the separate server's stream")
	}
}

// TestRecipesOnASeparateNATSServer runs the README's shapes on a separately
// installed nats-server: one server, a three-node cluster with the stream and
// bucket replicated three times, and a far office's leaf node (no JetStream
// of its own, joined to the hub with leaf credentials of its agency, so the link
// carries nothing but its kiosks' responses and their acknowledgements) that its kiosks talk to.
func TestRecipesOnASeparateNATSServer(t *testing.T) {
	auth, _, err := LoadOrCreateAuth(filepath.Join(t.TempDir(), "auth"))
	if err != nil {
		t.Fatal(err)
	}
	certs := selfSigned(t, t.TempDir())
	t.Run("one server", func(t *testing.T) {
		urls, _ := startSeparateServers(t, auth, certs, 1, "")
		relayThrough(t, urls, urls, auth, certs, 1)
	})
	t.Run("permissions", func(t *testing.T) {
		urls, _ := startSeparateServers(t, auth, certs, 1, "")
		attackMatrix(t, urls, auth, ClientOptions{CA: certs.Cert})
	})
	t.Run("two agencies", func(t *testing.T) {
		urls, _ := startSeparateServers(t, auth, certs, 1, "")
		twoAgenciesOnOneServer(t, urls, auth, ClientOptions{CA: certs.Cert})
	})
	t.Run("kiosk credentials without codes", func(t *testing.T) {
		urls, _ := startSeparateServers(t, auth, certs, 1, "")
		kioskBypassesCodes(t, urls, auth, ClientOptions{CA: certs.Cert})
	})
	t.Run("three-node cluster", func(t *testing.T) {
		urls, _ := startSeparateServers(t, auth, certs, 3, "")
		relayThrough(t, urls, urls, auth, certs, 3)
	})
	t.Run("leaf node", func(t *testing.T) {
		hub, hubs := startSeparateServers(t, auth, certs, 1, fmt.Sprintf(
			"leafnodes { listen: 127.0.0.1:-1, tls { cert_file: %q, key_file: %q } }", certs.Cert, certs.Key))
		dir := natsConfDir(t, auth)
		leafCreds, _ := auth.Creds(Identity{Role: RoleLeaf, Agency: "bkn", Kiosk: "office"})
		os.WriteFile(filepath.Join(dir, "leaf.creds"), leafCreds, 0o600)
		leaf := runNATSServer(t, dir, "leaf", fmt.Sprintf("server_name: leaf\nlisten: 127.0.0.1:-1\ninclude berakhlak-auth.conf\n"+
			"tls { cert_file: %q, key_file: %q }\n"+
			"leafnodes { remotes: [{ url: \"tls://127.0.0.1:%d\", account: %q, credentials: %q, tls { ca_file: %q } }] }\n",
			certs.Cert, certs.Key, hubs[0].port(t, "leafnode"), auth.AccountKey(), filepath.Join(dir, "leaf.creds"), certs.Cert))
		clientPort := leaf.port(t, "client")
		relayThrough(t, hub, fmt.Sprintf("tls://127.0.0.1:%d", clientPort), auth, certs, 1)
	})
}
