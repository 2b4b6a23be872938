// Package cli defines berakhlak's commands: each parses its flags, opens what
// it needs, and hands the work to questionnaire, db or tui.
package cli

import (
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

	// held is the store of the process that runs this command for another
	// one (heldcmd.go); cwd is that other process's working directory.
	held *db.Store
	cwd  string
}

// Main runs the command line and returns the exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	var held heldError
	if errors.As(err, &held) {
		return runByHolder(held, args, stdout, stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "berakhlak: %v\n", err)
		return 1
	}
	return 0
}

func newRoot() *cobra.Command { return newRootWith(&globals{}) }

// newRootWith builds the command tree over g (a held store, a caller's
// working directory, when a holding process runs a command).
func newRootWith(g *globals) *cobra.Command {
	root := newKioskCommand(g)
	root.SilenceUsage = true
	root.SilenceErrors = true
	root.PersistentFlags().StringVar(&g.dbPath, "db", DefaultDBPath(), "database file (env BERAKHLAK_DB)")
	root.PersistentFlags().StringVar(&g.instrumentPath, "instrument", "", "instrument YAML file (default: the embedded instrument)")
	root.AddCommand(newSimulateCommand(g), newInstrumentCommand(g), newExportCommand(g), newScoresCommand(g), newImportCommand(g),
		newOrgCommand(g), newSurveyCommand(g), newTargetsCommand(g), newVerifyCommand(g), newKioskAdminCommand(g), newCodesCommand(g),
		newBackupCommand(g), newServeCommand(g), newAdminCommand(g), newReportCommand(g), newLoadtestCommand(g), newNATSCommand(g), newKeysCommand(g))
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
