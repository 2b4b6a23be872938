package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"charm.land/log/v2"
	"github.com/berakhlak/berakhlak/db"
	"github.com/spf13/cobra"
)

// One command surface, whether or not the database is held: when a kiosk or
// server holds it, a command that reads or changes it is run by that
// process, over its control socket (0600, control.go), with the same checks,
// output and exit code. The process's store serves the command; its admin
// screens see the change as any commit's event.

// heldError is a command's way of saying that another process holds its
// database; Main then has that process run it.
type heldError struct {
	dbPath string
	err    error
}

func (h heldError) Error() string { return h.err.Error() }
func (h heldError) Unwrap() error { return h.err }

// runFrame is one message of a run: a piece of standard output or error, or
// the end with the exit code and the error message Main would print.
type runFrame struct {
	Out   string `json:"o,omitempty"`
	Err   string `json:"e,omitempty"`
	Exit  *int   `json:"exit,omitempty"`
	Error string `json:"error,omitempty"`
}

// runByHolder sends the command line to the process holding the database and
// relays what it prints; it returns the command's exit code. width is the
// columns of the terminal stdout goes to (0: none), for the tables.
func runByHolder(held heldError, args []string, width int, stdout, stderr io.Writer) int {
	c, err := net.DialTimeout("unix", controlSocket(held.dbPath), 2*time.Second)
	if err != nil {
		fmt.Fprintf(stderr, "berakhlak: %v (and it does not answer on %s)\n", held.err, controlSocket(held.dbPath))
		return 1
	}
	defer c.Close()
	cwd, _ := os.Getwd()
	if err := json.NewEncoder(c).Encode(controlRequest{Op: "run", Args: args, Cwd: cwd, Width: width}); err != nil {
		fmt.Fprintf(stderr, "berakhlak: ask the process holding %s: %v\n", held.dbPath, err)
		return 1
	}
	dec := json.NewDecoder(bufio.NewReader(c))
	for {
		var f runFrame
		if err := dec.Decode(&f); err != nil {
			fmt.Fprintf(stderr, "berakhlak: the process holding %s stopped answering: %v\n", held.dbPath, err)
			return 1
		}
		io.WriteString(stdout, f.Out)
		io.WriteString(stderr, f.Err)
		if f.Exit != nil {
			if f.Error != "" {
				fmt.Fprintf(stderr, "berakhlak: %s\n", f.Error)
			}
			return *f.Exit
		}
	}
}

// runForCaller runs a command line another process sent, on this process's
// store, streams what it prints back, and logs that it ran and for whom (the
// caller's user id: the socket is 0600, so its owner or root), unless it only
// read figures.
func runForCaller(store *db.Store, c net.Conn, req controlRequest, logger *log.Logger) {
	var mu sync.Mutex
	enc := json.NewEncoder(c)
	send := func(f runFrame) {
		mu.Lock()
		defer mu.Unlock()
		enc.Encode(f)
	}
	root := newRootWith(&globals{held: store, cwd: req.Cwd, callerWidth: req.Width})
	end := func(code int, msg string) {
		if cmd := ranCommand(root, req.Args); !readsFigures(root, cmd) {
			kv := append([]any{"uid", callerUID(c)}, commandForLog(root, cmd)...)
			logger.Info("ran a command for a caller", append(kv, "exit", code)...)
		}
		send(runFrame{Exit: &code, Error: msg})
	}
	if why := notForHolder(root, req.Args); why != "" {
		end(1, why)
		return
	}
	root.SetArgs(req.Args)
	root.SetIn(strings.NewReader(""))
	root.SetOut(frameWriter(func(s string) { send(runFrame{Out: s}) }))
	root.SetErr(frameWriter(func(s string) { send(runFrame{Err: s}) }))
	if err := execute(context.Background(), root); err != nil {
		end(1, err.Error())
		return
	}
	end(0, "")
}

// notForHolder says why a command cannot be run by the holding process
// (empty when it can): the programs that would open the database
// themselves, and a PIN the kiosk reads only when it starts.
func notForHolder(root *cobra.Command, args []string) string {
	cmd, _, err := root.Find(args)
	switch {
	case err != nil:
		return err.Error()
	case cmd == root, slices.Contains([]string{"serve", "admin", "loadtest", "backup"}, cmd.Name()):
		return fmt.Sprintf("%q runs on its own database: stop the process that holds it first", cmd.CommandPath())
	case cmd.Name() == "pin":
		return "the kiosk reads its PIN when it starts: stop it, set the PIN with `berakhlak kiosk pin`, and start it again"
	}
	return ""
}

// frameWriter sends what a command writes as frames.
type frameWriter func(string)

func (w frameWriter) Write(p []byte) (int, error) {
	w(string(p))
	return len(p), nil
}
