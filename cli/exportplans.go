package cli

import (
	"encoding/csv"
	"strings"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/safetext"
	"github.com/spf13/cobra"
)

// exportPlans writes every survey's plans as CSV, one focus area a row,
// its status history as "day status; …", to out or standard output.
func exportPlans(cmd *cobra.Command, store *db.Store, out string) error {
	plans, err := store.Plans("")
	if err != nil {
		return err
	}
	w, done, err := openOutput(cmd, out)
	if err != nil {
		return err
	}
	defer done()
	cw := csv.NewWriter(w)
	cw.Write([]string{"survey", "unit", "focus", "reason", "actions", "owner", "due", "status", "history"})
	for _, p := range plans {
		for _, f := range p.Focus {
			var history []string
			for _, h := range f.History {
				history = append(history, h.Date+" "+h.Status)
			}
			// A plan's owner and actions are typed by unit heads and read by
			// the agency's admin, often in a spreadsheet: shown, never run.
			cw.Write(safetext.ForSpreadsheetRow([]string{p.Survey, p.Unit, f.Focus, f.Reason, f.Actions, f.Owner, f.Due, f.Status, strings.Join(history, "; ")}))
		}
	}
	cw.Flush()
	return cw.Error()
}
