package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"filippo.io/age"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/tui"
	"github.com/spf13/cobra"
)

func newSurveyCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "survey", Short: "List, create, edit and remove surveys (periods and their settings)"}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the surveys and their settings",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withDB(func(store *db.Store) error {
				all, err := store.Surveys()
				if err != nil {
					return err
				}
				if g.json {
					enc := json.NewEncoder(cmd.OutOrStdout())
					enc.SetIndent("", "  ")
					return enc.Encode(all)
				}
				heads := []string{"survey", "status", "k", "ASN modules", "public modules", "codes", "publication minimums", "sealed to", "segments"}
				var rows [][]string
				for _, sv := range all {
					status := openOrClosed(sv)
					// ", " between words, so a narrow terminal wraps between them.
					rows = append(rows, []string{sv.ID, status, strconv.Itoa(sv.K), strings.Join(sv.Modules["asn"], ", "), strings.Join(sv.Modules["public"], ", "),
						strconv.FormatBool(sv.RequireCode), formatMinimums(sv.PublicationMinimums), shortRecipient(sv.Recipient),
						"asn=" + sv.SegmentItem("asn") + " public=" + sv.SegmentItem("public")})
				}
				heads, rows = withoutEmptyColumns(heads, rows)
				t := table.New().Border(lipgloss.NormalBorder()).Headers(heads...).Rows(rows...)
				fmt.Fprintln(cmd.OutOrStdout(), tui.FitTable(t, g.outputWidth(cmd.OutOrStdout())))
				return nil
			})
		},
	}
	list.Flags().BoolVar(&g.json, "json", false, "print the surveys as JSON")

	var edits surveyEdits
	create := &cobra.Command{
		Use:   "create ID",
		Short: "Create a survey for a period: open, with the settings of the survey before it (k, modules, minimums, codes, sealing, segments) unless flags say otherwise",
		Long: `create makes the survey of a period (a year), open. It takes the settings of the survey
before it — minimum group size, modules, publication minimums, participation codes, the
recipient raw responses are sealed to, segment questions — so that an agency that sealed its
responses or asked for codes one year keeps doing so the next; flags change any of them.
--from names another survey to take them from; --from none starts from the defaults (every
module, k = 5, no codes, not sealed). Targets are not taken: propose them with
'berakhlak targets propose'.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return editSurvey(g, cmd, args[0], true, &edits)
		},
	}
	create.Flags().StringVar(&edits.from, "from", "", "the survey whose settings the new one takes (default: the one before it; none: the defaults)")
	set := &cobra.Command{
		Use:   "set ID",
		Short: "Change a survey's settings",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return editSurvey(g, cmd, args[0], false, &edits)
		},
	}
	for _, c := range []*cobra.Command{create, set} {
		f := c.Flags()
		intFlag(f, &edits.k, "k", 0, fmt.Sprintf("minimum group size (%d to %d)", db.MinK, db.MaxK))
		f.StringVar(&edits.status, "status", "", "open or closed")
		f.StringSliceVar(&edits.asnModules, "asn-modules", nil, "modules asked of ASN (implementation,values,engagement,demographics)")
		f.StringSliceVar(&edits.publicModules, "public-modules", nil, "modules asked of the public (branding,demographics)")
		f.StringToIntVar(&edits.minimums, "min", nil, "publication minimum per module, e.g. --min engagement=140")
		f.StringVar(&edits.requireCode, "require-code", "", "true: ASN respondents need a participation code")
		f.StringVar(&edits.recipient, "recipient", "", "seal raw responses to this age `RECIPIENT` (age1…, from 'berakhlak keys init')")
		f.StringVar(&edits.recipientFile, "recipient-file", "", "read the recipient from FILE (one age1… line)")
		f.StringToStringVar(&edits.segments, "segment", nil, "the demographic question an audience's segments split by, e.g. --segment public=demo.field (default asn=demo.tenure, public=demo.status; one per audience, taken when the survey first closes: see docs/METHODOLOGY.md \"Segments\")")
	}
	var voidCodes bool
	remove := &cobra.Command{
		Use:   "remove ID",
		Short: "Remove a survey made by mistake: one that holds no response or plan, and no code unless --void-codes",
		Long: `remove takes away a survey that was never used — no response stored or queued, no
participation code issued for it, no plan — such as 2072 typed for 2027. Respondents answer the
latest survey, so a mistaken one would otherwise stay theirs for good. A survey that holds anything
is refused, and nothing is changed; so is the database's only survey.

--void-codes also removes a survey whose participation codes were issued before the mistake was
seen: its codes go with it (none was used: it holds no response), and the slips printed for them
stop working. Issue the codes again for the survey meant.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withDB(func(store *db.Store) error {
				var voided int
				var err error
				if voidCodes {
					voided, err = store.RemoveSurveyVoidingCodes(args[0])
				} else {
					err = store.RemoveSurvey(args[0])
				}
				if err != nil {
					return err
				}
				latest, err := store.LatestSurvey()
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "survey %s removed; the latest survey is now %s (%s)\n", args[0], latest.ID, openOrClosed(latest))
				if voided > 0 {
					fmt.Fprintf(cmd.OutOrStdout(), "%d participation codes of survey %s voided: their slips no longer work; issue codes for %s with `berakhlak codes generate --survey %s`\n",
						voided, args[0], latest.ID, latest.ID)
				}
				return nil
			})
		},
	}
	remove.Flags().BoolVar(&voidCodes, "void-codes", false, "also remove the survey's participation codes (all unused), where they were issued by mistake too")
	cmd.AddCommand(list, create, set, remove)
	return cmd
}

