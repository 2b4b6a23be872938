package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/berakhlak/berakhlak/oplog"
	"github.com/berakhlak/berakhlak/sshserver"
)

// programServer is berakhlak's SSH server (package sshserver, as `serve`
// runs it) whose respondents get a model that only counts their keys and
// draws a frame of l.frame bytes for each.
func programServer(l load) (addr string, stop func(), err error) {
	dir, err := os.MkdirTemp("", "sshfloor")
	if err != nil {
		return "", nil, err
	}
	srv, err := sshserver.New(sshserver.Config{
		Listen:      "127.0.0.1:0",
		HostKeyPath: filepath.Join(dir, "host_key"),
		Respondent:  func(ssh.Session) tea.Model { return &counter{lines: drawnLines(l.frame)} },
		Logger:      oplog.New(io.Discard, "ssh"),
		// As the measurements run `serve`: no respondent of the load is
		// turned away or pushed out.
		MaxSessions: 1010, PerAddress: 1000, MaxPending: 1000,
	})
	if err == nil {
		err = srv.Listen()
	}
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	go srv.Serve()
	return srv.Addr().String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		os.RemoveAll(dir)
	}, nil
}

// lineBytes is about what a drawn line costs on the wire: its text and the
// drawer's cursor move and erase.
const lineBytes = 70

// drawnLines is how many lines of lineBytes make a frame of size bytes.
func drawnLines(size int) int { return max(size/lineBytes, 1) }

// counter counts the keys and draws every line anew for each: a frame of
// changed lines, as a survey page that scrolls with each answer gives the
// drawer. The last line carries the frame's mark.
type counter struct {
	keys, lines int
}

func (c *counter) Init() tea.Cmd { return nil }

func (c *counter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		c.keys++
	}
	return c, nil
}

func (c *counter) View() tea.View {
	var b strings.Builder
	// 21 bytes of counts, then filler, and 14 for the drawer's cursor move,
	// erase and reset.
	text := strings.Repeat("x", lineBytes-21-14)
	for i := range c.lines - 1 {
		fmt.Fprintf(&b, "line %02d of key %05d %s\n", i, c.keys, text)
	}
	b.WriteString(mark(c.keys))
	return tea.NewView(b.String())
}
