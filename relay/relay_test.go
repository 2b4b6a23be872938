package relay

import (
	"context"
	"math/rand/v2"
	"net"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"
)

var testNow = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// startServer starts an embedded NATS server on loopback; port 0 picks one.
// Its identities are kept under dir, so a restart on dir trusts the same.
func startServer(t testing.TB, dir string, port int) *Embedded {
	t.Helper()
	auth, _, err := LoadOrCreateAuth(filepath.Join(dir, "auth"))
	if err != nil {
		t.Fatal(err)
	}
	ns, err := StartEmbedded(net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), dir, auth, TLSFiles{})
	if err != nil {
		t.Fatal(err)
	}
	provision(t, ns.ClientURL(), auth, StreamConfig{}, "bkn")
	return ns
}

// provision does what the national desk's `nats provision` does: the bucket
// and each agency's stream and consumer.
func provision(t testing.TB, url string, auth *Auth, cfg StreamConfig, agencies ...string) {
	t.Helper()
	provisionAt(t, url, auth, ClientOptions{}, cfg, agencies...)
}

// provisionAt is provision over the TLS settings of tls.
func provisionAt(t testing.TB, url string, auth *Auth, tls ClientOptions, cfg StreamConfig, agencies ...string) {
	t.Helper()
	nc, err := DialProvisioner(url, tls, auth)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := Provision(ctx, nc, agencies, cfg); err != nil {
		t.Fatal(err)
	}
}

func portOf(ns *Embedded) int { return ns.Addr().(*net.TCPAddr).Port }

func openStore(t testing.TB, name string) *db.Store {
	t.Helper()
	s, err := db.Open(filepath.Join(t.TempDir(), name), testNow)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// identity is the test's user of role: of agency for kiosks and agencies,
// a kiosk named "lobby".
func identity(role Role, agency string) Identity {
	id := Identity{Role: role, Agency: agency}
	if role == RoleKiosk {
		id.Kiosk = "lobby"
	}
	return id
}

// connect dials url as a user of role (of agency, for kiosks and agencies) with
// credentials auth issues.
func connect(t testing.TB, url string, auth *Auth, role Role, agency string) *nats.Conn {
	t.Helper()
	creds, err := auth.Creds(identity(role, agency))
	if err != nil {
		t.Fatal(err)
	}
	nc, err := Connect(url, "test "+string(role), ClientOptions{CredsData: creds})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc
}

// connectAll dials url as a user of the berakhlak account with every
// permission: the tests' own look at streams and buckets.
// aggregateBucket opens the national bucket of ns with every right: the
// tests' bystander, which reads and writes keys no agency may.
func aggregateBucket(ctx context.Context, t testing.TB, ns *Embedded) jetstream.KeyValue {
	t.Helper()
	js, err := jetstream.New(connectAll(t, ns.ClientURL(), ns.Auth))
	if err != nil {
		t.Fatal(err)
	}
	kv, err := js.KeyValue(ctx, AggregateBucket)
	if err != nil {
		t.Fatal(err)
	}
	return kv
}

func connectAll(t testing.TB, url string, auth *Auth, opts ...nats.Option) *nats.Conn {
	t.Helper()
	user, _ := nkeys.CreateUser()
	pub, _ := user.PublicKey()
	signed, err := jwt.NewUserClaims(pub).Encode(auth.account)
	if err != nil {
		t.Fatal(err)
	}
	seed, _ := user.Seed()
	nc, err := nats.Connect(url, append(opts, nats.UserJWTAndSeed(signed, string(seed)))...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc
}

// runInBackground runs fn until the test ends, and waits for it to return.
func runInBackground(t *testing.T, fn func(ctx context.Context) error) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { fn(ctx) })
	t.Cleanup(func() { cancel(); wg.Wait() })
}

// eventually fails the test if cond is still false after limit.
func eventually(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", limit, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

var instrument = questionnaire.Default()

func sample(rng *rand.Rand, unit string) *questionnaire.Response {
	audience := questionnaire.AudienceASN
	if rng.IntN(5) == 0 {
		audience = questionnaire.AudiencePublic
	}
	return instrument.SampleResponse(rng, audience, "2026", unit, "2026-11-27", 0)
}

func count(t testing.TB, s *db.Store) int {
	n, err := s.CountResponses()
	if err != nil {
		t.Fatal(err)
	}
	return n
}
