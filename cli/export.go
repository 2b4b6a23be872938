package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/interchange"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/spf13/cobra"
)

func newExportCommand(g *globals) *cobra.Command {
	var format, out, bundle, identity string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write every stored response as JSON lines or as CSV with a codebook",
		Long: "export --format jsonl writes the JSON interchange form, one response per line.\n" +
			"export --format csv --out FILE.csv writes one row per response and one column per item (a\n" +
			"values answer as 10 columns), UTF-8, and FILE.codebook.csv beside it: item, text, scale and labels.\n" +
			"export --format plans-csv writes every unit's focus areas and action plans, one row each, for the\n" +
			"agency's own follow-up (no respondent is in them).\n" +
			"export --bundle FILE writes a checked bundle for a USB stick, from a kiosk with no network:\n" +
			"`berakhlak import FILE` at the agency stores each response once, however often it is imported.\n" +
			"Responses sealed to the agency key (`berakhlak keys`) are exported only with --identity FILE.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if bundle != "" {
				return g.withDB(func(store *db.Store) error {
					n, err := writeBundle(store, g.path(bundle))
					if err != nil {
						return err
					}
					fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s: %d responses\n", bundle, n)
					return nil
				})
			}
			if format == "plans-csv" {
				return g.withDB(func(store *db.Store) error { return exportPlans(cmd, store, g.path(out)) })
			}
			if format != "jsonl" && format != "csv" {
				return fmt.Errorf("--format %q is not supported: use jsonl, csv or plans-csv", format)
			}
			if format == "csv" && out == "" {
				return fmt.Errorf("--format csv needs --out FILE.csv: the codebook is written beside it")
			}
			ids, err := optionalIdentities(g, identity)
			if err != nil {
				return err
			}
			return g.withStore(func(in *questionnaire.Instrument, store *db.Store) error {
				if err := refuseSealedWithoutKey(store, ids); err != nil {
					return err
				}
				w, done, err := openOutput(cmd, g.path(out))
				if err != nil {
					return err
				}
				defer done()
				total, err := store.CountResponses()
				if err != nil {
					return err
				}
				bar := startProgress(cmd.ErrOrStderr(), "export", int64(total))
				defer bar.Stop()
				if format == "jsonl" {
					return exportJSONL(store, ids, bar, w)
				}
				codebook := strings.TrimSuffix(out, ".csv") + ".codebook.csv"
				if err := writeCodebookFile(g.path(codebook), in); err != nil {
					return err
				}
				if err := interchange.WriteCSV(w, in, openedLines(store, ids, bar)); err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s and %s\n", out, codebook)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl, csv or plans-csv")
	cmd.Flags().StringVar(&out, "out", "", "write to FILE instead of standard output (needed for csv)")
	cmd.Flags().StringVar(&identity, "identity", "", "agency identity `FILE`, to open sealed responses (made by 'berakhlak keys init')")
	cmd.Flags().StringVar(&bundle, "bundle", "", "write a bundle for moving responses by USB to FILE (instead of --format)")
	return cmd
}

// refuseSealedWithoutKey stops an export before it writes anything when
// responses are sealed and no identity was given (with one, nothing to check).
func refuseSealedWithoutKey(store *db.Store, ids []age.Identity) error {
	if ids != nil {
		return nil
	}
	n, err := store.CountSealed()
	if err != nil || n == 0 {
		return err
	}
	return fmt.Errorf("%d responses are sealed to the agency key: give --identity FILE (made by `berakhlak keys init`) to export them; figures need no key (`berakhlak scores`)", n)
}

// exportJSONL writes the stored records as they are: each is already the
// interchange line (Response.AppendJSON, equal to json.Marshal), or opens
// to one with ids when sealed.
func exportJSONL(store *db.Store, ids []age.Identity, bar *progressBar, w io.Writer) error {
	bw := bufio.NewWriter(w)
	err := openedLines(store, ids, bar)(func(line []byte) error {
		bw.Write(line)
		return bw.WriteByte('\n')
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// openedLines gives every stored response as its interchange line, sealed
// ones opened with ids, counting them on bar.
func openedLines(store *db.Store, ids []age.Identity, bar *progressBar) interchange.EachLine {
	return func(fn func([]byte) error) error {
		return store.EachRecord(func(_, value []byte) error {
			bar.Add(1)
			line, err := db.OpenRecord(value, ids)
			if err != nil {
				return err
			}
			return fn(line)
		})
	}
}

func writeCodebookFile(path string, in *questionnaire.Instrument) error {
	f, err := createPrivate(path)
	if err != nil {
		return err
	}
	if err := interchange.WriteCodebook(f, in); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}
