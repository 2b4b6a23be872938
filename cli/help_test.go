package cli

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// placeholder is a word in capitals (FILE, URL): what a flag's value may be
// called in --help besides the name of its type (string, duration), never
// a command lifted from the description (cobra takes the first `quoted`
// text of a flag's usage as the name of its value).
var placeholder = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// TestEveryFlagHelpNamesItsValueInAWord runs through every command's
// flags, as `--help` shows them: each value's placeholder is a word, never
// a command line lifted from the flag's description.
func TestEveryFlagHelpNamesItsValueInAWord(t *testing.T) {
	var walk func(cmd *cobra.Command)
	checked := 0
	walk = func(cmd *cobra.Command) {
		for _, set := range []*pflag.FlagSet{cmd.LocalFlags(), cmd.InheritedFlags()} {
			set.VisitAll(func(f *pflag.Flag) {
				checked++
				name, usage := pflag.UnquoteUsage(f)
				// What pflag calls a value of the flag's type.
				typeName, _ := pflag.UnquoteUsage(&pflag.Flag{Value: f.Value, Usage: strings.ReplaceAll(f.Usage, "`", "")})
				if name != typeName && !placeholder.MatchString(name) {
					t.Errorf("%s --%s: its value shows as %q (%q)", cmd.CommandPath(), f.Name, name, usage)
				}
			})
		}
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(newRoot())
	if checked < 100 {
		t.Fatalf("only %d flags seen", checked)
	}
}

// An unknown flag says where to look.
func TestUnknownFlagPointsToHelp(t *testing.T) {
	_, stderr, code := run(t, "scores", "--bogus")
	if code == 0 || !strings.Contains(stderr, "unknown flag: --bogus") || !strings.Contains(stderr, "berakhlak scores --help") {
		t.Fatalf("exit %d, stderr %q; want the flag named and `berakhlak scores --help`", code, stderr)
	}
}

// A word a command does not take, or a required flag left out, is refused
// as an unknown flag is: on stderr, exit 1, with what was wrong and where to
// read more; a group's unknown command names the nearest ones, and a group
// alone still shows its help.
func TestWrongWordsAreRefusedWithTheUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"survey", "lst"}, []string{`unknown command "lst" for "berakhlak survey"`, "did you mean list", "'berakhlak survey --help'"}},
		{[]string{"codes", "gen"}, []string{"did you mean generate?"}},
		{[]string{"sores"}, []string{`unknown command "sores" for "berakhlak"`, "did you mean codes or scores?", "'berakhlak --help'"}},
		{[]string{"backup"}, []string{"accepts 1 arg(s), received 0", "usage: berakhlak backup FILE", "'berakhlak backup --help'"}},
		{[]string{"export", "extra"}, []string{`unknown command "extra" for "berakhlak export"`, "usage: berakhlak export"}},
		{[]string{"targets", "propose"}, []string{`required flag(s) "from", "to" not set`, "usage: berakhlak targets propose --from", "'berakhlak targets propose --help'"}},
	} {
		out, stderr, code := run(t, tc.args...)
		if code != 1 || out != "" {
			t.Errorf("%v: exit %d, stdout %q", tc.args, code, out)
		}
		for _, w := range tc.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%v: stderr %q lacks %q", tc.args, stderr, w)
			}
		}
	}
	out, _, code := run(t, "survey")
	if code != 0 || !strings.Contains(out, "Available Commands:") {
		t.Fatalf("survey alone: exit %d, %q", code, out)
	}
}

// --version names what a bug report needs: the build, the database layout
// it reads and writes, and the embedded instrument's version.
func TestVersionNamesTheBuildTheSchemaAndTheInstrument(t *testing.T) {
	out, stderr, code := run(t, "--version")
	want := fmt.Sprintf("database schema %d · embedded instrument %s", db.SchemaVersion, questionnaire.Default().Version)
	if code != 0 || !strings.HasPrefix(out, "berakhlak ") || !strings.Contains(out, want) || !strings.Contains(out, runtime.Version()) {
		t.Fatalf("--version: exit %d, %q (stderr %q); want %q and %s", code, out, stderr, want, runtime.Version())
	}
}
