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
	"github.com/nats-io/nats.go"
)

var testNow = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// startServer starts an embedded NATS server on loopback; port 0 picks one.
func startServer(t testing.TB, dir string, port int) *Embedded {
	t.Helper()
	ns, err := StartEmbedded(net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), dir)
	if err != nil {
		t.Fatal(err)
	}
	return ns
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

func connect(t testing.TB, url, name string) *nats.Conn {
	t.Helper()
	nc, err := Connect(url, name)
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
