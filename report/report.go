// Package report renders the printable report for leaders: one
// self-contained HTML file (styles and charts inline) per survey and unit.
package report

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"sort"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// Input is what one report shows.
type Input struct {
	Lang       string // "id" (default) or "en"
	Instrument *questionnaire.Instrument
	Group      scoring.GroupScores // the group reported on
	Units      []UnitRow           // the units of its subtree, in tree order
	// Depth is how many levels below the first row the units table and the
	// heatmap show (0: all); below it only units apart from the group
	// beyond noise are shown, each with its path.
	Depth  int
	Agency string // the agency's name, for the title of its whole-survey report
	K      int    // minimum group size
	Date   string // day the report was made
	// Segments of the whole survey (none for a unit's report).
	Segments []scoring.SegmentSet
	// FollowUps read the previous survey's focus areas of the group's units
	// again (scoring.SettleFollowUps adjusted them as one family).
	FollowUps []scoring.FocusFollowUp
	// Plans are the focus areas the group's units chose after this survey.
	Plans []PlanRow
	// Trend is the group's figures over the surveys joined with this one
	// (scoring.JoinTrend), oldest first; drawn from MinTrendSurveys.
	Trend []scoring.TrendSurvey
	// TrendBrokenBy is the latest earlier survey not joined: it asked
	// another instrument version, or one not recorded.
	TrendBrokenBy *scoring.TrendSurvey
}

// PlanRow is one focus area a unit chose, with its plan.
type PlanRow struct {
	Unit                                       string // the unit's name
	Focus, Reason, Actions, Owner, Due, Status string
}

// UnitRow is one unit of the subtree table.
type UnitRow struct {
	Depth  int
	Scores scoring.GroupScores
	// Direct: the row of a parent's own respondents (Scores.Respondents
	// only), so its children and this add up to it.
	Direct bool
}

// view is what the template reads: figures already formatted, so that a
// suppressed group can carry none at all.
type view struct {
	ChangeNote string // how significance was called, with the comparisons it allows for
	T          map[string]string
	Lang       string
	Title      string
	Group      scoring.GroupScores
	Suppressed bool
	// SuppressedText says why the whole group shows no figures.
	SuppressedText string
	K              int
	Date           string
	Summary        []summaryRow
	ValueChart     template.HTML
	ValueRows      []summaryRow
	Top10          []top10Row
	Entropy        string
	Balance        string
	Jumps          []jumpRow
	Engagement     []summaryRow
	EngChart       template.HTML
	Branding       []summaryRow
	BrandChart     template.HTML
	Reasons        []jumpRow
	BelowNote      string // how many units lie below the shown depth, and how to get their reports
	MadeOn         string // the day, and the anonymity rule, in words
	Headline       string // the Indeks BerAKHLAK in a sentence
	Legend         string // the heatmap's column codes spelled out
	Changes        []summaryRow
	Speaks         []string  // the executive summary in words
	Heat           *heatView // the units side by side; nil without units
	Drivers        []driverView
	Segments       []segmentView
	FollowUps      []followUpRow
	Plans          []PlanRow
	TrendHeadline  template.HTML
	TrendValues    template.HTML
	TrendNote      string
}

type summaryRow struct{ Name, Value, Band, N, Target, Extra string }

type top10Row struct {
	Rank                       int
	Personal, Current, Desired string
	PMatch, CMatchP, CMatchD   bool
}

type jumpRow struct{ Name, Value string }

// Write renders the report.
func Write(w io.Writer, in Input) error {
	t := texts(in.Lang)
	v := view{T: t, Lang: langOf(in.Lang), K: in.K, Date: in.Date, Group: in.Group, Suppressed: in.Group.Suppressed,
		SuppressedText: t["suppressedGroup"]}
	if complementary(in.Group) {
		v.SuppressedText = t["suppressedGroupComplementary"]
	}
	v.Title = t["title"] + " " + in.Group.Survey + " · " + name(in.Group, t)
	if in.Group.Unit == "" && in.Agency != "" {
		v.Title = t["title"] + " " + in.Group.Survey + " · " + in.Agency
	}
	v.MadeOn = fmt.Sprintf(t["madeOn"], dateInWords(in.Date, in.Lang), in.K)
	v.Legend = fmt.Sprintf(t["legend"], codeLegend(t))
	if !v.Suppressed && in.Group.Scores != nil {
		if err := fill(&v, in, t); err != nil {
			return err
		}
		v.Headline = headline(in.Group, t)
		v.Speaks = append(speak(in, t), speakSegments(in.Segments, in.Instrument, langOf(in.Lang), t)...)
		v.Speaks = append(v.Speaks, speakFollowUps(in.FollowUps, t)...)
		drivers, err := driverViews(in.Group, t)
		if err != nil {
			return err
		}
		v.Drivers = drivers
		if err := fillTrend(&v, in, t); err != nil {
			return err
		}
		if v.Segments, err = segmentViews(in.Segments, in.Instrument, langOf(in.Lang), t); err != nil {
			return err
		}
	}
	v.FollowUps = followUpRows(in.FollowUps, t)
	v.Plans = planRows(in.Plans, t)
	rows, below := shownUnits(in, unitsApart(in))
	v.Heat = heatmap(rows, t)
	if below > 0 {
		v.BelowNote = fmt.Sprintf(t["belowDepth"], below, in.Depth, f1(apartBy))
	}
	return page.Execute(w, v)
}

