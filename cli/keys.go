package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"filippo.io/age"
	"github.com/spf13/cobra"
)

// The agency's age key seals raw responses (db/sealed.go). The identity
// (private half) lives in a 0600 file kept offline; only its recipient
// (public half) is given to surveys, so no database ever holds the key.

func newKeysCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Make and read the agency key that seals raw responses",
		Long: "Raw responses of a survey with a recipient are stored sealed to the agency's age key: a stolen\n" +
			"kiosk or server file reveals no one's answers, while figures (admin screen, scores, reports) need\n" +
			"no key. Keep the identity file offline, in two copies: without it the raw answers cannot be\n" +
			"recovered (the figures remain). See README, \"Sealed responses\".",
	}
	var out string
	var asJSON bool
	initCmd := &cobra.Command{
		Use:   "init --out FILE",
		Short: "Create an agency identity (0600) and print its recipient for `survey set --recipient`",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return errors.New("--out FILE is needed: where to write the new identity (keep it offline)")
			}
			id, err := age.GenerateX25519Identity()
			if err != nil {
				return fmt.Errorf("generate identity: %w", err)
			}
			path := g.path(out)
			if err := writeIdentity(path, id); err != nil {
				return err
			}
			recipient := id.Recipient().String()
			if asJSON {
				return json.NewEncoder(cmd.OutOrStdout()).Encode(map[string]string{"identity_file": out, "recipient": recipient})
			}
			fmt.Fprintln(cmd.OutOrStdout(), recipient)
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (0600): keep it offline in two copies; give surveys the recipient above:\n"+
				"  berakhlak survey set ID --recipient %s\n", out, recipient)
			return nil
		},
	}
	initCmd.Flags().StringVar(&out, "out", "", "file to write the identity to (must not exist)")
	initCmd.Flags().BoolVar(&asJSON, "json", false, "print the file and recipient as JSON")
	var idFile string
	recipientCmd := &cobra.Command{
		Use:   "recipient --identity FILE",
		Short: "Print the recipient (public key) of an identity file",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ids, err := readIdentities(g.path(idFile))
			if err != nil {
				return err
			}
			for _, id := range ids {
				if x, ok := id.(*age.X25519Identity); ok {
					fmt.Fprintln(cmd.OutOrStdout(), x.Recipient())
				}
			}
			return nil
		},
	}
	recipientCmd.Flags().StringVar(&idFile, "identity", "", "identity `FILE` made by 'berakhlak keys init'")
	cmd.AddCommand(initCmd, recipientCmd)
	return cmd
}

// writeIdentity creates path (never over an existing file: that would lose
// a key) readable by its owner only.
func writeIdentity(path string, id *age.X25519Identity) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists: a key is never overwritten; choose another --out", path)
	}
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	_, err = fmt.Fprintf(f, "# berakhlak agency identity: seals raw survey responses\n# recipient: %s\n%s\n", id.Recipient(), id)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// readIdentities reads an identity file; like ssh, it refuses one others may read.
func readIdentities(path string) ([]age.Identity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("identity: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("identity %s: %w", path, err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("identity %s is readable by others (%v): run `chmod 600 %s`", path, st.Mode().Perm(), path)
	}
	ids, err := age.ParseIdentities(f)
	if err != nil {
		return nil, fmt.Errorf("identity %s: %w", path, err)
	}
	return ids, nil
}

// optionalIdentities reads --identity when given (nil when not).
func optionalIdentities(g *globals, path string) ([]age.Identity, error) {
	if path == "" {
		return nil, nil
	}
	return readIdentities(g.path(path))
}

// transitKeyPath is the agency server's online key beside its database: it
// opens the copies of sealed responses kiosks forward (never the records
// sealed to the offline agency key).
func transitKeyPath(dbPath string) string { return dbPath + ".transit.key" }

// loadOrCreateTransitKey reads the server's transit key, creating it the
// first time; it returns the identities and the recipient kiosks seal to.
func loadOrCreateTransitKey(dbPath string) ([]age.Identity, string, error) {
	path := transitKeyPath(dbPath)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			return nil, "", fmt.Errorf("generate transit key: %w", err)
		}
		if err := writeIdentity(path, id); err != nil {
			return nil, "", err
		}
	}
	ids, err := readIdentities(path)
	if err != nil {
		return nil, "", err
	}
	x, ok := ids[0].(*age.X25519Identity)
	if !ok || len(ids) != 1 {
		return nil, "", fmt.Errorf("%s: want one age X25519 identity", path)
	}
	return ids, x.Recipient().String(), nil
}
