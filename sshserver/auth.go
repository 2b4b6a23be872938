package sshserver

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"sync"

	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"
)

// keySet is the admin keys or the kiosk keys: an authorized_keys file,
// re-read on demand, and an optional local key.
type keySet struct {
	what        string // "admin keys", "kiosk keys": for errors
	unitless    bool   // unit= is refused: the kiosk keys
	path, extra string
	mu          sync.RWMutex
	keys        []adminKey
}

func (k *keySet) load() error {
	var keys []adminKey
	if k.path != "" {
		data, err := os.ReadFile(k.path)
		if err != nil {
			return fmt.Errorf("%s: %w", k.what, err)
		}
		if keys, err = parseAdminKeys(data, k.path); err != nil {
			return err
		}
		if k.unitless {
			if err := noUnits(keys, k.path); err != nil {
				return err
			}
		}
	}
	if k.extra != "" {
		data, err := os.ReadFile(k.extra)
		if err != nil {
			return fmt.Errorf("local admin key: %w", err)
		}
		signer, err := gossh.ParsePrivateKey(data)
		if err != nil {
			return fmt.Errorf("local admin key %s: %w", k.extra, err)
		}
		keys = append(keys, adminKey{wire: signer.PublicKey().Marshal()})
	}
	k.mu.Lock()
	k.keys = keys
	k.mu.Unlock()
	return nil
}

// noUnits refuses a kiosk-keys file that limits a key to a unit: unit= is
// an admin's scope, and a kiosk terminal takes everyone's answers whatever
// a line says, so the line would promise what is not done.
func noUnits(keys []adminKey, file string) error {
	for _, k := range keys {
		if k.unit != "" {
			return fmt.Errorf("kiosk keys %s: unit=%q limits admin keys only; a kiosk terminal serves the whole survey, so remove the option (nothing of the file was taken)", file, k.unit)
		}
	}
	return nil
}

// find returns the admin key entry of key accepted from addr: listed, and
// from an address its from= option allows.
func (k *keySet) find(key ssh.PublicKey, addr net.Addr) (adminKey, bool) {
	e, why := k.lookup(key, addr)
	return e, why == ""
}

// lookup is find that says why a key is refused ("" when it is not).
func (k *keySet) lookup(key ssh.PublicKey, addr net.Addr) (adminKey, string) {
	if key == nil {
		return adminKey{}, "no key"
	}
	wire := key.Marshal()
	k.mu.RLock()
	defer k.mu.RUnlock()
	for _, e := range k.keys {
		if bytes.Equal(e.wire, wire) {
			if !fromAllowed(e.from, addr) {
				return adminKey{}, "not from an address its from= allows"
			}
			return e, ""
		}
	}
	return adminKey{}, "not listed"
}

// adminUnit is the unit an admin session is limited to: the unit="…"
// option of its key, or "" for the whole agency.
func (s *Server) adminUnit(sess ssh.Session) string {
	e, _ := s.adminKeys.find(sess.PublicKey(), sess.RemoteAddr())
	return e.unit
}

// publicKeyAuth: admin and kiosk only with a listed key; respondents with
// any key.
// This callback also sees keys the client merely offers, so it decides
// nothing about roles: gate checks the key that completed authentication.
func (s *Server) publicKeyAuth(ctx ssh.Context, key ssh.PublicKey) bool {
	switch ctx.User() {
	case UserAdmin:
		if _, why := s.adminKeys.lookup(key, ctx.RemoteAddr()); why != "" {
			s.refuseAdminKey(ctx, key, why)
			return false
		}
		// Only offered, maybe (CVE-2024-45337): this orders evictions of
		// pending connections and grants nothing.
		s.limits.reached(ctx, stageAdminKey)
		return true
	case UserKiosk:
		if _, ok := s.kioskKeys.find(key, ctx.RemoteAddr()); !ok {
			return false
		}
		s.limits.reached(ctx, stageAuthenticated)
		return true
	case UserRespondent, UserSurvey:
		s.limits.reached(ctx, stageAuthenticated)
		return true
	}
	return false
}

