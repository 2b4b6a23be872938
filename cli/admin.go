package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/oplog"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/sshserver"
	"github.com/berakhlak/berakhlak/tui"
	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/term"
)

func newAdminCommand(g *globals) *cobra.Command {
	var nf nationalFlags
	cmd := &cobra.Command{
		Use:   "admin",
		Short: "The live admin screen: counts, indices per unit, value charts",
		Long: "admin shows the live admin screen. When a kiosk, a server or another admin screen already holds\n" +
			"the database, admin connects to that process over its SSH listener on this machine, with a local\n" +
			"key it created beside the database. Otherwise admin holds the database itself: the other commands\n" +
			"run beside it reach it through it, as they reach a kiosk, and so does a second admin screen.\n\n" +
			"With --national URL it shows the national view instead: every agency's published aggregates,\n" +
			"merged and suppressed below --k, updated as agencies commit.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			in, err := g.instrument()
			if err != nil {
				return err
			}
			if nf.url != "" {
				return runNationalAdmin(cmd, in, nf)
			}
			store, err := g.openStore()
			if errors.Is(err, db.ErrLocked) {
				return remoteAdmin(g.dbPath, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
			}
			if err != nil {
				return err
			}
			defer store.Close()
			return holdingAdmin(cmd, store, in)
		},
	}
	nf.register(cmd)
	cmd.Flags().StringVar(&nf.survey, "survey", "", "survey id of the national view (default: this year)")
	return cmd
}

// holdingAdmin shows the admin screen of a database this process holds.
// The database still answers the other commands (`scores`, `targets`, an
// import) run beside it, and a second `berakhlak admin` joins this process
// over a loopback SSH listener that serves admin screens only, as it joins
// a kiosk: one process owns the database.
func holdingAdmin(cmd *cobra.Command, store *db.Store, in *questionnaire.Instrument) error {
	logTo, endLog, err := openScreenLog(store.Path(), "admin screen")
	if err != nil {
		return err
	}
	defer endLog()
	stopControl, err := serveControl(store, "an admin screen", logTo)
	if err != nil {
		return err
	}
	defer stopControl()
	// Without its listener (a host key it cannot read, say) the screen still
	// works; a second one is then told what holds the database.
	if srv, err := startSSH(store, in, nil, sshFlags{listen: "127.0.0.1:0"}, logTo); err != nil {
		fmt.Fprintln(logTo, "berakhlak: no SSH listener for a second admin screen:", err)
	} else {
		defer shutdownSSH(store.Path(), srv)
	}
	local := auditedAdmin{storeAdmin: newStoreAdmin(store, in), log: oplog.New(logTo, "admin"), by: "this terminal"}
	p := tea.NewProgram(tui.NewAdmin(local, ""),
		tea.WithInput(cmd.InOrStdin()), tea.WithOutput(cmd.OutOrStdout()))
	_, err = p.Run()
	return err
}

// runNationalAdmin shows the live national view on this terminal.
func runNationalAdmin(cmd *cobra.Command, in *questionnaire.Instrument, nf nationalFlags) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	national, nc, err := watchNational(ctx, nf)
	if err != nil {
		return err
	}
	defer nc.Close()
	p := tea.NewProgram(tui.NewAdmin(nationalAdmin{national: national, in: in, set: nf.settings()}, ""),
		tea.WithInput(cmd.InOrStdin()), tea.WithOutput(cmd.OutOrStdout()))
	_, err = p.Run()
	return err
}

// remoteAdmin opens the admin screen of the process that holds the database,
// over its loopback SSH listener, on this terminal.
func remoteAdmin(dbPath string, stdin io.Reader, stdout, stderr io.Writer) error {
	addr, err := os.ReadFile(adminAddrFile(dbPath))
	if err != nil {
		return fmt.Errorf("%s is held by another berakhlak command that serves no admin screen (an import or a backup, say): run admin again when it has finished", dbPath)
	}
	signer, err := readPrivateKey(adminKeyPath(dbPath))
	if err != nil {
		return fmt.Errorf("local admin key: %w", err)
	}
	hostKey, err := hostPublicKey(hostKeyPath(dbPath))
	if err != nil {
		return err
	}
	client, err := gossh.Dial("tcp", string(addr), &gossh.ClientConfig{
		User: sshserver.UserAdmin, Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.FixedHostKey(hostKey), Timeout: 5 * time.Second,
	})
	if err != nil {
		return fmt.Errorf("connect to the running berakhlak at %s: %w", addr, err)
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		return err
	}
	defer sess.Close()
	f, isFile := stdin.(*os.File)
	w, h := 100, 30
	if isFile && term.IsTerminal(int(f.Fd())) {
		if cw, ch, err := term.GetSize(int(f.Fd())); err == nil {
			w, h = cw, ch
		}
		old, err := term.MakeRaw(int(f.Fd()))
		if err != nil {
			return err
		}
		defer term.Restore(int(f.Fd()), old)
		resize := make(chan os.Signal, 1)
		signal.Notify(resize, syscall.SIGWINCH)
		defer signal.Stop(resize)
		go func() {
			for range resize {
				if cw, ch, err := term.GetSize(int(f.Fd())); err == nil {
					sess.WindowChange(ch, cw)
				}
			}
		}()
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{gossh.ECHO: 0}); err != nil {
		return err
	}
	sess.Stdin, sess.Stdout, sess.Stderr = stdin, stdout, stderr
	if err := sess.Shell(); err != nil {
		return err
	}
	err = sess.Wait()
	var exit *gossh.ExitMissingError
	if errors.As(err, &exit) {
		return nil
	}
	return err
}

func hostPublicKey(path string) (gossh.PublicKey, error) {
	signer, err := readPrivateKey(path)
	if err != nil {
		return nil, fmt.Errorf("host key of the running berakhlak: %w", err)
	}
	return signer.PublicKey(), nil
}

// readPrivateKey reads an SSH private key file (OpenSSH or PEM, without a
// passphrase).
func readPrivateKey(path string) (gossh.Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return signer, nil
}
