package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// explainWords makes every command below root refuse words it does not take
// the way it refuses flags: with the reason, the usage line and where to
// read more, on stderr with exit 1. Cobra alone prints a group's help and
// exits 0 on an unknown subcommand (`berakhlak survey lst`), so a typo in a
// script passed, and says only "accepts 1 arg(s), received 0" of a missing
// FILE.
func explainWords(root *cobra.Command) {
	for _, cmd := range root.Commands() {
		explainWords(cmd)
		switch {
		case cmd.HasSubCommands() && !cmd.Runnable():
			cmd.RunE = unknownSubcommand
			cmd.DisableFlagsInUseLine = true // its usage: the group alone (its help), or one of its commands
		case cmd.Args != nil:
			cmd.Args = withUsage(cmd.Args)
		}
	}
}

// unknownSubcommand runs a command that only groups others: alone it shows
// its help; with a word that is none of its commands it says so, naming the
// nearest ones.
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return cmd.Help()
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // as cobra's own for the root's commands
	}
	if near := cmd.SuggestionsFor(args[0]); len(near) > 0 {
		msg += "; did you mean " + strings.Join(near, " or ") + "?"
	}
	return fmt.Errorf("%s (see '%s --help')", msg, cmd.CommandPath())
}

// withUsage adds the usage line and the help to point at to an arguments
// check's refusal.
func withUsage(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageAfter(cmd, err)
		}
		return nil
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
