// Package sshserver serves the survey and the admin screen over SSH, as Bubble
// Tea programs inside the process that owns the database.
package sshserver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	"github.com/berakhlak/berakhlak/oplog"
	gossh "golang.org/x/crypto/ssh"
)

// Users of the service.
const (
	UserAdmin      = "admin"
	UserRespondent = "survei"
	UserSurvey     = "survey" // English alias of survei
	// UserKiosk is a kiosk terminal in an office that connects over SSH and
	// stays: it gets the survey again after every thank-you, as a local
	// kiosk does. Only with a key listed in the kiosk-keys file.
	UserKiosk = "kiosk"
)

// Defaults of the limits (limits.go).
const (
	DefaultMaxSessions      = 500
	DefaultPerAddress       = 20
	DefaultMaxPending       = 200
	DefaultAdminReserve     = 5
	DefaultHandshakeTimeout = 10 * time.Second
	DefaultMaxSession       = 2 * time.Hour
)

// Config sets up a server.
type Config struct {
	Listen        string
	HostKeyPath   string
	AdminKeysPath string        // authorized_keys format; "" = none
	ExtraAdminKey string        // path of a local admin key's private half, always accepted
	Respondent    ModelFor      // builds a respondent's program model; nil: no survey here, respondents are told so
	KioskKeysPath string        // authorized_keys of kiosk terminals (user kiosk); "" = none
	Kiosk         ModelFor      // builds a kiosk terminal's program model: survey after survey
	Admin         AdminModelFor // builds an admin's program model
	// AdminCommand, when set, runs a command an admin gave (`ssh admin@host
	// report > laporan.html`) for a key limited to unit's subtree ("" = the
	// whole agency): it writes the result to the session and says what went
	// wrong in its error, and logs what ran. Only a listed admin key may run
	// one; respondents' commands are refused as ever.
	AdminCommand func(sess ssh.Session, unit string, args []string) error
	// UnitExists, when set, says whether a unit= of an admin key names a
	// unit; one that does not is logged as a refused key.
	UnitExists func(unit string) bool
	// Logger gets what an operator needs and nothing about respondents
	// (package oplog): admin logins by key, hourly counts of refusals,
	// sessions ended by an internal error.
	Logger *log.Logger
	// SummaryEvery is how often refusals are summarised (default an hour).
	SummaryEvery time.Duration
	// WhenQuiet, when set, runs each time the server has fallen quiet (the
	// last session ended and none began for a while), after its free memory
	// went back: what else a busy server held and an idle one need not.
	WhenQuiet func()

	// Sessions in all and per source address (under pressure only);
	// AdminReserve of MaxSessions only admins may use (0: the default,
	// DefaultAdminReserve or MaxSessions−1 if fewer; negative: none).
	MaxSessions, PerAddress, AdminReserve int
	// Connections that have not yet started a session, in all; over the cap
	// a newcomer pushes out the one that has come least far (limits.go).
	MaxPending int
	// HandshakeTimeout also ends a connection that starts no session.
	HandshakeTimeout, MaxSession time.Duration
}

// ModelFor builds the Bubble Tea model of one session.
type ModelFor func(ssh.Session) tea.Model

// AdminModelFor builds an admin session's model, limited to unit's subtree
// (the unit="…" option of the admin's key; "" = the whole agency).
type AdminModelFor func(sess ssh.Session, unit string) tea.Model

// Server is the running SSH service.
type Server struct {
	cfg       Config
	srv       *ssh.Server
	adminKeys *keySet
	kioskKeys *keySet // kiosk terminals' keys (user kiosk)
	limits    *limiter
	sessions  sessions
	drawers   sync.Map // ssh.Session → *drawer, while its program runs
	listener  net.Listener

	stopSummaries chan struct{}
	stopOnce      sync.Once
}

// New prepares a server; the host key is created on first start (mode 0600)
// and kept across restarts.
func New(cfg Config) (*Server, error) {
	if cfg.MaxSessions == 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.PerAddress == 0 {
		cfg.PerAddress = DefaultPerAddress
	}
	if cfg.MaxPending == 0 {
		cfg.MaxPending = DefaultMaxPending
	}
	if cfg.AdminReserve == 0 {
		cfg.AdminReserve = min(DefaultAdminReserve, cfg.MaxSessions-1)
	}
	cfg.AdminReserve = max(cfg.AdminReserve, 0)
	if cfg.HandshakeTimeout == 0 {
		cfg.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if cfg.MaxSession == 0 {
		cfg.MaxSession = DefaultMaxSession
	}
	if cfg.Logger == nil {
		cfg.Logger = oplog.New(os.Stderr, "ssh")
	}
	if cfg.SummaryEvery == 0 {
		cfg.SummaryEvery = time.Hour
	}
	s := &Server{cfg: cfg, adminKeys: &keySet{what: "admin keys", path: cfg.AdminKeysPath, extra: cfg.ExtraAdminKey},
		kioskKeys: &keySet{what: "kiosk keys", unitless: true, path: cfg.KioskKeysPath}, limits: newLimiter(cfg)}
	if err := s.ReloadKeys(); err != nil {
		return nil, err
	}
	srv, err := wish.NewServer(
		wish.WithAddress(cfg.Listen),
		wish.WithHostKeyPath(cfg.HostKeyPath),
		wish.WithPublicKeyAuth(s.publicKeyAuth),
		wish.WithKeyboardInteractiveAuth(s.keyboardInteractiveAuth),
		wish.WithMaxTimeout(cfg.MaxSession),
		wish.WithSubsystem("sftp", refuseSubsystem),
		// The last listed runs first: recover, refuse what is not a survey
		// or admin session, count the session against the limits, need a
		// PTY, then run the program. No session is logged (wish's logging
		// middleware writes a respondent's address, client, terminal and
		// session length).
		wish.WithMiddleware(
			s.giveTerminalBack,
			bubbletea.MiddlewareWithProgramHandler(s.program),
			needPTY,
			s.admit,
			s.gate,
			s.recoverSession,
		),
	)
	if err != nil {
		return nil, fmt.Errorf("ssh server: %w", err)
	}
	srv.HandshakeTimeout = cfg.HandshakeTimeout
	srv.ConnCallback = s.limits.accept(cfg.HandshakeTimeout)
	s.srv = srv
	s.stopSummaries = make(chan struct{})
	go s.summarise()
	return s, nil
}

// summarise logs the refusals counted in each period, by reason only.
func (s *Server) summarise() {
	tick := time.NewTicker(s.cfg.SummaryEvery)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			s.logRefusals()
		case <-s.stopSummaries:
			s.logRefusals()
			return
		}
	}
}

