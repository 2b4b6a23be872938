package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/report"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/spf13/cobra"
)

func newReportCommand(g *globals) *cobra.Command {
	var survey, unit, lang, out, pdf string
	cmd := &cobra.Command{
		Use:   "report --out FILE.html [--pdf FILE.pdf]",
		Short: "Write the printable report for leaders: one self-contained HTML file (and PDF)",
		Long: "report writes the survey's report for a unit and its sub-units (default: the whole latest\n" +
			"survey) as one HTML file that needs no network and prints on A4. With --pdf it is printed to\n" +
			"PDF by headless Chromium (Debian: apt-get install chromium).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if lang != questionnaire.LangID && lang != questionnaire.LangEN {
				return fmt.Errorf("--lang %q: use id or en", lang)
			}
			return g.withStore(func(in *questionnaire.Instrument, store *db.Store) error {
				sv, err := surveyOrLatest(store, survey)
				if err != nil {
					return err
				}
				if err := writeReport(store, in, sv, unit, lang, g.path(out)); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", out)
				if pdf == "" {
					return nil
				}
				// Ctrl+C stops Chromium and leaves no PDF, said (one had still
				// appeared after the command was interrupted).
				ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
				defer stop()
				if err := printPDF(ctx, g.path(out), g.path(pdf)); err != nil {
					if ctx.Err() != nil {
						return fmt.Errorf("interrupted: %s was written, no PDF was printed", out)
					}
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", pdf)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&survey, "survey", "", "survey id (default: the latest)")
	cmd.Flags().StringVar(&unit, "unit", "", "unit id (default: the whole survey)")
	cmd.Flags().StringVar(&lang, "lang", "id", "language: id or en")
	cmd.Flags().StringVar(&out, "out", "", "HTML file to write")
	cmd.Flags().StringVar(&pdf, "pdf", "", "also print the report to this PDF file (needs Chromium)")
	cmd.MarkFlagRequired("out")
	return cmd
}

// writeReport writes the HTML report of a unit (writeReportTo) to a file.
func writeReport(store *db.Store, in *questionnaire.Instrument, sv db.Survey, unit, lang, out string) error {
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	err = writeReportTo(f, store, in, sv, unit, lang)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write report %s: %w", out, err)
	}
	return nil
}

// writeReportTo gathers a group, its subtree and the change against the
// previous survey, and writes the HTML report.
func writeReportTo(w io.Writer, store *db.Store, in *questionnaire.Instrument, sv db.Survey, unit, lang string) error {
	if err := requireUnit(store, unit); err != nil {
		return err
	}
	groups, err := loadGroups(store, sv.ID)
	if err != nil {
		return err
	}
	set := settingsOf(sv)
	gs := groups.Group(unit, set, in)
	if err := addChange(store, &gs, sv.ID, unit, in); err != nil {
		return err
	}
	var rows []report.UnitRow
	var walk func(u string, depth int)
	walk = func(u string, depth int) {
		gs := groups.Group(u, set, in)
		rows = append(rows, report.UnitRow{Depth: depth, Scores: gs})
		children := groups.Children(u)
		for _, c := range children {
			walk(c, depth+1)
		}
		direct := groups.Direct(u, questionnaire.AudienceASN) + groups.Direct(u, questionnaire.AudiencePublic)
		if len(children) > 0 && direct > 0 {
			rows = append(rows, report.UnitRow{Depth: depth + 1, Direct: true, Scores: scoring.GroupScores{Unit: u, Name: gs.Name, Respondents: direct}})
		}
	}
	if unit == "" {
		for _, r := range groups.Roots() {
			walk(r, 0)
		}
	} else {
		walk(unit, 0) // the unit's own row first, then its subtree
	}
	input := report.Input{Lang: lang, Instrument: in, Group: gs, Units: rows, K: sv.K, Date: questionnaire.Day(time.Now())}
	if unit == "" { // segments describe the whole survey
		if input.Segments, err = segmentSets(store, sv, in); err != nil {
			return err
		}
	}
	return report.Write(w, input)
}

// ErrNoChromium means no Chromium was found to print a PDF with.
var ErrNoChromium = errors.New("no Chromium found to print the PDF: install it (Debian: apt-get install chromium) or set BERAKHLAK_CHROMIUM to its path; the HTML report was written")

// chromium finds a headless-capable Chromium.
func chromium() (string, error) {
	if p := os.Getenv("BERAKHLAK_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// printPDF prints an HTML file to PDF with headless Chromium, offline. When
// ctx ends first, Chromium and every process it started are killed and no
// PDF is left.
func printPDF(ctx context.Context, html, pdf string) error {
	bin, err := chromium()
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(html)
	if err != nil {
		return err
	}
	pdfAbs, err := filepath.Abs(pdf)
	if err != nil {
		return err
	}
	profile, err := os.MkdirTemp("", "berakhlak-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir="+profile,
		"--no-pdf-header-footer", "--print-to-pdf="+pdfAbs, "file://"+abs)
	// Chromium's helpers live in its own process group, killed together.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		os.Remove(pdfAbs)
		return fmt.Errorf("printing %s stopped: %w", pdf, ctx.Err())
	}
	if err != nil {
		return fmt.Errorf("chromium could not print %s: %w\n%s", html, err, out)
	}
	if st, err := os.Stat(pdfAbs); err != nil || st.Size() == 0 {
		return fmt.Errorf("chromium wrote no PDF to %s", pdf)
	}
	return nil
}

// reportFor writes the report of a unit beside the database, for the admin
// screen's "write report", and returns the file's path.
func reportFor(store *db.Store, in *questionnaire.Instrument, unit string) (string, error) {
	sv, err := store.LatestSurvey()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(filepath.Dir(store.Path()), "reports")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	name := unit
	if name == "" {
		name = "all"
	}
	out := filepath.Join(dir, fmt.Sprintf("%s-%s-%s.html", sv.ID, name, questionnaire.Day(time.Now())))
	return out, writeReport(store, in, sv, unit, questionnaire.LangID, out)
}
