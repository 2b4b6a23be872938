package sshserver

import (
	"net"
	"strings"
	"testing"
)

// TestAdminKeyLines reads lines as sshd(8) reads authorized_keys ("AUTHORIZED_KEYS FILE FORMAT"):
// the verdict is OpenSSH's where it has one — it refuses an unknown option,
// an unclosed quote and a second from= — and berakhlak's stricter one where
// OpenSSH would carry out an option berakhlak does not (refused rather than
// ignored), or would skip an entry it cannot parse (refused rather than
// skipped, which had let a from= with a broken deny entry allow too much).
func TestAdminKeyLines(t *testing.T) {
	key := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGsrT1RRxZ7nGsc/l0Af3q0TuA7JJTEnm6mqk4mANSyL key-a"
	// A DSA key made by ssh-keygen -t dsa (OpenSSH 9.2), as an old
	// authorized_keys file may hold: refused with what to do instead.
	dsaKey := "ssh-dss AAAAB3NzaC1kc3MAAACBAI5BfTrAorWSQUtBDd2vRbYiy0XUFnh6Ny6myuh3veQihQgHwbS/U9LoaOnLBp10pBvEoKGeKIPCVr8FEchaIT8uFpywqEB/Pk0gtWDQ90y81OMhso1tan9AKHO19qgeKWW52BqRTCP8cZcHmHuPfPmUf3l9sqYI04vfpHpvCYtPAAAAFQD39t/OnOyABOXhHWD6r/RLWYDOoQAAAIAh/eWCkpu5YMz32NA6UxmKdffY0C41difZ/XhiOreNGqlm4LXfDadu8LfDgtQbaCVCGMmjFDF73ilPdb+LTn42ec3nVCdiynJZLMZQ9vRodyc0Md8WI6oQOjDeuWZqiLNhhmUP2j69K5OMo7IPOT20klFuiK3zuU0+Vt7FWk1OFwAAAIAi4Sy0WeCdMYUfLmhwjf6PV0FyLwSwj6uF/fP3II0G2uzj5wPF01ml+oQxACNNaY1sMQyYFbIu/csz9YTV4shn2hS0ynO9m3xVAONDkoXms8eep5zRrpIsQVUiYHtqVrWXK6EwGBrIoam0dRxcV+2BBdsWZF3idMmKWWTLq+G2gQ== old-admin"
	for _, tc := range []struct {
		line string
		ok   bool
		unit string
		from int
		why  string
	}{
		// OpenSSH's own examples (sshd(8)), the options berakhlak honours.
		{key, true, "", 0, ""},
		{`from="*.sales.example.net,!pc.sales.example.net" ` + key, false, "", 0, "host names are not looked up"},
		{`from="10.0.0.0/8,!10.1.2.3" ` + key, true, "", 2, ""},
		{`no-port-forwarding,no-agent-forwarding,no-X11-forwarding,no-user-rc ` + key, true, "", 0, ""},
		{`restrict ` + key, true, "", 0, ""},
		{`command="dump /home",no-pty,no-port-forwarding ` + key, false, "", 0, "option command is OpenSSH's"},
		{`permitopen="192.0.2.1:80",permitopen="192.0.2.2:25" ` + key, false, "", 0, "option permitopen"},
		{`tunnel="0",command="sh /etc/netstart tun0" ` + key, false, "", 0, "option tunnel"},
		{`expiry-time="20271231" ` + key, false, "", 0, "option expiry-time"},
		{`unit="dit-a" ` + key, true, "dit-a", 0, ""},
		{`unit="dit-a",from="127.0.0.1,::1" ` + key, true, "dit-a", 2, ""},
		{`from="192.0.2.*" ` + key, true, "", 1, ""},
		// Tabs separate fields as spaces do (sshd, and x/crypto's reader;
		// FuzzAdminKeyLine holds the two readers to each other).
		{strings.Replace(key, " ", "\t", 1), true, "", 0, ""},
		{"unit=\"dit-a\"\t\t" + strings.ReplaceAll(key, " ", "\t"), true, "dit-a", 0, ""},
		// Issue 28/37's lines.
		{`frm="127.0.0.2" ` + key, false, "", 0, `unknown key option "frm"`},
		{`from="!127.0.0.1/33,127.0.0.0/8" ` + key, false, "", 0, `"!127.0.0.1/33" is not a CIDR block`},
		{`unit="x ` + key, false, "", 0, "does not close"},
		{`from="127.0.0.1",from="127.0.0.2" ` + key, false, "", 0, "option from given twice"},
		{`unit="a",unit="b" ` + key, false, "", 0, "option unit given twice"},
		// Malformed in other ways.
		{`unit=dit-a ` + key, false, "", 0, "needs a quoted value"},
		{`unit="" ` + key, false, "", 0, "names no unit"},
		{`from ` + key, false, "", 0, "needs a quoted value"},
		{`no-pty="x" ` + key, false, "", 0, "option no-pty is OpenSSH's"},
		{`restrict="x" ` + key, false, "", 0, "takes no value"},
		{`unit="a"` + key, false, "", 0, "unexpected"},
		{`unit="a",`, false, "", 0, "an empty option"},
		{`unit="a" ssh-ed25519`, false, "", 0, "no key after the options"},
		{`ssh-ed25519 not-base64!`, false, "", 0, "not base64"},
		{`ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIGsrT1RRxZ7nGsc/l0Af3q0TuA7JJTEnm6mqk4mANSyL`, false, "", 0, "the line says ssh-rsa"},
		{dsaKey, false, "", 0, "make an ed25519 key (ssh-keygen -t ed25519)"},
		{`unit="dit-a" ` + dsaKey, false, "", 0, "DSA (ssh-dss) keys are weak"},
	} {
		k, err := parseAdminKeyLine(tc.line)
		if (err == nil) != tc.ok {
			t.Errorf("%s: error %v, want accepted %v", tc.line, err, tc.ok)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), tc.why) {
			t.Errorf("%s: error %q lacks %q", tc.line, err, tc.why)
		}
		if err == nil && (k.unit != tc.unit || len(k.from) != tc.from) {
			t.Errorf("%s: unit %q from %q", tc.line, k.unit, k.from)
		}
	}
}

// A file is taken whole or not at all: comments and blank lines are
// skipped, a bad line is named with its file and number, and a key listed
// twice is refused.
func TestAdminKeysFile(t *testing.T) {
	key := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGsrT1RRxZ7nGsc/l0Af3q0TuA7JJTEnm6mqk4mANSyL key-a"
	keys, err := parseAdminKeys([]byte("# admins\n\n"+key+"\r\n"), "admins")
	if err != nil || len(keys) != 1 {
		t.Fatalf("%d keys, %v", len(keys), err)
	}
	if _, err := parseAdminKeys([]byte("# admins\n"+key+"\nfrm=\"x\" "+key+"\n"), "admins"); err == nil || !strings.Contains(err.Error(), "admins:3: unknown key option") {
		t.Errorf("a bad third line: %v", err)
	}
	if _, err := parseAdminKeys([]byte(key+"\n"+`unit="a" `+key+"\n"), "admins"); err == nil || !strings.Contains(err.Error(), "admins:2: the key of line 1 again") {
		t.Errorf("a key listed twice: %v", err)
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
		{[]string{"127.0.0.0/8", "!127.0.0.1"}, "127.0.0.1", false},
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
