package sshserver

import (
	"bytes"
	"fmt"
	"os"
	"sync"

	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"
)

// keySet is the admin keys: the authorized_keys file, re-read on demand,
// and an optional local key.
type keySet struct {
	path, extra string
	mu          sync.RWMutex
	keys        [][]byte // wire forms
}

func (k *keySet) load() error {
	var keys [][]byte
	if k.path != "" {
		data, err := os.ReadFile(k.path)
		if err != nil {
			return fmt.Errorf("admin keys: %w", err)
		}
		// ParseAuthorizedKey skips comments and blank lines and fails only
		// when no key is left in the rest of the file.
		for len(bytes.TrimSpace(data)) > 0 {
			pub, _, _, rest, err := gossh.ParseAuthorizedKey(data)
			if err != nil {
				break
			}
			keys = append(keys, pub.Marshal())
			data = rest
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
		keys = append(keys, signer.PublicKey().Marshal())
	}
	k.mu.Lock()
	k.keys = keys
	k.mu.Unlock()
	return nil
}

func (k *keySet) has(key ssh.PublicKey) bool {
	if key == nil {
		return false
	}
	wire := key.Marshal()
	k.mu.RLock()
	defer k.mu.RUnlock()
	for _, w := range k.keys {
		if bytes.Equal(w, wire) {
			return true
		}
	}
	return false
}

// publicKeyAuth: admin only with a listed key; respondents with any key.
// This callback also sees keys the client merely offers, so it decides
// nothing about roles: gate checks the key that completed authentication.
func (s *Server) publicKeyAuth(ctx ssh.Context, key ssh.PublicKey) bool {
	switch ctx.User() {
	case UserAdmin:
		return s.adminKeys.has(key)
	case UserRespondent, UserSurvey:
		return true
	}
	return false
}

// keyboardInteractiveAuth lets respondents in without a password (and other
// users, who then read why they are refused); never admin.
func (s *Server) keyboardInteractiveAuth(ctx ssh.Context, _ gossh.KeyboardInteractiveChallenge) bool {
	return ctx.User() != UserAdmin
}

// gate refuses, with a message, what is not a survey or admin session:
// commands, unknown users, and an admin without a listed key.
func (s *Server) gate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		switch user := sess.User(); {
		case len(sess.Command()) > 0 || sess.RawCommand() != "":
			wish.Fatalln(sess, msgCommands)
		case user == UserAdmin && !s.adminKeys.has(sess.PublicKey()):
			s.cfg.Logger.Warn("admin refused: key not listed", "key", fingerprint(sess.PublicKey()))
			wish.Fatalln(sess, msgAdminKey)
		case user != UserAdmin && user != UserRespondent && user != UserSurvey:
			wish.Fatalln(sess, msgUnknownUser(user))
		case user == UserAdmin:
			// Admins are not survey subjects: their logins are logged by key.
			s.cfg.Logger.Info("admin session", "key", fingerprint(sess.PublicKey()))
			next(sess)
		default:
			next(sess)
		}
	}
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
