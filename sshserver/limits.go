package sshserver

import (
	"cmp"
	"fmt"
	"maps"
	"net"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
)

// Limits are counted in two stages, so that connections which never become
// a session cannot crowd out those that do.
//
// A connection is *pending* from accept until its first session starts.
// Pending connections are capped in all (MaxPending), but a connection over
// the cap is never refused: it takes the place of the pending connection
// that has come least far (not yet past the key exchange before past it,
// an offered admin key last), from the network (/24 of IPv4, /64 of IPv6)
// and then the address holding the most pending connections, the oldest of
// those. So a flood, however many addresses of a few networks it uses, only
// pushes out its own connections, and a respondent's or an admin's handshake
// from elsewhere always completes. A pending connection that has not started
// a session within the handshake timeout (a stalled handshake, `ssh -N`) is
// closed.
//
// Sessions are capped in all, with AdminReserve kept for admins. The cap
// per address (PerAddress) applies only under pressure, once respondents
// hold half of their share: an office whose staff reach the server through
// one NAT address is not refused while the server has room.

// Reasons a connection or session is refused, as counted in the log's
// summaries (never per connection, never with an address).
const (
	evictedPending    = "pending connections pushed out by newer ones"
	refusedFull       = "server full"
	refusedPerAddress = "too many sessions from one address"
)

// How far a pending connection has come: evicted from the lowest first.
const (
	stageAccepted      = iota // TCP only, or a handshake under way
	stageAuthenticated        // past the key exchange, as a respondent
	stageAdminKey             // offered a listed admin key
)

// limiter counts pending connections and sessions.
type limiter struct {
	mu                       sync.Mutex
	maxPending               int
	maxSessions, sessionsPer int
	adminReserve             int
	pending                  map[*connState]struct{}
	seq                      uint64 // order of arrival of pending connections
	sessions                 int
	sessionsHost             map[string]int
	refusals                 map[string]int // reason → count since the last summary
	adminRefusals            map[string]int // "fingerprint (reason)" → count since the last summary

	// Once the last session has ended and none has come for quietAfter,
	// the memory the sessions left free goes back to the system, and the
	// rest a busy server held and an idle one need not goes too
	// (returnMemory: debug.FreeOSMemory, then Config.WhenQuiet). Go keeps
	// freed heap for a while, so a server that served 3,000 respondents
	// held 20 MB of free heap idle, its live heap 3 MB (BENCHMARKS.md
	// "Memory after a sitting").
	quietAfter   time.Duration
	returnMemory func()
	quiet        *time.Timer
}

// maxAdminRefusals bounds the admin keys a summary names (the rest are
// counted together): a scan offering made-up keys must not grow it.
const maxAdminRefusals = 100

// refuseAdminKey counts a refused admin key; first reports whether it is
// the first time this period.
func (l *limiter) refuseAdminKey(entry string) (first bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, seen := l.adminRefusals[entry]; !seen && len(l.adminRefusals) >= maxAdminRefusals {
		entry = "other keys"
	}
	l.adminRefusals[entry]++
	return l.adminRefusals[entry] == 1
}

func newLimiter(cfg Config) *limiter {
	return &limiter{maxPending: cfg.MaxPending, maxSessions: cfg.MaxSessions, sessionsPer: cfg.PerAddress,
		adminReserve: cfg.AdminReserve, pending: map[*connState]struct{}{}, sessionsHost: map[string]int{},
		refusals: map[string]int{}, adminRefusals: map[string]int{},
		quietAfter: 10 * time.Second, returnMemory: func() {
			debug.FreeOSMemory()
			if cfg.WhenQuiet != nil {
				cfg.WhenQuiet()
			}
		}}
}

// summary returns the refusals counted since the last call, as one line
// (empty when there were none), and starts counting afresh.
func (l *limiter) summary() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var parts []string
	for _, reason := range []string{evictedPending, refusedFull, refusedPerAddress} {
		if n := l.refusals[reason]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", reason, n))
		}
	}
	for _, entry := range slices.Sorted(maps.Keys(l.adminRefusals)) {
		parts = append(parts, fmt.Sprintf("admin key %s %d", entry, l.adminRefusals[entry]))
	}
	clear(l.refusals)
	clear(l.adminRefusals)
	return strings.Join(parts, " · ")
}

type connStateKey struct{}

// connState follows one connection from accept to its first session.
type connState struct {
	conn          net.Conn
	host, network string
	seq           uint64
	stage         int // guarded by the limiter's mutex
	mu            sync.Mutex
	promoted      bool        // a session started: no longer pending
	closed        bool        // released: the connection is gone
	deadline      *time.Timer // closes it if no session starts in time
	refusedKeys   map[string]bool
	l             *limiter
	quieter       quieter // nil where connections cannot be quiet
}

// firstRefusal reports whether this connection has not had entry refused
// before (a client offers a key, then signs with it: two calls).
func (st *connState) firstRefusal(entry string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.refusedKeys[entry] {
		return false
	}
	if st.refusedKeys == nil {
		st.refusedKeys = map[string]bool{}
	}
	st.refusedKeys[entry] = true
	return true
}

