package cli

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/berakhlak/berakhlak/codes"
	"github.com/berakhlak/berakhlak/db"
	"github.com/spf13/cobra"
)

// maxCodes bounds one generate call.
const maxCodes = 1_000_000

func newCodesCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "codes", Short: "Participation codes: one response per person, without identity"}
	var unit, out string
	var count int
	generate := &cobra.Command{
		Use:   "generate --unit U --count N [--out FILE]",
		Short: "Make N codes for a unit: a CSV (code,unit) and a printable sheet of slips",
		Long: "codes generate makes N new codes for a unit and stores only their keyed hashes. It writes\n" +
			"the codes as CSV (to --out FILE, or standard output) and, with --out, a printable sheet of\n" +
			"slips beside it (FILE with .sheet.txt). Hand each person one slip; nothing links a code to\n" +
			"the answers given with it.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if count < 1 || count > maxCodes {
				return fmt.Errorf("--count %d: give 1 to %d", count, maxCodes)
			}
			return g.withDB(func(store *db.Store) error {
				u, ok, err := store.Unit(unit)
				if err != nil {
					return err
				}
				if !ok {
					return fmt.Errorf("unit %q is not in the organisation tree: import it with `berakhlak org import`", unit)
				}
				cs, err := codes.Generate(nil, count)
				if err != nil {
					return err
				}
				if err := store.AddCodes(unit, cs); err != nil {
					return err
				}
				if out == "" {
					return writeCodesCSV(cmd.OutOrStdout(), unit, cs)
				}
				if err := writeFileWith(g.path(out), func(w io.Writer) error { return writeCodesCSV(w, unit, cs) }); err != nil {
					return err
				}
				sheet := strings.TrimSuffix(out, ".csv") + ".sheet.txt"
				if err := writeFileWith(g.path(sheet), func(w io.Writer) error { return writeSheet(w, u.Name, cs) }); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%d codes for %s written to %s and %s\n", count, unit, out, sheet)
				return nil
			})
		},
	}
	generate.Flags().StringVar(&unit, "unit", "", "unit the codes belong to")
	generate.Flags().IntVar(&count, "count", 0, "how many codes")
	generate.Flags().StringVar(&out, "out", "", "CSV file to write (a .sheet.txt is written beside it)")
	generate.MarkFlagRequired("unit")
	generate.MarkFlagRequired("count")
	cmd.AddCommand(generate)
	return cmd
}

func writeCodesCSV(w io.Writer, unit string, cs []string) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"code", "unit"})
	for _, c := range cs {
		cw.Write([]string{codes.Format(c), unit})
	}
	cw.Flush()
	return cw.Error()
}

// writeSheet lays the codes out as slips to cut apart.
func writeSheet(w io.Writer, unitName string, cs []string) error {
	cut := strings.Repeat("- ", 36) + "✂\n"
	for _, c := range cs {
		_, err := fmt.Fprintf(w, "%s\n  Survei BerAKHLAK · %s\n  Kode partisipasi / participation code:  %s\n  Berlaku sekali. Kode tidak terhubung dengan jawaban Anda.\n  Valid once. The code is not linked to your answers.\n", cut, unitName, codes.Format(c))
		if err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, cut)
	return err
}

func writeFileWith(path string, write func(io.Writer) error) error {
	f, err := createPrivate(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}
