package relay

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"

	"github.com/nats-io/nats.go"
)

// ConnWatch follows why a connection to NATS is down, in words that fit the
// cause: a certificate the CA does not sign, a certificate for another
// name or out of date, a client certificate the server wants, refused
// credentials, or a server that does not answer. The reconnect loop keeps
// its errors only for a moment (and tells credential refusals only to the
// error handler), so the watch keeps the last one until the connection is up.
type ConnWatch struct {
	nc      *nats.Conn
	mu      sync.Mutex
	cause   error
	refused error
}

// WatchConn starts watching nc. It takes over nc's error handler.
func WatchConn(nc *nats.Conn) *ConnWatch {
	w := &ConnWatch{nc: nc}
	nc.SetErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
		if refusedCredentials(err) {
			w.mu.Lock()
			w.refused = err
			w.mu.Unlock()
		}
	})
	nc.SetDisconnectErrHandler(func(_ *nats.Conn, err error) { w.note(err) })
	return w
}

// note keeps err as the cause, unless it only says the server was not
// reached while a more telling cause is known: a server that refuses a
// handshake closes the connection too, and the cause must not flap between
// the two in the log.
func (w *ConnWatch) note(err error) {
	if err == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cause != nil && specific(w.cause) && !specific(err) {
		return
	}
	w.cause = err
}

// specific reports whether err says more than that the server was not
// reached.
func specific(err error) bool {
	return !strings.HasPrefix(DescribeConnError(err), "NATS server unreachable")
}

// Problem says why the connection is down; "" while it is up.
func (w *ConnWatch) Problem() string {
	if w.nc.IsConnected() {
		w.mu.Lock()
		w.cause, w.refused = nil, nil
		w.mu.Unlock()
		return ""
	}
	w.note(w.nc.LastError())
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.refused != nil {
		return DescribeConnError(w.refused)
	}
	return DescribeConnError(w.cause)
}

// refusedCredentials reports whether err is the server refusing who we are.
func refusedCredentials(err error) bool {
	return errors.Is(err, nats.ErrAuthRevoked) || errors.Is(err, nats.ErrAuthorization) || errors.Is(err, nats.ErrAuthExpired)
}

// DescribeConnError turns why a connection failed into what to do about it.
func DescribeConnError(err error) string {
	var unknownCA x509.UnknownAuthorityError
	var wrongName x509.HostnameError
	var invalid x509.CertificateInvalidError
	var alert tls.AlertError
	var netErr *net.OpError
	switch {
	case err == nil:
		return "NATS server unreachable"
	case refusedCredentials(err):
		return "the NATS server refuses these credentials (revoked, or of another deployment): ask for new ones (`berakhlak nats creds`)"
	case errors.As(err, &unknownCA):
		return "the NATS server's certificate is not signed by the CA given (--nats-ca): give the CA that signed it"
	case errors.As(err, &wrongName):
		return fmt.Sprintf("the NATS server's certificate is not for the name connected to (%s): connect by a name or address the certificate lists", wrongName.Host)
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return "the NATS server's certificate has expired or is not yet valid: renew it (or check this machine's clock)"
	case errors.As(err, &invalid):
		return "the NATS server's certificate is not valid for a server: " + invalid.Error()
	case errors.As(err, &alert) && (alert == tls.AlertError(116) || alert == tls.AlertError(42)), // certificate required, bad certificate
		strings.Contains(err.Error(), "certificate required"), strings.Contains(err.Error(), "bad certificate"):
		return "the NATS server wants a client certificate it accepts: give --nats-cert and --nats-key signed by the CA it trusts"
	case errors.Is(err, nats.ErrSecureConnRequired):
		return "the NATS server speaks TLS only: connect with tls:// and --nats-ca"
	case strings.Contains(err.Error(), "first record does not look like a TLS handshake"), errors.Is(err, nats.ErrSecureConnWanted):
		return "the NATS server at this address does not speak TLS: check the URL and port, or its certificate settings"
	case errors.As(err, &netErr):
		return "NATS server unreachable (" + netErr.Err.Error() + ")"
	}
	return "NATS server unreachable (" + err.Error() + ")"
}