// network is the block a source address belongs to for fairness: its /24
// (IPv4) or /64 (IPv6), the share of the address space one site holds.
func network(host string) string {
	ip := net.ParseIP(host)
	switch {
	case ip == nil:
		return host
	case ip.To4() != nil:
		return ip.Mask(net.CIDRMask(24, 32)).String() + "/24"
	default:
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
}

// accept is the server's ConnCallback. It runs before the key exchange, so a
// flood costs no handshake; over the cap it pushes out a pending connection
// (victim) rather than refusing this one.
func (l *limiter) accept(handshake time.Duration) func(ssh.Context, net.Conn) net.Conn {
	return func(ctx ssh.Context, conn net.Conn) net.Conn {
		host, _, _ := net.SplitHostPort(conn.RemoteAddr().String())
		st := &connState{l: l, conn: conn, host: host, network: network(host)}
		l.mu.Lock()
		var victim *connState
		if len(l.pending) >= l.maxPending {
			victim = l.victim(st)
			delete(l.pending, victim)
			l.refusals[evictedPending]++
		}
		l.seq++
		st.seq = l.seq
		l.pending[st] = struct{}{}
		l.mu.Unlock()
		if victim != nil {
			victim.conn.Close() // its countedConn's release finds it gone
		}
		ctx.SetValue(connStateKey{}, st)
		st.mu.Lock()
		st.deadline = time.AfterFunc(handshake, func() {
			if !st.isPromoted() {
				conn.Close() // no session in time: a stalled handshake or ssh -N
			}
		})
		st.mu.Unlock()
		wrapped := newQuietConn(conn)
		st.quieter, _ = wrapped.(quieter)
		return &countedConn{Conn: wrapped, release: st.close}
	}
}

// victim is the pending connection a newcomer pushes out: of those that
// have come least far, from the network with the most pending connections,
// then the address with the most, the oldest. The newcomer counts as
// pending already, so a flood's newcomer pushes out one of its own. Called
// with l.mu held and at least one connection pending.
func (l *limiter) victim(newcomer *connState) *connState {
	byNetwork, byHost := map[string]int{newcomer.network: 1}, map[string]int{newcomer.host: 1}
	lowest := stageAdminKey
	for c := range l.pending {
		byNetwork[c.network]++
		byHost[c.host]++
		lowest = min(lowest, c.stage)
	}
	var worst *connState
	// ranksAbove: more pending from its network, then from its address,
	// then older.
	ranksAbove := func(a, b *connState) bool {
		return cmp.Or(cmp.Compare(byNetwork[a.network], byNetwork[b.network]),
			cmp.Compare(byHost[a.host], byHost[b.host]), cmp.Compare(b.seq, a.seq)) > 0
	}
	for c := range l.pending {
		if c.stage != lowest {
			continue
		}
		if worst == nil || ranksAbove(c, worst) {
			worst = c
		}
	}
	return worst
}

// reached records how far a pending connection has come (auth callbacks).
func (l *limiter) reached(ctx ssh.Context, stage int) {
	st, _ := ctx.Value(connStateKey{}).(*connState)
	if st == nil {
		return
	}
	l.mu.Lock()
	st.stage = max(st.stage, stage)
	l.mu.Unlock()
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
	st.l.releasePending(st)
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
	// A flood's connections are pushed out by the thousand a second: none
	// may leave its timer (and the connection it holds) behind.
	if st.deadline != nil {
		st.deadline.Stop()
	}
	if !st.promoted {
		st.l.releasePending(st)
	}
}

// releasePending forgets a pending connection (already gone if pushed out).
func (l *limiter) releasePending(st *connState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.pending, st)
}

// pendingCount is how many connections are pending.
func (l *limiter) pendingCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.pending)
}

// decrement lowers a per-address count, forgetting the address at zero.
func decrement(byHost map[string]int, host string) {
	if byHost[host]--; byHost[host] <= 0 {
		delete(byHost, host)
	}
}

// startSession counts a session, or returns why it is refused: respondents
// leave adminReserve slots free, admins are capped by the total only, and
// an address's respondents by PerAddress once respondents hold half their
// share.
func (l *limiter) startSession(host string, admin bool) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	limit := l.maxSessions
	if !admin {
		limit -= l.adminReserve
	}
	underPressure := l.sessions >= (l.maxSessions-l.adminReserve)/2
	switch {
	case l.sessions >= limit:
		l.refusals[refusedFull]++
		return msgFull(l.maxSessions)
	case !admin && underPressure && l.sessionsHost[host] >= l.sessionsPer:
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
	if l.sessions == 0 {
		if l.quiet != nil {
			l.quiet.Stop()
		}
		l.quiet = time.AfterFunc(l.quietAfter, l.returnIfQuiet)
	}
}

// returnIfQuiet gives the free memory back to the system if no session
// has begun since the last one ended.
func (l *limiter) returnIfQuiet() {
	l.mu.Lock()
	quiet := l.sessions == 0
	l.mu.Unlock()
	if quiet {
		l.returnMemory()
	}
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
		if sess.User() != UserAdmin && st.quieter != nil {
			st.quieter.beQuiet()
		}
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
