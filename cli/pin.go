package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/berakhlak/berakhlak/db"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

func newKioskAdminCommand(g *globals) *cobra.Command {
	kiosk := &cobra.Command{Use: "kiosk", Short: "Kiosk administration"}
	kiosk.AddCommand(&cobra.Command{
		Use:   "pin",
		Short: "Set the PIN that, after the chord ctrl+x ctrl+a, ends the kiosk",
		Long: "kiosk pin asks for a new PIN twice (or reads two lines from standard input) and stores only a\n" +
			"slow hash of it (argon2id) in the database. Without a PIN the chord alone ends the kiosk.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			pin, err := readNewPIN(cmd.InOrStdin(), cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			return g.withDB(func(store *db.Store) error {
				if err := store.SetKioskPIN(pin); err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), "kiosk PIN set")
				return nil
			})
		},
	})
	return kiosk
}

// readNewPIN reads the PIN twice, without echo on a terminal.
func readNewPIN(in io.Reader, prompt io.Writer) (string, error) {
	read := lineReader(in)
	fmt.Fprint(prompt, "new PIN: ")
	first, err := read()
	if err != nil {
		return "", err
	}
	fmt.Fprint(prompt, "\nagain: ")
	second, err := read()
	fmt.Fprintln(prompt)
	if err != nil {
		return "", err
	}
	if first != second {
		return "", fmt.Errorf("the two PINs differ; nothing was changed")
	}
	return first, nil
}

func lineReader(in io.Reader) func() (string, error) {
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return func() (string, error) {
			b, err := term.ReadPassword(int(f.Fd()))
			return string(b), err
		}
	}
	sc := bufio.NewScanner(in)
	return func() (string, error) {
		if !sc.Scan() {
			return "", fmt.Errorf("no PIN given on standard input")
		}
		return strings.TrimSpace(sc.Text()), nil
	}
}
