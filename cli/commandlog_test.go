package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/internal/testkit"
)

// A command another shell has the holder of the database run leaves a
// line in the holder's log: who asked (the user id), the command as parsed,
// its exit code. A plan's own words, the error's text and the time of day
// are not in it; a line stays one line, however long or odd the words. A
// read of figures (a script's `scores --json` every minute) leaves none;
// an export of responses does.
func TestCommandsRunForACallerAreLogged(t *testing.T) {
	path := newDB(t, filepath.Join(t.TempDir(), "s.db"))
	store := holdDB(t, path)
	log := &testkit.LockedBuffer{}
	stop, err := serveControl(store, "a kiosk", log)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	year := fmt.Sprint(time.Now().Year())

	for _, c := range []struct {
		args []string
		exit int
	}{
		{[]string{"survey", "set", year, "--k", "6", "--status", "closed", "--db", path}, 0},
		{[]string{"plan", "add", "--unit", "root", "--focus", "adaptif", "--actions", "Forum ide bulanan", "--owner", "Kepala Biro", "--due", "2027-02", "--survey", year, "--db", path}, 0},
		{[]string{"scores", "--json", "--db", path}, 0},
		{[]string{"survey", "list", "--db", path}, 0},
		{[]string{"survey", "set", "--help", "--db", path}, 0},
		{[]string{"import", "nowhere.jsonl", "--db", path}, 1},
		{[]string{"survey", "set", "x\nINFO forged line " + strings.Repeat("x", 300), "--k", "6", "--db", path}, 1},
		{[]string{"export", "--format", "jsonl", "--db", path}, 0},
	} {
		if _, stderr, code := run(t, c.args...); code != c.exit {
			t.Fatalf("%v: exit %d, want %d: %s", c.args, code, c.exit, stderr)
		}
	}
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 5 {
		t.Fatalf("want a line per command but the reads of figures, got %d:\n%s", len(lines), log.String())
	}
	uid := fmt.Sprintf("uid=%d", os.Getuid())
	for i, want := range [][]string{
		{`command="survey set"`, "args=" + year, "--k=6 --status=closed", "exit=0"},
		{`command="plan add"`, "--actions=(words withheld)", "--owner=(words withheld)", "--focus=adaptif", "exit=0"},
		{`command=import`, "args=nowhere.jsonl", "exit=1"},
		{`command="survey set"`, `args="x?INFO forged line xxx`, "…", "exit=1"},
		{`command=export`, "--format=jsonl", "exit=0"},
	} {
		for _, w := range append(want, uid, "ran a command for a caller", "control:") {
			if !strings.Contains(lines[i], w) {
				t.Errorf("line %d lacks %q: %s", i+1, w, lines[i])
			}
		}
		if !strings.HasPrefix(lines[i], time.Now().Format("2006-01-02")+" ") || strings.Count(strings.Fields(lines[i])[1], ":") > 0 {
			t.Errorf("line %d carries more than the date: %s", i+1, lines[i])
		}
		if len(lines[i]) > 500 {
			t.Errorf("line %d is %d bytes long", i+1, len(lines[i]))
		}
	}
	for _, never := range []string{"Forum ide", "Kepala Biro", "no such file", "--db", "forged line\n"} {
		if strings.Contains(log.String(), never) {
			t.Errorf("the log holds %q:\n%s", never, log.String())
		}
	}
}

