package relay

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nats.go"
)

// ClientOptions say who a process is on NATS and how it reaches the server.
type ClientOptions struct {
	// Credentials: a .creds file, or its bytes (an agency server on its own
	// embedded NATS issues them to itself). They name the identity, and so
	// the inbox the connection listens on (the only one they allow).
	Creds     string
	CredsData []byte
	// TLS: the CA that signed the server's certificate, and a client
	// certificate where the server asks for one.
	CA, Cert, Key string
	// Insecure allows a plain nats:// connection to another machine.
	Insecure bool
}

func (o ClientOptions) natsOptions(urls string) ([]nats.Option, error) {
	if err := o.checkTransport(urls); err != nil {
		return nil, err
	}
	var opts []nats.Option
	if o.Creds != "" || o.CredsData != nil {
		id, err := o.Identity()
		if err != nil {
			return nil, err
		}
		opts = append(opts, nats.CustomInboxPrefix(id.inbox()))
	}
	switch {
	case o.CredsData != nil:
		userJWT, err := jwt.ParseDecoratedJWT(o.CredsData)
		if err != nil {
			return nil, fmt.Errorf("NATS credentials: %w", err)
		}
		kp, err := jwt.ParseDecoratedNKey(o.CredsData)
		if err != nil {
			return nil, fmt.Errorf("NATS credentials: %w", err)
		}
		seed, _ := kp.Seed()
		opts = append(opts, nats.UserJWTAndSeed(userJWT, string(seed)))
	case o.Creds != "":
		opts = append(opts, nats.UserCredentials(o.Creds))
	}
	if o.CA != "" {
		opts = append(opts, nats.RootCAs(o.CA))
	}
	if o.Cert != "" || o.Key != "" {
		opts = append(opts, nats.ClientCert(o.Cert, o.Key))
	}
	return opts, nil
}

// checkTransport refuses to send credentials and responses in clear text to
// another machine: a URL must be tls://, come with a CA, or name a loopback
// host, unless Insecure.
func (o ClientOptions) checkTransport(urls string) error {
	if o.Insecure || o.CA != "" {
		return nil
	}
	for _, raw := range strings.Split(urls, ",") {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil || u.Host == "" {
			return fmt.Errorf("NATS URL %q: write it as nats://HOST:PORT or tls://HOST:PORT", raw)
		}
		if u.Scheme == "tls" {
			continue
		}
		host := u.Hostname()
		if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() {
			continue
		}
		return fmt.Errorf("NATS URL %s would carry credentials and data in clear text to another machine: use tls://%s with --nats-ca, or --insecure on a network you control", raw, u.Host)
	}
	return nil
}

// Identity is who the credentials say this client is.
func (o ClientOptions) Identity() (Identity, error) {
	data, err := o.credsData()
	if err != nil {
		return Identity{}, err
	}
	id, err := IdentityOf(data)
	if err != nil && o.Creds != "" {
		return Identity{}, fmt.Errorf("%s: %w", o.Creds, err)
	}
	return id, err
}

// credsData is the credentials' bytes, given or read from their file.
func (o ClientOptions) credsData() ([]byte, error) {
	if o.CredsData != nil {
		return o.CredsData, nil
	}
	if o.Creds == "" {
		return nil, fmt.Errorf("no NATS credentials given (--nats-creds FILE, issued by `berakhlak nats creds`)")
	}
	data, err := os.ReadFile(o.Creds)
	if err != nil {
		return nil, fmt.Errorf("read NATS credentials: %w", err)
	}
	return data, nil
}

// MissingPermissions lists what this version lets the credentials' role do
// that the credentials themselves do not allow ("publish SUBJECT",
// "subscribe SUBJECT"): credentials issued by an older berakhlak, whose
// permissions were fixed when they were signed.
func (o ClientOptions) MissingPermissions() ([]string, error) {
	data, err := o.credsData()
	if err != nil {
		return nil, err
	}
	uc, err := userClaims(data)
	if err != nil {
		return nil, err
	}
	id, err := identityOfClaims(uc)
	if err != nil {
		return nil, err
	}
	want, err := permissionsOf(id)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, s := range want.Pub.Allow {
		if !uc.Permissions.Pub.Allow.Contains(s) {
			missing = append(missing, "publish "+s)
		}
	}
	for _, s := range want.Sub.Allow {
		if !uc.Permissions.Sub.Allow.Contains(s) {
			missing = append(missing, "subscribe "+s)
		}
	}
	return missing, nil
}
