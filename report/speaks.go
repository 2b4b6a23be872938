package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// speak is the executive summary in words: the strongest and weakest value
// with their bands, attainment against targets, the largest gaps between
// the current and the desired culture, and the units that lag. Every
// figure in it is one the report shows below.
func speak(in Input, t map[string]string) []string {
	g := in.Group
	var out []string
	if im := g.Implementation; im != nil {
		values := append([]string(nil), questionnaire.CoreValues...)
		sort.SliceStable(values, func(i, j int) bool { return im.Values[values[i]].Index > im.Values[values[j]].Index })
		best, worst := values[0], values[len(values)-1]
		out = append(out, fmt.Sprintf(t["sayValues"],
			t["v."+best], f1(im.Values[best].Index), bandText(im.Values[best].Band, t),
			t["v."+worst], f1(im.Values[worst].Index), bandText(im.Values[worst].Band, t)))
	}
	if len(g.Targets) == 0 {
		out = append(out, t["sayNoTargets"])
	} else {
		reached, missed := 0, []string{}
		keys := make([]string, 0, len(g.Targets))
		for k := range g.Targets {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if tf := g.Targets[k]; tf.Reached != nil && *tf.Reached {
				reached++
			} else if tf.Actual != nil {
				missed = append(missed, fmt.Sprintf("%s %s/%s", indexName(k, t), f1(*tf.Actual), f1(tf.Target)))
			}
		}
		line := fmt.Sprintf(t["sayTargets"], reached, len(g.Targets))
		if len(missed) > 0 {
			line += " " + fmt.Sprintf(t["sayMissed"], strings.Join(missed, "; "))
		}
		out = append(out, line)
	}
	out = append(out, speakDrivers(g, t)...)
	if r := g.WorkplaceRecommendation; r != nil && r.Index < 0 {
		// More detractors than promoters: the figure most likely to need
		// action, said in words rather than left in a table.
		out = append(out, fmt.Sprintf(t["sayRecommend"], fmt.Sprintf("%+.1f", r.Index), r.Promoters, r.Detractors))
	}
	if wanted := scoring.WantedMore(g.ValueJumps, 3); len(wanted) > 0 {
		labels := catalogueLabels(in.Instrument, langOf(in.Lang))
		var jumps []string
		for _, j := range wanted {
			jumps = append(jumps, fmt.Sprintf("%s %+.0f", labels[j.ID], j.Jump))
		}
		out = append(out, fmt.Sprintf(t["sayJumps"], strings.Join(jumps, ", ")))
	}
	if g.Implementation != nil && len(in.Units) > 0 {
		out = append(out, speakApart(in, t)...)
	}
	return out
}

// minNamedR is the weakest link with engagement the summary names.
const minNamedR = 0.1

// speakDrivers names the value most linked to engagement and those to
// improve first (weak and important).
func speakDrivers(g scoring.GroupScores, t map[string]string) []string {
	if g.Implementation == nil {
		return nil
	}
	ds := g.Drivers[scoring.TargetEngagement]
	if len(ds) == 0 {
		return []string{fmt.Sprintf(t["sayNoDrivers"], scoring.MinDriverN)}
	}
	// The closest link is named only when its interval lies above 0 (an r
	// near 0 ranked first is still noise) and it is at least small in
	// Cohen's sense: with 90,000 respondents r = 0.05 is certain, and
	// explains a quarter of one percent of engagement.
	out := []string{t["sayNoRobustDriver"]}
	if ds[0].Low > 0 && ds[0].R >= minNamedR {
		out = []string{fmt.Sprintf(t["sayDrivers"], t["v."+ds[0].Value], r2(ds[0].R))}
	}
	var first []string
	for _, d := range ds {
		if d.Quadrant == scoring.QuadrantWeakImportant {
			first = append(first, fmt.Sprintf("%s %s (r = %s)", t["v."+d.Value], f1(d.Index), r2(d.R)))
		}
	}
	if len(first) > 0 {
		out = append(out, fmt.Sprintf(t["sayImproveFirst"], strings.Join(first, "; ")))
	}
	return out
}

// indexName names a target's index ("implementation.pelayanan" → the value).
func indexName(key string, t map[string]string) string {
	if v, ok := strings.CutPrefix(key, "implementation."); ok {
		return t["v."+v]
	}
	if n, ok := map[string]string{"implementation": "implementation", "culture_health": "health", "engagement": "engagement",
		"employer_branding": "branding"}[key]; ok {
		return t[n]
	}
	return key
}

// heatView is the report's heatmap: a row per unit of the subtree.
type heatView struct {
	Heads []string
	Rows  []heatRowView
}

type heatRowView struct {
	Name  string
	Path  bool   // a unit below the shown depth, named with its path (its cell may wrap)
	N     string // respondents
	Rate  string // response rate, where the headcount is known
	Why   string // why a hidden unit shows no cell; "" when shown
	Cells []heatCellView
}

type heatCellView struct{ Text, Colour string }

// reportBandColours are the heatmap's cell backgrounds (light, so the
// figure stays readable in print); the band letter is written too.
var reportBandColours = map[string]string{
	scoring.BandA: "#cde8d3", scoring.BandB: "#e3efcf", scoring.BandC: "#fbe3bd", scoring.BandD: "#f5c6c6",
}

// hiddenWhy says why a hidden unit or segment shows no figure ("" when shown).
func hiddenWhy(h scoring.Hidden, t map[string]string) string {
	switch h {
	case scoring.HiddenComplementary:
		return t["suppressedComplementary"]
	case scoring.HiddenSmall:
		return t["suppressed"]
	}
	return ""
}

func heatmap(units []shownRow, t map[string]string) *heatView {
	if len(units) == 0 {
		return nil
	}
	h := &heatView{}
	for _, c := range scoring.HeatmapColumns {
		h.Heads = append(h.Heads, t["h."+c])
	}
	for _, u := range units {
		g := u.Scores
		// n is respondents, the count every screen shows (scoring.GroupScores).
		r := heatRowView{Name: padding(u.Depth) + u.Path + g.Name + " (" + g.Unit + ")", Path: u.Path != "", N: fmt.Sprint(g.Respondents)}
		if u.Direct { // a parent's own respondents: a count, no figures of their own
			r.Name = padding(u.Depth) + fmt.Sprintf(t["directlyIn"], g.Name)
			h.Rows = append(h.Rows, r)
			continue
		}
		row := scoring.HeatRowOf(g)
		if r.Why = hiddenWhy(row.Hidden, t); r.Why == "" {
			if g.ResponseRate != nil {
				r.Rate = fmt.Sprintf("%.0f%%", *g.ResponseRate)
			}
			for _, c := range scoring.HeatmapColumns {
				cell, ok := row.Cells[c]
				if !ok {
					r.Cells = append(r.Cells, heatCellView{})
					continue
				}
				r.Cells = append(r.Cells, heatCellView{Text: f1(cell.Index) + " " + cell.Band, Colour: reportBandColours[cell.Band]})
			}
		}
		h.Rows = append(h.Rows, r)
	}
	return h
}
