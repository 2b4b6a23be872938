package sshserver

import (
	"net"
	"testing"
)

func TestKeyOptions(t *testing.T) {
	unit, from, err := parseKeyOptions([]string{`unit="dit-a"`, `from="10.0.0.0/8,!10.1.2.3"`, "no-port-forwarding"})
	if err != nil || unit != "dit-a" || len(from) != 2 {
		t.Fatalf("got %q %q %v", unit, from, err)
	}
	for _, bad := range [][]string{{"unit=dit-a"}, {`unit=""`}, {"from"}, {`from="x`}} {
		if _, _, err := parseKeyOptions(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestFromPatterns: OpenSSH's rules for addresses — wildcards, CIDR, and a
// matching ! pattern denies whatever else matched.
func TestFromPatterns(t *testing.T) {
	addr := func(s string) net.Addr { return &net.TCPAddr{IP: net.ParseIP(s), Port: 50000} }
	for _, tc := range []struct {
		patterns []string
		ip       string
		want     bool
	}{
		{nil, "192.0.2.7", true},
		{[]string{"10.0.0.0/8"}, "10.9.8.7", true},
		{[]string{"10.0.0.0/8"}, "192.0.2.7", false},
		{[]string{"10.0.0.0/8", "!10.1.2.3"}, "10.1.2.3", false},
		{[]string{"!10.1.2.3", "10.0.0.0/8"}, "10.1.2.4", true},
		{[]string{"192.0.2.*"}, "192.0.2.77", true},
		{[]string{"192.0.2.?"}, "192.0.2.77", false},
		{[]string{"127.0.0.1"}, "127.0.0.1", true},
		{[]string{"!127.0.0.1"}, "127.0.0.1", false},
		{[]string{"!127.0.0.1"}, "127.0.0.2", false}, // only a denial: nothing allows
		{[]string{"::1"}, "::1", true},
	} {
		if got := fromAllowed(tc.patterns, addr(tc.ip)); got != tc.want {
			t.Errorf("from=%q for %s: %v, want %v", tc.patterns, tc.ip, got, tc.want)
		}
	}
}