func (s *Server) logRefusals() {
	if line := s.limits.summary(); line != "" {
		s.cfg.Logger.Warn("connections refused since the last summary: " + line)
	}
}

// recoverSession ends a session whose program panicked without taking the
// server down, and logs the panic's kind and the functions it passed
// through: never its value or arguments, which may hold answers.
func (s *Server) recoverSession(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		defer func() {
			if r := recover(); r != nil {
				s.cfg.Logger.Error(fmt.Sprintf("a session ended by an internal error (panic of type %T)%s", r, oplog.Stack(2)))
			}
		}()
		next(sess)
	}
}

// Fingerprint is the SHA256 fingerprint of the host key, for users to check.
func (s *Server) Fingerprint() (string, error) {
	data, err := os.ReadFile(s.cfg.HostKeyPath)
	if err != nil {
		return "", fmt.Errorf("read host key: %w", err)
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return "", fmt.Errorf("parse host key %s: %w", s.cfg.HostKeyPath, err)
	}
	return gossh.FingerprintSHA256(signer.PublicKey()), nil
}

// Listen opens the listening socket (so the address is known before serving).
func (s *Server) Listen() error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Listen, err)
	}
	s.listener = ln
	return nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() net.Addr { return s.listener.Addr() }

// Serve serves until Shutdown.
func (s *Server) Serve() error {
	err := s.srv.Serve(s.listener)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown tells every running session that the server stops, ends their
// programs and waits for them (up to ctx).
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopOnce.Do(func() { close(s.stopSummaries) })
	s.sessions.tellAll(msgStopping)
	return s.srv.Shutdown(ctx)
}

// ReloadKeys reads the admin-keys and kiosk-keys files again (on SIGHUP).
func (s *Server) ReloadKeys() error {
	return errors.Join(s.adminKeys.load(), s.kioskKeys.load())
}

// Broadcast gives every running session's program msg (a survey closed,
// say); programs that do not know it ignore it.
func (s *Server) Broadcast(msg tea.Msg) { s.sessions.sendAll(msg) }

// program builds the Bubble Tea program of a session; nil when gate refused.
func (s *Server) program(sess ssh.Session) *tea.Program {
	var m tea.Model
	switch sess.User() {
	case UserAdmin:
		m = s.cfg.Admin(sess, s.adminUnit(sess))
	case UserKiosk:
		m = s.cfg.Kiosk(sess)
	default:
		m = s.cfg.Respondent(sess)
	}
	// The session's input reaches the program through pumpInput, bounded;
	// its screen is drawn by a drawer, when it changes (frames.go). Bubble
	// Tea's ticker, left with only its own escape sequences to send, runs at
	// its slowest.
	d := sessionDrawer(sess)
	p := tea.NewProgram(drawnModel{Model: m, d: d, width: d.width, height: d.height}, append(bubbletea.MakeOptions(sess),
		tea.WithInput(nil), tea.WithoutRenderer(), tea.WithFPS(1), tea.WithOutput(d.output()))...)
	pumpInput(sess.Context(), sess, p)
	s.sessions.add(sess, p)
	s.drawers.Store(sess, d)
	go func() {
		<-sess.Context().Done()
		s.sessions.remove(sess)
	}()
	return p
}

// giveTerminalBack runs when a session's program has ended: its drawer stops
// and leaves the terminal as it found it.
func (s *Server) giveTerminalBack(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if d, ok := s.drawers.LoadAndDelete(sess); ok {
			d.(*drawer).close()
		}
		next(sess)
	}
}

// sessions are the running programs, to tell them about a shutdown.
type sessions struct {
	mu  sync.Mutex
	all map[ssh.Session]*tea.Program
}

func (ss *sessions) add(sess ssh.Session, p *tea.Program) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.all == nil {
		ss.all = map[ssh.Session]*tea.Program{}
	}
	ss.all[sess] = p
}

func (ss *sessions) remove(sess ssh.Session) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.all, sess)
}

// sendAll gives every running program msg, without waiting for any.
func (ss *sessions) sendAll(msg tea.Msg) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for _, p := range ss.all {
		go p.Send(msg)
	}
}

func (ss *sessions) tellAll(msg string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for sess, p := range ss.all {
		p.Quit()
		fmt.Fprint(sess.Stderr(), msg)
	}
}
