package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"time"

	"github.com/berakhlak/berakhlak/loadgen"
	"github.com/spf13/cobra"
)

// maxLoadSessions bounds one run.
const maxLoadSessions = 2000

func newLoadtestCommand(g *globals) *cobra.Command {
	var cfg loadgen.Config
	var allowRemote bool
	var kioskKey string
	cmd := &cobra.Command{
		Use:   "loadtest --addr HOST:PORT --sessions N --duration D",
		Short: "Simulate respondents answering the survey over SSH and report what they would feel",
		Long: "loadtest runs N simulated respondents against a berakhlak SSH service; each answers the ASN\n" +
			"survey again and again, a new SSH connection per respondent (with --kiosk-key, one connection\n" +
			"per session as a kiosk terminal, user kiosk), with human-like pauses until the duration ends.\n" +
			"It reports completions, errors, p50/p99 submit-to-thank-you and key-to-screen latency and each\n" +
			"respondent's time (connecting to the session's end; on a kiosk terminal, welcome to the next\n" +
			"welcome), and — when the server runs on this machine on the database given by --db — its memory\n" +
			"per session and in all (PSS), its CPU per completed respondent (and per idle session per second\n" +
			"with --idle) and a check that acknowledged submissions equal the stored responses and the admin\n" +
			"tally. Loopback only unless --allow-remote; at most 2,000 sessions.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !loadgen.IsLoopback(cfg.Addr) && !allowRemote {
				return fmt.Errorf("--addr %s is not on this machine: loadtest targets loopback unless --allow-remote", cfg.Addr)
			}
			if cfg.Sessions < 1 || cfg.Sessions > maxLoadSessions {
				return fmt.Errorf("--sessions %d: give 1 to %d", cfg.Sessions, maxLoadSessions)
			}
			if kioskKey != "" {
				signer, err := readPrivateKey(kioskKey)
				if err != nil {
					return fmt.Errorf("--kiosk-key: %w", err)
				}
				cfg.Kiosk = signer
			}
			before, local := ownerStatsOf(g.dbPath)
			servedElsewhere := local && !sameListener(g.dbPath, cfg.Addr)
			if servedElsewhere {
				local, before = false, nil // its figures would be another server's
			}
			if before != nil && before.Closed {
				// Every simulated key would wait out its timeout on the
				// closed welcome screen, and report that as an error.
				return fmt.Errorf("survey %s is closed: simulated respondents could store nothing; open it (berakhlak survey set %s --status open) or run against another database", before.Survey, before.Survey)
			}
			var during, idleEnd *ownerStats
			measured := make(chan struct{})
			cfg.Connected = func() {
				defer close(measured)
				time.Sleep(2 * time.Second) // let the sessions settle on their first screen
				during, _ = ownerStatsOf(g.dbPath)
				if cfg.Idle && idleWindow(cfg) > 0 {
					time.Sleep(idleWindow(cfg))
					idleEnd, _ = ownerStatsOf(g.dbPath)
				}
			}
			res := loadgen.Run(context.Background(), cfg)
			<-measured // every session reports connected, or failed, once
			time.Sleep(500 * time.Millisecond)
			after, _ := ownerStatsOf(g.dbPath)
			report := loadReport(res, before, during, after, local)
			switch {
			case servedElsewhere:
				report.LeftOut = fmt.Sprintf("the berakhlak holding %s does not listen on %s", g.dbPath, cfg.Addr)
			case !report.ServerMeasured:
				report.LeftOut = fmt.Sprintf("no berakhlak holding %s answered before and after the run", g.dbPath)
			}
			report.Kiosk = cfg.Kiosk != nil
			report.addIdleCPU(during, idleEnd, idleWindow(cfg))
			if g.json {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				enc.Encode(report)
			} else {
				printLoadReport(cmd.OutOrStdout(), report)
			}
			switch {
			case local && (len(res.Errors) > 0 || !report.Consistent):
				return fmt.Errorf("loadtest: %d errors, consistent=%v", len(res.Errors), report.Consistent)
			case len(res.Errors) > 0:
				return fmt.Errorf("loadtest: %d errors", len(res.Errors))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&cfg.Addr, "addr", "127.0.0.1:2222", "SSH address of the server")
	intFlag(cmd.Flags(), &cfg.Sessions, "sessions", 10, "simulated respondents at once")
	cmd.Flags().DurationVar(&cfg.Duration, "duration", time.Minute, "how long they keep answering")
	cmd.Flags().DurationVar(&cfg.Pause, "pause", 300*time.Millisecond, "mean pause between keys")
	cmd.Flags().DurationVar(&cfg.Ramp, "ramp", 5*time.Second, "sessions start spread over this time")
	cmd.Flags().BoolVar(&cfg.Idle, "idle", false, "sessions stay on the first screen without a key (idle memory and CPU per session)")
	cmd.Flags().StringVar(&kioskKey, "kiosk-key", "", "private key of a kiosk terminal (listed in the server's --kiosk-keys): each session stays connected and answers survey after survey")
	cmd.Flags().BoolVar(&allowRemote, "allow-remote", false, "allow an address that is not loopback")
	cmd.Flags().BoolVar(&g.json, "json", false, "print the result as JSON")
	return cmd
}

