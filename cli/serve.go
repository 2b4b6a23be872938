package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/internal/procs"
	"github.com/berakhlak/berakhlak/oplog"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/sshserver"
	"github.com/berakhlak/berakhlak/tui"
	"github.com/charmbracelet/keygen"
	"github.com/spf13/cobra"
)

// sshFlags are the options of the SSH service.
type sshFlags struct {
	listen, adminKeys, hostKey string
	kioskKeys                  string
	maxSessions, perAddress    int
	maxPending                 int
	adminReserve               int
	handshake, maxSession      time.Duration
}

func (f *sshFlags) register(cmd *cobra.Command, listenDefault string) {
	cmd.Flags().StringVar(&f.listen, "listen", listenDefault, "address of the SSH service, e.g. :2222")
	cmd.Flags().StringVar(&f.adminKeys, "admin-keys", "", "authorized_keys file of the admins (re-read on SIGHUP)")
	cmd.Flags().StringVar(&f.kioskKeys, "kiosk-keys", "", "authorized_keys file of kiosk terminals that connect as kiosk@HOST and get the survey again after each thank-you (re-read on SIGHUP)")
	cmd.Flags().StringVar(&f.hostKey, "host-key", "", "host key file (default: DB.ssh_host_ed25519 beside the database; created if missing)")
	intFlag(cmd.Flags(), &f.maxSessions, "max-sessions", sshserver.DefaultMaxSessions, "concurrent sessions in all")
	intFlag(cmd.Flags(), &f.perAddress, "per-address", sshserver.DefaultPerAddress, "concurrent sessions per source address once respondents hold half of --max-sessions (an office behind one NAT address may have more until then)")
	intFlag(cmd.Flags(), &f.adminReserve, "admin-reserve", sshserver.DefaultAdminReserve, "sessions of --max-sessions kept for admins")
	intFlag(cmd.Flags(), &f.maxPending, "max-pending", sshserver.DefaultMaxPending, "connections not yet in a session, in all; over it a newcomer pushes out one from the busiest network")
	cmd.Flags().DurationVar(&f.handshake, "handshake-timeout", sshserver.DefaultHandshakeTimeout, "time allowed for the SSH handshake and the first session")
	cmd.Flags().DurationVar(&f.maxSession, "max-session", sshserver.DefaultMaxSession, "longest session")
}

