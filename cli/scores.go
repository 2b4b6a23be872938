package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/berakhlak/berakhlak/tui"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
)

func newScoresCommand(g *globals) *cobra.Command {
	var survey, unit string
	var nf nationalFlags
	var lang string
	cmd := &cobra.Command{
		Use:   "scores",
		Short: "Print the indices of a group (default: the whole latest survey)",
		Long: "scores prints every index of docs/METHODOLOGY.md for a unit and its sub-units, or for the whole\n" +
			"survey. Figures move only in steps of at least k respondents (as_of_n says how many they\n" +
			"include; counts move at once); groups below the minimum group size k, or hidden so that a smaller\n" +
			"group cannot be worked out, show no figures; shares of groups under 2k respondents are withheld,\n" +
			"and shares move only in steps of at least 2k (shares_as_of_n).\n\n" +
			"With --national URL it merges the aggregates every agency server published to NATS instead:\n" +
			"the national figures and a row per agency; --unit then names AGENCY/UNIT.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if lang != questionnaire.LangID && lang != questionnaire.LangEN {
				return fmt.Errorf("--lang %q: use id or en", lang)
			}
			if nf.url != "" {
				in, err := g.instrument()
				if err != nil {
					return err
				}
				nf.survey = survey
				return nationalScores(cmd.OutOrStdout(), cmd.ErrOrStderr(), in, nf, unit, scoresView{g.json, lang, g.outputWidth(cmd.OutOrStdout())})
			}
			return g.withStore(func(in *questionnaire.Instrument, store *db.Store) error {
				return writeScores(cmd.OutOrStdout(), store, in, survey, unit, scoresView{g.json, lang, g.outputWidth(cmd.OutOrStdout())})
			})
		},
	}
	cmd.Flags().StringVar(&survey, "survey", "", "survey id (default: the latest)")
	cmd.Flags().StringVar(&unit, "unit", "", "unit id (default: the whole survey)")
	cmd.Flags().BoolVar(&g.json, "json", false, "print one JSON object in the interchange shape")
	cmd.Flags().StringVar(&lang, "lang", questionnaire.LangID, "language of the table: id or en (--json is the same in both)")
	nf.register(cmd)
	return cmd
}

// previous is the survey before one and its figures, read once for every
// group compared with it.
type previous struct {
	survey *db.Survey // nil when there is none
	groups *scoring.Groups
}

// readPrevious reads the figures of the survey before survey (by id), if any.
func readPrevious(store *db.Store, survey string) (previous, error) {
	sv, ok, err := store.PreviousSurvey(survey)
	if err != nil || !ok {
		return previous{}, err
	}
	prev := previous{survey: &sv}
	prev.groups, err = loadGroups(store, prev.survey.ID)
	return prev, err
}

// addChange sets a group's change against the previous survey and its
// baseline there, when both show figures.
func (p previous) addChange(gs *scoring.GroupScores, unit string, in *questionnaire.Instrument) {
	if p.survey == nil || gs.Scores == nil {
		return
	}
	before := p.groups.Group(unit, settingsOf(*p.survey), in)
	if before.Scores != nil {
		gs.PreviousSurvey = p.survey.ID
		gs.Change = scoring.Changes(before.Scores, gs.Scores)
		gs.SetBaseline(before.Scores)
	}
}

