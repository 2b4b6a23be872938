package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/sync/errgroup"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/internal/procs"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/report"
)

// writeEachUnit writes into dir the report of every unit of under's subtree
// (every unit when under is ""), named by unit id, and index.html linking
// them; all from one reading of the figures, on every core. It returns the
// reports it wrote.
func writeEachUnit(ctx context.Context, store *db.Store, in *questionnaire.Instrument, sv db.Survey, under string, opts reportOptions,
	dir string, progressTo io.Writer) ([]report.IndexEntry, error) {
	if err := requireUnit(store, under); err != nil {
		return nil, err
	}
	reading, err := readForReport(store, in, sv)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	entries := reading.unitsUnder(under)
	bar := startProgress(progressTo, "reports", int64(len(entries)))
	defer bar.Stop()
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(procs.Available())
	for _, e := range entries {
		g.Go(func() error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			defer bar.Add(1)
			return writeFileWith(filepath.Join(dir, e.File), func(w io.Writer) error {
				b := bufio.NewWriterSize(w, 64<<10)
				if err := report.Write(b, reading.input(e.ID, opts)); err != nil {
					return err
				}
				return b.Flush()
			})
		})
	}
	if err := g.Wait(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("interrupted: the reports in %s are incomplete (no index.html was written)", dir)
		}
		return nil, err
	}
	title := "" // the whole survey's index has no unit in its title
	if node, ok := reading.groups.Node(under); ok {
		title = node.Name
	}
	err = writeFileWith(filepath.Join(dir, "index.html"), func(w io.Writer) error {
		return report.WriteIndex(w, report.Index{Lang: opts.lang, Survey: sv.ID, Group: title, Date: reading.date, Entries: entries})
	})
	return entries, err
}

// unitsUnder lists under's subtree (every unit when under is "") in tree
// order, each with the file its report goes to.
func (r *reportReading) unitsUnder(under string) []report.IndexEntry {
	var out []report.IndexEntry
	var walk func(u string, depth int)
	walk = func(u string, depth int) {
		node, _ := r.groups.Node(u)
		out = append(out, report.IndexEntry{Depth: depth, ID: u, Name: node.Name, File: u + ".html"})
		for _, c := range r.groups.Children(u) {
			walk(c, depth+1)
		}
	}
	if under != "" {
		walk(under, 0)
		return out
	}
	for _, root := range r.groups.Roots() {
		walk(root, 0)
	}
	return out
}

// printEachUnit prints the reports writeEachUnit wrote in dir to
// pdfDir/ID.pdf, in one Chromium with a tab per core.
func printEachUnit(ctx context.Context, dir string, written []report.IndexEntry, pdfDir string, progressTo io.Writer) error {
	if err := os.MkdirAll(pdfDir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", pdfDir, err)
	}
	printer, err := startPDFPrinter(ctx)
	if err != nil {
		return err
	}
	defer printer.Close()
	bar := startProgress(progressTo, "pdf", int64(len(written)))
	defer bar.Stop()
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(procs.Available())
	for _, e := range written {
		g.Go(func() error {
			defer bar.Add(1)
			return printer.Print(ctx, filepath.Join(dir, e.File), filepath.Join(pdfDir, e.ID+".pdf"))
		})
	}
	if err := g.Wait(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: the reports in %s were written, their PDFs in %s are incomplete", dir, pdfDir)
		}
		return err
	}
	return nil
}
