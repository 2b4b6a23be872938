package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/report"
	"github.com/spf13/cobra"
)

// defaultReportDepth is how many levels below a report's group its units
// table and heatmap show: for a whole agency, its root's children and
// grandchildren — the levels a head of agency reads.
const defaultReportDepth = 2

const depthUsage = "levels of units below the report's group its heatmap shows (0: every level); deeper units only where they lag or lead beyond noise"

func newReportCommand(g *globals) *cobra.Command {
	var survey, unit, out, pdf string
	var eachUnit bool
	opts := reportOptions{lang: questionnaire.LangID, depth: defaultReportDepth}
	cmd := &cobra.Command{
		Use:   "report --out FILE.html [--pdf FILE.pdf] | --each-unit --out DIR/ [--pdf DIR/]",
		Short: "Write the printable report for leaders: one self-contained HTML file (and PDF), or one per unit",
		Long: "report writes the survey's report for a unit and its sub-units (default: the whole latest\n" +
			"survey) as one HTML file that needs no network and prints on A4. Its heatmap of units shows\n" +
			"--depth levels below the group (default 2: for an agency, its root's children and\n" +
			"grandchildren), and below that only the units whose Indeks BerAKHLAK lags or leads the unit\n" +
			"above them at that depth beyond noise, each with its path (docs/METHODOLOGY.md \"Units that lag\n" +
			"or lead\"). With --pdf it is printed to PDF by headless Chromium (Debian: apt-get install chromium).\n\n" +
			"With --each-unit, --out is a folder: it gets the report of every unit (of --unit's subtree, or of\n" +
			"the whole tree), each as `report --unit ID` would write it, named ID.html, and index.html\n" +
			"linking them, from one reading of the figures; --pdf DIR prints each to DIR/ID.pdf in one\n" +
			"Chromium kept open.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.lang != questionnaire.LangID && opts.lang != questionnaire.LangEN {
				return fmt.Errorf("--lang %q: use id or en", opts.lang)
			}
			if opts.depth < 0 {
				return fmt.Errorf("--depth %d: use 0 (every level) or more", opts.depth)
			}
			// Ctrl+C stops the work and says what was left (a PDF had still
			// appeared after the command was interrupted).
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return g.withStore(func(in *questionnaire.Instrument, store *db.Store) error {
				sv, err := surveyOrLatest(store, survey)
				if err != nil {
					return err
				}
				if eachUnit {
					written, err := writeEachUnit(ctx, store, in, sv, unit, opts, g.path(out), cmd.ErrOrStderr())
					if err != nil {
						return err
					}
					fmt.Fprintf(cmd.OutOrStdout(), "wrote %d reports and index.html to %s\n", len(written), out)
					if pdf == "" {
						return nil
					}
					if err := printEachUnit(ctx, g.path(out), written, g.path(pdf), cmd.ErrOrStderr()); err != nil {
						return err
					}
					fmt.Fprintf(cmd.OutOrStdout(), "printed %d reports to PDF in %s\n", len(written), pdf)
					return nil
				}
				if err := writeReport(store, in, sv, unit, opts, g.path(out)); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", out)
				if pdf == "" {
					return nil
				}
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
	cmd.Flags().StringVar(&opts.lang, "lang", questionnaire.LangID, "language: id or en")
	cmd.Flags().StringVar(&opts.title, "title", "", "the agency's name in the title of the whole survey's report (default: the root unit's name)")
	cmd.Flags().StringVar(&out, "out", "", "HTML file to write (with --each-unit: the folder)")
	cmd.Flags().StringVar(&pdf, "pdf", "", "also print the report to this PDF file (with --each-unit: every report, into this folder) (needs Chromium)")
	intFlag(cmd.Flags(), &opts.depth, "depth", defaultReportDepth, depthUsage)
	cmd.Flags().BoolVar(&eachUnit, "each-unit", false, "write the report of every unit (of --unit's subtree) into the folder --out, with an index")
	cmd.MarkFlagRequired("out")
	return cmd
}

// writeReport writes the HTML report of a unit (writeReportTo) to a file.
func writeReport(store *db.Store, in *questionnaire.Instrument, sv db.Survey, unit string, opts reportOptions, out string) error {
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	err = writeReportTo(f, store, in, sv, unit, opts)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write report %s: %w", out, err)
	}
	return nil
}

// reportOptions are how a report is written.
type reportOptions struct {
	lang  string
	depth int    // levels its tables show below its group (0: all)
	title string // the agency's name in the whole survey's title; "": the root unit's name
}

// writeReportTo writes the HTML report of a unit ("" the whole survey).
func writeReportTo(w io.Writer, store *db.Store, in *questionnaire.Instrument, sv db.Survey, unit string, opts reportOptions) error {
	if err := requireUnit(store, unit); err != nil {
		return err
	}
	reading, err := readForReport(store, in, sv)
	if err != nil {
		return err
	}
	return report.Write(w, reading.input(unit, opts))
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
	return out, writeReport(store, in, sv, unit, reportOptions{lang: questionnaire.LangID, depth: defaultReportDepth}, out)
}
