package cli

import (
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/berakhlak/berakhlak/oplog"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Staff answer for what they change, on a screen or from a shell: a command
// another process has the holder of the database run, a command run on a
// database nothing holds (both but for the reads of figures below), and
// every command an admin key runs over SSH, leave a line saying what ran in
// the log the database's processes keep (the holder's; DB.log when none).
// The line is the command as the command tree parsed it — its path, its
// arguments, the flags given and their values — and its exit code; never
// what it printed or the error's text (an import's refusal may quote a
// line of the file), and never the words of a free-text flag.

// logOwnCommand logs a command that opened the database itself (nothing
// held it) in the database's log file, as the holder would have: the log
// beside a database then says what staff changed whichever way they ran
// it. The processes that hold a database for long (the kiosk, serve, an
// admin screen) log their own start and stop instead. A log that cannot be
// written loses the line, not the command's result, which stands.
func logOwnCommand(dbPath string, root *cobra.Command, args []string, exit int) {
	cmd := ranCommand(root, args)
	if cmd == nil || cmd.Name() == "serve" || cmd.Name() == "admin" || readsFigures(root, cmd) {
		return
	}
	file, err := oplog.OpenCapped(logPath(dbPath), maxLogBytes)
	if err != nil {
		return
	}
	defer file.Close()
	kv := append([]any{"uid", os.Getuid()}, commandForLog(root, cmd)...)
	oplog.New(oplog.Dated(file, time.Now), "cli").Info("ran a command", append(kv, "exit", exit)...)
}

// ranCommand is the command args ran under root, found once it has run
// (its flags are parsed then); nil for root itself or a command the tree
// does not know.
func ranCommand(root *cobra.Command, args []string) *cobra.Command {
	cmd, _, err := root.Find(args)
	if err != nil || cmd == root {
		return nil
	}
	return cmd
}

// pathUnder is cmd's path below root: "survey set".
func pathUnder(root, cmd *cobra.Command) string {
	return strings.TrimPrefix(cmd.CommandPath(), root.Name()+" ")
}

// figureReads are the commands that change nothing and take out no
// response. A script may run them every minute, and a line a minute would
// push what staff changed out of a kiosk's capped log, so they are not
// logged. export is not among them: raw responses leaving is worth a line.
var figureReads = []string{"scores", "survey list", "targets show", "plan list", "plan suggest", "org export",
	"instrument", "verify", "report", "nats list", "nats config", "keys recipient", "help", "completion"}

// readsFigures reports whether cmd (ranCommand's) is one of figureReads,
// or only printed its help.
func readsFigures(root, cmd *cobra.Command) bool {
	if cmd == nil {
		return false
	}
	if help := cmd.Flags().Lookup("help"); help != nil && help.Changed {
		return true
	}
	path := pathUnder(root, cmd)
	for _, read := range figureReads {
		if path == read || strings.HasPrefix(path, read+" ") { // completion bash, help scores
			return true
		}
	}
	return false
}

// freeText marks a flag whose value is someone's words (a plan's actions,
// its owner): its value stays out of the log, as the admin screen's lines
// leave a plan's words out.
const freeText = "berakhlak/free-text"

// markFreeText marks flags of cmd as free text.
func markFreeText(cmd *cobra.Command, names ...string) {
	for _, name := range names {
		if err := cmd.Flags().SetAnnotation(name, freeText, []string{"true"}); err != nil {
			panic(err) // a flag renamed without this call: a programming error, caught by every test that builds the tree
		}
	}
}

// commandForLog is the key-values of an audit line for cmd (ranCommand's).
// A command the tree does not know (nil) is "(unknown)": its words were
// made up by the caller. What the caller typed (arguments, flag values) is
// clipped, so a line stays one line of bounded length.
func commandForLog(root, cmd *cobra.Command) []any {
	if cmd == nil {
		return []any{"command", "(unknown)"}
	}
	kv := []any{"command", pathUnder(root, cmd)}
	if rest := cmd.Flags().Args(); len(rest) > 0 {
		kv = append(kv, "args", clip(strings.Join(rest, " ")))
	}
	var flags []string
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if f.Name == "db" {
			return // the holder's own database
		}
		value := f.Value.String()
		if _, words := f.Annotations[freeText]; words {
			value = "(words withheld)"
		}
		flags = append(flags, "--"+f.Name+"="+value)
	})
	if len(flags) > 0 {
		kv = append(kv, "flags", clip(strings.Join(flags, " ")))
	}
	return kv
}

// maxLogged bounds what of a caller's words one audit line carries.
const maxLogged = 200

// clip makes a caller's words fit one line: control characters (a line
// break, an escape sequence) become "?", and the text is cut to maxLogged
// bytes at a character's start, the cut marked.
func clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
	if len(s) <= maxLogged {
		return s
	}
	cut := maxLogged
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
