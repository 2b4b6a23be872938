package sshserver

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/berakhlak/berakhlak/internal/procs"
	gossh "golang.org/x/crypto/ssh"
)

// quietPair is a loopback TCP connection: the accepted end wrapped and made
// quiet, and the dialled end as it is.
func quietPair(t testing.TB) (quiet *quietConn, peer net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	peer, err = net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	accepted, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	quiet = newQuietConn(accepted).(*quietConn)
	quiet.beQuiet()
	t.Cleanup(func() { quiet.Close(); peer.Close() })
	return quiet, peer
}

// TestQuietConnCarriesEveryByte: 8 MB each way, far more than a socket
// buffer holds, so writes come back part-done and full (EAGAIN) and reads
// find nothing to read, and the netpoller's waits take over.
func TestQuietConnCarriesEveryByte(t *testing.T) {
	quiet, peer := quietPair(t)
	out, in := make([]byte, 8<<20), make([]byte, 8<<20)
	rand.Read(out)
	rand.Read(in)
	quiet.Conn.(*net.TCPConn).SetWriteBuffer(16 << 10) // small buffers: writes fill them
	peer.(*net.TCPConn).SetReadBuffer(16 << 10)
	deadline := time.Now().Add(30 * time.Second)
	quiet.SetDeadline(deadline)
	peer.SetDeadline(deadline)

	var wg sync.WaitGroup
	var gotByPeer []byte
	var peerReadErr, peerWriteErr, quietWriteErr error
	wg.Add(2)
	go func() { // the peer reads slowly, in small pieces, so the quiet end's socket fills
		defer wg.Done()
		var buf bytes.Buffer
		piece := make([]byte, 1500)
		for buf.Len() < len(out) {
			n, err := peer.Read(piece)
			buf.Write(piece[:n])
			if err != nil {
				peerReadErr = err
				return
			}
		}
		gotByPeer = buf.Bytes()
	}()
	go func() {
		defer wg.Done()
		n, err := quiet.Write(out)
		if err == nil && n != len(out) {
			err = io.ErrShortWrite
		}
		quietWriteErr = err
		_, peerWriteErr = peer.Write(in)
	}()
	got := make([]byte, len(in))
	if _, err := io.ReadFull(quiet, got); err != nil {
		t.Fatalf("the quiet end read: %v", err)
	}
	wg.Wait()
	if quietWriteErr != nil || peerReadErr != nil || peerWriteErr != nil {
		t.Fatalf("quiet end wrote: %v; peer read: %v, wrote: %v", quietWriteErr, peerReadErr, peerWriteErr)
	}
	if !bytes.Equal(gotByPeer, out) {
		t.Fatal("the peer did not receive what the quiet end wrote")
	}
	if !bytes.Equal(got, in) {
		t.Fatal("the quiet end did not receive what the peer wrote")
	}
}

// TestQuietConnEndsAsAConnectionDoes: a deadline is a timeout, the peer's
// close is io.EOF, and closing the connection ends a read waiting on it;
// no error names an address.
func TestQuietConnEndsAsAConnectionDoes(t *testing.T) {
	quiet, peer := quietPair(t)
	quiet.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	_, err := quiet.Read(make([]byte, 10))
	var netErr net.Error
	if !errors.Is(err, os.ErrDeadlineExceeded) || !errors.As(err, &netErr) || !netErr.Timeout() {
		t.Fatalf("past its deadline a read returned %v, not a timeout", err)
	}
	namesNoAddress(t, err)
	quiet.SetReadDeadline(time.Time{})

	peer.Write([]byte("last"))
	peer.Close()
	got, err := io.ReadAll(quiet)
	if err != nil || string(got) != "last" {
		t.Fatalf("after the peer closed: %q, %v; want \"last\" and io.EOF", got, err)
	}

	quiet2, _ := quietPair(t)
	ended := make(chan error, 1)
	go func() {
		_, err := quiet2.Read(make([]byte, 10))
		ended <- err
	}()
	quiet2.Close()
	select {
	case err := <-ended:
		if !errors.Is(err, net.ErrClosed) {
			t.Fatalf("a read ended by Close returned %v", err)
		}
		namesNoAddress(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not end a waiting read within 10s")
	}
	_, err = quiet2.Write([]byte("x"))
	if !errors.Is(err, net.ErrClosed) {
		t.Fatalf("a write after Close returned %v", err)
	}
	namesNoAddress(t, err)
}

// namesNoAddress fails if a quiet connection's error names an address: a
// respondent's must reach no log that records the error.
func namesNoAddress(t *testing.T, err error) {
	t.Helper()
	if strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("the error %q names an address", err)
	}
}

