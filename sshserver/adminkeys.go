package sshserver

import (
	"fmt"
	"net"
	"path"
	"strings"
)

// adminKey is one line of the admin-keys file: the key, and the options
// OpenSSH writes before it that berakhlak honours — unit="ID" limits the
// admin to that unit's subtree everywhere; from="PATTERNS" limits the
// addresses the key is accepted from, as OpenSSH does (see fromAllowed).
// Other options are ignored.
type adminKey struct {
	wire []byte
	unit string   // "" = the whole agency
	from []string // "" = any address
}

// parseKeyOptions reads the options of an authorized_keys line.
func parseKeyOptions(options []string) (unit string, from []string, err error) {
	for _, opt := range options {
		name, value, hasValue := strings.Cut(opt, "=")
		switch strings.ToLower(name) {
		case "unit", "from":
			if !hasValue || len(value) < 2 || value[0] != '"' || value[len(value)-1] != '"' {
				return "", nil, fmt.Errorf("option %s needs a quoted value, e.g. %s=\"...\"", name, name)
			}
			value = value[1 : len(value)-1]
			if strings.ToLower(name) == "unit" {
				if value == "" {
					return "", nil, fmt.Errorf(`option unit="" names no unit`)
				}
				unit = value
			} else {
				from = strings.Split(value, ",")
			}
		}
	}
	return unit, from, nil
}

// fromAllowed matches an address against a from= pattern list as OpenSSH
// does for addresses: a pattern is an address with * and ? wildcards or a
// CIDR block, and ! before one denies; the list allows when some pattern
// matches and no denying one does. Host names are not looked up (OpenSSH
// matches them only with UseDNS, off by default).
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
		p = strings.TrimSpace(p)
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
