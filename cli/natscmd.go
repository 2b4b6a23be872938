package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/berakhlak/berakhlak/relay"
	"github.com/spf13/cobra"
)

func newNATSCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "nats",
		Short: "NATS identities: credentials for kiosks, agency servers and the national view; provisioning",
		Long: "A deployment's NATS identities (an operator and its accounts, NATS's own JWT scheme) live in\n" +
			"DB.nats-auth beside the database, created by `nats init` or the first `serve --nats-listen`.\n" +
			"Every NATS user has the permissions of its role only, and every agency its own subjects: a kiosk\n" +
			"may only publish responses to its agency; an agency server may take its own stream's responses\n" +
			"and write its own keys in the aggregate bucket; the national view may only read the bucket. No\n" +
			"one but `nats provision` creates or changes a stream. See README \"Who may do what\".",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "init",
		Short: "Create the NATS identities beside the database (once)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir := natsAuthDir(g.dbPath)
			_, created, err := relay.LoadOrCreateAuth(dir)
			if err != nil {
				return err
			}
			if !created {
				return fmt.Errorf("%s already holds NATS identities; nothing was changed", dir)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "NATS identities created in %s: keep the folder private and back it up\n", dir)
			return nil
		},
	})
	cmd.AddCommand(newNATSCredsCommand(g), newNATSProvisionCommand(g), newNATSRevokeCommand(g), newNATSListCommand(g))
	cmd.AddCommand(&cobra.Command{
		Use:   "config",
		Short: "Print the part of nats.conf that makes a separately run nats-server trust these identities",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			auth, err := relay.LoadAuth(natsAuthDir(g.dbPath))
			if err != nil {
				return err
			}
			text, err := auth.ServerConfig()
			if err != nil {
				return err
			}
			_, err = io.WriteString(cmd.OutOrStdout(), strings.TrimRight(text, "\n")+"\n")
			return err
		},
	})
	return cmd
}
