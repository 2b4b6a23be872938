package sshserver

import (
	"context"
	"io"
	"sync"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	uv "github.com/charmbracelet/ultraviolet"
)

// maxPendingInput bounds the keys a session may have waiting: typing and a
// terminal's replies fit many times over; a paste beyond it is dropped as it
// arrives instead of being buffered (no field of the survey takes more).
const maxPendingInput = 4 << 10

// pumpInput feeds a session's input to its program: the session's bytes go
// into a bounded buffer, the terminal reader of Bubble Tea's own library
// turns them into key events, and they reach the program through Send,
// which returns once the program has ended. Bubble Tea's reader, given the
// session directly, buffered a paste whole and, once the program had ended,
// stayed blocked on a send forever with it.
func pumpInput(ctx context.Context, sess ssh.Session, p *tea.Program) {
	pty, _, _ := sess.Pty()
	in := newBoundedBuffer(maxPendingInput)
	go func() {
		io.Copy(in, sess) // ends when the session's channel closes
		in.Close()
	}()
	events := make(chan uv.Event, 64)
	go func() {
		uv.NewTerminalReader(in, pty.Term).StreamEvents(ctx, events)
		close(events)
	}()
	go func() {
		for ev := range events {
			p.Send(ev)
		}
	}()
}

// boundedBuffer is a pipe that holds at most max bytes: writes beyond that
// are dropped, reads block until there are bytes or it is closed.
type boundedBuffer struct {
	mu     sync.Mutex
	ready  *sync.Cond
	buf    []byte
	max    int
	closed bool
}

func newBoundedBuffer(max int) *boundedBuffer {
	b := &boundedBuffer{max: max}
	b.ready = sync.NewCond(&b.mu)
	return b
}

// Write keeps what fits and drops the rest; it never blocks and never fails
// (the writer is the session, which must keep being read).
func (b *boundedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - len(b.buf); room > 0 && !b.closed {
		b.buf = append(b.buf, p[:min(room, len(p))]...)
		b.ready.Signal()
	}
	return len(p), nil
}

func (b *boundedBuffer) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for len(b.buf) == 0 && !b.closed {
		b.ready.Wait()
	}
	if len(b.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, b.buf)
	b.buf = b.buf[:copy(b.buf, b.buf[n:])]
	return n, nil
}

// Close ends the reads once the buffer is empty.
func (b *boundedBuffer) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	b.ready.Broadcast()
	return nil
}
