package oplog

import (
	"bytes"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
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

// TestFilterDropsPanicDumps feeds Filter what Bubble Tea writes when a
// program panics: the value and the stack never pass; lines around do.
func TestFilterDropsPanicDumps(t *testing.T) {
	dump := "2026-12-01 INFO ssh: started\n" +
		"Caught panic:\r\n\r\nanswer impl.pelayanan.1=4 of budi\r\n\r\nRestoring terminal...\r\n\r\n" +
		"goroutine 42 [running]:\r\nruntime/debug.Stack()\r\n\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e\r\n" +
		"github.com/berakhlak/berakhlak/tui.(*Kiosk).Update(0xc000123456, {0x1, 0x2})\r\n\t/src/tui/kiosk.go:99 +0x1\r\n\r\n" +
		"read tcp 127.0.0.1:2222->127.0.0.2:40000: reset\n"
	var out bytes.Buffer
	Filter(strings.NewReader(dump), &out)
	got := out.String()
	for _, leak := range []string{"budi", "impl.pelayanan", "goroutine", "kiosk.go", "0xc000123456", "127.0.0.2", "40000"} {
		if strings.Contains(got, leak) {
			t.Errorf("filtered output holds %q:\n%s", leak, got)
		}
	}
	for _, want := range []string{"ssh: started", "a program ended by an internal error (panic)", "read tcp [address]->[address]: reset"} {
		if !strings.Contains(got, want) {
			t.Errorf("filtered output lacks %q:\n%s", want, got)
		}
	}
}

// Every line of a log file carries the date, once, and no time of day.
func TestDatedLines(t *testing.T) {
	var b strings.Builder
	w := Dated(&b, func() time.Time { return time.Date(2026, 12, 6, 9, 41, 7, 0, time.UTC) })
	io.WriteString(w, "berakhlak: SSH on 127.0.0.1:2222\n2026-12-05 INFO  already dated\npart ")
	io.WriteString(w, "of a line\n")
	want := "2026-12-06 berakhlak: SSH on 127.0.0.1:2222\n2026-12-05 INFO  already dated\n2026-12-06 part of a line\n"
	if b.String() != want {
		t.Fatalf("got %q, want %q", b.String(), want)
	}
}