// printScores writes the readable table of one group; on a terminal its
// sentences are wrapped at spaces to the width (the terminal would break
// them mid-word), the table fitted to it.
func printScores(out io.Writer, gs scoring.GroupScores, k int, view scoresView) {
	w := &strings.Builder{}
	defer func() { io.WriteString(out, wrapLines(w.String(), view.width)) }()
	lang := view.lang
	ui := scoresUI
	name := ui.Whole.In(lang)
	if gs.Unit != "" {
		name = fmt.Sprintf("%s (%s)", gs.Name, gs.Unit)
	}
	fmt.Fprintf(w, ui.Survey.In(lang)+"\n", gs.Survey, name)
	if gs.Suppressed {
		fmt.Fprintln(w, tui.SuppressedIn(gs, k, lang))
		return
	}
	fmt.Fprintf(w, ui.Respondents.In(lang), gs.Respondents, gs.RespondentsASN, gs.RespondentsPublic)
	if gs.ResponseRate != nil {
		fmt.Fprintf(w, ui.Rate.In(lang), *gs.ResponseRate, gs.Headcount)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, tui.AsOfIn(gs, lang))
	for _, aud := range gs.SuppressedAudiences {
		fmt.Fprintf(w, "%s: %s\n", audienceWords[aud].In(lang), tui.SuppressedIn(scoring.GroupScores{SuppressedWhy: map[string]scoring.Hidden{aud: gs.SuppressedWhy[aud]}}, k, lang))
	}
	for _, list := range []struct {
		t     text
		n     int
		codes []string
	}{{ui.TooFew, k, gs.TooFew}, {ui.Withheld, 2 * k, gs.Withheld}, {ui.ScaleEnd, 2 * k, gs.AtScaleEnd}} {
		if len(list.codes) > 0 {
			fmt.Fprintf(w, list.t.In(lang)+"\n", list.n, strings.Join(measureWords(list.codes, lang), ", "))
		}
	}
	if len(gs.Protected) > 0 {
		fmt.Fprintf(w, ui.Protected.In(lang)+"\n", strings.Join(measureWords(gs.Protected, lang), ", "))
	}
	heads := make([]string, 0, 9)
	for _, h := range ui.Heads {
		heads = append(heads, h.In(lang))
	}
	rows := scoreRows(gs, lang)
	negativeAlpha := slices.ContainsFunc(rows, func(r []string) bool { return strings.HasSuffix(r[alphaColumn], negativeAlphaMark) })
	heads, rows = withoutEmptyColumns(append(heads, changeHeader(gs, lang)), rows)
	t := table.New().Border(lipgloss.NormalBorder()).Headers(heads...).Rows(rows...)
	fmt.Fprintln(w, tui.FitTable(t, view.width))
	if negativeAlpha {
		fmt.Fprintln(w, negativeAlphaMark+" "+ui.NegativeAlpha.In(lang))
	}
	for _, c := range gs.Change {
		if c.Comparisons > 0 {
			fmt.Fprintf(w, ui.Changes.In(lang)+"\n", c.Comparisons)
			break
		}
	}
	for _, warn := range gs.Warnings {
		fmt.Fprintln(w, ui.Warning.In(lang)+warn)
	}
}

// attainmentText says whether a target was reached and, with a baseline,
// how much of the way from it was made.
func attainmentText(t scoring.TargetFigure, lang string) string {
	if t.Reached == nil {
		return ""
	}
	text := scoresUI.Verdicts[t.Verdict].In(lang)
	if t.Progress != nil {
		text += fmt.Sprintf(scoresUI.OfTheWay.In(lang), *t.Progress)
	}
	if t.AsksForDecline {
		text += scoresUI.AsksDecline.In(lang)
	}
	return text
}

// alphaColumn is the column of scoreRows' alphas; a negative one is marked
// (its meaning is said once, under the table).
const (
	alphaColumn       = 5
	negativeAlphaMark = "*"
)

// scoreRows lists the indices in methodology order.
func scoreRows(gs scoring.GroupScores, lang string) [][]string {
	s := gs.Scores
	var rows [][]string
	add := func(key, label string, st *scoring.Stat) {
		if st == nil {
			return
		}
		name := scoresUI.Rows[label].In(lang)
		if value, ok := questionnaire.ValueNames[label]; ok {
			name = "  " + value.In(lang)
		}
		row := []string{name, fmt.Sprintf("%.1f", st.Index), bandText(st.Band, lang), fmt.Sprint(st.N), "", "", "", "", ""}
		if st.BandNote == scoring.BandTooFew {
			row[2] = fmt.Sprintf(scoresUI.TooFewToJudge.In(lang), scoring.MinNForAlignmentBand)
		}
		if st.CI95 != nil {
			row[4] = fmt.Sprintf("%.1f–%.1f", st.CI95[0], st.CI95[1])
		}
		if st.Alpha != nil {
			row[alphaColumn] = fmt.Sprintf("%.2f", *st.Alpha)
			if st.AlphaNote == scoring.AlphaNegative {
				row[alphaColumn] += negativeAlphaMark // said under the table: the sentence in the cell made the table too wide to read
			}
		}
		if t, ok := gs.Targets[key]; ok {
			row[6] = fmt.Sprintf("%.1f", t.Target)
			row[7] = attainmentText(t, lang)
		}
		if c, ok := gs.Change[key]; ok {
			row[8] = fmt.Sprintf("%+.1f", c.Delta)
			switch {
			case !c.Tested:
				row[8] += scoresUI.NotTested.In(lang)
			case *c.Significant:
				row[8] += scoresUI.Significant.In(lang)
			}
		}
		rows = append(rows, row)
	}
	if s.Implementation != nil {
		add("implementation", "implementation", &s.Implementation.Stat)
		for _, v := range questionnaire.CoreValues {
			if st, ok := s.Implementation.Values[v]; ok {
				add("implementation."+v, v, &st)
			}
		}
	}
	add("entropy", "entropy", s.Entropy)
	add("positive_energy", "positive_energy", s.PositiveEnergy)
	add("balance", "balance", s.Balance)
	if s.AlignmentPersonalCurrent != nil {
		add("alignment_personal_current", "alignment_personal_current", &s.AlignmentPersonalCurrent.Stat)
	}
	if s.AlignmentCurrentDesired != nil {
		add("alignment_current_desired", "alignment_current_desired", &s.AlignmentCurrentDesired.Stat)
	}
	add("culture_health", "culture_health", s.CultureHealth)
	if s.Engagement != nil {
		add("engagement", "engagement", &s.Engagement.Stat)
	}
	if r := s.WorkplaceRecommendation; r != nil {
		add("workplace_recommendation", "workplace_recommendation", &scoring.Stat{Index: r.Index, N: r.N, CI95: r.CI95})
	}
	add("retention_intention", "retention_intention", s.RetentionIntention)
	if b := s.EmployerBranding; b != nil {
		add("employer_branding", "employer_branding", &b.Stat)
		add("", "attractiveness", &b.Attractiveness)
		add("", "intention", &b.Intention)
	}
	return rows
}

