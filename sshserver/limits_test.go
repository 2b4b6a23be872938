package sshserver

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// ready is the smallest program: it draws one word.
type ready struct{}

func (ready) Init() tea.Cmd                       { return nil }
func (ready) Update(tea.Msg) (tea.Model, tea.Cmd) { return ready{}, nil }
func (ready) View() tea.View                      { return tea.NewView("ready") }

// testServer serves ready (or cfg.Respondent) to respondents and admins on
// 127.0.0.1; the admin key is returned.
func testServer(t *testing.T, cfg Config) (*Server, gossh.Signer) {
	t.Helper()
	dir := t.TempDir()
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	admin, _ := gossh.NewSignerFromKey(priv)
	keys := filepath.Join(dir, "admins")
	os.WriteFile(keys, gossh.MarshalAuthorizedKey(admin.PublicKey()), 0o600)
	cfg.Listen, cfg.HostKeyPath, cfg.AdminKeysPath = "127.0.0.1:0", filepath.Join(dir, "host"), keys
	if cfg.Respondent == nil {
		cfg.Respondent = func(ssh.Session) tea.Model { return ready{} }
	}
	cfg.Admin = func(sess ssh.Session, _ string) tea.Model { return cfg.Respondent(sess) }
	if cfg.Logger == nil {
		cfg.Logger = log.New(io.Discard)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Listen(); err != nil {
		t.Fatal(err)
	}
	go s.Serve()
	t.Cleanup(func() { s.srv.Close() })
	return s, admin
}

// dialFrom opens an SSH connection from a source address of loopback.
func dialFrom(t *testing.T, s *Server, source, user string, auth gossh.AuthMethod) (*gossh.Client, error) {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(source)}, Timeout: 5 * time.Second}
	conn, err := d.Dial("tcp", s.Addr().String())
	if err != nil {
		return nil, err
	}
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	sc, chans, reqs, err := gossh.NewClientConn(conn, s.Addr().String(), &gossh.ClientConfig{User: user,
		Auth: []gossh.AuthMethod{auth}, HostKeyCallback: gossh.InsecureIgnoreHostKey()})
	if err != nil {
		conn.Close()
		return nil, err
	}
	conn.SetDeadline(time.Time{})
	return gossh.NewClient(sc, chans, reqs), nil
}

func noPassword() gossh.AuthMethod {
	return gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
}

// firstScreen opens a session and returns what it shows once it says
// "ready" or ends.
func firstScreen(t *testing.T, c *gossh.Client) string {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{})
	out, _ := sess.StdoutPipe()
	errOut, _ := sess.StderrPipe()
	var mu sync.Mutex
	var seen strings.Builder
	collect := func(r io.Reader) {
		buf := make([]byte, 4096)
		for {
			n, err := r.Read(buf)
			mu.Lock()
			seen.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}
	go collect(out)
	go collect(errOut)
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { sess.Wait(); close(done) }()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		text := seen.String()
		mu.Unlock()
		select {
		case <-done:
			return text
		default:
		}
		if strings.Contains(text, "ready") {
			return text
		}
	}
	t.Fatal("the session showed nothing within 10s")
	return ""
}