func newServeCommand(g *globals) *cobra.Command {
	var f sshFlags
	var nf natsFlags
	var rf respondentFlags
	var create bool
	cmd := &cobra.Command{
		Use:   "serve --listen ADDR --admin-keys FILE [--nats URL | --nats-listen ADDR]",
		Short: "Serve the survey (ssh survei@HOST) and the admin screen (ssh admin@HOST) over SSH",
		Long: "serve runs the SSH service without a local screen. User survei (or survey) gets the survey with\n" +
			"no password; user admin gets the live admin screen with a key listed in --admin-keys; user kiosk,\n" +
			"a kiosk terminal in an office with a key listed in --kiosk-keys, gets the survey again after each\n" +
			"thank-you, as a local kiosk does. The host key's fingerprint is printed at start. SIGTERM stops\n" +
			"it gracefully; SIGHUP re-reads the admin and kiosk keys and applies NATS revocations\n" +
			"(`berakhlak nats revoke`) to the embedded server. While quiet (under 0.45 of a core for ten\n" +
			"seconds) it runs on one processor, which costs less per respondent than waking a second; it takes\n" +
			"them all back within a second of load (GOMAXPROCS in the environment fixes the number). Ten\n" +
			"seconds after the last session it gives back the memory sessions left free and the database\n" +
			"pages they read, so an idle server's memory does not grow with what it has served.\n\n" +
			"With --nats (or --nats-listen, an embedded NATS server) it also stores the responses that kiosks\n" +
			"forward (`berakhlak --forward URL`) and publishes its per-unit aggregates, never raw answers,\n" +
			"for the national view (`berakhlak admin --national URL`).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := f.check(); err != nil {
				return err
			}
			if err := rf.check(); err != nil {
				return err
			}
			in, store, err := g.instrumentAndStore(create)
			if err != nil {
				return err
			}
			defer store.Close()
			resp, err := newRespondents(store, in, rf)
			if err != nil {
				return err
			}
			logTo := cmd.ErrOrStderr()
			// Said last, once all is closed, and only of a server that ran: a
			// refused start ends with its reason alone.
			started := false
			defer func() {
				if started {
					fmt.Fprintln(logTo, "berakhlak: serve stopped")
				}
			}()
			resp.logSaveFailures(logTo)
			oplog.QuietLibraries(logTo)
			restoreStderr, err := oplog.CaptureStderr(logTo)
			if err != nil {
				return err
			}
			defer restoreStderr()
			stopControl, err := serveControl(store, "berakhlak serve", logTo)
			if err != nil {
				return err
			}
			defer stopControl()
			stopNATS, reloadNATS, err := startNATS(store, in, nf, logTo)
			if err != nil {
				return err
			}
			defer stopNATS()
			srv, err := startSSH(store, in, resp, f, logTo)
			if err != nil {
				return err
			}
			started = true
			stopFollowing := resp.followSurveyState(store, srv.Broadcast)
			defer stopFollowing()
			adapting, stopAdapting := context.WithCancel(context.Background())
			defer stopAdapting()
			go procs.Adapt(adapting, time.Second) // one processor while quiet (internal/procs)
			sig := make(chan os.Signal, 2)
			signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
			defer signal.Stop(sig)
			for s := range sig {
				if s == syscall.SIGHUP {
					if err := srv.ReloadKeys(); err != nil {
						fmt.Fprintln(logTo, "berakhlak:", err)
					}
					if err := reloadNATS(); err != nil {
						fmt.Fprintln(logTo, "berakhlak: NATS revocations:", err)
					}
					continue
				}
				break
			}
			return shutdownSSH(store.Path(), srv)
		},
	}
	f.register(cmd, ":2222")
	rf.register(cmd)
	nf.register(cmd)
	cmd.Flags().BoolVar(&create, "create", false, "create the database if --db names none (at the default path it is created anyway)")
	return cmd
}

// startSSH starts the service in the background and prints where it is and
// the host key's fingerprint; respondent sessions run resp's program, and
// with resp nil there is no survey (an admin screen holding the database).
// check refuses limits, as given on the command line, that would leave the
// server refusing everyone or waiting for ever: none is "no limit". The
// admins' reserve left at its default fits itself under a small
// --max-sessions, as the server's does, and --admin-reserve 0 becomes the
// server's "none" (its 0 is its default).
func (f *sshFlags) check() error {
	switch {
	case f.maxSessions < 1:
		return fmt.Errorf("--max-sessions %d: give 1 or more", f.maxSessions)
	case f.perAddress < 1:
		return fmt.Errorf("--per-address %d: give 1 or more", f.perAddress)
	case f.maxPending < 1:
		return fmt.Errorf("--max-pending %d: give 1 or more", f.maxPending)
	case f.handshake <= 0:
		return fmt.Errorf("--handshake-timeout %v: give a time above 0, e.g. 10s", f.handshake)
	case f.maxSession <= 0:
		return fmt.Errorf("--max-session %v: give a time above 0, e.g. 2h", f.maxSession)
	}
	if f.adminReserve == sshserver.DefaultAdminReserve {
		f.adminReserve = min(f.adminReserve, f.maxSessions-1)
	}
	if f.adminReserve < 0 || f.adminReserve >= f.maxSessions {
		return fmt.Errorf("--admin-reserve %d: give 0 to %d, fewer than --max-sessions %d, so that respondents have room", f.adminReserve, f.maxSessions-1, f.maxSessions)
	}
	if f.adminReserve == 0 {
		f.adminReserve = -1
	}
	return nil
}

