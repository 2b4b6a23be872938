package oplog

import (
	"bufio"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// CaptureStderr routes everything written to the process's standard error
// through Filter to dest, until the returned function restores it. Libraries
// write there on their own: Bubble Tea prints a panicking program's value
// and full stack (argument values included, which may hold answers), and on
// the kiosk standard error is the screen the next respondent reads.
func CaptureStderr(dest io.Writer) (restore func(), err error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	old := os.Stderr
	os.Stderr = w
	done := make(chan struct{})
	go func() {
		defer close(done)
		Filter(r, dest)
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			os.Stderr = old
			w.Close()
			<-done
			r.Close()
		})
	}, nil
}

// Filter copies lines from r to w with addresses scrubbed, and replaces each
// panic dump (Bubble Tea's "Caught panic:" block and the stack after it) by
// one line that names no value.
func Filter(r io.Reader, w io.Writer) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	inPanic, inStack := false, false
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		switch {
		case strings.Contains(line, "Caught panic:"):
			inPanic, inStack = true, false
			io.WriteString(w, time.Now().Format(DateFormat)+" ERRO a program ended by an internal error (panic); its values and stack are not logged\n")
		case inPanic && strings.HasPrefix(line, "goroutine "):
			inStack = true
		case inPanic && inStack && line == "":
			inPanic, inStack = false, false
		case inPanic:
			// the panic's value, "Restoring terminal...", or a stack frame
		default:
			io.WriteString(w, Scrub(line)+"\n")
		}
	}
}