func langOf(l string) string {
	if l == questionnaire.LangEN {
		return questionnaire.LangEN
	}
	return questionnaire.LangID
}

func name(g scoring.GroupScores, t map[string]string) string {
	if g.Unit == "" {
		return t["whole"]
	}
	return g.Name
}

func f1(x float64) string { return fmt.Sprintf("%.1f", x) }

func bandText(b string, t map[string]string) string {
	if b == "" {
		return ""
	}
	return b + " " + t["band"+b]
}

func stat(name string, st *scoring.Stat, target *scoring.TargetFigure, t map[string]string) summaryRow {
	r := summaryRow{Name: name, Value: f1(st.Index), Band: bandText(st.Band, t), N: fmt.Sprint(st.N)}
	if st.CI95 != nil {
		r.Extra = fmt.Sprintf("95%% CI %s–%s", f1(st.CI95[0]), f1(st.CI95[1]))
	}
	if st.Alpha != nil {
		r.Extra = strings.TrimSpace(r.Extra + fmt.Sprintf(" · α %.2f", *st.Alpha))
		if st.AlphaNote == scoring.AlphaNegative {
			r.Extra += " (" + t["alphaNegative"] + ")"
		}
	}
	if target != nil {
		r.Target = f1(target.Target)
		if target.Reached != nil {
			word := t["notReached"]
			switch target.Verdict {
			case scoring.TargetReached:
				word = t["reached"]
			case scoring.TargetWithinNoise:
				word = t["withinNoise"]
			}
			if target.Progress != nil {
				word += fmt.Sprintf(", %.0f%%", *target.Progress)
			}
			if target.AsksForDecline {
				word += "; " + t["asksForDecline"]
			}
			r.Target += " (" + word + ")"
		}
	}
	return r
}

func targetOf(g scoring.GroupScores, key string) *scoring.TargetFigure {
	if tf, ok := g.Targets[key]; ok {
		return &tf
	}
	return nil
}

// fill formats every section of a visible group.
func fill(v *view, in Input, t map[string]string) error {
	g, s := in.Group, in.Group.Scores
	labels := catalogueLabels(in.Instrument, v.Lang)
	if im := s.Implementation; im != nil {
		v.Summary = append(v.Summary, stat(t["implementation"], &im.Stat, targetOf(g, "implementation"), t))
		var bars []bar
		title := t["valueChart"]
		for _, val := range questionnaire.CoreValues {
			st := im.Values[val]
			b := bar{Label: t["s."+val], Value: st.Index}
			if tf := targetOf(g, "implementation."+val); tf != nil {
				b.Target = &tf.Target
				title = t["valueChart"] + t["targetLegend"] // the legend only where a target is drawn
			}
			bars = append(bars, b)
			v.ValueRows = append(v.ValueRows, stat(t["v."+val], &st, targetOf(g, "implementation."+val), t))
		}
		chart, err := barChart(title, bars, 17*vg.Centimeter, 8*vg.Centimeter)
		if err != nil {
			return err
		}
		v.ValueChart = chart
	}
	if s.CultureHealth != nil {
		v.Summary = append(v.Summary, stat(t["health"], s.CultureHealth, targetOf(g, "culture_health"), t))
	}
	if s.Engagement != nil {
		v.Summary = append(v.Summary, stat(t["engagement"], &s.Engagement.Stat, targetOf(g, "engagement"), t))
	}
	if s.EmployerBranding != nil {
		v.Summary = append(v.Summary, stat(t["branding"], &s.EmployerBranding.Stat, targetOf(g, "employer_branding"), t))
	}
	if s.Top10 != nil {
		inP, inC, inD := set(s.Top10.Personal), set(s.Top10.Current), set(s.Top10.Desired)
		for i := range s.Top10.Current {
			v.Top10 = append(v.Top10, top10Row{Rank: i + 1,
				Personal: labels[s.Top10.Personal[i]], Current: labels[s.Top10.Current[i]], Desired: labels[s.Top10.Desired[i]],
				PMatch: inC[s.Top10.Personal[i]], CMatchP: inP[s.Top10.Current[i]], CMatchD: inD[s.Top10.Current[i]] || inC[s.Top10.Desired[i]]})
		}
		for _, j := range s.ValueJumps[:min(10, len(s.ValueJumps))] {
			v.Jumps = append(v.Jumps, jumpRow{Name: labels[j.ID], Value: fmt.Sprintf("%+.1f", j.Jump)})
		}
	}
	if s.Entropy != nil {
		v.Entropy = fmt.Sprintf("%s (%s)", f1(s.Entropy.Index), t["entropy."+s.Entropy.Band])
	}
	if s.Balance != nil {
		v.Balance = f1(s.Balance.Index) + " " + bandText(s.Balance.Band, t)
	}
	if err := fillEngagement(v, s, t); err != nil {
		return err
	}
	if err := fillBranding(v, s, in.Instrument, t); err != nil {
		return err
	}
	keys := make([]string, 0, len(g.Change))
	for k := range g.Change {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := g.Change[k]
		sig := t["notTested"]
		if c.Tested {
			sig = t["notSignificant"]
			if *c.Significant {
				sig = t["significant"]
			}
		}
		v.Changes = append(v.Changes, summaryRow{Name: k, Value: fmt.Sprintf("%+.1f", c.Delta), Extra: sig})
		if c.Comparisons > 0 {
			v.ChangeNote = fmt.Sprintf(t["changeNote"], c.Comparisons)
		}
	}
	return nil
}

