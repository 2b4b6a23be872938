package oplog

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestScrubRemovesAddressesAndPorts(t *testing.T) {
	for in, want := range map[string]string{
		"read tcp 127.0.0.1:2222->10.1.2.3:53980: reset": "read tcp [address]->[address]: reset",
		"from [::1]:40100 and fe80::1%eth0":              "from [address] and [address]",
		"2001:db8::8a2e:370:7334 closed":                 "[address] closed",
		"version 2.10.4 of 2026-12-01":                   "version 2.10.4 of 2026-12-01",
	} {
		if got := Scrub(in); got != want {
			t.Errorf("Scrub(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLibraryLogsLoseAddressesAndStacks: what a library logs through slog or
// charm's default logger reaches the operator's log with the message and the
// error only, addresses scrubbed, stacks and other attributes dropped.
func TestLibraryLogsLoseAddressesAndStacks(t *testing.T) {
	var out bytes.Buffer
	QuietLibraries(&out)
	defer slog.SetDefault(slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)))
	slog.Error("ssh: panic in session", "remote", "127.0.0.9:41234", "panic", "answers", "stack", "goroutine 7 [running]: main.f(0x2a)")
	slog.Warn("ssh: failed to accept session channel", "err", "read tcp 127.0.0.9:41234: reset")
	got := out.String()
	for _, leak := range []string{"127.0.0.9", "41234", "goroutine", "answers"} {
		if strings.Contains(got, leak) {
			t.Errorf("library log holds %q:\n%s", leak, got)
		}
	}
	if !strings.Contains(got, "ssh: panic in session") || !strings.Contains(got, "failed to accept session channel: read tcp [address]: reset") {
		t.Errorf("library log lost its messages:\n%s", got)
	}
}

func TestStackHasFunctionsWithoutArguments(t *testing.T) {
	s := Stack(0)
	if !strings.Contains(s, "oplog.TestStackHasFunctionsWithoutArguments") || strings.Contains(s, "0x") {
		t.Errorf("stack:\n%s", s)
	}
}