// keyboardInteractiveAuth lets respondents in without a password (and other
// users, who then read why they are refused); never admin or kiosk.
func (s *Server) keyboardInteractiveAuth(ctx ssh.Context, _ gossh.KeyboardInteractiveChallenge) bool {
	if ctx.User() == UserAdmin || ctx.User() == UserKiosk {
		return false
	}
	s.limits.reached(ctx, stageAuthenticated)
	return true
}

// gate refuses, with a message, what is not a survey or admin session:
// commands, unknown users, respondents where no survey is served, and an
// admin without a listed key.
func (s *Server) gate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		switch user := sess.User(); {
		case (len(sess.Command()) > 0 || sess.RawCommand() != "") && user == UserAdmin && s.admitted(sess) && s.cfg.AdminCommand != nil:
			s.admit(s.runAdminCommand)(sess) // counted like an admin screen
		case len(sess.Command()) > 0 || sess.RawCommand() != "":
			wish.Fatalln(sess, msgCommands)
		case user == UserAdmin && !s.admitted(sess):
			s.refuseAdminKey(sess.Context(), sess.PublicKey(), "no longer listed")
			wish.Fatalln(sess, msgAdminKey)
		case user == UserKiosk && !s.kioskAdmitted(sess):
			wish.Fatalln(sess, msgKioskKey)
		case user != UserAdmin && user != UserKiosk && user != UserRespondent && user != UserSurvey:
			wish.Fatalln(sess, msgUnknownUser(user))
		case user != UserAdmin && user != UserKiosk && s.cfg.Respondent == nil:
			wish.Fatalln(sess, msgNoSurvey)
		case user == UserAdmin:
			// Admins are not survey subjects: their logins are logged by key.
			s.cfg.Logger.Info("admin session", "key", fingerprint(sess.PublicKey()))
			if unit := s.adminUnit(sess); unit != "" && s.cfg.UnitExists != nil && !s.cfg.UnitExists(unit) {
				s.refuseAdminKey(sess.Context(), sess.PublicKey(), fmt.Sprintf("unit=%q is not in the organisation tree", unit))
			}
			next(sess)
		default:
			next(sess)
		}
	}
}

// runAdminCommand runs an admin's command and exits with its status;
// AdminCommand logs what ran, as only it knows what the words meant.
func (s *Server) runAdminCommand(sess ssh.Session) {
	if err := s.cfg.AdminCommand(sess, s.adminUnit(sess), sess.Command()); err != nil {
		fmt.Fprintf(sess.Stderr(), "berakhlak: %v\n", err)
		sess.Exit(1)
		return
	}
	sess.Exit(0)
}

func (s *Server) admitted(sess ssh.Session) bool {
	_, ok := s.adminKeys.find(sess.PublicKey(), sess.RemoteAddr())
	return ok
}

// kioskAdmitted is admitted for a kiosk terminal: the key that completed
// authentication is a listed kiosk key (publicKeyAuth also saw keys only
// offered).
func (s *Server) kioskAdmitted(sess ssh.Session) bool {
	_, ok := s.kioskKeys.find(sess.PublicKey(), sess.RemoteAddr())
	return ok && s.cfg.Kiosk != nil
}

// fingerprint names a key in the log ("none" without one).
func fingerprint(key ssh.PublicKey) string {
	if key == nil {
		return "none"
	}
	return gossh.FingerprintSHA256(key)
}

func refuseSubsystem(sess ssh.Session) {
	wish.Fatalln(sess, msgSubsystem)
}

// refuseAdminKey logs an admin key refused, by fingerprint and reason (never
// the address), the first time in a summary period, and counts it in the
// summaries; a connection that offers the same key again is not counted
// again.
func (s *Server) refuseAdminKey(ctx ssh.Context, key ssh.PublicKey, why string) {
	entry := fingerprint(key) + " (" + why + ")"
	if st, _ := ctx.Value(connStateKey{}).(*connState); st != nil && !st.firstRefusal(entry) {
		return
	}
	if s.limits.refuseAdminKey(entry) {
		s.cfg.Logger.Warn("admin key refused", "key", fingerprint(key), "why", why)
	}
}