// An admin key's command over SSH is logged with the key, the command as
// parsed and its exit code, the plan's words withheld; a command the admin
// tree does not know is logged as unknown, not in the words sent.
func TestAdminCommandsOverSSHAreLogged(t *testing.T) {
	f := startFixture(t)
	f.directorates(t)
	c := f.scopedAdmin(t, "dit-a")
	if _, stderr, err := runOverSSH(t, c, "plan add --unit sub-a1 --focus adaptif --actions 'Forum ide bulanan' --owner 'Kepala Subdit' --due 2027-02"); err != nil {
		t.Fatalf("plan add: %v %s", err, stderr)
	}
	if _, _, err := runOverSSH(t, c, "rm-rf-everything now"); err == nil {
		t.Fatal("an unknown command ran")
	}
	log := f.log.String()
	var plan, unknown string
	for _, line := range strings.Split(log, "\n") {
		switch {
		case strings.Contains(line, `command="plan add"`):
			plan = line
		case strings.Contains(line, "command=(unknown)"):
			unknown = line
		}
	}
	for _, want := range []string{"admin ran a command", "by=SHA256:", "--unit=sub-a1", "--actions=(words withheld)", "exit=0"} {
		if !strings.Contains(plan, want) {
			t.Errorf("the plan's line lacks %q:\n%s", want, log)
		}
	}
	if !strings.Contains(unknown, "exit=1") {
		t.Errorf("no line for the unknown command:\n%s", log)
	}
	for _, never := range []string{"Forum ide", "Kepala Subdit", "rm-rf", "127.0.0.1"} {
		if strings.Contains(plan+unknown, never) {
			t.Errorf("the admin's lines hold %q:\n%s", never, log)
		}
	}
}

// Every read of figures left out of the log is a command of the tree, so a
// renamed command cannot silently start filling a kiosk's log.
func TestFigureReadsAreCommands(t *testing.T) {
	root := newRootWith(&globals{})
	root.InitDefaultHelpCmd() // cobra adds these two as a command line runs
	root.InitDefaultCompletionCmd()
	for _, read := range figureReads {
		cmd, _, err := root.Find(strings.Fields(read))
		if err != nil || pathUnder(root, cmd) != read {
			t.Errorf("%q is not a command (found %v, %v)", read, cmd.CommandPath(), err)
		}
	}
}

// A command run on a database nothing holds is logged beside it, in
// DB.log, as the holder would have logged it; a read of figures is not,
// and neither is a command that failed before it opened the database.
func TestCommandsOnAFreeDatabaseAreLoggedBesideIt(t *testing.T) {
	path := newDB(t, filepath.Join(t.TempDir(), "s.db"))
	year := fmt.Sprint(time.Now().Year())
	for _, args := range [][]string{
		{"survey", "set", year, "--k", "7"},
		{"scores", "--json"},
		{"report", "--out", filepath.Join(filepath.Dir(path), "r.html")},
		{"plan", "add", "--unit", "root", "--focus", "loyal", "--actions", "Apel pagi", "--owner", "Sekretaris", "--due", "2027-04"},
	} {
		if _, stderr, code := run(t, append(args, "--db", path)...); code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
	}
	none := filepath.Join(t.TempDir(), "none.db")
	if _, _, code := run(t, "survey", "set", year, "--k", "7", "--db", none); code == 0 {
		t.Fatal("survey set on a database that does not exist succeeded")
	}
	if _, err := os.Stat(logPath(none)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a command that opened no database wrote %s (%v)", logPath(none), err)
	}
	log := testkit.ReadText(t, logPath(path))
	lines := strings.Split(strings.TrimSpace(log), "\n")
	uid := fmt.Sprintf("uid=%d", os.Getuid())
	if len(lines) != 3 || !strings.Contains(lines[0], `cli: ran a command `+uid+` command=init`) ||
		!strings.Contains(lines[1], `command="survey set" args=`+year+` flags="--k=7" exit=0`) ||
		!strings.Contains(lines[2], `command="plan add"`) || !strings.Contains(lines[2], "--actions=(words withheld)") {
		t.Errorf("DB.log after init, survey set, scores, report and plan add:\n%s", log)
	}
	if strings.Contains(log, "Apel pagi") || strings.Contains(log, "Sekretaris") {
		t.Errorf("DB.log holds a plan's words:\n%s", log)
	}
	if info, err := os.Stat(logPath(path)); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("DB.log: %v, %v; want 0600", info, err)
	}
}
