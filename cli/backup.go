package cli

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/berakhlak/berakhlak/db"
	"github.com/spf13/cobra"
)

func newBackupCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the database, even while a kiosk or server runs on it",
		Long: "backup writes a consistent hot copy of the database to FILE. When a running berakhlak holds\n" +
			"the database, it is asked (over its control socket) to write the copy, and keeps running.\n" +
			"Restore: stop berakhlak, copy FILE over the database path, run `berakhlak verify`.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			target, err := filepath.Abs(args[0])
			if err != nil {
				return err
			}
			var n int64
			store, err := g.openStore()
			switch {
			case errors.Is(err, db.ErrLocked):
				reply, err := askOwner(g.dbPath, controlRequest{Op: "backup", Path: target})
				if err != nil {
					return err
				}
				n = reply.Bytes
			case err != nil:
				return err
			default:
				defer store.Close()
				if n, err = store.Backup(target); err != nil {
					return err
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d bytes, a consistent copy of %s\n", target, n, g.dbPath)
			return nil
		},
	}
}
