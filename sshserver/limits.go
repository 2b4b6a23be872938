package sshserver

import (
	"fmt"
	"net"
	"strings"
	"sync"

	"charm.land/ssh"
)

type refusalKey struct{}

// refused reports whether the connection is over a limit; its handshake then
// only shows the reason (as the banner) and fails authentication.
func refused(ctx ssh.Context) bool {
	_, ok := ctx.Value(refusalKey{}).(string)
	return ok
}

func (s *Server) banner(ctx ssh.Context) string {
	if reason, ok := ctx.Value(refusalKey{}).(string); ok {
		return reason + "\r\n"
	}
	return ""
}

// limiter counts open connections, in all and per source address, and the
// connections it refused, by reason only.
type limiter struct {
	mu         sync.Mutex
	max, per   int
	total      int
	perAddress map[string]int
	refusals   map[string]int // reason → count since the last summary
}

// Reasons a connection is refused, as counted in the log's summaries.
const (
	refusedFull       = "server full"
	refusedPerAddress = "too many from one address"
)

func newLimiter(max, per int) *limiter {
	return &limiter{max: max, per: per, perAddress: map[string]int{}, refusals: map[string]int{}}
}

// summary returns the refusals counted since the last call, as one line
// (empty when there were none), and starts counting afresh.
func (l *limiter) summary() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var parts []string
	for _, reason := range []string{refusedFull, refusedPerAddress} {
		if n := l.refusals[reason]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", reason, n))
		}
	}
	clear(l.refusals)
	return strings.Join(parts, " · ")
}

// accept is the server's ConnCallback: it counts the connection until it
// closes, and marks it refused (with a reason the person will read) when a
// limit is reached. The count is taken before the key exchange, so a flood
// is capped before its handshakes cost anything more.
// Refusals are counted, never logged one by one: a line per refused
// connection would carry its time, and next to a response of that day in a
// small unit that links a person to an answer.
func (l *limiter) accept() func(ssh.Context, net.Conn) net.Conn {
	return func(ctx ssh.Context, conn net.Conn) net.Conn {
		host, _, _ := net.SplitHostPort(conn.RemoteAddr().String())
		l.mu.Lock()
		reason := ""
		switch {
		case l.total >= l.max:
			reason = fmt.Sprintf("berakhlak: the server is full (%d sessions); please try again in a few minutes.", l.max)
			l.refusals[refusedFull]++
		case l.perAddress[host] >= l.per:
			reason = fmt.Sprintf("berakhlak: too many sessions from your address (%d); close one and try again.", l.per)
			l.refusals[refusedPerAddress]++
		}
		l.total++
		l.perAddress[host]++
		l.mu.Unlock()
		if reason != "" {
			ctx.SetValue(refusalKey{}, reason)
		}
		return &countedConn{Conn: conn, release: func() { l.release(host) }}
	}
}

func (l *limiter) release(host string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.total--
	if l.perAddress[host]--; l.perAddress[host] <= 0 {
		delete(l.perAddress, host)
	}
}

// countedConn releases its count once, when closed.
type countedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *countedConn) Close() error {
	c.once.Do(c.release)
	return c.Conn.Close()
}
