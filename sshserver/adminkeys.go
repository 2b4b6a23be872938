package sshserver

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"path"
	"strings"

	gossh "golang.org/x/crypto/ssh"
)

// adminKey is one line of the admin-keys file: the key, and the options
// before it, read as strictly as OpenSSH's sshd reads authorized_keys —
// unit="ID" (berakhlak's own) limits the admin to that unit's subtree
// everywhere; from="PATTERNS" limits the addresses the key is accepted
// from, as OpenSSH does (see fromAllowed). A line with anything else wrong
// or unknown is refused whole: an admin key must never get more than its
// line says (a typo of from= had made a key admin from anywhere).
type adminKey struct {
	wire []byte
	unit string   // "" = the whole agency
	from []string // nil = any address
}

// harmlessOptions are OpenSSH options that only turn off what this server
// never offers (forwarding, rc files): accepted, with nothing to do.
var harmlessOptions = map[string]bool{
	"no-agent-forwarding": true, "no-port-forwarding": true, "no-x11-forwarding": true, "no-user-rc": true, "restrict": true,
}

// unhonouredOptions are OpenSSH's other options: each would limit or change
// what the key may do in a way berakhlak does not carry out, so a line with
// one is refused rather than taken as if it were not there.
var unhonouredOptions = map[string]bool{
	"command": true, "environment": true, "expiry-time": true, "permitopen": true, "permitlisten": true,
	"principals": true, "tunnel": true, "cert-authority": true, "pty": true, "no-pty": true,
	"agent-forwarding": true, "port-forwarding": true, "x11-forwarding": true, "user-rc": true,
	"no-touch-required": true, "verify-required": true,
}

// keyTypes are the public key types an authorized_keys line may name: the
// ones the SSH server accepts a signature of.
var keyTypes = map[string]bool{
	gossh.KeyAlgoED25519: true, gossh.KeyAlgoRSA: true, gossh.KeyAlgoECDSA256: true, gossh.KeyAlgoECDSA384: true,
	gossh.KeyAlgoECDSA521: true, gossh.KeyAlgoSKED25519: true, gossh.KeyAlgoSKECDSA256: true,
}

// refusedKeyTypes are key types old authorized_keys files still name that
// the SSH library no longer reads nor accepts a signature of: the line is
// refused with what to do, not as "a key that cannot be read".
var refusedKeyTypes = map[string]string{
	"ssh-dss": "DSA (ssh-dss) keys are weak and SSH no longer accepts them; make an ed25519 key (ssh-keygen -t ed25519) and list that",
}

// parseAdminKeys reads an admin-keys file (authorized_keys format): blank
// lines and # comments are skipped; any other line must be a sound key line,
// or the whole file is refused with the line named.
func parseAdminKeys(data []byte, file string) ([]adminKey, error) {
	var keys []adminKey
	seen := map[string]int{} // key → line
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.Trim(strings.TrimSuffix(line, "\r"), blanks)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, err := parseAdminKeyLine(line)
		if err != nil {
			return nil, fmt.Errorf("admin keys %s:%d: %w; fix the line (nothing of the file was taken)", file, n+1, err)
		}
		if first, dup := seen[string(k.wire)]; dup {
			return nil, fmt.Errorf("admin keys %s:%d: the key of line %d again; list each key once (nothing of the file was taken)", file, n+1, first)
		}
		seen[string(k.wire)] = n + 1
		keys = append(keys, k)
	}
	return keys, nil
}

// blanks separate the fields of a line, as in sshd: spaces and tabs only
// (a key's base64 and its comment may be apart by a tab; any other
// character is part of a field).
const blanks = " \t"

func isBlank(r rune) bool { return r == ' ' || r == '\t' }

// parseAdminKeyLine reads one line: [options] keytype base64 [comment].
func parseAdminKeyLine(line string) (adminKey, error) {
	var k adminKey
	rest := line
	first := line
	if i := strings.IndexAny(line, blanks); i >= 0 {
		first = line[:i]
	}
	if !keyTypes[first] && refusedKeyTypes[first] == "" {
		options, after, err := splitOptions(line)
		if err != nil {
			return k, err
		}
		if err := k.apply(options); err != nil {
			return k, err
		}
		rest = after
	}
	fields := strings.FieldsFunc(rest, isBlank)
	if len(fields) < 2 {
		return k, fmt.Errorf("no key after the options (want [options] TYPE BASE64 [comment])")
	}
	if why := refusedKeyTypes[fields[0]]; why != "" {
		return k, errors.New(why)
	}
	if !keyTypes[fields[0]] {
		return k, fmt.Errorf("%q is not a public key type", fields[0])
	}
	blob, err := base64.StdEncoding.DecodeString(fields[1])
	if err != nil {
		return k, fmt.Errorf("the key is not base64: %v", err)
	}
	pub, err := gossh.ParsePublicKey(blob)
	if err != nil {
		return k, fmt.Errorf("the key cannot be read: %v", err)
	}
	if pub.Type() != fields[0] {
		return k, fmt.Errorf("the line says %s, the key is %s", fields[0], pub.Type())
	}
	k.wire = pub.Marshal()
	return k, nil
}

