package cli

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/safetext"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/spf13/cobra"
)

// newOrgExportCommand writes the tree as org import reads it, so a tree
// can be taken out, edited in a spreadsheet for next year and put back.
func newOrgExportCommand(g *globals) *cobra.Command {
	var out string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "export [--out FILE] [--json]",
		Short: "Write the organisation tree as org import reads it (id,parent,name,headcount,order), or as JSON",
		Long: "org export writes the tree in the CSV org import reads, each unit after its parent and siblings\n" +
			"in their listed order, so it can be edited (in a spreadsheet too) and imported again. A cell\n" +
			"that a spreadsheet would run as a formula (=, +, -, @ first) is led by an apostrophe, which org\n" +
			"import drops again. --json prints the units as a JSON array instead.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withDB(func(store *db.Store) error {
				units, err := store.Units()
				if err != nil {
					return err
				}
				units = treeOrder(units)
				w, done, err := openOutput(cmd, g.path(out))
				if err != nil {
					return err
				}
				defer done()
				if asJSON {
					return writeJSON(w, units)
				}
				return writeOrgCSV(w, units)
			})
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "write to FILE instead of standard output")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the units as a JSON array")
	return cmd
}

// writeOrgCSV writes units under the header org import reads first.
func writeOrgCSV(w io.Writer, units []db.Unit) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "parent", "name", "headcount", "order"})
	for _, u := range units {
		cw.Write(safetext.ForSpreadsheetRow([]string{u.ID, u.Parent, u.Name, blankIfZero(u.Headcount), blankIfZero(u.Order)}))
	}
	cw.Flush()
	return cw.Error()
}

// blankIfZero: org import reads an empty headcount as none given and an
// empty order as "by id".
func blankIfZero(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// treeOrder lists every unit after its parent, siblings as screens list
// them (scoring.CompareNodes): the file reads as the tree does.
func treeOrder(units []db.Unit) []db.Unit {
	children := map[string][]db.Unit{}
	for _, u := range units {
		children[u.Parent] = append(children[u.Parent], u)
	}
	for _, c := range children {
		slices.SortFunc(c, func(a, b db.Unit) int { return scoring.CompareNodes(a.Node(), b.Node()) })
	}
	out := make([]db.Unit, 0, len(units))
	var visit func(parent string)
	visit = func(parent string) {
		for _, u := range children[parent] {
			out = append(out, u)
			visit(u.ID)
		}
	}
	visit("")
	return out
}