// TestQuietConnReportsTheSystemsError: a write to a connection the peer has
// reset fails with the errno, as an ordinary connection's does.
func TestQuietConnReportsTheSystemsError(t *testing.T) {
	quiet, peer := quietPair(t)
	peer.(*net.TCPConn).SetLinger(0) // close sends a reset
	peer.Close()
	quiet.SetDeadline(time.Now().Add(10 * time.Second))
	var err error
	for range 100 { // the reset arrives after a write or two
		if _, err = quiet.Write(make([]byte, 1000)); err != nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !errors.Is(err, syscall.ECONNRESET) && !errors.Is(err, syscall.EPIPE) {
		t.Fatalf("writing to a reset connection returned %v", err)
	}
	namesNoAddress(t, err)
}

// TestOnlyRespondentsConnectionsAreQuiet: a respondent's session runs on a
// quiet connection; an admin's stays ordinary, so the runtime's monitor
// can preempt an admin's long computation.
func TestOnlyRespondentsConnectionsAreQuiet(t *testing.T) {
	var mu sync.Mutex
	quietBy := map[string]bool{}
	s, admin := testServer(t, Config{Respondent: func(sess ssh.Session) tea.Model {
		st, _ := sess.Context().Value(connStateKey{}).(*connState)
		q, _ := st.quieter.(*quietConn)
		mu.Lock()
		quietBy[sess.User()] = q != nil && q.quiet.Load()
		mu.Unlock()
		return ready{}
	}})
	for _, who := range []struct {
		user string
		auth gossh.AuthMethod
	}{{UserRespondent, noPassword()}, {UserAdmin, gossh.PublicKeys(admin)}} {
		c, err := dialFrom(t, s, "127.0.0.1", who.user, who.auth)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if !strings.Contains(firstScreen(t, c), "ready") {
			t.Fatalf("%s saw no screen", who.user)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if !quietBy[UserRespondent] || quietBy[UserAdmin] {
		t.Fatalf("quiet connections by user: %v; want the respondent's only", quietBy)
	}
}

// BenchmarkKeyAfterAPause is a key and its frame after the process has gone
// idle, as a respondent's are: one byte in, 700 bytes back, then a pause of
// 1 ms. Both ends are in this process and both are quiet or both ordinary,
// so "cpu-µs/key" (the process's CPU, getrusage) shows what the monitor
// thread's wakes cost; ns/op is mostly the pause.
func BenchmarkKeyAfterAPause(b *testing.B) {
	for _, quietly := range []bool{false, true} {
		name := map[bool]string{false: "ordinary", true: "quiet"}[quietly]
		b.Run(name, func(b *testing.B) {
			server, client := quietPair(b)
			server.quiet.Store(quietly)
			peer := newQuietConn(client).(*quietConn)
			peer.quiet.Store(quietly)
			key, frame := []byte{'j'}, bytes.Repeat([]byte{'x'}, 700)
			go func() {
				buf := make([]byte, 16)
				for {
					if _, err := server.Read(buf); err != nil {
						return
					}
					if _, err := server.Write(frame); err != nil {
						return
					}
				}
			}()
			got := make([]byte, len(frame))
			before := processCPU()
			b.ResetTimer()
			for range b.N {
				if _, err := peer.Write(key); err != nil {
					b.Fatal(err)
				}
				if _, err := io.ReadFull(peer, got); err != nil {
					b.Fatal(err)
				}
				time.Sleep(time.Millisecond)
			}
			b.StopTimer()
			b.ReportMetric(float64((processCPU()-before).Microseconds())/float64(b.N), "cpu-µs/key")
		})
	}
}

func processCPU() time.Duration {
	cpu, _ := procs.CPUTime()
	return cpu
}