// keyOption is one option of a line: its name, lower-cased, and its value
// with quotes and escapes removed (hasValue: name="..." was written).
type keyOption struct {
	name, value string
	hasValue    bool
}

// splitOptions reads the comma-separated options up to the first blank
// outside quotes, as OpenSSH does: a value is quoted, may hold \" and
// commas, and its quote must close.
func splitOptions(line string) (opts []keyOption, rest string, err error) {
	i := 0
	for {
		start := i
		for i < len(line) && line[i] != '=' && line[i] != ',' && line[i] != ' ' && line[i] != '\t' {
			i++
		}
		opt := keyOption{name: strings.ToLower(line[start:i])}
		if opt.name == "" {
			return nil, "", fmt.Errorf("an empty option at column %d", i+1)
		}
		if i < len(line) && line[i] == '=' {
			i++
			if i >= len(line) || line[i] != '"' {
				return nil, "", fmt.Errorf("option %s needs a quoted value, e.g. %s=\"...\"", opt.name, opt.name)
			}
			i++
			var v strings.Builder
			for ; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' && i+1 < len(line) && line[i+1] == '"' {
					i++
				}
				v.WriteByte(line[i])
			}
			if i >= len(line) {
				return nil, "", fmt.Errorf("option %s: the quote of its value does not close", opt.name)
			}
			i++
			opt.value, opt.hasValue = v.String(), true
		}
		opts = append(opts, opt)
		if i >= len(line) {
			return nil, "", fmt.Errorf("no key after the options")
		}
		if line[i] == ',' {
			i++
			continue
		}
		if line[i] != ' ' && line[i] != '\t' {
			return nil, "", fmt.Errorf("unexpected %q after option %s", line[i], opt.name)
		}
		return opts, line[i:], nil
	}
}

// apply takes the options of a line into the key, refusing any it cannot
// honour exactly.
func (k *adminKey) apply(opts []keyOption) error {
	given := map[string]bool{}
	for _, o := range opts {
		if given[o.name] {
			return fmt.Errorf("option %s given twice", o.name)
		}
		given[o.name] = true
		switch {
		case o.name == "unit" || o.name == "from":
			if !o.hasValue {
				return fmt.Errorf("option %s needs a quoted value, e.g. %s=\"...\"", o.name, o.name)
			}
			if o.name == "unit" {
				if o.value == "" {
					return fmt.Errorf(`option unit="" names no unit`)
				}
				k.unit = o.value
				continue
			}
			from, err := parseFrom(o.value)
			if err != nil {
				return err
			}
			k.from = from
		case harmlessOptions[o.name]:
			if o.hasValue {
				return fmt.Errorf("option %s takes no value", o.name)
			}
		case unhonouredOptions[o.name]:
			return fmt.Errorf("option %s is OpenSSH's, but berakhlak does not carry it out; remove it (the key would otherwise get more than its line says)", o.name)
		default:
			return fmt.Errorf("unknown key option %q", o.name)
		}
	}
	return nil
}

// parseFrom checks every entry of a from= list: an address, an address with
// * and ? wildcards, or a CIDR block, each perhaps after !. A host name is
// refused: names are not looked up, so a !name would never deny.
func parseFrom(list string) ([]string, error) {
	var entries []string
	for _, e := range strings.Split(list, ",") {
		p := strings.TrimPrefix(e, "!")
		switch {
		case p == "":
			return nil, fmt.Errorf("from=: an empty entry")
		case strings.Contains(p, "/"):
			if _, _, err := net.ParseCIDR(p); err != nil {
				return nil, fmt.Errorf("from=: %q is not a CIDR block", e)
			}
		case strings.ContainsAny(p, "*?"):
			if strings.Trim(p, "0123456789abcdefABCDEF.:*?") != "" {
				return nil, fmt.Errorf("from=: %q is not an address pattern (host names are not looked up)", e)
			}
		case net.ParseIP(p) == nil:
			return nil, fmt.Errorf("from=: %q is not an address (host names are not looked up)", e)
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// fromAllowed matches an address against a from= pattern list as OpenSSH
// does for addresses: a pattern is an address with * and ? wildcards or a
// CIDR block, and ! before one denies; the list allows when some pattern
// matches and no denying one does.
func fromAllowed(patterns []string, addr net.Addr) bool {
	if len(patterns) == 0 {
		return true
	}
	host := addr.String()
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	ip := net.ParseIP(host)
	allowed := false
	for _, p := range patterns {
		deny := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(p, "!")
		if !addressMatches(p, host, ip) {
			continue
		}
		if deny {
			return false
		}
		allowed = true
	}
	return allowed
}

func addressMatches(pattern, host string, ip net.IP) bool {
	if strings.Contains(pattern, "/") {
		_, block, err := net.ParseCIDR(pattern)
		return err == nil && ip != nil && block.Contains(ip)
	}
	ok, err := path.Match(strings.ToLower(pattern), strings.ToLower(host)) // * and ?; an address has no /
	return err == nil && ok
}
