package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/berakhlak/berakhlak/tui"
	"github.com/spf13/cobra"
)

func newScoresCommand(g *globals) *cobra.Command {
	var survey, unit string
	var nf nationalFlags
	cmd := &cobra.Command{
		Use:   "scores",
		Short: "Print the indices of a group (default: the whole latest survey)",
		Long: "scores prints every index of docs/METHODOLOGY.md for a unit and its sub-units, or for the whole\n" +
			"survey. Figures move only in steps of at least k respondents (as_of_n says how many they\n" +
			"include; counts move at once); groups below the minimum group size k, or hidden so that a smaller\n" +
			"group cannot be worked out, show no figures; shares of groups under 2k respondents are withheld.\n\n" +
			"With --national URL it merges the aggregates every agency server published to NATS instead:\n" +
			"the national figures and a row per agency; --unit then names AGENCY/UNIT.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if nf.url != "" {
				in, err := g.instrument()
				if err != nil {
					return err
				}
				nf.survey = survey
				return nationalScores(cmd.OutOrStdout(), cmd.ErrOrStderr(), in, nf, unit, g.json)
			}
			return g.withStore(func(in *questionnaire.Instrument, store *db.Store) error {
				return writeScores(cmd.OutOrStdout(), store, in, survey, unit, g.json)
			})
		},
	}
	cmd.Flags().StringVar(&survey, "survey", "", "survey id (default: the latest)")
	cmd.Flags().StringVar(&unit, "unit", "", "unit id (default: the whole survey)")
	cmd.Flags().BoolVar(&g.json, "json", false, "print one JSON object in the interchange shape")
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

// printScores writes the readable table of one group.
func printScores(w io.Writer, gs scoring.GroupScores, k int) {
	name := "whole survey"
	if gs.Unit != "" {
		name = fmt.Sprintf("%s (%s)", gs.Name, gs.Unit)
	}
	fmt.Fprintf(w, "Survey %s · %s\n", gs.Survey, name)
	if gs.Suppressed {
		fmt.Fprintln(w, tui.SuppressedText(gs, k))
		return
	}
	fmt.Fprintf(w, "respondents: %d (ASN %d, public %d)", gs.Respondents, gs.RespondentsASN, gs.RespondentsPublic)
	if gs.ResponseRate != nil {
		fmt.Fprintf(w, " · response rate %.1f%% of %d", *gs.ResponseRate, gs.Headcount)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, tui.AsOfText(gs))
	for _, aud := range gs.SuppressedAudiences {
		fmt.Fprintf(w, "%s: %s\n", aud, tui.SuppressedText(scoring.GroupScores{SuppressedWhy: map[string]scoring.Hidden{aud: gs.SuppressedWhy[aud]}}, k))
	}
	if len(gs.TooFew) > 0 {
		fmt.Fprintf(w, "left out (fewer than %d respondents gave them) · terlalu sedikit: %s\n", k, strings.Join(gs.TooFew, ", "))
	}
	if len(gs.Withheld) > 0 {
		fmt.Fprintf(w, "withheld (fewer than %d respondents gave them) · ditahan: %s\n", 2*k, strings.Join(gs.Withheld, ", "))
	}
	if len(gs.AtScaleEnd) > 0 {
		fmt.Fprintf(w, "left out: an index near its scale's end in a group under %d, which would tell nearly every answer · ditahan karena mendekati ujung skala: %s\n", 2*k, strings.Join(gs.AtScaleEnd, ", "))
	}
	if len(gs.Protected) > 0 {
		fmt.Fprintf(w, "hidden so that a smaller group cannot be worked out · disembunyikan agar kelompok yang lebih kecil tidak dapat dihitung: %s\n", strings.Join(gs.Protected, ", "))
	}
	t := table.New().Border(lipgloss.NormalBorder()).
		Headers("index", "value", "band", "n", "95% CI", "alpha", "target", "attainment", changeHeader(gs))
	for _, r := range scoreRows(gs) {
		t.Row(r...)
	}
	fmt.Fprintln(w, t.Render())
	for _, c := range gs.Change {
		if c.Comparisons > 0 {
			fmt.Fprintf(w, "changes: each by the test its kind of figure takes; significant = holds after allowing for the %d comparisons shown (Benjamini–Hochberg, 5%%; p and p_adjusted in --json)\n", c.Comparisons)
			break
		}
	}
	for _, warn := range gs.Warnings {
		fmt.Fprintln(w, "warning: "+warn)
	}
}

