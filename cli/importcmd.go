package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/ingest"
	"github.com/berakhlak/berakhlak/interchange"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/spf13/cobra"
)

// maxLineErrors is how many bad lines an import reports before it stops listing.
const maxLineErrors = 50

// importMemoryLimit is the heap an import process asks the Go runtime to
// stay under (a soft limit: it collects more often as the heap nears it).
// What an import keeps is bounded — a vector of sums per group, three
// batches — but by default the heap grows to twice what is kept between
// collections. An agency of 11,000 groups importing a million lines peaks
// at about 260 MB under it (BENCHMARKS.md "The largest agencies").
const importMemoryLimit = 272 << 20

func newImportCommand(g *globals) *cobra.Command {
	var identity string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "import FILE.jsonl",
		Short: "Store responses from a JSON-lines file (all lines valid, or nothing is stored)",
		Long: "import reads responses in the JSON interchange form, one per line. Every line is checked\n" +
			"against the active instrument, the surveys and the organisation tree first; if any line is bad,\n" +
			"each bad line is reported and nothing is stored. A response already stored (same id, same\n" +
			"content) is skipped, so importing a file twice stores nothing twice. Sealed responses (from a\n" +
			"bundle of a sealed survey) need --identity FILE, and are stored sealed again here: the survey must\n" +
			"have a recipient in this database too. --json prints the counts as one object; bad lines are\n" +
			"reported on stderr either way.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ids, err := optionalIdentities(g, identity)
			if err != nil {
				return err
			}
			// Ctrl+C rolls the import back and says so (it had ended the
			// process with nothing said).
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			if g.held == nil { // an import process of its own (not a server's, which runs it for us)
				defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
			}
			return g.withStore(func(in *questionnaire.Instrument, store *db.Store) error {
				read, stored, err := importFileOrBundle(ctx, args[0], g.path(args[0]), in, store, ids, cmd.ErrOrStderr())
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(cmd.OutOrStdout(), importCounts{File: args[0], Read: read, Stored: stored, AlreadyStored: read - stored})
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %d responses read, %d stored, %d already stored\n", args[0], read, stored, read-stored)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&identity, "identity", "", "agency identity file, to open sealed responses")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the counts as JSON")
	return cmd
}

// importCounts is what an import did, for --json.
type importCounts struct {
	File          string `json:"file"`
	Read          int    `json:"read"`
	Stored        int    `json:"stored"`
	AlreadyStored int    `json:"already_stored"`
}

// importFileOrBundle imports a JSON-lines file, or a bundle once it has
// been checked whole; messages name the file as the user did (name).
func importFileOrBundle(ctx context.Context, name, path string, in *questionnaire.Instrument, store *db.Store, ids []age.Identity, progressTo io.Writer) (read, stored int, err error) {
	if _, err := os.Stat(path); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path as the user wrote it, once
		}
		return 0, 0, fmt.Errorf("open %s: %w", name, err)
	}
	bundle, err := interchange.IsBundle(path)
	if err != nil || !bundle {
		if err != nil {
			return 0, 0, err
		}
		return importFile(ctx, path, lineErrors{file: name}, in, store, ids, progressTo)
	}
	lines, err := interchange.UnpackBundle(path)
	if err != nil {
		return 0, 0, err
	}
	defer os.Remove(lines)
	return importFile(ctx, lines, lineErrors{file: name, item: "response"}, in, store, ids, progressTo)
}