// TestFloodFromOneAddressLocksNoOneOut: 1,000 idle TCP connections and 200
// stalled handshakes from 127.0.0.2, re-opened as the server drops them,
// while a respondent from 127.0.0.1 gets the first screen; the flood costs
// the server a bounded amount of memory.
func TestFloodFromOneAddressLocksNoOneOut(t *testing.T) {
	s, _ := testServer(t, Config{HandshakeTimeout: 2 * time.Second})
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var open []net.Conn
	// Each flood dials twice its count: the server drops those over its caps
	// at once, and the flood re-opens them.
	flood := func(count int, stall bool) {
		defer wg.Done()
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}, Timeout: time.Second}
		for range 2 * count {
			select {
			case <-stop:
				return
			default:
			}
			conn, err := d.Dial("tcp", s.Addr().String())
			if err != nil {
				continue
			}
			if stall {
				conn.Write([]byte("SSH-2.0-Stalled\r\n")) // then nothing more
			}
			mu.Lock()
			open = append(open, conn)
			mu.Unlock()
		}
	}
	wg.Add(2)
	go flood(1000, false)
	go flood(200, true)
	time.Sleep(300 * time.Millisecond) // the flood is on

	start := time.Now()
	c, err := dialFrom(t, s, "127.0.0.1", UserRespondent, noPassword())
	if err != nil {
		t.Fatalf("a respondent was refused during the flood: %v", err)
	}
	screen := firstScreen(t, c)
	took := time.Since(start)
	c.Close()
	if !strings.Contains(screen, "ready") {
		t.Fatalf("a respondent during the flood saw %q", screen)
	}
	t.Logf("first screen during the flood after %s", took)
	if took > 5*time.Second {
		t.Errorf("first screen took %s during the flood", took)
	}

	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	grew := int64(after.HeapInuse) - int64(before.HeapInuse)
	t.Logf("heap in use grew by %.1f MB with the flood's connections open", float64(grew)/(1<<20))
	if grew > 64<<20 {
		t.Errorf("the flood cost %d MB of heap", grew>>20)
	}
	close(stop)
	wg.Wait()
	mu.Lock()
	for _, conn := range open {
		conn.Close()
	}
	mu.Unlock()
}

// TestPendingConnectionsAreCappedAndTimedOut: with room for 10 pending
// connections, 10 that start no session are held (an authenticated one, as
// `ssh -N`, among them); an 11th from the same address is not refused but
// pushes out the oldest of those not yet past the key exchange; a respondent
// from another address gets in; the rest are closed after the handshake
// timeout, and nothing stays counted.
func TestPendingConnectionsAreCappedAndTimedOut(t *testing.T) {
	s, _ := testServer(t, Config{HandshakeTimeout: 2 * time.Second, MaxPending: 10})
	idle, err := dialFrom(t, s, "127.0.0.3", UserRespondent, noPassword()) // ssh -N
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.3")}}
	for range 9 {
		conn, err := d.Dial("tcp", s.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, conn)
	}
	waitFor(t, "10 pending", func() bool { return s.limits.pendingCount() == 10 })
	extra, err := d.Dial("tcp", s.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer extra.Close()
	// Exactly one of the nine not yet past the key exchange is pushed out
	// (the server's version line comes first, then EOF), not the 11th.
	pushedOut := make(chan int, len(conns)+1)
	var readers sync.WaitGroup
	for i, conn := range append(conns, extra) {
		readers.Go(func() {
			conn.SetReadDeadline(time.Now().Add(time.Second))
			if _, err := io.ReadAll(conn); err == nil {
				pushedOut <- i
			}
		})
	}
	readers.Wait()
	close(pushedOut)
	var out []int
	for i := range pushedOut {
		out = append(out, i)
	}
	if len(out) != 1 || out[0] == len(conns) {
		t.Fatalf("connections pushed out: %v (index %d is the 11th); want one of the first nine", out, len(conns))
	}
	conns = slices.Delete(conns, out[0], out[0]+1)
	// Another address gets in: it pushes out one of 127.0.0.3's.
	other, err := dialFrom(t, s, "127.0.0.4", UserRespondent, noPassword())
	if err != nil {
		t.Fatalf("another address was refused: %v", err)
	}
	if !strings.Contains(firstScreen(t, other), "ready") {
		t.Fatal("another address got no screen")
	}
	other.Close()
	closed := make(chan error, 1)
	go func() { closed <- idle.Wait() }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("an authenticated connection with no session was kept past the handshake timeout")
	}
	for _, conn := range append(conns, extra) {
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := io.ReadAll(conn); err != nil {
			t.Fatalf("a stalled connection was kept past the handshake timeout: %v", err)
		}
	}
	waitFor(t, "nothing pending", func() bool { return s.limits.pendingCount() == 0 })
}