// attainmentText says whether a target was reached and, with a baseline,
// how much of the way from it was made.
func attainmentText(t scoring.TargetFigure) string {
	if t.Reached == nil {
		return ""
	}
	text := t.Verdict
	if t.Progress != nil {
		text += fmt.Sprintf(", %.0f%% of the way", *t.Progress)
	}
	if t.AsksForDecline {
		text += " (the target asks for a decline from its baseline)"
	}
	return text
}

// scoreRows lists the indices in methodology order.
func scoreRows(gs scoring.GroupScores) [][]string {
	s := gs.Scores
	var rows [][]string
	add := func(key, label string, st *scoring.Stat) {
		if st == nil {
			return
		}
		row := []string{label, fmt.Sprintf("%.1f", st.Index), bandText(st.Band), fmt.Sprint(st.N), "", "", "", "", ""}
		if st.CI95 != nil {
			row[4] = fmt.Sprintf("%.1f–%.1f", st.CI95[0], st.CI95[1])
		}
		if st.Alpha != nil {
			row[5] = fmt.Sprintf("%.2f", *st.Alpha)
			if st.AlphaNote == scoring.AlphaNegative {
				row[5] += " (negative: the items do not hang together here)"
			}
		}
		if t, ok := gs.Targets[key]; ok {
			row[6] = fmt.Sprintf("%.1f", t.Target)
			row[7] = attainmentText(t)
		}
		if c, ok := gs.Change[key]; ok {
			row[8] = fmt.Sprintf("%+.1f", c.Delta)
			switch {
			case !c.Tested:
				row[8] += " (— not tested)"
			case *c.Significant:
				row[8] += " (significant)"
			}
		}
		rows = append(rows, row)
	}
	if s.Implementation != nil {
		add("implementation", "Indeks BerAKHLAK (implementation)", &s.Implementation.Stat)
		for _, v := range questionnaire.CoreValues {
			if st, ok := s.Implementation.Values[v]; ok {
				add("implementation."+v, "  "+v, &st)
			}
		}
	}
	add("entropy", "cultural entropy", s.Entropy)
	add("positive_energy", "positive energy", s.PositiveEnergy)
	add("balance", "balance", s.Balance)
	if s.AlignmentPersonalCurrent != nil {
		add("alignment_personal_current", "alignment personal–current", &s.AlignmentPersonalCurrent.Stat)
	}
	if s.AlignmentCurrentDesired != nil {
		add("alignment_current_desired", "alignment current–desired", &s.AlignmentCurrentDesired.Stat)
	}
	add("culture_health", "culture health", s.CultureHealth)
	if s.Engagement != nil {
		add("engagement", "engagement", &s.Engagement.Stat)
	}
	if r := s.WorkplaceRecommendation; r != nil {
		add("workplace_recommendation", "workplace recommendation", &scoring.Stat{Index: r.Index, N: r.N, CI95: r.CI95})
	}
	add("retention_intention", "retention intention (%)", s.RetentionIntention)
	if b := s.EmployerBranding; b != nil {
		add("employer_branding", "employer branding", &b.Stat)
		add("", "  attractiveness", &b.Attractiveness)
		add("", "  intention", &b.Intention)
	}
	return rows
}

func changeHeader(gs scoring.GroupScores) string {
	if gs.PreviousSurvey == "" {
		return "change"
	}
	return "change vs " + gs.PreviousSurvey
}

// bandText writes a band with its name, so meaning never rests on colour.
func bandText(band string) string {
	if label := scoring.BandLabel(band); label != "" {
		return band + " " + label
	}
	return band
}

// writeScores prints a group's figures (a unit's, or the whole survey's),
// as a table or as one JSON object.
func writeScores(w io.Writer, store *db.Store, in *questionnaire.Instrument, survey, unit string, asJSON bool) error {
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
	if !asJSON {
		printScores(w, gs, sv.K)
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
