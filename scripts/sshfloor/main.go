// Command sshfloor measures the floor under `berakhlak loadtest`'s "server
// CPU per completed respondent": the CPU a bare SSH server of the same stack
// (charm.land/ssh, an ed25519 host key) spends on a respondent who connects,
// asks for a terminal, presses keys with pauses and gets one frame back per
// key, doing nothing else; and the floor under its "key → screen": how long
// each key waits for that frame. What berakhlak spends above them is its own
// (BENCHMARKS.md, issue 35):
//
//	go run ./scripts/sshfloor -respondents 20 -sessions 1 -keys 102 -pause 5ms -frame 700
//
// With -client ADDR -identity KEY -user NAME it is only the load, against
// another SSH server (OpenSSH's sshd with a ForceCommand that draws the
// same frames, say), whose CPU is then read from outside.
//
// The load runs in a child process, so the server's CPU (getrusage of this
// process) is the server's alone.
package main

import (
	"bytes"
	"crypto/ed25519"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"sync"
	"time"

	"charm.land/ssh"
	"github.com/berakhlak/berakhlak/internal/procs"
	"github.com/berakhlak/berakhlak/loadgen"
	gossh "golang.org/x/crypto/ssh"
)

type load struct {
	respondents, sessions, keys, frame int
	pause                              time.Duration
	program                            bool
	identity, user                     string // the load's key and user for another server; none for ours
}

func main() {
	var l load
	client := flag.String("client", "", "run as the load against this address (used by the command itself)")
	flag.IntVar(&l.respondents, "respondents", 20, "respondents in all")
	flag.IntVar(&l.sessions, "sessions", 1, "respondents at once")
	flag.IntVar(&l.keys, "keys", 102, "keys per respondent (a survey in loadtest is about 102)")
	flag.DurationVar(&l.pause, "pause", 5*time.Millisecond, "pause before each key")
	flag.IntVar(&l.frame, "frame", 700, "bytes written back per key (loadtest's frames average about 650)")
	flag.BoolVar(&l.program, "program", false, "serve through berakhlak's SSH server and a Bubble Tea program that only draws")
	flag.StringVar(&l.identity, "identity", "", "with -client: a private key file to log in to another server with")
	flag.StringVar(&l.user, "user", "survei", "with -client: the user to log in as")
	flag.Parse()
	var err error
	if *client != "" {
		err = runLoad(*client, l)
	} else {
		err = serve(l)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sshfloor:", err)
		os.Exit(1)
	}
}

// serve runs the server the flags ask for, the load against it in a child
// process, and reports the server's CPU per respondent once the load has run.
func serve(l load) error {
	listen, what := bareServer, "bare SSH server"
	if l.program {
		listen, what = programServer, "berakhlak's SSH server, a program that only draws,"
	}
	addr, stop, err := listen(l)
	if err != nil {
		return err
	}
	defer stop()
	before, _ := procs.CPUTime()
	cmd := exec.Command(os.Args[0], "-client", addr,
		"-respondents", fmt.Sprint(l.respondents), "-sessions", fmt.Sprint(l.sessions),
		"-keys", fmt.Sprint(l.keys), "-pause", l.pause.String(), "-frame", fmt.Sprint(l.frame))
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("the load: %w", err)
	}
	after, _ := procs.CPUTime()
	used := after - before
	fmt.Printf("%s CPU: %.1f ms per respondent (%d respondents, %d at once, %d keys, %v pauses, %d-byte frames)\n",
		what, float64(used.Microseconds())/1000/float64(l.respondents), l.respondents, l.sessions, l.keys, l.pause, l.frame)
	return nil
}

