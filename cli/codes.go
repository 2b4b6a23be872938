package cli

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/berakhlak/berakhlak/codes"
	"github.com/berakhlak/berakhlak/db"
	"github.com/spf13/cobra"
)

// maxCodes bounds one generate call.
const maxCodes = 1_000_000

func newCodesCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "codes", Short: "Participation codes: one response per person, without identity"}
	var unit, out, survey string
	var count int
	generate := &cobra.Command{
		Use:   "generate --unit U --count N [--out FILE]",
		Short: "Make N codes for a unit: a CSV (code,unit,survey) and a printable sheet of slips",
		Long: "codes generate makes N new codes for a unit and stores only their keyed hashes. It writes\n" +
			"the codes as CSV (to --out FILE, or standard output) and, with --out, a printable sheet of\n" +
			"slips beside it (FILE with .sheet.txt). Hand each person one slip; nothing links a code to\n" +
			"the answers given with it. Codes are for one survey (--survey, default the latest): a slip\n" +
			"left unused one year is refused the next.",
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
				sv, err := codesSurvey(store, survey)
				if err != nil {
					return err
				}
				cs, err := codes.Generate(nil, count)
				if err != nil {
					return err
				}
				if err := store.AddCodes(sv, map[string][]string{unit: cs}); err != nil {
					return err
				}
				if out == "" {
					return writeCodesCSV(cmd.OutOrStdout(), unit, sv, cs)
				}
				if err := writeFileWith(g.path(out), func(w io.Writer) error { return writeCodesCSV(w, unit, sv, cs) }); err != nil {
					return err
				}
				sheet := strings.TrimSuffix(out, ".csv") + ".sheet.txt"
				if err := writeFileWith(g.path(sheet), func(w io.Writer) error { return writeSheet(w, sv, u.Name, cs) }); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%d codes for %s, survey %s, written to %s and %s\n", count, unit, sv, out, sheet)
				return nil
			})
		},
	}
	generate.Flags().StringVar(&unit, "unit", "", "unit the codes belong to")
	intFlag(generate.Flags(), &count, "count", 0, "how many codes")
	generate.Flags().StringVar(&out, "out", "", "CSV file to write (a .sheet.txt is written beside it)")
	generate.Flags().StringVar(&survey, "survey", "", "the survey the codes are for (default: the latest)")
	generate.MarkFlagRequired("unit")
	generate.MarkFlagRequired("count")
	cmd.AddCommand(generate, newCodesImportCommand(g))
	return cmd
}

// newCodesImportCommand loads codes another database generated (a CSV of
// `codes generate`) — a forwarding kiosk checks the agency's codes against
// its own copy, and the agency bounds what kiosks forward by the codes it
// issued (db/kiosks.go).
func newCodesImportCommand(g *globals) *cobra.Command {
	var survey string
	cmd := &cobra.Command{
		Use:   "import FILE.csv",
		Short: "Load codes generated elsewhere (the agency's, for a forwarding kiosk) from their CSV",
		Long: "codes import reads a CSV written by `codes generate` (code,unit,survey) and stores the codes'\n" +
			"keyed hashes here, so this kiosk accepts them. Generate the codes on the agency server, which\n" +
			"then takes from each unit's codes the responses its kiosks forward, and give each kiosk its part.\n" +
			"They are for the survey the file names, as they were generated (a file of an older version,\n" +
			"code,unit only: --survey, default the latest here).",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			byUnit, fileSurvey, err := readCodesCSV(g.path(args[0]))
			if err != nil {
				return err
			}
			if fileSurvey != "" && survey != "" && fileSurvey != survey {
				return fmt.Errorf("%s holds codes generated for survey %s, not %s: leave out --survey", args[0], fileSurvey, survey)
			}
			return g.withDB(func(store *db.Store) error {
				sv, err := codesSurvey(store, cmp.Or(fileSurvey, survey))
				if err != nil {
					return err
				}
				if err := store.AddCodes(sv, byUnit); err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
				}
				total := 0
				for _, cs := range byUnit {
					total += len(cs)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%d codes of %d units stored from %s, for survey %s\n", total, len(byUnit), args[0], sv)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&survey, "survey", "", "the survey the codes are for, where the file does not say (default: the latest)")
	return cmd
}

// codesSurvey is the survey codes are issued for: the one named, else the
// latest (AddCodes checks that it exists).
func codesSurvey(store *db.Store, named string) (string, error) {
	if named != "" {
		return named, nil
	}
	sv, err := store.LatestSurvey()
	return sv.ID, err
}

// readCodesCSV reads code,unit,survey rows (code,unit from an older
// version), each code checked, grouped by unit, and the one survey they
// were generated for ("" for an older file).
func readCodesCSV(path string) (byUnit map[string][]string, survey string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	r := csv.NewReader(io.LimitReader(f, 256<<20))
	r.FieldsPerRecord = 0 // every row as wide as the first
	byUnit = map[string][]string{}
	for line := 1; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err == nil && len(rec) != 2 && len(rec) != 3 {
			err = fmt.Errorf("line %d has %d fields", line, len(rec))
		}
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w (want code,unit,survey as `codes generate` writes)", path, err)
		}
		if line == 1 && rec[0] == "code" {
			continue
		}
		code, err := codes.Normalise(rec[0])
		if err != nil {
			return nil, "", fmt.Errorf("%s:%d: code %q: %v", path, line, rec[0], err)
		}
		if len(rec) == 3 {
			if survey != "" && rec[2] != survey {
				return nil, "", fmt.Errorf("%s:%d: survey %s, where the lines before say %s: import each survey's codes from a file of its own", path, line, rec[2], survey)
			}
			survey = rec[2]
		}
		byUnit[rec[1]] = append(byUnit[rec[1]], code)
	}
	if len(byUnit) == 0 {
		return nil, "", fmt.Errorf("%s: no codes in it", path)
	}
	return byUnit, survey, nil
}

// writeCodesCSV writes a unit's codes of a survey, the survey on every row
// so that a kiosk importing them cannot take them for another.
func writeCodesCSV(w io.Writer, unit, survey string, cs []string) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"code", "unit", "survey"})
	for _, c := range cs {
		cw.Write([]string{codes.Format(c), unit, survey})
	}
	cw.Flush()
	return cw.Error()
}

// writeSheet lays the codes out as slips to cut apart, each naming the
// survey's year: a slip kept from another year is no use.
func writeSheet(w io.Writer, survey, unitName string, cs []string) error {
	cut := strings.Repeat("- ", 36) + "✂\n"
	for _, c := range cs {
		_, err := fmt.Fprintf(w, "%s\n  Survei BerAKHLAK %s · %s\n  Kode partisipasi / participation code:  %s\n  Berlaku sekali. Kode tidak terhubung dengan jawaban Anda.\n  Valid once. The code is not linked to your answers.\n", cut, survey, unitName, codes.Format(c))
		if err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, cut)
	return err
}

// writeFileWith creates path for this user alone (0600) and writes it with write.
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
