package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// explainWords makes cmd and every command below it refuse words they do
// not take the way they refuse flags: with the reason, the nearest commands
// where there are some, the usage line and where to read more, on stderr
// with exit 1. Cobra alone prints a group's help and exits 0 on an unknown
// subcommand (`berakhlak survey lst`), so a typo in a script passed, and
// says only "accepts 1 arg(s), received 0" of a missing FILE.
func explainWords(cmd *cobra.Command) {
	switch {
	case cmd.HasSubCommands() && !cmd.Runnable():
		cmd.RunE = unknownSubcommand
		cmd.DisableFlagsInUseLine = true // its usage: the group alone (its help), or one of its commands
	case cmd.Args != nil:
		cmd.Args = withUsage(cmd.Args)
	}
	if cmd.HasSubCommands() && cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // as cobra's own, which only the root would get
	}
	for _, sub := range cmd.Commands() {
		explainWords(sub)
	}
}

// unknownSubcommand runs a command that only groups others: alone it shows
// its help; with a word that is none of its commands it says so.
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return cmd.Help()
	}
	return fmt.Errorf("unknown command %q for %q%s (see '%s --help')", args[0], cmd.CommandPath(), nearest(cmd, args[0]), cmd.CommandPath())
}

// nearest names cmd's commands a mistyped word was likely meant to be, or
// is "" when none is near.
func nearest(cmd *cobra.Command, word string) string {
	if near := cmd.SuggestionsFor(word); len(near) > 0 {
		return "; did you mean " + strings.Join(near, " or ") + "?"
	}
	return ""
}

// withUsage adds to an arguments check's refusal the usage line, or for a
// command that has commands of its own (the kiosk's root) the nearest of
// them, and the help to point at.
func withUsage(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		err := check(cmd, args)
		switch {
		case err == nil:
			return nil
		case cmd.HasSubCommands() && len(args) > 0:
			return fmt.Errorf("%w%s (see '%s --help')", err, nearest(cmd, args[0]), cmd.CommandPath())
		}
		return usageAfter(cmd, err)
	}
}

// usageAfter is err followed by cmd's usage line and its help.
func usageAfter(cmd *cobra.Command, err error) error {
	return fmt.Errorf("%w; usage: %s (see '%s --help')", err, cmd.UseLine(), cmd.CommandPath())
}

// execute runs root's command line, and adds the usage line and the help to
// point at to cobra's refusal of a missing required flag, which it returns
// bare ("required flag(s) "from", "to" not set").
func execute(ctx context.Context, root *cobra.Command) error {
	cmd, err := root.ExecuteContextC(ctx)
	if err != nil && cmd != nil && strings.HasPrefix(err.Error(), "required flag(s) ") {
		return usageAfter(cmd, err)
	}
	return err
}
