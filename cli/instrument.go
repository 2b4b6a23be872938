package cli

import (
	"encoding/json"
	"fmt"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/spf13/cobra"
)

func newInstrumentCommand(g *globals) *cobra.Command {
	var asYAML bool
	cmd := &cobra.Command{
		Use:   "instrument",
		Short: "Print the active instrument (--json, --yaml) or validate a file",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if asYAML {
				if g.instrumentPath != "" {
					return fmt.Errorf("--yaml prints the embedded instrument; your own file is %s", g.instrumentPath)
				}
				_, err := cmd.OutOrStdout().Write(questionnaire.DefaultYAML())
				return err
			}
			in, err := g.instrument()
			if err != nil {
				return err
			}
			if g.json {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(in)
			}
			return printInstrumentSummary(cmd, in)
		},
	}
	cmd.Flags().BoolVar(&g.json, "json", false, "print the instrument as JSON")
	cmd.Flags().BoolVar(&asYAML, "yaml", false, "print the embedded instrument's YAML, a start for your own")
	cmd.AddCommand(&cobra.Command{
		Use:   "validate FILE",
		Short: "Check an instrument file; print every problem with its line",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := questionnaire.Load(args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: OK (instrument %s, %d sections, %d catalogue entries)\n", args[0], in.Version, len(in.Sections), len(in.Catalogue))
			return nil
		},
	})
	return cmd
}

func printInstrumentSummary(cmd *cobra.Command, in *questionnaire.Instrument) error {
	out := cmd.OutOrStdout()
	fmt.Fprintf(out, "%s (instrument %s)\n", in.Name.Indonesian, in.Version)
	for _, s := range in.Sections {
		fmt.Fprintf(out, "  %-7s %-15s %-20s %d items\n", s.Audience, s.Module, s.ID, len(s.Items))
	}
	fmt.Fprintf(out, "catalogue: %d values; reasons: %d\n", len(in.Catalogue), len(in.Reasons))
	return nil
}