func startSSH(store *db.Store, in *questionnaire.Instrument, resp *respondents, f sshFlags, logTo io.Writer) (*sshserver.Server, error) {
	if f.hostKey == "" {
		if err := adoptSharedHostKey(store.Path(), logTo); err != nil {
			return nil, err
		}
		f.hostKey = hostKeyPath(store.Path())
	}
	localKey, err := localAdminKey(store.Path())
	if err != nil {
		return nil, err
	}
	admin := newStoreAdmin(store, in)
	logger := oplog.New(logTo, "ssh")
	cfg := sshserver.Config{
		Listen: f.listen, HostKeyPath: f.hostKey, AdminKeysPath: f.adminKeys, ExtraAdminKey: localKey,
		MaxSessions: f.maxSessions, PerAddress: f.perAddress, AdminReserve: f.adminReserve,
		MaxPending: f.maxPending, HandshakeTimeout: f.handshake, MaxSession: f.maxSession,
		Admin: func(sess ssh.Session, unit string) tea.Model {
			return tui.NewAdmin(sessionAdmin(admin, logger, sess), unit)
		},
		AdminCommand: adminCommands(store, in, logger),
		UnitExists: func(unit string) bool {
			_, ok, err := store.Unit(unit)
			return err == nil && ok
		},
		Logger: logger,
		// The database's pages a sitting read stay mapped until let go
		// (db.DropMappedPages); an idle server keeps only its own.
		WhenQuiet: func() {
			if err := store.DropMappedPages(); err != nil {
				logger.Warn(err.Error())
			}
		},
	}
	if resp != nil {
		cfg.Respondent = func(sess ssh.Session) tea.Model { return tui.New(sessionConfig(resp, sess, true)) }
		cfg.KioskKeysPath = f.kioskKeys
		cfg.Kiosk = func(sess ssh.Session) tea.Model { return tui.New(sessionConfig(resp, sess, false)) }
	}
	srv, err := sshserver.New(cfg)
	if err != nil {
		return nil, err
	}
	if err := srv.Listen(); err != nil {
		return nil, err
	}
	fp, err := srv.Fingerprint()
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(adminAddrFile(store.Path()), []byte(srv.Addr().String()), 0o600); err != nil {
		return nil, fmt.Errorf("write %s: %w", adminAddrFile(store.Path()), err)
	}
	fmt.Fprintf(logTo, "berakhlak: SSH on %s, host key %s\n", srv.Addr(), fp)
	go func() {
		if err := srv.Serve(); err != nil {
			fmt.Fprintln(logTo, "berakhlak: ssh:", err)
		}
	}()
	return srv, nil
}

// sessionConfig is the survey's configuration for an SSH session: a
// respondent's own terminal ends with the thank-you (oneRespondent); a
// kiosk terminal's goes back to the welcome for the next person.
func sessionConfig(resp *respondents, sess ssh.Session, oneRespondent bool) tui.Config {
	cfg := resp.config()
	cfg.CodeSource, cfg.AllowQuit, cfg.Done = sourceHost(sess), oneRespondent, sess.Context().Done()
	pty, _, _ := sess.Pty()
	cfg.Plain = onConsole(pty.Term)
	return cfg
}

// sourceHost is a session's source address without the port: what code
// guessing is counted against (in memory, never stored or logged).
func sourceHost(sess ssh.Session) string {
	host, _, err := net.SplitHostPort(sess.RemoteAddr().String())
	if err != nil {
		return sess.RemoteAddr().String()
	}
	return host
}

// shutdownSSH stops the service and takes back the address it published,
// while the database is still held: a `berakhlak admin` that finds the
// database held then never tries a listener that has gone.
func shutdownSSH(dbPath string, srv *sshserver.Server) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	removeErr := os.Remove(adminAddrFile(dbPath))
	if os.IsNotExist(removeErr) {
		removeErr = nil
	}
	return errors.Join(srv.Shutdown(ctx), removeErr)
}

// localAdminKey creates (once) the key with which `berakhlak admin` on this
// machine reaches the running process as admin; it returns its path.
func localAdminKey(dbPath string) (string, error) {
	path := adminKeyPath(dbPath)
	if _, err := os.Stat(path); os.IsNotExist(err) {
		if _, err := keygen.New(path, keygen.WithKeyType(keygen.Ed25519), keygen.WithWrite()); err != nil {
			return "", fmt.Errorf("create local admin key %s: %w", path, err)
		}
	}
	return path, nil
}
