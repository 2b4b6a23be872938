package sshserver

import (
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// quietConn, once quiet, reads and writes a TCP connection without telling
// the Go scheduler that it makes a system call. An ordinary read or write
// goes through the runtime's entersyscall, and the first one after the
// process has been idle wakes the runtime's monitor thread (sysmon) from its
// deep sleep. A respondent's every key comes after such a spell, and on a
// virtual machine each wake is a thread switch and a timer interrupt: the
// largest fixed cost of a key (BENCHMARKS.md, "Reads and writes that do not
// wake the monitor"). The socket is non-blocking (the netpoller's), so
// read(2) and write(2) return at once; with nothing to read or no room to
// write they return EAGAIN, and syscall.RawConn waits in the netpoller,
// honouring deadlines and Close. Until beQuiet it is the connection it wraps.
type quietConn struct {
	net.Conn // the *net.TCPConn, as an interface: its ReadFrom and WriteTo are not ours
	raw      syscall.RawConn
	quiet    atomic.Bool

	readMu  sync.Mutex
	readBuf []byte
	readN   int
	readErr syscall.Errno
	readFn  func(fd uintptr) bool // bound once: a closure a call would allocate

	writeMu  sync.Mutex
	writeBuf []byte
	written  int
	writeErr syscall.Errno
	writeFn  func(fd uintptr) bool
}

// maxRW bounds one system call's length, as internal/poll does.
const maxRW = 1 << 30

// newQuietConn wraps a TCP connection; anything else is returned as it is.
func newQuietConn(conn net.Conn) net.Conn {
	tcp, ok := conn.(*net.TCPConn)
	if !ok {
		return conn
	}
	raw, err := tcp.SyscallConn()
	if err != nil {
		return conn
	}
	c := &quietConn{Conn: tcp, raw: raw}
	c.readFn = c.readOnce
	c.writeFn = c.writeSome
	return c
}

func (c *quietConn) beQuiet() { c.quiet.Store(true) }

func (c *quietConn) Read(p []byte) (int, error) {
	if !c.quiet.Load() {
		return c.Conn.Read(p)
	}
	if len(p) == 0 {
		return 0, nil
	}
	c.readMu.Lock()
	defer c.readMu.Unlock()
	c.readBuf, c.readN, c.readErr = p, 0, 0
	err := c.raw.Read(c.readFn)
	c.readBuf = nil
	switch {
	case err != nil:
		return 0, opError("read", err)
	case c.readErr != 0:
		return 0, opError("read", os.NewSyscallError("read", c.readErr))
	case c.readN == 0:
		return 0, io.EOF
	}
	return c.readN, nil
}

// readOnce is one read(2); false asks the netpoller to wait for data.
func (c *quietConn) readOnce(fd uintptr) bool {
	n, errno := rawCall(syscall.SYS_READ, fd, c.readBuf)
	switch errno {
	case syscall.EAGAIN:
		return false
	case 0:
		c.readN = n
	default:
		c.readErr = errno
	}
	return true
}

func (c *quietConn) Write(p []byte) (int, error) {
	if !c.quiet.Load() {
		return c.Conn.Write(p)
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	c.writeBuf, c.written, c.writeErr = p, 0, 0
	var err error
	if len(p) > 0 {
		err = c.raw.Write(c.writeFn)
	}
	n := c.written
	c.writeBuf = nil
	switch {
	case err != nil:
		return n, opError("write", err)
	case c.writeErr != 0:
		return n, opError("write", os.NewSyscallError("write", c.writeErr))
	}
	return n, nil
}

// writeSome writes until all is written (true) or the socket is full
// (false: the netpoller waits for room).
func (c *quietConn) writeSome(fd uintptr) bool {
	for c.written < len(c.writeBuf) {
		n, errno := rawCall(syscall.SYS_WRITE, fd, c.writeBuf[c.written:])
		switch errno {
		case syscall.EAGAIN:
			return false
		case 0:
			c.written += n
		default:
			c.writeErr = errno
			return true
		}
	}
	return true
}

// rawCall is one read(2) or write(2) of at most maxRW bytes, made again
// when a signal interrupts it.
func rawCall(trap, fd uintptr, buf []byte) (int, syscall.Errno) {
	for {
		n, _, errno := syscall.RawSyscall(trap, fd, uintptr(unsafe.Pointer(&buf[0])), uintptr(min(len(buf), maxRW)))
		if errno != syscall.EINTR {
			return int(n), errno
		}
	}
}

// opError is a read or write error that names no address: a respondent's
// address must reach no log, whoever logs the error. (The netpoller's own,
// a deadline's or Close's, names both ends; only its cause is kept.)
func opError(op string, err error) error {
	var named *net.OpError
	if errors.As(err, &named) {
		err = named.Err
	}
	return &net.OpError{Op: op, Net: "tcp", Err: err}
}
