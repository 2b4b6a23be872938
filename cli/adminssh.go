package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/log/v2"
	"charm.land/ssh"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/spf13/cobra"
)

// adminCommands runs what an admin may ask of the server over SSH without a
// screen, limited to the unit of the admin's key: the read-only commands
// whose output an admin screen shows anyway, `report` and `scores`
// (`ssh admin@HOST report > laporan.html`), `plan`, the unit's own plans,
// which an admin screen edits too, and `targets`, what the unit is held to,
// which its head sets. Every other command is unknown here. Each command
// that ran is logged with the admin's key (commandlog.go).
func adminCommands(store *db.Store, in *questionnaire.Instrument, logger *log.Logger) func(ssh.Session, string, []string) error {
	return func(sess ssh.Session, scope string, args []string) error {
		width := 0 // without a terminal (ssh admin@HOST scores > file), tables are as wide as they are
		if pty, _, ok := sess.Pty(); ok {
			width = pty.Window.Width
		}
		root := newAdminSSHRoot(store, in, scope, width)
		root.SetArgs(args)
		root.SetIn(strings.NewReader(""))
		root.SetOut(sess)
		root.SetErr(sess.Stderr())
		err := execute(sess.Context(), root)
		exit := 0
		if err != nil {
			exit = 1
		}
		kv := append([]any{"by", keyOf(sess)}, commandForLog(root, ranCommand(root, args))...)
		logger.Info("admin ran a command", append(kv, "exit", exit)...)
		return err
	}
}

// newAdminSSHRoot is the command tree of an admin key limited to scope,
// its tables fitted to width, the columns of the admin's terminal (0: none).
func newAdminSSHRoot(store *db.Store, in *questionnaire.Instrument, scope string, width int) *cobra.Command {
	root := &cobra.Command{
		Use:           "berakhlak",
		Short:         "What an admin key may run over SSH (ssh admin@HOST COMMAND): report, scores, plan and targets, within the key's unit",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.CompletionOptions.DisableDefaultCmd = true // help, report, scores, plan and targets only
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return fmt.Errorf("%w (see '%s --help')", err, cmd.CommandPath())
	})
	var survey, unit, lang string
	var pdf, asJSON bool
	depth := defaultReportDepth
	report := &cobra.Command{
		Use:   "report [--unit U] [--lang en] [--depth N] [--pdf] > laporan.html",
		Short: "Stream the report of your unit (or a unit under it) as HTML, or as PDF with --pdf",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if lang != questionnaire.LangID && lang != questionnaire.LangEN {
				return fmt.Errorf("--lang %q: use id or en", lang)
			}
			u, err := withinScope(store, scope, unit)
			if err != nil {
				return err
			}
			sv, err := surveyOrLatest(store, survey)
			if err != nil {
				return err
			}
			if !pdf {
				return writeReportTo(cmd.OutOrStdout(), store, in, sv, u, reportOptions{lang: lang, depth: depth})
			}
			return streamPDF(cmd, store, in, sv, u, reportOptions{lang: lang, depth: depth})
		},
	}
	report.Flags().StringVar(&unit, "unit", "", "unit id (default: your key's unit)")
	report.Flags().StringVar(&lang, "lang", questionnaire.LangID, "language: id or en")
	report.Flags().StringVar(&survey, "survey", "", "survey id (default: the latest)")
	intFlag(report.Flags(), &depth, "depth", defaultReportDepth, depthUsage)
	report.Flags().BoolVar(&pdf, "pdf", false, "print the report to PDF on the server (needs its Chromium) and stream that")
	scores := &cobra.Command{
		Use:   "scores [--unit U] [--json]",
		Short: "Print the figures of your unit (or a unit under it)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			u, err := withinScope(store, scope, unit)
			if err != nil {
				return err
			}
			if lang != questionnaire.LangID && lang != questionnaire.LangEN {
				return fmt.Errorf("--lang %q: use id or en", lang)
			}
			return writeScores(cmd.OutOrStdout(), store, in, survey, u, scoresView{asJSON, lang, width})
		},
	}
	scores.Flags().StringVar(&unit, "unit", "", "unit id (default: your key's unit)")
	scores.Flags().StringVar(&survey, "survey", "", "survey id (default: the latest)")
	scores.Flags().BoolVar(&asJSON, "json", false, "print one JSON object in the interchange shape")
	scores.Flags().StringVar(&lang, "lang", questionnaire.LangID, "language of the table: id or en")
	plan := planCommand(planAccess{
		with:  func(fn func(*questionnaire.Instrument, *db.Store) error) error { return fn(in, store) },
		scope: scope,
		today: func() string { return questionnaire.Day(time.Now()) },
	})
	targetsOfScope := targetsAccess{
		with:     func(fn func(*questionnaire.Instrument, *db.Store) error) error { return fn(in, store) },
		scope:    scope,
		openOnly: true,
	}
	targets := &cobra.Command{Use: "targets", Short: "Show and set the targets of your unit (or a unit under it)"}
	targets.AddCommand(newTargetsShowCommand(targetsOfScope), newTargetsSetCommand(targetsOfScope), newTargetsUnsetCommand(targetsOfScope))
	root.AddCommand(report, scores, plan, targets)
	explainWords(root)
	return root
}

// withinScope is the unit a command of a key limited to scope reads: the
// one asked for when it is scope or under it, scope when none is asked for.
func withinScope(store *db.Store, scope, unit string) (string, error) {
	if unit == "" {
		return scope, nil
	}
	if err := requireUnit(store, unit); err != nil {
		return "", err
	}
	for u := unit; scope != "" && u != scope; {
		node, ok, err := store.Unit(u)
		if err != nil {
			return "", err
		}
		if !ok || node.Parent == "" {
			return "", fmt.Errorf("unit %q is outside the unit of your key (%q)", unit, scope)
		}
		u = node.Parent
	}
	return unit, nil
}

// streamPDF prints the report to a PDF in a folder of its own (0700, gone
// afterwards) and streams it.
func streamPDF(cmd *cobra.Command, store *db.Store, in *questionnaire.Instrument, sv db.Survey, unit string, opts reportOptions) error {
	dir, err := os.MkdirTemp("", "berakhlak-report-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	html, pdf := filepath.Join(dir, "report.html"), filepath.Join(dir, "report.pdf")
	if err := writeReport(store, in, sv, unit, opts, html); err != nil {
		return err
	}
	if err := printPDF(cmd.Context(), html, pdf); err != nil {
		return err
	}
	f, err := os.Open(pdf)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(cmd.OutOrStdout(), f)
	return err
}
