// Package oplog writes what an operator needs to run berakhlak and nothing
// about any respondent: no address, port, client, terminal, session length
// or time of day. Lines carry the date only (a system journal that stamps
// lines with the time sees only lines that no respondent's action caused:
// start, stop, configuration, hourly summaries, errors, admin logins).
package oplog

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"charm.land/log/v2"
)

// DateFormat is the only time a log line carries.
const DateFormat = "2006-01-02"

// New returns a logger to w with date-only timestamps and a prefix.
func New(w io.Writer, prefix string) *log.Logger {
	return log.NewWithOptions(w, log.Options{ReportTimestamp: true, TimeFormat: DateFormat, Prefix: prefix})
}

// addresses matches IPv4 and IPv6 addresses, with or without a port.
var addresses = regexp.MustCompile(`\[?(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%\w+)?\]?(?::\d+)?|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b`)

// Scrub replaces every network address in s, with its port, by "[address]".
func Scrub(s string) string { return addresses.ReplaceAllString(s, "[address]") }

// QuietLibraries routes the logs that libraries write on their own (the SSH
// server's slog lines, charm's default logger) to w, with addresses scrubbed
// and stacks cut off: they would otherwise print a respondent's address and
// a stack whose arguments may hold session data.
func QuietLibraries(w io.Writer) {
	logger := New(scrubbingWriter{w}, "lib")
	slog.SetDefault(slog.New(&scrubbingHandler{logger: logger}))
	log.SetDefault(logger)
}

// scrubbingWriter scrubs addresses from each line and cuts it at a stack.
type scrubbingWriter struct{ w io.Writer }

func (s scrubbingWriter) Write(p []byte) (int, error) {
	line := Scrub(string(p))
	if i := strings.Index(line, "stack="); i >= 0 {
		line = strings.TrimRight(line[:i], " ") + "\n"
	}
	if _, err := io.WriteString(s.w, line); err != nil {
		return 0, err
	}
	return len(p), nil
}

// scrubbingHandler is a slog handler that keeps a record's message and its
// "err" or "error" attribute, scrubbed, and drops every other attribute.
type scrubbingHandler struct{ logger *log.Logger }

func (h *scrubbingHandler) Enabled(_ context.Context, level slog.Level) bool {
	return level >= slog.LevelWarn
}

func (h *scrubbingHandler) Handle(_ context.Context, r slog.Record) error {
	msg := Scrub(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "err" || a.Key == "error" {
			msg += ": " + Scrub(a.Value.String())
		}
		return true
	})
	if r.Level >= slog.LevelError {
		h.logger.Error(msg)
	} else {
		h.logger.Warn(msg)
	}
	return nil
}

func (h *scrubbingHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *scrubbingHandler) WithGroup(string) slog.Handler      { return h }

// Stack is the calling goroutine's stack as function names and lines only:
// no argument values, which may hold a respondent's answers.
func Stack(skip int) string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(skip+2, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	var b strings.Builder
	for {
		f, more := frames.Next()
		b.WriteString("\n  " + f.Function + " " + shortFile(f.File) + ":" + strconv.Itoa(f.Line))
		if !more {
			return b.String()
		}
	}
}

func shortFile(path string) string {
	if i := strings.LastIndex(path, "/"); i >= 0 {
		return path[i+1:]
	}
	return path
}

// Dated gives every line written to w that does not begin with a date the
// date (DateFormat) in front: a log file holds the plain lines a process
// prints (where it listens, its host key) beside its logger's, and each
// line must say when, to the day and no closer.
func Dated(w io.Writer, now func() time.Time) io.Writer { return &datedWriter{w: w, now: now} }

type datedWriter struct {
	mu  sync.Mutex
	w   io.Writer
	now func() time.Time
	mid bool // the last write ended inside a line
}

func (d *datedWriter) Write(p []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var b strings.Builder
	for _, line := range strings.SplitAfter(string(p), "\n") {
		if line == "" {
			continue
		}
		if !d.mid && !startsWithDate(line) {
			b.WriteString(d.now().Format(DateFormat) + " ")
		}
		b.WriteString(line)
		d.mid = !strings.HasSuffix(line, "\n")
	}
	if _, err := io.WriteString(d.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

func startsWithDate(line string) bool {
	if len(line) < len(DateFormat) {
		return false
	}
	_, err := time.Parse(DateFormat, line[:len(DateFormat)])
	return err == nil
}