func fillEngagement(v *view, s *scoring.Scores, t map[string]string) error {
	e := s.Engagement
	if e == nil {
		return nil
	}
	v.Engagement = []summaryRow{
		{Name: t["engaged"], Value: share(e.Engaged, t)},
		{Name: t["notEngaged"], Value: share(e.NotEngaged, t)},
		{Name: t["disengaged"], Value: share(e.Disengaged, t)},
	}
	if r := s.WorkplaceRecommendation; r != nil {
		v.Engagement = append(v.Engagement, summaryRow{Name: t["recommend"], Value: fmt.Sprintf("%+.1f", r.Index), N: fmt.Sprint(r.N),
			Extra: fmt.Sprintf("%s %.0f%% · %s %.0f%%", t["promoters"], r.Promoters, t["detractors"], r.Detractors)})
	}
	if r := s.RetentionIntention; r != nil {
		v.Engagement = append(v.Engagement, summaryRow{Name: t["retention"], Value: f1(r.Index) + "%", N: fmt.Sprint(r.N)})
	}
	var bars []bar
	for _, c := range questionnaire.EngagementConstructs {
		bars = append(bars, bar{Label: t["c."+c], Value: e.Constructs[c].Index})
	}
	chart, err := barChart(t["engChart"], bars, 12*vg.Centimeter, 6*vg.Centimeter)
	v.EngChart = chart
	return err
}

// complementary reports whether a hidden group is hidden to protect a
// smaller one (it has k or more respondents itself).
func complementary(g scoring.GroupScores) bool {
	for _, why := range g.SuppressedWhy {
		if why == scoring.HiddenComplementary {
			return true
		}
	}
	return false
}

// share writes a share, or says it is withheld for a small group.
func share(p *float64, t map[string]string) string {
	if p == nil {
		return t["withheld"]
	}
	return f1(*p) + "%"
}

func fillBranding(v *view, s *scoring.Scores, in *questionnaire.Instrument, t map[string]string) error {
	b := s.EmployerBranding
	if b == nil {
		return nil
	}
	v.Branding = []summaryRow{
		stat(t["attractiveness"], &b.Attractiveness, nil, t),
		stat(t["intention"], &b.Intention, nil, t),
		{Name: t["highIntention"], Value: share(b.HighIntention, t)},
	}
	var bars []bar
	for _, d := range questionnaire.BrandDimensions {
		bars = append(bars, bar{Label: t["d."+d], Value: b.Dimensions[d].Index})
	}
	reasons := slices.Clone(in.Reasons)
	if b.Reasons != nil { // most chosen first; the instrument's order where shares tie
		sort.SliceStable(reasons, func(i, j int) bool { return b.Reasons[reasons[i].ID] > b.Reasons[reasons[j].ID] })
	}
	for _, r := range reasons {
		value := t["withheld"]
		if b.Reasons != nil {
			value = f1(b.Reasons[r.ID]) + "%"
		}
		v.Reasons = append(v.Reasons, jumpRow{Name: r.Label.In(v.Lang), Value: value})
	}
	chart, err := barChart(t["brandChart"], bars, 15*vg.Centimeter, 6*vg.Centimeter)
	v.BrandChart = chart
	return err
}

func catalogueLabels(in *questionnaire.Instrument, lang string) map[string]string {
	out := map[string]string{}
	for _, v := range in.Catalogue {
		out[v.ID] = v.Label.In(lang)
	}
	return out
}

func set(ids []string) map[string]bool {
	out := map[string]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out
}