func changeHeader(gs scoring.GroupScores, lang string) string {
	if gs.PreviousSurvey == "" {
		return scoresUI.Change.In(lang)
	}
	return fmt.Sprintf(scoresUI.ChangeVs.In(lang), gs.PreviousSurvey)
}

// bandText writes a band with its name, so meaning never rests on colour.
func bandText(band, lang string) string {
	if label, ok := bandLabels[band]; ok {
		return band + " " + label.In(lang)
	}
	if label, ok := entropyBands[band]; ok {
		return label.In(lang)
	}
	return band
}

// scoresView is how scores prints: one JSON object, or tables in lang
// within width columns (0: as wide as they are).
type scoresView struct {
	asJSON bool
	lang   string
	width  int
}

// writeScores prints a group's figures (a unit's, or the whole survey's),
// as a table or as one JSON object.
func writeScores(w io.Writer, store *db.Store, in *questionnaire.Instrument, survey, unit string, view scoresView) error {
	sv, err := surveyOrLatest(store, survey)
	if err != nil {
		return err
	}
	if err := requireUnit(store, unit); err != nil {
		return err
	}
	groups, err := loadGroups(store, sv.ID)
	if err != nil {
		return err
	}
	gs := groups.Group(unit, settingsOf(sv), in)
	prev, err := readPrevious(store, sv.ID)
	if err != nil {
		return err
	}
	prev.addChange(&gs, unit, in)
	if !view.asJSON {
		printScores(w, gs, sv.K, view)
		return nil
	}
	doc := scoresOut{GroupScores: gs, Heatmap: heatmapOf(groups, unit, settingsOf(sv), in)}
	if doc.FocusFollowUp, err = prev.followUps(store, in, groups, settingsOf(sv), unit); err != nil {
		return err
	}
	scoring.SettleFollowUps(doc.FocusFollowUp)
	if unit == "" {
		if doc.Segments, err = segmentSets(store, sv, in); err != nil {
			return err
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// scoresOut is what scores --json prints: the group's figures and, under
// "heatmap", a row for it and for each unit under it (docs/METHODOLOGY.md
// "Heatmap"); for the whole survey, once it has closed, its "segments"
// ("Segments").
type scoresOut struct {
	scoring.GroupScores
	Heatmap  []scoring.HeatRow    `json:"heatmap"`
	Segments []scoring.SegmentSet `json:"segments,omitempty"`
	// FocusFollowUp reads the previous survey's focus areas of the unit and
	// the units under it again (docs/METHODOLOGY.md "From figures to action").
	FocusFollowUp []scoring.FocusFollowUp `json:"focus_followup,omitempty"`
}

// heatmapOf is the heatmap of unit ("" = the whole survey) and the units
// directly under it.
func heatmapOf(groups *scoring.Groups, unit string, set scoring.Settings, in *questionnaire.Instrument) []scoring.HeatRow {
	under := groups.Children(unit)
	if unit == "" {
		under = groups.Roots()
	}
	rows := []scoring.HeatRow{scoring.HeatRowOf(groups.Group(unit, set, in))}
	for _, u := range under {
		rows = append(rows, scoring.HeatRowOf(groups.Group(u, set, in)))
	}
	return rows
}

// wrapLines wraps each line of text wider than width at its spaces; width
// ≤ 0 is no limit (a file or a pipe).
func wrapLines(text string, width int) string {
	if width <= 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if ansi.StringWidth(line) > width {
			lines[i] = ansi.Wordwrap(line, width, "")
		}
	}
	return strings.Join(lines, "\n")
}
