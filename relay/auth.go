package relay

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nkeys"
)

// Auth is a deployment's NATS identities, NATS's own decentralised JWT
// scheme: an operator, its system account and the berakhlak account. The
// account's key signs user credentials (.creds files), each with only the
// permissions of its role (permissions.go). A server trusts the operator;
// credentials can be issued at any time without touching it.
type Auth struct {
	dir                       string // the folder they are kept in
	operator, system, account nkeys.KeyPair
}

// Key files in an Auth folder (0700), each an nkey seed (0600).
const (
	operatorKeyFile = "operator.nk"
	systemKeyFile   = "system.nk"
	accountKeyFile  = "account.nk"
)

// ErrNoAuth means the folder holds no identities yet.
var ErrNoAuth = errors.New("no NATS identities here yet")

// LoadAuth reads the identities kept in dir.
func LoadAuth(dir string) (*Auth, error) {
	read := func(name string, valid func(string) bool) (nkeys.KeyPair, error) {
		seed, err := os.ReadFile(filepath.Join(dir, name))
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("%s: %w (start `berakhlak serve --nats-listen` once, or run `berakhlak nats init`)", dir, ErrNoAuth)
		}
		if err != nil {
			return nil, fmt.Errorf("read NATS key: %w", err)
		}
		kp, err := nkeys.FromSeed([]byte(strings.TrimSpace(string(seed))))
		if err != nil {
			return nil, fmt.Errorf("%s: not an nkey seed: %w", filepath.Join(dir, name), err)
		}
		if pub, _ := kp.PublicKey(); !valid(pub) {
			return nil, fmt.Errorf("%s: a key of the wrong kind", filepath.Join(dir, name))
		}
		return kp, nil
	}
	a := Auth{dir: dir}
	var err error
	if a.operator, err = read(operatorKeyFile, nkeys.IsValidPublicOperatorKey); err != nil {
		return nil, err
	}
	if a.system, err = read(systemKeyFile, nkeys.IsValidPublicAccountKey); err != nil {
		return nil, err
	}
	if a.account, err = read(accountKeyFile, nkeys.IsValidPublicAccountKey); err != nil {
		return nil, err
	}
	return &a, nil
}

// LoadOrCreateAuth reads the identities in dir, creating them (0600 files in
// a 0700 folder) on first use; created says whether it did.
func LoadOrCreateAuth(dir string) (a *Auth, created bool, err error) {
	a, err = LoadAuth(dir)
	if !errors.Is(err, ErrNoAuth) {
		return a, false, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, false, fmt.Errorf("create %s: %w", dir, err)
	}
	for _, k := range []struct {
		name   string
		create func() (nkeys.KeyPair, error)
	}{{operatorKeyFile, nkeys.CreateOperator}, {systemKeyFile, nkeys.CreateAccount}, {accountKeyFile, nkeys.CreateAccount}} {
		kp, err := k.create()
		if err != nil {
			return nil, false, fmt.Errorf("create NATS key: %w", err)
		}
		seed, _ := kp.Seed()
		path := filepath.Join(dir, k.name)
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return nil, false, fmt.Errorf("write %s: %w", path, err)
		}
		_, werr := f.Write(append(seed, '\n'))
		if cerr := f.Close(); werr != nil || cerr != nil {
			return nil, false, fmt.Errorf("write %s: %w", path, errors.Join(werr, cerr))
		}
	}
	a, err = LoadAuth(dir)
	return a, err == nil, err
}

// AccountKey is the public key of the berakhlak account, which a leaf
// node's remote names (`account:` in nats.conf).
func (a *Auth) AccountKey() string { return publicKey(a.account) }

func publicKey(kp nkeys.KeyPair) string {
	pub, _ := kp.PublicKey() // a loaded key pair always has one
	return pub
}

// jwts are the operator's and the two accounts' claims, signed.
func (a *Auth) jwts() (operator, system, account string, err error) {
	oc := jwt.NewOperatorClaims(publicKey(a.operator))
	oc.Name = "berakhlak"
	oc.SystemAccount = publicKey(a.system)
	if operator, err = oc.Encode(a.operator); err != nil {
		return "", "", "", fmt.Errorf("sign operator: %w", err)
	}
	sc := jwt.NewAccountClaims(publicKey(a.system))
	sc.Name = "SYS"
	if system, err = sc.Encode(a.operator); err != nil {
		return "", "", "", fmt.Errorf("sign system account: %w", err)
	}
	ac := jwt.NewAccountClaims(publicKey(a.account))
	ac.Name = "BERAKHLAK"
	ac.Limits.JetStreamLimits = jwt.JetStreamLimits{MemoryStorage: -1, DiskStorage: -1, Streams: -1, Consumer: -1}
	issued, err := a.Issued()
	if err != nil {
		return "", "", "", err
	}
	for _, c := range issued {
		if c.Revoked != 0 {
			ac.RevokeAt(c.Key, time.Unix(c.Revoked, 0))
		}
	}
	if account, err = ac.Encode(a.operator); err != nil {
		return "", "", "", fmt.Errorf("sign account: %w", err)
	}
	return operator, system, account, nil
}

// Configure makes server options require these identities: the operator is
// trusted, the accounts are preloaded, no one connects without credentials.
func (a *Auth) Configure(o *server.Options) error {
	op, sys, acc, err := a.jwts()
	if err != nil {
		return err
	}
	oc, err := jwt.DecodeOperatorClaims(op)
	if err != nil {
		return err
	}
	resolver := &server.MemAccResolver{}
	if err := resolver.Store(publicKey(a.system), sys); err != nil {
		return err
	}
	if err := resolver.Store(publicKey(a.account), acc); err != nil {
		return err
	}
	o.TrustedOperators = []*jwt.OperatorClaims{oc}
	o.AccountResolver = resolver
	o.SystemAccount = publicKey(a.system)
	return nil
}

// ServerConfig is the part of a nats-server configuration file that makes a
// separately run server (a cluster node, a leaf node) trust these
// identities: the same operator, preloaded accounts.
func (a *Auth) ServerConfig() (string, error) {
	op, sys, acc, err := a.jwts()
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("# berakhlak NATS identities: include this in nats.conf on every node\n"+
		"# (a leaf node's remote names the berakhlak account: account: %s)\n"+
		"operator: %s\nsystem_account: %s\nresolver: MEMORY\nresolver_preload: {\n  %s: %s\n  %s: %s\n}\n",
		publicKey(a.account), op, publicKey(a.system), publicKey(a.system), sys, publicKey(a.account), acc), nil
}

// Creds issues a credentials file for an identity, with the permissions of
// its role only (permissions.go). It is not listed (Issue is): for the
// credentials a process issues itself.
func (a *Auth) Creds(id Identity) ([]byte, error) {
	data, _, err := a.creds(id)
	return data, err
}

func (a *Auth) creds(id Identity) (data []byte, user string, err error) {
	perms, err := permissionsOf(id)
	if err != nil {
		return nil, "", err
	}
	kp, err := nkeys.CreateUser()
	if err != nil {
		return nil, "", fmt.Errorf("create NATS user: %w", err)
	}
	uc := jwt.NewUserClaims(publicKey(kp))
	uc.Name = id.userName()
	uc.Permissions = perms
	signed, err := uc.Encode(a.account)
	if err != nil {
		return nil, "", fmt.Errorf("sign NATS user: %w", err)
	}
	seed, _ := kp.Seed()
	data, err = jwt.FormatUserConfig(signed, seed)
	return data, publicKey(kp), err
}