// sameListener reports whether the process holding dbPath serves addr: the
// port it published (DB.ssh) is addr's; with none published there is
// nothing to compare.
func sameListener(dbPath, addr string) bool {
	published, err := os.ReadFile(adminAddrFile(dbPath))
	if err != nil {
		return true
	}
	_, servedPort, err1 := net.SplitHostPort(string(published))
	_, askedPort, err2 := net.SplitHostPort(addr)
	return err1 != nil || err2 != nil || servedPort == askedPort
}

func ownerStatsOf(dbPath string) (*ownerStats, bool) {
	reply, err := askOwner(dbPath, controlRequest{Op: "stats"})
	if err != nil || reply.Stats == nil {
		return nil, false
	}
	return reply.Stats, true
}

// loadSummary is what a run reports.
type loadSummary struct {
	Sessions, Connected, Connections, Completions, Errors int
	FirstErrors                                           []string
	KeyToScreenP50, KeyToScreenP99                        time.Duration
	SubmitP50, SubmitP99                                  time.Duration
	FirstScreenP50, FirstScreenP99                        time.Duration
	// A respondent's wall time, dialling to the end of the session; on a
	// kiosk terminal (Kiosk), the welcome to the next person's welcome.
	RespondentP50, RespondentP99 time.Duration
	Kiosk                        bool `json:",omitempty"`
	Keys                         int
	Elapsed                      time.Duration
	RSSPerSessionKiB             int64 `json:",omitempty"`
	// The whole server's PSS 2 s after all connected.
	ServerPSSKiB int64 `json:",omitempty"`
	// What the server owns before the run and half a second after it (PSS
	// anonymous: heap and stacks, not the mapped database), and its Go heap
	// then: live, and free but not yet returned to the system.
	OwnedBeforeKiB, OwnedAfterKiB int64 `json:",omitempty"`
	HeapLiveAfterKiB              int64 `json:",omitempty"`
	HeapFreeAfterKiB              int64 `json:",omitempty"`
	// Server CPU (user + system) per thank-you screen, over the whole run,
	// and the processors it ran on before and after it (internal/procs).
	CPUPerCompletionMs                float64 `json:",omitempty"`
	ProcessorsBefore, ProcessorsAfter int     `json:",omitempty"`
	// Server CPU per second per idle session, while all sit on the first screen.
	IdleCPUMsPerSessionSecond float64 `json:",omitempty"`
	Stored, Tally             int64   `json:",omitempty"`
	Consistent                bool
	// ServerMeasured: the process holding --db answered, so the server's
	// figures and the check of acknowledged = stored = tally are in.
	ServerMeasured bool
	LeftOut        string `json:",omitempty"` // why not
}

func loadReport(res loadgen.Result, before, during, after *ownerStats, local bool) loadSummary {
	s := loadSummary{Sessions: res.Sessions, Connected: res.Connected, Connections: res.Connections, Completions: res.Completions, Errors: len(res.Errors),
		KeyToScreenP50: loadgen.Quantile(res.KeyToScreen, 0.5), KeyToScreenP99: loadgen.Quantile(res.KeyToScreen, 0.99),
		SubmitP50: loadgen.Quantile(res.SubmitToThanks, 0.5), SubmitP99: loadgen.Quantile(res.SubmitToThanks, 0.99),
		FirstScreenP50: loadgen.Quantile(res.FirstScreen, 0.5), FirstScreenP99: loadgen.Quantile(res.FirstScreen, 0.99),
		RespondentP50: loadgen.Quantile(res.Respondent, 0.5), RespondentP99: loadgen.Quantile(res.Respondent, 0.99),
		Keys: len(res.KeyToScreen), Elapsed: res.Elapsed}
	s.FirstErrors = res.Errors[:min(5, len(res.Errors))]
	if local && before != nil && after != nil {
		s.ServerMeasured = true
		s.Stored = int64(after.Responses - before.Responses)
		s.Tally = after.Tally - before.Tally
		s.Consistent = s.Stored == int64(res.Completions) && s.Tally == int64(res.Completions)
		if during != nil && res.Connected > 0 {
			s.RSSPerSessionKiB = (during.RSSKiB - before.RSSKiB) / int64(res.Connected)
			s.ServerPSSKiB = during.PSSKiB
		}
		if res.Completions > 0 {
			s.CPUPerCompletionMs = float64(after.CPUMicros-before.CPUMicros) / 1000 / float64(res.Completions)
		}
		s.ProcessorsBefore, s.ProcessorsAfter = before.Processors, after.Processors
		s.OwnedBeforeKiB, s.OwnedAfterKiB = before.PSSAnonKiB, after.PSSAnonKiB
		s.HeapLiveAfterKiB, s.HeapFreeAfterKiB = after.HeapLiveKiB, after.HeapFreeKiB
	}
	return s
}

