package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/tui"
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
			if err := typablePIN(pin); err != nil {
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

// typablePIN refuses a PIN the kiosk's prompt could not take: longer than
// tui.MaxPINLength, or with a character a kiosk's keyboard may not type
// (anything but ASCII letters, digits and signs). Stored, such a PIN would
// lock the kiosk for good: only SIGTERM would end it.
func typablePIN(pin string) error {
	if n := utf8.RuneCountInString(pin); n > tui.MaxPINLength {
		return fmt.Errorf("a PIN of %d characters cannot be typed at the kiosk, whose prompt takes at most %d; nothing was changed", n, tui.MaxPINLength)
	}
	for _, r := range pin {
		if r <= ' ' || r > '~' {
			return fmt.Errorf("a PIN takes ASCII letters, digits and signs only (not %q), so that any kiosk keyboard types it; nothing was changed", r)
		}
	}
	return nil
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