// importFile reads the file once, checking each line and storing it as an
// import (db.Import): every line or — on any bad line, a conflict with a
// stored response, an interruption or a crash — none, in memory that does
// not grow with the file. Every problem is reported with its line (the rest
// of a bad file is still checked, not stored).
func importFile(ctx context.Context, path string, report lineErrors, in *questionnaire.Instrument, store *db.Store, ids []age.Identity, progressTo io.Writer) (read, stored int, err error) {
	check, err := newLineChecker(report, in, store, ids)
	if err != nil {
		return 0, 0, err
	}
	var size int64
	if info, err := os.Stat(path); err == nil {
		size = info.Size()
	}
	bar := startProgress(progressTo, "import", size)
	defer bar.Stop()
	im, err := store.BeginImport()
	if err != nil {
		return 0, 0, err
	}
	var storeErr error
	parse := func(line int, text []byte) parsedLine {
		if ctx.Err() != nil {
			return parsedLine{line: line, size: len(text) + 1} // interrupted: read on to the end, store nothing
		}
		return check.parse(line, text)
	}
	err = eachLineInParallel(path, parse, func(p parsedLine) {
		bar.Add(int64(p.size))
		if ctx.Err() != nil || !check.admit(p) {
			return
		}
		read++
		if check.bad.total > 0 || storeErr != nil {
			return // nothing will be stored: only look for more problems
		}
		storeErr = im.Put(p.resp, p.json, p.line)
		if conflict, ok := errors.AsType[*db.ConflictError](storeErr); ok {
			check.bad.add(conflict.Tag, "%s", conflictText(conflict))
		}
	})
	if err == nil {
		err = cmp.Or(check.bad.err(), storeErr, ctx.Err())
	}
	if err != nil {
		if abortErr := im.Abort(); abortErr != nil {
			return 0, 0, errors.Join(err, abortErr)
		}
		switch {
		case check.bad.total > 0:
			return 0, 0, check.bad.err()
		case ctx.Err() != nil:
			return 0, 0, fmt.Errorf("import %s interrupted: nothing was stored (an import is stored whole or not at all)", report.file)
		}
		return 0, 0, fmt.Errorf("import %s: nothing was stored: %w", report.file, err)
	}
	stored, err = im.Commit()
	if conflict, ok := errors.AsType[*db.ConflictError](err); ok { // in the last batch
		check.bad.add(conflict.Tag, "%s", conflictText(conflict))
		return 0, 0, check.bad.err()
	}
	if settle, ok := errors.AsType[*db.SettleError](err); ok {
		return 0, 0, fmt.Errorf("import %s: %d responses stored; %w", report.file, stored, settle)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("import %s: nothing was stored: %w", report.file, err)
	}
	return read, stored, nil
}

// conflictText says which response a line's id clashes with.
func conflictText(c *db.ConflictError) string {
	if c.InThisImport {
		return fmt.Sprintf("id %s is used on an earlier line of this file for different answers", c.ID)
	}
	return fmt.Sprintf("id %s is already stored with different answers", c.ID)
}

// lineErrors collects "file:line: reason" messages, or "file: item N:
// reason" when the lines are items of a container (a bundle's responses).
type lineErrors struct {
	file, item string
	lines      []string
	total      int
}

func (e *lineErrors) add(line int, format string, args ...any) {
	e.total++
	if len(e.lines) >= maxLineErrors {
		return
	}
	where := fmt.Sprintf("%s:%d", e.file, line)
	if e.item != "" {
		where = fmt.Sprintf("%s: %s %d", e.file, e.item, line)
	}
	e.lines = append(e.lines, where+": "+fmt.Sprintf(format, args...))
}

func (e *lineErrors) err() error {
	if e.total == 0 {
		return nil
	}
	msg := strings.Join(e.lines, "\n")
	if e.total > len(e.lines) {
		msg += fmt.Sprintf("\n… and %d more", e.total-len(e.lines))
	}
	return fmt.Errorf("%s\n%d bad lines; nothing was stored: fix them and import again", msg, e.total)
}

// lineChecker checks one line at a time against the rules every way in
// shares. A line that repeats an earlier one is found by the store as it
// saves, like a response stored before: nothing is kept per line here.
type lineChecker struct {
	rules *ingest.Rules // the gate of every way in, with the agency's keys
	bad   *lineErrors
}

func newLineChecker(report lineErrors, in *questionnaire.Instrument, store *db.Store, ids []age.Identity) (*lineChecker, error) {
	dir, err := ingest.Snapshot(store)
	if err != nil {
		return nil, err
	}
	return &lineChecker{rules: ingest.NewRules(in, dir).WithKeys(ids, ""), bad: &report}, nil
}

// parsedLine is a line opened, decoded and checked against the rules:
// either a response with its interchange JSON, or what is wrong with it.
type parsedLine struct {
	line    int
	size    int // bytes of the line, for the progress bar
	resp    *questionnaire.Response
	json    []byte
	problem string
}

// parse opens, decodes and checks one line. It reads only what does not
// change during an import, so lines are parsed on every core at once.
func (c *lineChecker) parse(line int, text []byte) parsedLine {
	p := parsedLine{line: line, size: len(text) + 1}
	resp, err := c.rules.Open(text)
	if err != nil {
		p.problem = err.Error()
		return p
	}
	p.resp, p.json = resp, resp.AppendJSON(nil)
	return p
}

// admit takes parsed lines in file order: it reports a bad line, and
// returns whether the line's response is to be stored.
func (c *lineChecker) admit(p parsedLine) bool {
	if p.problem != "" {
		c.bad.add(p.line, "%s", p.problem)
		return false
	}
	return true
}