func openOrClosed(sv db.Survey) string {
	if sv.Open {
		return "open"
	}
	return "closed"
}

type surveyEdits struct {
	from                      string // create: the survey whose settings are taken ("": the one before; "none")
	k                         int
	status, requireCode       string
	asnModules, publicModules []string
	minimums                  map[string]int
	recipient, recipientFile  string
	segments                  map[string]string // audience → demographic item
}

func editSurvey(g *globals, cmd *cobra.Command, id string, create bool, e *surveyEdits) error {
	return g.withStore(func(in *questionnaire.Instrument, store *db.Store) error {
		sv, exists, err := store.Survey(id)
		if err != nil {
			return err
		}
		var from string // the survey a new one took its settings from
		switch {
		case create && exists:
			return fmt.Errorf("survey %s exists: change it with `berakhlak survey set %s`", id, id)
		case !create && !exists:
			return fmt.Errorf("survey %s does not exist: create it with `berakhlak survey create %s`", id, id)
		case create:
			if sv, from, err = store.NewSurvey(id, e.from); err != nil {
				if e.from != "" {
					err = fmt.Errorf("--from %s: %w (see `berakhlak survey list`; none: the defaults)", e.from, err)
				}
				return err
			}
			sv.Instrument = in.Version
		}
		if err := e.readRecipientFile(g); err != nil {
			return err
		}
		if err := e.apply(&sv); err != nil {
			return err
		}
		if err := e.applySegments(&sv, in); err != nil {
			return err
		}
		if err := sv.CheckSegmentQuestions(in); create && err != nil { // an older survey keeps its instrument's
			return fmt.Errorf("%w; give --segment AUDIENCE=QUESTION, or --from none", err)
		}
		if err := store.SaveSurvey(sv); err != nil {
			return err
		}
		fmt.Fprintf(cmd.OutOrStdout(), "survey %s saved: open=%t k=%d\n", sv.ID, sv.Open, sv.K)
		if from != "" {
			fmt.Fprintf(cmd.OutOrStdout(), "its settings, taken from survey %s and the flags given: %s\n", from, describeSettings(sv))
		}
		if e.recipient != "" {
			fmt.Fprintf(cmd.OutOrStdout(), "raw responses saved from now on are sealed to %s\n", sv.Recipient)
		}
		return nil
	})
}