// waitFor fails the test if cond is still false after 5 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("after 5s: not %s", what)
		}
	}
}

// TestAdminSlotsAreKept: with 3 sessions and 1 kept for admins, two
// respondents fill the respondents' share; a third respondent reads that
// the server is full, and an admin still gets in.
func TestAdminSlotsAreKept(t *testing.T) {
	s, admin := testServer(t, Config{MaxSessions: 3, AdminReserve: 1})
	for range 2 {
		c, err := dialFrom(t, s, "127.0.0.1", UserRespondent, noPassword())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if !strings.Contains(firstScreen(t, c), "ready") {
			t.Fatal("a respondent within the limit got no screen")
		}
	}
	c, err := dialFrom(t, s, "127.0.0.1", UserRespondent, noPassword())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := firstScreen(t, c); !strings.Contains(got, "the server is full (3 sessions)") {
		t.Fatalf("the third respondent saw %q", got)
	}
	a, err := dialFrom(t, s, "127.0.0.1", UserAdmin, gossh.PublicKeys(admin))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if !strings.Contains(firstScreen(t, a), "ready") {
		t.Fatal("the admin was locked out by respondents")
	}
}

// TestNoAdminReserve: a negative reserve (`--admin-reserve 0`) keeps none,
// so respondents may take every session; the zero Config's 0 had meant the
// default five, and --admin-reserve 0 with it.
func TestNoAdminReserve(t *testing.T) {
	s, _ := testServer(t, Config{MaxSessions: 2, AdminReserve: -1})
	for n := range 2 {
		c, err := dialFrom(t, s, "127.0.0.1", UserRespondent, noPassword())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if got := firstScreen(t, c); !strings.Contains(got, "ready") {
			t.Fatalf("respondent %d of 2 with no reserve saw %q", n+1, got)
		}
	}
}

// TestIdleFloodFromFortyAddressesLocksNoOneOut is issue 28's lock: 1,000
// idle TCP connections from 40 addresses (25 each), each reopened a quarter
// of a second after the server closes it, for 60 s (10 s with -short); the
// pause keeps the test from starving the packages tested beside it (at
// full speed, ~15,000 connections a second here, it passes as well). Every 3 s, 10
// respondents from other addresses of the same /24 and an admin connect at
// once, and each gets a first screen, every time: none is refused,
// pushed out or left to its handshake timeout. How long the first screen
// took is logged (the slowest of the run), not asserted: it is a speed, and
// grows with whatever else the machine runs.
func TestIdleFloodFromFortyAddressesLocksNoOneOut(t *testing.T) {
	const handshake = 10 * time.Second
	s, admin := testServer(t, Config{HandshakeTimeout: handshake})
	duration := 60 * time.Second
	if testing.Short() {
		duration = 10 * time.Second
	}
	stop := make(chan struct{})
	var flood sync.WaitGroup
	var opened atomic.Int64
	for i := range 1000 {
		source := fmt.Sprintf("127.0.0.%d", 1+i%40)
		flood.Go(func() {
			d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(source)}, Timeout: time.Second}
			for {
				select {
				case <-stop:
					return
				default:
				}
				conn, err := d.Dial("tcp", s.Addr().String())
				if err != nil {
					time.Sleep(10 * time.Millisecond)
					continue
				}
				opened.Add(1)
				idleUntilClosed(conn, stop)
				conn.Close()
				time.Sleep(250 * time.Millisecond)
			}
		})
	}
	waitFor(t, "the flood to fill the pending connections", func() bool { return s.limits.pendingCount() >= DefaultMaxPending })

	rounds := 0
	var mu sync.Mutex
	var slowest time.Duration // to the slowest first screen
	for start := time.Now(); time.Since(start) < duration; rounds++ {
		var round sync.WaitGroup
		for r := range 11 {
			round.Go(func() {
				began := time.Now()
				var c *gossh.Client
				var err error
				if r == 10 {
					c, err = dialFrom(t, s, "127.0.0.200", UserAdmin, gossh.PublicKeys(admin))
				} else {
					c, err = dialFrom(t, s, fmt.Sprintf("127.0.0.%d", 101+r), UserRespondent, noPassword())
				}
				if err != nil {
					t.Errorf("round %d: connection %d refused during the flood: %v", rounds, r, err)
					return
				}
				defer c.Close()
				if screen := firstScreen(t, c); !strings.Contains(screen, "ready") {
					t.Errorf("round %d: connection %d saw %q", rounds, r, screen)
				} else if took := time.Since(began); took >= handshake {
					t.Errorf("round %d: connection %d's first screen took %s, as long as a stalled handshake may", rounds, r, took)
				} else {
					mu.Lock()
					slowest = max(slowest, took)
					mu.Unlock()
				}
			})
		}
		round.Wait()
		time.Sleep(3 * time.Second)
	}
	close(stop)
	flood.Wait()
	t.Logf("%d rounds of 10 respondents and an admin, all in, the slowest first screen after %s; the flood opened %d connections",
		rounds, slowest, opened.Load())
}

