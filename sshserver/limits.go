package sshserver

import (
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
)

// Limits are counted in two stages, so that connections which never become
// a session cannot crowd out those that do. A connection is *pending* from
// accept until its first session starts: pending connections are capped per
// source address and in all, and one over a cap is closed at once and never
// counted. A pending connection that has not started a session within the
// handshake timeout (a stalled handshake, or `ssh -N`) is closed. Sessions
// are capped per address and in all; a few slots are kept for admins.

// Reasons a connection or session is refused, as counted in the log's
// summaries (never per connection, never with an address).
const (
	refusedPending           = "too many connecting"
	refusedPendingPerAddress = "too many connecting from one address"
	refusedFull              = "server full"
	refusedPerAddress        = "too many sessions from one address"
)

// limiter counts pending connections and sessions, in all and per address.
type limiter struct {
	mu                          sync.Mutex
	maxPending, pendingPer      int
	maxSessions, sessionsPer    int
	adminReserve                int
	pending, sessions           int
	pendingByHost, sessionsHost map[string]int
	refusals                    map[string]int // reason → count since the last summary
}

func newLimiter(cfg Config) *limiter {
	return &limiter{maxPending: cfg.MaxPending, pendingPer: cfg.PendingPerAddress,
		maxSessions: cfg.MaxSessions, sessionsPer: cfg.PerAddress, adminReserve: cfg.AdminReserve,
		pendingByHost: map[string]int{}, sessionsHost: map[string]int{}, refusals: map[string]int{}}
}

// summary returns the refusals counted since the last call, as one line
// (empty when there were none), and starts counting afresh.
func (l *limiter) summary() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var parts []string
	for _, reason := range []string{refusedPending, refusedPendingPerAddress, refusedFull, refusedPerAddress} {
		if n := l.refusals[reason]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", reason, n))
		}
	}
	clear(l.refusals)
	return strings.Join(parts, " · ")
}

type connStateKey struct{}

// connState follows one connection from accept to its first session.
type connState struct {
	l        *limiter
	host     string
	mu       sync.Mutex
	promoted bool // a session started: no longer pending
	closed   bool
}

// accept is the server's ConnCallback. It runs before the key exchange, so a
// flood is capped before its handshakes cost anything.
func (l *limiter) accept(handshake time.Duration) func(ssh.Context, net.Conn) net.Conn {
	return func(ctx ssh.Context, conn net.Conn) net.Conn {
		host, _, _ := net.SplitHostPort(conn.RemoteAddr().String())
		l.mu.Lock()
		switch {
		case l.pending >= l.maxPending:
			l.refusals[refusedPending]++
			l.mu.Unlock()
			return nil
		case l.pendingByHost[host] >= l.pendingPer:
			l.refusals[refusedPendingPerAddress]++
			l.mu.Unlock()
			return nil
		}
		l.pending++
		l.pendingByHost[host]++
		l.mu.Unlock()
		st := &connState{l: l, host: host}
		ctx.SetValue(connStateKey{}, st)
		time.AfterFunc(handshake, func() {
			if !st.isPromoted() {
				conn.Close() // no session in time: a stalled handshake or ssh -N
			}
		})
		return &countedConn{Conn: conn, release: st.close}
	}
}

func (st *connState) isPromoted() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.promoted
}

// promote moves the connection from pending to established, once.
func (st *connState) promote() {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.promoted || st.closed {
		return
	}
	st.promoted = true
	st.l.releasePending(st.host)
}

// close releases the pending count of a connection that never started a
// session.
func (st *connState) close() {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed {
		return
	}
	st.closed = true
	if !st.promoted {
		st.l.releasePending(st.host)
	}
}

func (l *limiter) releasePending(host string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pending--
	decrement(l.pendingByHost, host)
}

// decrement lowers a per-address count, forgetting the address at zero.
func decrement(byHost map[string]int, host string) {
	if byHost[host]--; byHost[host] <= 0 {
		delete(byHost, host)
	}
}

// startSession counts a session, or returns why it is refused: respondents
// leave adminReserve slots free, admins are capped by the total only.
func (l *limiter) startSession(host string, admin bool) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	limit := l.maxSessions
	if !admin {
		limit -= l.adminReserve
	}
	switch {
	case l.sessions >= limit:
		l.refusals[refusedFull]++
		return msgFull(l.maxSessions)
	case !admin && l.sessionsHost[host] >= l.sessionsPer:
		l.refusals[refusedPerAddress]++
		return msgPerAddress(l.sessionsPer)
	}
	l.sessions++
	l.sessionsHost[host]++
	return ""
}

func (l *limiter) endSession(host string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sessions--
	decrement(l.sessionsHost, host)
}

// admit is the middleware that counts a session for as long as it runs, or
// refuses it with a message the person reads.
func (s *Server) admit(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		st, _ := sess.Context().Value(connStateKey{}).(*connState)
		if st == nil {
			wish.Fatalln(sess, msgNotCounted)
			return
		}
		st.promote()
		if reason := s.limits.startSession(st.host, sess.User() == UserAdmin); reason != "" {
			wish.Fatalln(sess, reason)
			return
		}
		defer s.limits.endSession(st.host)
		next(sess)
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