// describeSettings says what a new survey took, for the one who created it
// to check: sealing and codes above all.
func describeSettings(sv db.Survey) string {
	sealed := "not sealed"
	if sv.Recipient != "" {
		sealed = "raw responses sealed to " + shortRecipient(sv.Recipient)
	}
	codes := "no participation codes"
	if sv.RequireCode {
		codes = "ASN respondents need a participation code"
	}
	out := fmt.Sprintf("k = %d; %s; %s; ASN modules %s; public modules %s; segments asn=%s public=%s", sv.K, sealed, codes,
		strings.Join(sv.Modules[questionnaire.AudienceASN], ", "), strings.Join(sv.Modules[questionnaire.AudiencePublic], ", "),
		sv.SegmentItem(questionnaire.AudienceASN), sv.SegmentItem(questionnaire.AudiencePublic))
	if len(sv.PublicationMinimums) > 0 {
		out += "; publication minimums " + formatMinimums(sv.PublicationMinimums)
	}
	return out
}

func (e *surveyEdits) apply(sv *db.Survey) error {
	if e.k != 0 {
		sv.K = e.k
	}
	switch e.status {
	case "":
	case "open":
		sv.Open = true
	case "closed":
		sv.Open = false
	default:
		return fmt.Errorf("--status %q: use open or closed", e.status)
	}
	for aud, mods := range map[string][]string{questionnaire.AudienceASN: e.asnModules, questionnaire.AudiencePublic: e.publicModules} {
		if mods != nil {
			sv.Modules[aud] = mods // db.Survey.Validate checks them
		}
	}
	for m, n := range e.minimums {
		if sv.PublicationMinimums == nil {
			sv.PublicationMinimums = map[string]int{}
		}
		sv.PublicationMinimums[m] = n
	}
	if e.recipient != "" {
		sv.Recipient = e.recipient
	}
	if e.requireCode != "" {
		b, err := strconv.ParseBool(e.requireCode)
		if err != nil {
			return fmt.Errorf("--require-code %q: use true or false", e.requireCode)
		}
		sv.RequireCode = b
	}
	return nil
}

// applySegments sets each audience's segment question, if the instrument
// can split the audience by it (the store refuses changing segments once
// taken).
func (e *surveyEdits) applySegments(sv *db.Survey, in *questionnaire.Instrument) error {
	for audience, item := range e.segments {
		if err := in.CheckSegmentQuestion(audience, item); err != nil {
			return fmt.Errorf("--segment %s=%s: %w", audience, item, err)
		}
		if sv.Segments == nil {
			sv.Segments = map[string]string{}
		}
		sv.Segments[audience] = item
	}
	return nil
}

// readRecipientFile takes --recipient from --recipient-file: the one age
// recipient in it (comments and blank lines aside).
func (e *surveyEdits) readRecipientFile(g *globals) error {
	if e.recipientFile == "" {
		return nil
	}
	if e.recipient != "" {
		return errors.New("give --recipient or --recipient-file, not both")
	}
	f, err := os.Open(g.path(e.recipientFile))
	if err != nil {
		return fmt.Errorf("--recipient-file: %w", err)
	}
	defer f.Close()
	rs, err := age.ParseRecipients(io.LimitReader(f, 64<<10))
	if err != nil {
		return fmt.Errorf("--recipient-file %s: %w", e.recipientFile, err)
	}
	if len(rs) != 1 {
		return fmt.Errorf("--recipient-file %s holds %d recipients: give exactly one (the agency key)", e.recipientFile, len(rs))
	}
	x, ok := rs[0].(*age.X25519Recipient)
	if !ok {
		return fmt.Errorf("--recipient-file %s: the recipient must be an age1… X25519 key", e.recipientFile)
	}
	e.recipient = x.String()
	return nil
}

// shortRecipient names an age recipient by its ends, enough to tell keys
// apart in a table ("—": raw responses are stored in the clear).
func shortRecipient(r string) string {
	if len(r) < 16 {
		return "—"
	}
	return r[:10] + "…" + r[len(r)-6:]
}

func sortedSet(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func formatMinimums(m map[string]int) string {
	var parts []string
	for _, k := range sortedSet(keysOf(m)) {
		parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
	}
	return strings.Join(parts, ",")
}

func keysOf(m map[string]int) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}
