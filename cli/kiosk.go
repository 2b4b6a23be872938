package cli

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/tui"
	"github.com/spf13/cobra"
)

func newKioskCommand(g *globals) *cobra.Command {
	var unit string
	cmd := &cobra.Command{
		Use:   "berakhlak",
		Short: "Survey kiosk for the Indeks BerAKHLAK",
		Long: "berakhlak runs the survey kiosk on this terminal: respondents answer the BerAKHLAK survey\n" +
			"and each finished response is stored anonymously in the database (--db).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			in, err := g.instrument()
			if err != nil {
				return err
			}
			store, err := db.Open(g.dbPath, time.Now())
			if err != nil {
				return err
			}
			defer store.Close()
			survey, err := store.LatestSurvey()
			if err != nil {
				return err
			}
			if !survey.Open {
				return fmt.Errorf("survey %s is closed: no new responses are taken (its data is kept); open it with `berakhlak survey set %s --status open` or create the next one", survey.ID, survey.ID)
			}
			unitID, err := resolveUnit(store, unit)
			if err != nil {
				return err
			}
			k := tui.New(tui.Config{Instrument: in, Survey: survey.ID, Unit: unitID, Modules: survey.Modules, Store: store})
			p := tea.NewProgram(k, tea.WithInput(cmd.InOrStdin()), tea.WithOutput(cmd.OutOrStdout()))
			if _, err := p.Run(); err != nil {
				return fmt.Errorf("kiosk: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&unit, "unit", "", "unit the kiosk's responses belong to (default: the root unit)")
	return cmd
}

// resolveUnit returns the given unit id if it exists, or the root unit's.
func resolveUnit(store *db.Store, unit string) (string, error) {
	if unit == "" {
		root, err := store.RootUnit()
		if err != nil {
			return "", err
		}
		return root.ID, nil
	}
	if _, ok, err := store.Unit(unit); err != nil {
		return "", err
	} else if !ok {
		return "", fmt.Errorf("unit %q is not in the organisation tree of %s: import it with `berakhlak org import`", unit, store.Path())
	}
	return unit, nil
}