// bareServer answers a session with a frame, then every read with the next
// one, and does nothing else.
func bareServer(l load) (addr string, stop func(), err error) {
	srv := &ssh.Server{Handler: func(s ssh.Session) {
		buf, frame := make([]byte, 64), bareFrame(l.frame)
		for n := 0; ; n++ {
			m := mark(n)
			copy(frame[len(frame)-len(m):], m)
			if _, err := s.Write(frame); err != nil {
				return
			}
			if _, err := s.Read(buf); err != nil {
				return
			}
		}
	}}
	_, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		return "", nil, err
	}
	signer, err := gossh.NewSignerFromKey(key)
	if err != nil {
		return "", nil, err
	}
	srv.AddHostKey(signer)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	go srv.Serve(ln)
	return ln.Addr().String(), func() { srv.Close() }, nil
}

// bareFrame is a frame of the bare server: size bytes, whose last are
// overwritten with each frame's mark.
func bareFrame(size int) []byte {
	return bytes.Repeat([]byte("x"), max(size, len(mark(0))))
}

// mark ends a session's n-th frame (0 is the first screen): the load waits
// for it after each key.
func mark(n int) string { return fmt.Sprintf("k%05d", n) }

// runLoad runs the respondents, l.sessions at a time, and reports how long
// each key waited for its frame (the floor under loadtest's "key → screen").
func runLoad(addr string, l load) error {
	todo := make(chan struct{}, l.respondents)
	for range l.respondents {
		todo <- struct{}{}
	}
	close(todo)
	errs := make(chan error, l.sessions)
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		waiting []time.Duration
	)
	for range l.sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range todo {
				waited, err := respond(addr, l)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				waiting = append(waiting, waited...)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	fmt.Printf("key → frame: p50 %v, p99 %v (%d keys)\n", loadgen.Quantile(waiting, 0.5).Round(time.Microsecond),
		loadgen.Quantile(waiting, 0.99).Round(time.Microsecond), len(waiting))
	return nil
}

// respond is one respondent: connect, a terminal, keys each waiting for
// its frame, disconnect. It returns how long each key waited.
func respond(addr string, l load) ([]time.Duration, error) {
	// A respondent of berakhlak's server answers its empty keyboard-interactive
	// prompt, as loadtest's do; the bare server asks for nothing.
	auth := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
	if l.identity != "" {
		pem, err := os.ReadFile(l.identity)
		if err != nil {
			return nil, err
		}
		signer, err := gossh.ParsePrivateKey(pem)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l.identity, err)
		}
		auth = gossh.PublicKeys(signer)
	}
	cfg := &gossh.ClientConfig{User: l.user, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
		Auth: []gossh.AuthMethod{auth}}
	conn, err := gossh.Dial("tcp", addr, cfg)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	sess, err := conn.NewSession()
	if err != nil {
		return nil, err
	}
	defer sess.Close()
	if err := sess.RequestPty("xterm-256color", 30, 100, nil); err != nil {
		return nil, err
	}
	in, err := sess.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	screen := &markReader{r: out}
	if err := screen.waitFor(mark(0)); err != nil {
		return nil, err
	}
	waited := make([]time.Duration, 0, l.keys)
	for n := 1; n <= l.keys; n++ {
		time.Sleep(l.pause)
		sent := time.Now()
		if _, err := in.Write([]byte("1")); err != nil {
			return nil, err
		}
		if err := screen.waitFor(mark(n)); err != nil {
			return nil, err
		}
		waited = append(waited, time.Since(sent))
	}
	return waited, nil
}

// markReader reads a session's output until a frame's mark has come.
type markReader struct {
	r    io.Reader
	seen []byte // what came since the last mark, at most a few frames
	buf  [4096]byte
}

func (m *markReader) waitFor(mark string) error {
	for {
		if i := bytes.Index(m.seen, []byte(mark)); i >= 0 {
			m.seen = append(m.seen[:0], m.seen[i+len(mark):]...)
			return nil
		}
		n, err := m.r.Read(m.buf[:])
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", mark, err)
		}
		m.seen = append(m.seen, m.buf[:n]...)
	}
}
