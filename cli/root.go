// Package cli defines berakhlak's commands: each parses its flags, opens what
// it needs, and hands the work to questionnaire, db or tui.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/spf13/cobra"
)

// globals are the flags every command takes, and where it runs.
type globals struct {
	dbPath         string
	instrumentPath string
	json           bool
	create         bool // a missing database may be created (init; kiosk and serve with --create)

	// held is the store of the process that runs this command for another
	// one (heldcmd.go); cwd is that other process's working directory.
	held *db.Store
	cwd  string
	// callerWidth is the columns of that other process's terminal.
	callerWidth int
	// opened is the database this process opened itself (not held by
	// another): the command is then logged beside it (commandlog.go).
	opened string
}

// Main runs the command line and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := &globals{}
	root := newRootWith(g)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := execute(context.Background(), root)
	var held heldError
	if errors.As(err, &held) {
		return runByHolder(held, args, terminalWidth(stdout), stdout, stderr)
	}
	exit := 0
	if err != nil {
		fmt.Fprintf(stderr, "berakhlak: %v\n", err)
		exit = 1
	}
	if g.opened != "" {
		logOwnCommand(g.opened, root, args, exit)
	}
	return exit
}

func newRoot() *cobra.Command { return newRootWith(&globals{}) }

// newRootWith builds the command tree over g (a held store, a caller's
// working directory, when a holding process runs a command).
func newRootWith(g *globals) *cobra.Command {
	root := newKioskCommand(g)
	root.SilenceUsage = true
	root.SilenceErrors = true
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { // every command asks its parents for this
		return fmt.Errorf("%w (see '%s --help')", err, cmd.CommandPath())
	})
	root.PersistentFlags().StringVar(&g.dbPath, "db", DefaultDBPath(), "database file (env BERAKHLAK_DB)")
	root.PersistentFlags().StringVar(&g.instrumentPath, "instrument", "", "instrument YAML file (default: the embedded instrument)")
	root.AddCommand(newSimulateCommand(g), newInstrumentCommand(g), newExportCommand(g), newScoresCommand(g), newImportCommand(g),
		newOrgCommand(g), newSurveyCommand(g), newTargetsCommand(g), newPlanCommand(g), newVerifyCommand(g), newKioskAdminCommand(g), newCodesCommand(g),
		newBackupCommand(g), newServeCommand(g), newAdminCommand(g), newReportCommand(g), newLoadtestCommand(g), newNATSCommand(g), newKeysCommand(g),
		newInitCommand(g))
	explainWords(root)
	return root
}

// DefaultDBPath is $BERAKHLAK_DB, else $XDG_DATA_HOME/berakhlak/berakhlak.db,
// else ~/.local/share/berakhlak/berakhlak.db.
func DefaultDBPath() string {
	if p := os.Getenv("BERAKHLAK_DB"); p != "" {
		return p
	}
	base := os.Getenv("XDG_DATA_HOME")
	if base == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "berakhlak.db"
		}
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "berakhlak", "berakhlak.db")
}

// instrument loads the active instrument: --instrument FILE, or the embedded one.
func (g *globals) instrument() (*questionnaire.Instrument, error) {
	if g.instrumentPath == "" {
		return questionnaire.Default(), nil
	}
	return questionnaire.Load(g.path(g.instrumentPath))
}

// newInitCommand creates a database where --db says, for the commands that
// prepare it (org import, survey, codes) before a kiosk or serve runs on it.
func newInitCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "init",
		Short: "Create the database named by --db (other commands never create one)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path := g.path(g.dbPath)
			if _, err := os.Stat(path); err == nil {
				fmt.Fprintf(cmd.OutOrStdout(), "a database is at %s already; nothing was changed\n", path)
				return nil
			}
			g.create = true
			return g.withDB(func(*db.Store) error {
				fmt.Fprintf(cmd.OutOrStdout(), "database created at %s (0600), with this year's survey open and every module\n", path)
				return nil
			})
		},
	}
}
