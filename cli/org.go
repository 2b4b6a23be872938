package cli

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/safetext"
	"github.com/spf13/cobra"
)

func newOrgCommand(g *globals) *cobra.Command {
	org := &cobra.Command{Use: "org", Short: "The organisation tree: units, parents and headcounts"}
	org.AddCommand(&cobra.Command{
		Use:   "import FILE.csv",
		Short: "Replace the organisation tree from a CSV file with header id,parent,name,headcount[,order]",
		Long: "org import reads units from a CSV file with the header id,parent,name,headcount (headcount\n" +
			"optional), and optionally a fifth column order: a unit's place among its siblings (1, 2, …).\n" +
			"Screens and reports list siblings by that order, then those without one by id in natural order\n" +
			"(\"2\" before \"10\"). Every problem is reported with its line; nothing changes unless the whole\n" +
			"file is sound. Units whose headcount is below the survey's minimum group size are listed afterwards.\n" +
			"An apostrophe before a cell that begins with =, +, - or @ is dropped: org export writes one there so\n" +
			"that a spreadsheet shows the cell instead of running it.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(g.path(args[0]))
			if err != nil {
				return fmt.Errorf("open %s: %w", args[0], err)
			}
			defer f.Close()
			units, err := parseOrgCSV(args[0], f)
			if err != nil {
				return err
			}
			return g.withDB(func(store *db.Store) error {
				if err := store.ReplaceUnits(units); err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
				}
				sv, err := store.LatestSurvey()
				if err != nil {
					return err
				}
				out := cmd.OutOrStdout()
				fmt.Fprintf(out, "%s: %d units imported\n", args[0], len(units))
				for _, u := range units {
					if u.Headcount > 0 && u.Headcount < sv.K {
						fmt.Fprintf(out, "  %s (%s) has %d staff, below the minimum group size %d of survey %s: merge it into its parent before the survey opens\n", u.ID, u.Name, u.Headcount, sv.K, sv.ID)
					}
				}
				return nil
			})
		},
	})
	org.AddCommand(newOrgExportCommand(g))
	return org
}

// parseOrgCSV reads an organisation file and checks it by the store's rules
// (db.CheckTree), naming the line of every problem: missing or duplicate
// id, unknown parent, cycle, bad headcount or order.
func parseOrgCSV(file string, r io.Reader) ([]db.Unit, error) {
	cr := csv.NewReader(skipBOM(r))
	cr.FieldsPerRecord = -1
	records, err := cr.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: CSV syntax: %v", file, pe.Line, pe.Err)
		}
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("%s:1: the file is empty: the first line must be id,parent,name,headcount", file)
	}
	header := strings.Join(records[0], ",")
	if header != "id,parent,name,headcount,order" && header != "id,parent,name,headcount" && header != "id,parent,name" {
		return nil, fmt.Errorf("%s:1: header is %q: it must be id,parent,name,headcount or id,parent,name,headcount,order (headcount and order optional)", file, header)
	}
	bad := &lineErrors{file: file}
	var units []db.Unit
	var lines []int
	for i, rec := range records[1:] {
		line := i + 2
		if len(rec) != len(records[0]) {
			bad.add(line, "has %d fields, the header has %d", len(rec), len(records[0]))
			continue
		}
		for j := range rec { // a cell org export led by an apostrophe for a spreadsheet
			rec[j] = safetext.FromSpreadsheet(strings.TrimSpace(rec[j]))
		}
		u := db.Unit{ID: rec[0], Parent: rec[1], Name: db.CleanUnitName(rec[2])}
		if len(rec) >= 4 && rec[3] != "" {
			if u.Headcount, err = strconv.Atoi(rec[3]); err != nil {
				bad.add(line, "headcount %q is not a whole number of 0 or more", safetext.Clean(rec[3], 20, false))
				continue
			}
		}
		if len(rec) == 5 && rec[4] != "" {
			if u.Order, err = strconv.Atoi(rec[4]); err != nil || u.Order == 0 {
				bad.add(line, "order %q is not a whole number from 1 to %d (leave it empty to list the unit by id)", safetext.Clean(rec[4], 20, false), db.MaxUnitOrder)
				continue
			}
		}
		units = append(units, u)
		lines = append(lines, line)
	}
	for _, p := range db.CheckTree(units, func(i int) string { return fmt.Sprintf("line %d", lines[i]) }) {
		bad.add(lines[p.Index], "%s", p.Msg)
	}
	if err := bad.err(); err != nil {
		return nil, err
	}
	return units, nil
}

// skipBOM drops the UTF-8 byte order mark that Excel puts before a CSV file.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		br.Discard(3)
	}
	return br
}
