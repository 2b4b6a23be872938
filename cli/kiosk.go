package cli

import (
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/tui"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"
)

// kioskFlags are the kiosk's own options.
type kioskFlags struct {
	ssh         sshFlags
	respondents respondentFlags
	plain       bool
	create      bool // create the database named by --db if missing
	forward     string
	// forwardRecipient is the agency server's transit recipient, for sealed surveys.
	forwardRecipient string
	natsTo           natsClientFlags
}

func newKioskCommand(g *globals) *cobra.Command {
	var f kioskFlags
	cmd := &cobra.Command{
		Use:   "berakhlak",
		Short: "Survey kiosk for the Indeks BerAKHLAK",
		Long: "berakhlak runs the survey kiosk on this terminal: respondents answer the BerAKHLAK survey\n" +
			"and each finished response is stored anonymously in the database (--db).\n\n" +
			"The kiosk does not end on ctrl+c, ctrl+z, ctrl+\\, ctrl+d or esc. An administrator ends it\n" +
			"with ctrl+x then ctrl+a and the PIN set by `berakhlak kiosk pin`; SIGTERM closes it cleanly.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runKiosk(cmd, g, f) },
	}
	// --version: the text is made only when asked (reading the embedded
	// instrument takes milliseconds every command would pay).
	cmd.Version = "asked"
	cmd.SetVersionTemplate("berakhlak {{berakhlakVersion}}\n")
	f.respondents.register(cmd)
	cmd.Flags().BoolVar(&f.plain, "plain", false, "no colour and ASCII borders, for screen readers and poor terminals")
	cmd.Flags().StringVar(&f.forwardRecipient, "forward-recipient", "", "the agency server's transit `KEY` (age1…, printed by 'berakhlak serve'): lets responses of a sealed survey be forwarded")
	cmd.Flags().StringVar(&f.forward, "forward", "", "NATS URL of the agency server: forward every stored response there (kept here too; sent when the link is up), and take the agency's surveys (its close, its next year)")
	f.natsTo.register(cmd)
	f.ssh.register(cmd, "")
	cmd.Flags().BoolVar(&f.create, "create", false, "create the database if --db names none (at the default path it is created anyway)")
	return cmd
}

func runKiosk(cmd *cobra.Command, g *globals, f kioskFlags) error {
	if err := f.ssh.check(); err != nil {
		return err
	}
	if err := f.respondents.check(); err != nil {
		return err
	}
	in, err := g.instrument()
	if err != nil {
		return err
	}
	store, err := g.creatingStore(f.create)
	if err != nil {
		return err
	}
	defer store.Close()
	survey, err := store.LatestSurvey()
	if err != nil {
		return err
	}
	if !survey.Open {
		return fmt.Errorf("survey %s is closed: no new responses are taken (its data is kept); open it with `berakhlak survey set %s --status open` or create the next one", survey.ID, survey.ID)
	}
	resp, err := newRespondents(store, in, f.respondents)
	if err != nil {
		return err
	}
	checkPIN, err := pinChecker(store)
	if err != nil {
		return err
	}
	// Over SSH: respondents and admins on --listen; without it, only this
	// machine's `berakhlak admin` on loopback. Its log goes to a file: the
	// kiosk never writes logs on the screen the next respondent reads.
	sf := f.ssh
	if sf.listen == "" {
		sf.listen = "127.0.0.1:0"
	}
	logFile, endLog, err := openScreenLog(store.Path(), "kiosk")
	if err != nil {
		return err
	}
	defer endLog()
	stopControl, err := serveControl(store, "a kiosk", logFile)
	if err != nil {
		return err
	}
	defer stopControl()
	resp.logSaveFailures(logFile)
	// Before anything can save: a sealed response queued without it stays here.
	if err := useForwardRecipient(store, f.forwardRecipient); err != nil {
		return err
	}
	srv, err := startSSH(store, in, resp, sf, logFile)
	if err != nil {
		return err
	}
	defer shutdownSSH(store.Path(), srv)
	var staffLine func() string
	var program atomic.Pointer[tea.Program] // set once the program exists
	if f.forward != "" {
		line, stop, err := startForwarding(store, in.Version, f.forward, f.natsTo.options(), logFile, func() {
			if p := program.Load(); p != nil {
				go p.Send(tui.StaffLineMsg{}) // Send blocks until the program reads it
			}
		})
		if err != nil {
			return err
		}
		defer stop()
		staffLine = line
	}
	local := resp.config()
	plain := f.plain || onConsole(os.Getenv("TERM"))
	local.CheckPIN, local.Plain, local.StaffLine = checkPIN, plain, staffLine
	k := tui.New(local)
	opts := []tea.ProgramOption{tea.WithInput(cmd.InOrStdin()), tea.WithOutput(cmd.OutOrStdout()), tea.WithoutSignalHandler()}
	if plain {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	p := tea.NewProgram(k, opts...)
	program.Store(p)
	stopFollowing := resp.followSurveyState(store, func(m tea.Msg) {
		go p.Send(m)
		srv.Broadcast(m)
	})
	defer stopFollowing()
	stop := quitOnSignal(p)
	defer stop()
	if _, err := p.Run(); err != nil {
		return fmt.Errorf("kiosk: %w", err)
	}
	return nil
}

// onConsole reports whether a terminal is the bare Linux console (tty1 of a
// kiosk), whose font (Lat15-Fixed16) lacks the pages' fancier marks (❯ ✓ ▏):
// such a terminal gets the plain pages, as --plain gives.
func onConsole(term string) bool { return term == "linux" }

// quitOnSignal ends the program cleanly on SIGTERM and SIGHUP (the deferred
// Close then closes the database). SIGINT is ignored: the kiosk is not ended
// from the keyboard.
func quitOnSignal(p *tea.Program) (stop func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGHUP)
	signal.Ignore(syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTSTP)
	done := make(chan struct{})
	go func() {
		select {
		case <-sig:
			p.Quit()
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}

// pinChecker verifies against the stored PIN hash; nil when none is set.
func pinChecker(store *db.Store) (tui.PINChecker, error) {
	check, ok, err := store.KioskPINChecker()
	if err != nil || !ok {
		return nil, err
	}
	return check, nil
}

// resolveUnit returns the given unit id if it exists, or the root unit's.
func resolveUnit(store *db.Store, unit string) (string, error) {
	if unit == "" {
		root, err := store.RootUnit()
		if err != nil {
			return "", err
		}
		return root.ID, nil
	}
	if err := requireUnit(store, unit); err != nil {
		return "", err
	}
	return unit, nil
}
