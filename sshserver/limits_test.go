package sshserver

import (
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
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

// testServer serves ready to respondents and admins on 127.0.0.1; the admin
// key is returned.
func testServer(t *testing.T, cfg Config) (*Server, gossh.Signer) {
	t.Helper()
	dir := t.TempDir()
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	admin, _ := gossh.NewSignerFromKey(priv)
	keys := filepath.Join(dir, "admins")
	os.WriteFile(keys, gossh.MarshalAuthorizedKey(admin.PublicKey()), 0o600)
	cfg.Listen, cfg.HostKeyPath, cfg.AdminKeysPath = "127.0.0.1:0", filepath.Join(dir, "host"), keys
	cfg.Respondent = func(ssh.Session) tea.Model { return ready{} }
	cfg.Admin = func(sess ssh.Session, _ string) tea.Model { return cfg.Respondent(sess) }
	cfg.Logger = log.New(io.Discard)
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

// TestPendingConnectionsAreCappedAndTimedOut: from one address, 10
// connections that start no session are held; the 11th is closed at once
// and not counted; the 10 are closed after the handshake timeout (an
// authenticated connection with no session, as `ssh -N`, among them).
func TestPendingConnectionsAreCappedAndTimedOut(t *testing.T) {
	s, _ := testServer(t, Config{HandshakeTimeout: time.Second})
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
	time.Sleep(100 * time.Millisecond)
	extra, err := d.Dial("tcp", s.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	extra.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
	if n, err := extra.Read(make([]byte, 64)); err != io.EOF {
		t.Fatalf("the 11th pending connection was not closed at once: read %d, %v", n, err)
	}
	// Another address is not affected.
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
	for _, conn := range conns {
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := io.ReadAll(conn); err != nil {
			t.Fatalf("a stalled connection was kept past the handshake timeout: %v", err)
		}
	}
	pending := func() int {
		s.limits.mu.Lock()
		defer s.limits.mu.Unlock()
		return s.limits.pending
	}
	for deadline := time.Now().Add(5 * time.Second); pending() != 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d connections still counted as pending", pending())
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
