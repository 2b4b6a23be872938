package main

import (
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/internal/testkit"
	gossh "golang.org/x/crypto/ssh"
)

// timeOfDay matches a clock time such as 14:03.
var timeOfDay = regexp.MustCompile(`\b([01]\d|2[0-3]):[0-5]\d\b`)

// TestServeKeepsNoTraceOfARespondent runs the real `serve`, completes a
// respondent's survey over SSH from 127.0.0.2 with a distinctive client
// version and terminal size, stops the server, and then looks for the
// respondent in its stderr and in every file beside the database: no
// address, port, client version, terminal size or time of day. The session
// itself adds no line at all.
func TestServeKeepsNoTraceOfARespondent(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	serve := exec.Command(bin, "serve", "--create", "--listen", addr, "--db", filepath.Join(dir, "agency.db"))
	var stderr testkit.LockedBuffer
	serve.Stdout, serve.Stderr = &stderr, &stderr
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { serve.Process.Kill(); serve.Wait() })
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(stderr.String(), "SSH on"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", stderr.String())
		}
	}
	atStart := stderr.String()

	const clientVersion = "SSH-2.0-RespondentProbe_4.2"
	dialer := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}, Timeout: 5 * time.Second}
	conn, err := dialer.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(conn.LocalAddr().(*net.TCPAddr).Port)
	sc, chans, reqs, err := gossh.NewClientConn(conn, addr, &gossh.ClientConfig{User: "survei", ClientVersion: clientVersion,
		Auth:            []gossh.AuthMethod{gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })},
		HostKeyCallback: gossh.InsecureIgnoreHostKey()})
	if err != nil {
		t.Fatal(err)
	}
	client := gossh.NewClient(sc, chans, reqs)
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 31, 97, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, _ := sess.StdinPipe()
	var screen testkit.LockedBuffer
	out, _ := sess.StdoutPipe()
	go io.Copy(&screen, out)
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	waitScreen := func(text string) {
		t.Helper()
		for deadline := time.Now().Add(15 * time.Second); !strings.Contains(screen.String(), text); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("no %q on the respondent's screen", text)
			}
		}
	}
	waitScreen("Selamat datang")
	for _, k := range append(asnKeys(), keyEnter, keyEnter) {
		in.Write([]byte(k))
		time.Sleep(5 * time.Millisecond)
	}
	waitScreen("Terima kasih")
	time.Sleep(300 * time.Millisecond) // let the thank-you settle before leaving
	sess.Close()
	client.Close()
	time.Sleep(300 * time.Millisecond)
	if during := strings.TrimPrefix(stderr.String(), atStart); during != "" {
		t.Errorf("the respondent's session wrote to the server's log:\n%s", during)
	}

	serve.Process.Signal(syscall.SIGTERM)
	serve.Wait()
	traces := map[string]string{"the respondent's address": "127.0.0.2", "the respondent's client": "RespondentProbe",
		"the terminal size": "97x31", "the terminal size as numbers": "97 31"}
	look := func(name, text string) {
		for what, trace := range traces {
			if strings.Contains(text, trace) {
				t.Errorf("%s holds %s (%q)", name, what, trace)
			}
		}
		if regexp.MustCompile(`\D` + port + `\D`).MatchString(text) {
			t.Errorf("%s holds the respondent's port %s", name, port)
		}
	}
	log := stderr.String()
	look("serve's stderr", log)
	if m := timeOfDay.FindString(log); m != "" {
		t.Errorf("serve's stderr holds a time of day %q:\n%s", m, log)
	}
	files := 0
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !info.Mode().IsRegular() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		look(filepath.Base(path), string(data))
		if strings.HasSuffix(path, ".log") {
			if m := timeOfDay.FindString(string(data)); m != "" {
				t.Errorf("%s holds a time of day %q", path, m)
			}
		}
		return nil
	})
	if files < 2 {
		t.Fatalf("only %d files beside the database", files)
	}
	t.Logf("serve's whole stderr:\n%s", log)
}