// idleWindow is how long idle sessions are watched after they settle: the
// run's time left after the ramp, the settling and a second's margin.
func idleWindow(cfg loadgen.Config) time.Duration {
	w := cfg.Duration - cfg.Ramp - 3*time.Second
	if w < time.Second {
		return 0
	}
	return w
}

// addIdleCPU reports what idle sessions cost the server each second.
func (s *loadSummary) addIdleCPU(from, to *ownerStats, window time.Duration) {
	if from == nil || to == nil || s.Connected == 0 || window <= 0 {
		return
	}
	ms := float64(to.CPUMicros-from.CPUMicros) / 1000
	s.IdleCPUMsPerSessionSecond = ms / window.Seconds() / float64(s.Connected)
}

func printLoadReport(w io.Writer, s loadSummary) {
	fmt.Fprintf(w, "sessions %d (connected %d, %d connections), %s\n", s.Sessions, s.Connected, s.Connections, s.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "completions %d, errors %d\n", s.Completions, s.Errors)
	for _, e := range s.FirstErrors {
		fmt.Fprintf(w, "  error: %s\n", e)
	}
	fmt.Fprintf(w, "key → screen update: p50 %s, p99 %s (%d keys)\n", s.KeyToScreenP50.Round(time.Microsecond), s.KeyToScreenP99.Round(time.Microsecond), s.Keys)
	fmt.Fprintf(w, "submit → thank-you:  p50 %s, p99 %s\n", s.SubmitP50.Round(time.Microsecond), s.SubmitP99.Round(time.Microsecond))
	fmt.Fprintf(w, "connect → first screen: p50 %s, p99 %s\n", s.FirstScreenP50.Round(time.Millisecond), s.FirstScreenP99.Round(time.Millisecond))
	if s.Completions > 0 {
		span := "connect → session ended"
		if s.Kiosk {
			span = "welcome → next welcome"
		}
		fmt.Fprintf(w, "respondent, %s: p50 %s, p99 %s\n", span, s.RespondentP50.Round(time.Millisecond), s.RespondentP99.Round(time.Millisecond))
	}
	if s.RSSPerSessionKiB > 0 {
		fmt.Fprintf(w, "server memory: %d KiB per session (resident, measured 2 s after all connected)\n", s.RSSPerSessionKiB)
	}
	if s.ServerPSSKiB > 0 {
		fmt.Fprintf(w, "server memory: %.1f MB PSS in all (measured 2 s after all connected)\n", float64(s.ServerPSSKiB)/1024)
	}
	if s.OwnedAfterKiB > 0 {
		fmt.Fprintf(w, "server memory owned (PSS anonymous) before → after the run: %.1f → %.1f MB; Go heap after: %.1f MB live, %.1f MB free not yet returned\n",
			float64(s.OwnedBeforeKiB)/1024, float64(s.OwnedAfterKiB)/1024, float64(s.HeapLiveAfterKiB)/1024, float64(s.HeapFreeAfterKiB)/1024)
	}
	if s.CPUPerCompletionMs > 0 {
		fmt.Fprintf(w, "server CPU: %.1f ms per completed respondent (user + system, whole run; on %d → %d processors)\n",
			s.CPUPerCompletionMs, s.ProcessorsBefore, s.ProcessorsAfter)
	}
	if s.IdleCPUMsPerSessionSecond > 0 {
		fmt.Fprintf(w, "server CPU while idle: %.3f ms per session per second\n", s.IdleCPUMsPerSessionSecond)
	}
	if !s.ServerMeasured {
		fmt.Fprintf(w, "server figures (memory, CPU, acknowledged = stored = admin tally) left out: %s; give the server's database with --db\n", s.LeftOut)
		return
	}
	fmt.Fprintf(w, "acknowledged %d = stored %d = admin tally %d: %v\n", s.Completions, s.Stored, s.Tally, s.Consistent)
}
