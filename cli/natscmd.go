package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/berakhlak/berakhlak/relay"
	"github.com/spf13/cobra"
)

func newNATSCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "nats",
		Short: "NATS identities: credentials for kiosks, agency servers and the national view",
		Long: "A deployment's NATS identities (an operator and its accounts, NATS's own JWT scheme) live in\n" +
			"DB.nats-auth beside the database, created by `nats init` or the first `serve --nats-listen`.\n" +
			"Every NATS user has the permissions of its role only: a kiosk may only publish responses; an\n" +
			"agency server may consume them and write its own keys in the aggregate bucket; the national\n" +
			"view may only read the bucket. See README \"Beyond one machine\".",
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
	var agency, out string
	creds := &cobra.Command{
		Use:   "creds kiosk|agency|national --out FILE [--agency ID]",
		Short: "Issue a credentials file for one role (written 0600)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			role := relay.Role(args[0])
			if !slices.Contains(relay.Roles, role) {
				return fmt.Errorf("role %q: use kiosk, agency or national", args[0])
			}
			if role == relay.RoleAgency && !unitID.MatchString(agency) {
				return fmt.Errorf("an agency's credentials need --agency ID (letters, digits, '.', '_' or '-'), the id it publishes under")
			}
			if out == "" {
				return fmt.Errorf("give --out FILE: credentials are a secret and go to a private file")
			}
			auth, err := relay.LoadAuth(natsAuthDir(g.dbPath))
			if err != nil {
				return err
			}
			data, err := auth.Creds(role, agency)
			if err != nil {
				return err
			}
			if err := writeFileWith(out, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s credentials written to %s (0600): give it with --nats-creds\n", role, out)
			return nil
		},
	}
	creds.Flags().StringVar(&agency, "agency", "", "the agency id (role agency)")
	creds.Flags().StringVar(&out, "out", "", "credentials file to write")
	cmd.AddCommand(creds)
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
