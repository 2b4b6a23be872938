package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/berakhlak/berakhlak/relay"
	"github.com/spf13/cobra"
)

func newNATSCredsCommand(g *globals) *cobra.Command {
	var agency, name, out string
	cmd := &cobra.Command{
		Use:   "creds kiosk|leaf|agency|national --out FILE [--agency ID] [--name NAME]",
		Short: "Issue a credentials file for one identity (written 0600)",
		Long: "Issue credentials for one identity. Each may do only its role's job, on its own agency's subjects:\n" +
			"  kiosk --agency ID --name NAME   publish responses to agency ID's stream (one per kiosk)\n" +
			"  leaf --agency ID --name NAME    a far office's leaf-node link: its kiosks' responses and replies\n" +
			"  agency --agency ID              take agency ID's responses, write its keys in the bucket\n" +
			"  national                        read the aggregate bucket\n" +
			"Agency ID's stream must be provisioned (`berakhlak nats provision --agency ID`).",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := relay.Identity{Role: relay.Role(args[0]), Agency: agency, Kiosk: name}
			if id.Role == relay.RoleProvision {
				return fmt.Errorf("provisioning issues its own credentials from the identities (`berakhlak nats provision`); none are written to a file")
			}
			if out == "" {
				return fmt.Errorf("give --out FILE: credentials are a secret and go to a private file")
			}
			auth, err := relay.LoadAuth(natsAuthDir(g.dbPath))
			if err != nil {
				return err
			}
			data, err := auth.Issue(id, time.Now())
			if err != nil {
				return err
			}
			if err := writeFileWith(out, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "credentials of %s written to %s (0600): give it with --nats-creds\n", id, out)
			return nil
		},
	}
	cmd.Flags().StringVar(&agency, "agency", "", "the agency id (kiosk, leaf, agency)")
	cmd.Flags().StringVar(&name, "name", "", "the kiosk's or office's name, unique within its agency (kiosk, leaf)")
	cmd.Flags().StringVar(&out, "out", "", "credentials file to write")
	return cmd
}

func newNATSRevokeCommand(g *globals) *cobra.Command {
	var agency, role string
	cmd := &cobra.Command{
		Use:   "revoke NAME --agency ID [--role kiosk|leaf]",
		Short: "Revoke every credentials file issued to a kiosk (or a far office's leaf node)",
		Long: "revoke puts the credentials issued to the named kiosk into the account's revocation list:\n" +
			"its connections are closed and it cannot come back; the agency's other kiosks go on. A running\n" +
			"`serve --nats-listen` applies it on SIGHUP; separately run nats-servers need the output of\n" +
			"`berakhlak nats config` on every node and a reload. Issue the kiosk new credentials to let it in again.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := relay.Identity{Role: relay.Role(role), Agency: agency, Kiosk: args[0]}
			if role == string(relay.RoleAgency) || role == string(relay.RoleNational) {
				id.Kiosk = ""
			}
			auth, err := relay.LoadAuth(natsAuthDir(g.dbPath))
			if err != nil {
				return err
			}
			n, err := auth.Revoke(id, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "revoked %d credentials of %s: send SIGHUP to a running `serve --nats-listen`; on separate nats-servers install `berakhlak nats config` and reload\n", n, id)
			return nil
		},
	}
	cmd.Flags().StringVar(&agency, "agency", "", "the kiosk's agency")
	cmd.Flags().StringVar(&role, "role", string(relay.RoleKiosk), "kiosk, leaf, agency (NAME is then the agency) or national")
	return cmd
}

func newNATSListCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the credentials issued with `nats creds`, and which are revoked",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			auth, err := relay.LoadAuth(natsAuthDir(g.dbPath))
			if err != nil {
				return err
			}
			list, err := auth.Issued()
			if err != nil {
				return err
			}
			if g.json {
				return json.NewEncoder(cmd.OutOrStdout()).Encode(list)
			}
			for _, c := range list {
				state := "valid"
				if c.Revoked != 0 {
					state = "revoked " + time.Unix(c.Revoked, 0).UTC().Format("2006-01-02")
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%-40s issued %s  %s  %s\n", c.Identity, c.Month, state, c.Key)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&g.json, "json", false, "print the list as JSON")
	return cmd
}

func newNATSProvisionCommand(g *globals) *cobra.Command {
	var url string
	var agencies []string
	var cfg relay.StreamConfig
	var client natsClientFlags
	cmd := &cobra.Command{
		Use:   "provision --nats URL --agency ID [--agency ID …]",
		Short: "Create the bucket and each agency's response stream and consumer, in their final configuration",
		Long: "Run on the national desk, which holds the deployment's identities (DB.nats-auth): it issues\n" +
			"itself provisioning credentials and creates, or brings to their final configuration, the\n" +
			"aggregate bucket and each named agency's response stream and consumer. Agencies may create or\n" +
			"change none of these. Idempotent: run it again to add an agency. `serve --nats-listen` does it\n" +
			"for its own agency.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if url == "" {
				return fmt.Errorf("give --nats URL, the NATS server (or cluster) to provision")
			}
			for _, a := range agencies { // before connecting
				if err := relay.CheckAgency(a); err != nil {
					return fmt.Errorf("--agency: %w", err)
				}
			}
			auth, err := relay.LoadAuth(natsAuthDir(g.dbPath))
			if err != nil {
				return err
			}
			if err := provision(url, client.options(), auth, agencies, cfg); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "provisioned on %s: bucket %s", url, relay.AggregateBucket)
			for _, a := range agencies {
				fmt.Fprintf(cmd.OutOrStdout(), ", stream %s", relay.ResponseStream(a))
			}
			fmt.Fprintln(cmd.OutOrStdout())
			return nil
		},
	}
	cmd.Flags().StringVar(&url, "nats", "", "NATS URL of the server or cluster")
	cmd.Flags().StringArrayVar(&agencies, "agency", nil, "an agency to provision (repeat for several)")
	intFlag(cmd.Flags(), &cfg.Replicas, "replicas", 1, "replicas of each stream and the bucket (3 on a three-node cluster)")
	byteSizeFlag(cmd.Flags(), &cfg.MaxBytes, "max-bytes", "size limit of each agency's response stream, e.g. 10GiB (0: the server's limit); kiosks keep what does not fit")
	client.registerTLS(cmd)
	return cmd
}

// provision connects as the provisioning role and provisions agencies.
func provision(url string, client relay.ClientOptions, auth *relay.Auth, agencies []string, cfg relay.StreamConfig) error {
	nc, err := relay.DialProvisioner(url, client, auth)
	if err != nil {
		return err
	}
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return relay.Provision(ctx, nc, agencies, cfg)
}
