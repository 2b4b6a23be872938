package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/internal/procs"
	"github.com/berakhlak/berakhlak/relay"
	"github.com/berakhlak/berakhlak/simulate"
	"github.com/spf13/cobra"
)

// Bounds of one simulation.
const (
	maxSimAgencies = 10000
	maxSimUnits    = 1000
	maxSimRate     = 1000
	maxSimDuration = time.Hour
)

func newSimulateCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "simulate",
		Short: "Size a deployment before a survey year with a made-up nation",
	}
	cmd.AddCommand(newSimulateNationalCommand(g))
	return cmd
}

func newSimulateNationalCommand(g *globals) *cobra.Command {
	cfg := simulate.Config{K: db.DefaultSurvey("").K}
	var authDir string
	var client natsClientFlags
	cmd := &cobra.Command{
		Use:   "national --nats URL [--agencies N --units M --rate R --duration D]",
		Short: "Fill the national bucket with N agencies × M units, then publish updates, and report what a national view makes of it",
		Long: "simulate national sizes the national server the way a survey year will load it. Each made-up\n" +
			"agency connects with agency credentials of its own (issued from the NATS identities beside the\n" +
			"database, --nats-auth), which let it write only its own keys, and puts a record per unit through\n" +
			"the bucket as `serve --nats` does. A national view then opens on the bucket and the agencies\n" +
			"publish updates (a respondent more; every fifth a new released chunk) at --rate for --duration.\n" +
			"Reported: time to fill, time to the view's first figures and the heap it holds, updates a second,\n" +
			"put → shown latency (p50, p99), updates not shown, and the view's work and this process's CPU\n" +
			"per update. Records carry sums of generated responses only. They are written under survey\n" +
			"--survey (\"simulasi\" unless given), which no real survey's view reads, and deleted at the end\n" +
			"unless --keep. See BENCHMARKS.md \"National view at scale\".",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkSimulation(cfg); err != nil {
				return err
			}
			if authDir == "" {
				authDir = natsAuthDir(g.dbPath)
			}
			auth, err := relay.LoadAuth(authDir)
			if err != nil {
				return fmt.Errorf("simulate issues each made-up agency its own credentials from the deployment's NATS identities (--nats-auth): %w", err)
			}
			in, err := g.instrument()
			if err != nil {
				return err
			}
			cfg.Auth, cfg.Instrument = auth, in
			cfg.CPU = func() time.Duration { used, _ := procs.CPUTime(); return used }
			cfg.Client = client.options()
			progress := cmd.ErrOrStderr()
			cfg.Progress = func(format string, args ...any) { fmt.Fprintf(progress, "simulate: "+format+"\n", args...) }
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			rep, err := simulate.Run(ctx, cfg)
			if err != nil {
				return err
			}
			if g.json {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			printSimulation(cmd.OutOrStdout(), rep)
			return nil
		},
	}
	cmd.Flags().StringVar(&cfg.URL, "nats", "", "NATS URL of the national server")
	cmd.Flags().StringVar(&authDir, "nats-auth", "", "folder of the deployment's NATS identities (default: DB.nats-auth beside --db)")
	cmd.Flags().StringVar(&cfg.Survey, "survey", "simulasi", "survey id the records are written under")
	intFlag(cmd.Flags(), &cfg.Agencies, "agencies", 632, "agencies")
	intFlag(cmd.Flags(), &cfg.Units, "units", 50, "units per agency")
	cmd.Flags().Float64Var(&cfg.Rate, "rate", 10, "updates a second after the fill")
	cmd.Flags().DurationVar(&cfg.Duration, "duration", 30*time.Second, "how long updates go on")
	intFlag(cmd.Flags(), &cfg.K, "k", cfg.K, "minimum group size of the view's figures")
	intFlag(cmd.Flags(), &cfg.Replicas, "nats-replicas", 1, "replicas of the bucket, if this run creates it")
	cmd.Flags().BoolVar(&cfg.Keep, "keep", false, "leave the simulated records in the bucket")
	cmd.Flags().BoolVar(&g.json, "json", false, "print the result as JSON")
	client.registerTLS(cmd)
	return cmd
}

// checkSimulation bounds a run and refuses what would mix made-up figures
// into a real survey's view.
func checkSimulation(cfg simulate.Config) error {
	switch {
	case cfg.URL == "":
		return fmt.Errorf("--nats is required: the URL of the national server to size")
	case cfg.Agencies < 1 || cfg.Agencies > maxSimAgencies:
		return fmt.Errorf("--agencies %d: give 1 to %d", cfg.Agencies, maxSimAgencies)
	case cfg.Units < 1 || cfg.Units > maxSimUnits:
		return fmt.Errorf("--units %d: give 1 to %d", cfg.Units, maxSimUnits)
	case cfg.Rate <= 0 || cfg.Rate > maxSimRate:
		return fmt.Errorf("--rate %g: give more than 0 and at most %d updates a second", cfg.Rate, maxSimRate)
	case cfg.Duration <= 0 || cfg.Duration > maxSimDuration:
		return fmt.Errorf("--duration %s: give more than 0 and at most %s", cfg.Duration, maxSimDuration)
	case cfg.K < db.MinK:
		return fmt.Errorf("--k %d: the methodology's smallest minimum group size is %d", cfg.K, db.MinK)
	case !db.ValidUnitID(cfg.Survey):
		return fmt.Errorf("--survey %q: use letters, digits, '.', '_' or '-'", cfg.Survey)
	case len(cfg.Survey) == 4 && cfg.Survey[0] >= '0' && cfg.Survey[0] <= '9':
		return fmt.Errorf("--survey %q looks like a real survey year: simulated records would show in its national view; use another id", cfg.Survey)
	}
	return nil
}

func printSimulation(w io.Writer, r simulate.Report) {
	fmt.Fprintf(w, "nation: %d agencies × %d units = %d unit records\n", r.Agencies, r.Units, r.Records)
	fmt.Fprintf(w, "fill: %.1f s\n", r.FillSeconds)
	fmt.Fprintf(w, "national view, first figures: %.2f s, heap %.0f MB\n", r.FirstFiguresSeconds, r.ViewHeapMB)
	fmt.Fprintf(w, "updates: %d (%.1f/s); put → shown p50 %.1f ms, p99 %.1f ms; not shown %d\n",
		r.Updates, r.UpdatesPerSecond, r.VisibleP50Ms, r.VisibleP99Ms, r.Behind)
	fmt.Fprintf(w, "per update: view %.2f ms of work; this process's CPU %.2f ms (view and agencies together)\n",
		r.ViewMsPerUpdate, r.CPUMsPerUpdate)
}
