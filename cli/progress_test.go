package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestProgressOnATerminalOnly: a bar on a terminal appears once the work
// has taken a second, shows the share done and is cleared at the end; to a
// file or pipe nothing is written.
func TestProgressOnATerminalOnly(t *testing.T) {
	master, tty, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer master.Close()
	var seen bytes.Buffer
	read := make(chan struct{})
	go func() { io.Copy(&seen, master); close(read) }()
	bar := startProgress(tty, "import", 200)
	bar.Add(50)
	time.Sleep(1300 * time.Millisecond)
	bar.Stop()
	tty.Close()
	<-read
	if out := seen.String(); !strings.Contains(out, "import") || !strings.Contains(out, " 25%") || !strings.HasSuffix(out, "\r\x1b[2K") {
		t.Fatalf("on a terminal the bar showed %q", out)
	}

	var file bytes.Buffer
	quiet := startProgress(&file, "import", 200)
	quiet.Add(200)
	time.Sleep(1100 * time.Millisecond)
	quiet.Stop()
	if file.Len() != 0 {
		t.Fatalf("to a non-terminal the bar wrote %q", file.String())
	}
}
