package relay

import (
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Embedded is a single NATS server with JetStream inside this process: the
// one-office shape, and the server of the tests.
type Embedded struct {
	*server.Server
	Auth *Auth // the identities it trusts
}

// TLSFiles are a server's certificate and key (PEM); empty: no TLS.
// ClientCA, when set, makes the server require a client certificate signed
// by it (mutual TLS).
type TLSFiles struct{ Cert, Key, ClientCA string }

// StartEmbedded starts a server listening on addr (host:port; port 0 picks
// one) that keeps its streams under dir and lets in only users with
// credentials of auth (and TLS when tls names a certificate).
func StartEmbedded(addr, dir string, auth *Auth, tls TLSFiles) (*Embedded, error) {
	host, portText, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("NATS listen address %q: %w", addr, err)
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		return nil, fmt.Errorf("NATS listen address %q: port %q is not a number", addr, portText)
	}
	if port == 0 {
		port = server.RANDOM_PORT
	}
	opts := &server.Options{ServerName: "berakhlak", Host: host, Port: port,
		JetStream: true, StoreDir: dir, NoSigs: true, NoLog: true}
	if auth == nil {
		return nil, fmt.Errorf("embedded NATS server: no identities given; it never runs without authentication")
	}
	if err := auth.Configure(opts); err != nil {
		return nil, fmt.Errorf("embedded NATS server: %w", err)
	}
	if tls.Cert != "" || tls.Key != "" {
		cfg, err := server.GenTLSConfig(&server.TLSConfigOpts{CertFile: tls.Cert, KeyFile: tls.Key, CaFile: tls.ClientCA, Verify: tls.ClientCA != ""})
		if err != nil {
			return nil, fmt.Errorf("embedded NATS server TLS: %w", err)
		}
		opts.TLSConfig, opts.TLS, opts.TLSVerify = cfg, true, tls.ClientCA != ""
	}
	ns, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("embedded NATS server: %w", err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		ns.Shutdown()
		return nil, fmt.Errorf("embedded NATS server on %s did not start within 10s (is the port taken?)", addr)
	}
	return &Embedded{ns, auth}, nil
}

// Stop shuts the server down and waits until it has.
func (e *Embedded) Stop() {
	e.Shutdown()
	e.WaitForShutdown()
}