// idleUntilClosed sends nothing and reads what comes (the server's version
// line) until the server closes conn or stop is closed.
func idleUntilClosed(conn net.Conn, stop <-chan struct{}) {
	buf := make([]byte, 256)
	for {
		conn.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
		_, err := conn.Read(buf)
		var timeout net.Error
		switch {
		case err == nil:
		case errors.As(err, &timeout) && timeout.Timeout():
			select {
			case <-stop:
				return
			default:
			}
		default:
			return
		}
	}
}

// quietSoon is a limiter that falls quiet 50 ms after its last session
// ended, with one session under way (from 10.0.0.1).
func quietSoon(t *testing.T, cfg Config) *limiter {
	l := newLimiter(cfg)
	l.quietAfter = 50 * time.Millisecond
	t.Cleanup(func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.quiet.Stop()
	})
	if reason := l.startSession("10.0.0.1", false); reason != "" {
		t.Fatal(reason)
	}
	return l
}

// TestFreeMemoryGoesBackWhenQuiet: once the last session has ended and
// none has begun for the quiet time, the server gives its free memory back
// (issue 35: idle memory crept up after a sitting); a session that begins
// meanwhile keeps it from doing so.
func TestFreeMemoryGoesBackWhenQuiet(t *testing.T) {
	l := quietSoon(t, Config{MaxSessions: 10, PerAddress: 10})
	returned := make(chan struct{}, 4)
	l.returnMemory = func() { returned <- struct{}{} }
	l.endSession("10.0.0.1")
	select {
	case <-returned:
	case <-time.After(10 * time.Second):
		t.Fatal("no memory given back 10 s after the last session ended")
	}
	// A session begun within the quiet time: nothing is given back while it
	// runs, and once it ends the quiet time starts again.
	l.quietAfter = time.Hour
	l.startSession("10.0.0.1", false)
	l.endSession("10.0.0.1")
	l.startSession("10.0.0.1", false)
	l.returnIfQuiet()
	select {
	case <-returned:
		t.Fatal("memory given back while a session runs")
	default:
	}
}

// TestWhatAQuietServerNeedsNotIsLetGo: the caller's WhenQuiet (serve lets
// go of the database's mapped pages there) runs once the server is quiet.
func TestWhatAQuietServerNeedsNotIsLetGo(t *testing.T) {
	letGo := make(chan struct{}, 4)
	l := quietSoon(t, Config{MaxSessions: 10, PerAddress: 10, WhenQuiet: func() { letGo <- struct{}{} }})
	l.endSession("10.0.0.1")
	select {
	case <-letGo:
	case <-time.After(10 * time.Second):
		t.Fatal("WhenQuiet did not run 10 s after the last session ended")
	}
}
