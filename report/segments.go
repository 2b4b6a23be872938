package report

import (
	"fmt"
	"html/template"

	"gonum.org/v1/plot/vg"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// segmentView is one audience's segments: a bar per shown segment and a
// table naming every segment, hidden ones with the reason
// (docs/METHODOLOGY.md "Segments").
type segmentView struct {
	Title, Caption, Unavailable string
	Chart                       template.HTML
	Heads                       [3]string // the two figures after the count, then a share
	Rows                        []segmentRow
}

type segmentRow struct {
	Name, N, Main, Band, Second, Third string
	Hidden                             string // why it shows nothing; "" when shown
}

// segmentViews lays out the survey's segments, audience by audience.
func segmentViews(sets []scoring.SegmentSet, in *questionnaire.Instrument, lang string, t map[string]string) ([]segmentView, error) {
	var out []segmentView
	for _, set := range sets {
		v := segmentView{Title: fmt.Sprintf(t["segments."+set.Audience], set.Question(in, lang)),
			Caption: t["segmentsCaption."+set.Audience]}
		if set.Unavailable != "" {
			v.Unavailable = t["segmentsUnavailable."+set.Unavailable]
			out = append(out, v)
			continue
		}
		v.Heads = [3]string{t["branding"], t["intention"], t["highIntention"]}
		if set.Audience == questionnaire.AudienceASN {
			v.Heads = [3]string{t["implementation"], t["engagement"], t["retention"]}
		}
		var bars []bar
		for _, seg := range set.Segments {
			name := set.Answer(in, seg.Answer, lang, t["notStated"])
			row := segmentRow{Name: name, Hidden: hiddenWhy(seg.Hidden, t)}
			if seg.Hidden == "" {
				main, ok := seg.Headline(set.Audience)
				row.N = fmt.Sprint(seg.Scores.N)
				if ok {
					row.Main, row.Band = f1(main.Index), bandText(main.Band, t)
					bars = append(bars, bar{Label: name, Value: main.Index})
				}
				out := seg.HeadlineOut(set.Audience)
				if out != "" {
					row.Main = leftOutWhy(out, t)
				}
				index, pct := seg.Beside(set.Audience)
				if index != nil {
					row.Second = f1(*index)
				}
				row.Third = share(pct, t)
				if pct == nil && out != "" && set.Audience == questionnaire.AudiencePublic {
					row.Third = "—" // high intention goes with the branding index, not for want of people
				}
			}
			v.Rows = append(v.Rows, row)
		}
		if len(bars) > 0 {
			chart, err := barChart(v.Title, bars, 15*vg.Centimeter, 6*vg.Centimeter)
			if err != nil {
				return nil, err
			}
			v.Chart = chart
		}
		out = append(out, v)
	}
	return out, nil
}

// leftOutWhy says why a shown segment's headline index is left out.
func leftOutWhy(h scoring.Hidden, t map[string]string) string {
	if h == scoring.HiddenAtScaleEnd {
		return t["atScaleEnd"]
	}
	return "— " + hiddenWhy(h, t)
}

// speakSegments names, for each audience with two or more shown segments,
// the segment highest and lowest on its headline index: for the public, the
// talent most and least drawn to a civil-service career.
func speakSegments(sets []scoring.SegmentSet, in *questionnaire.Instrument, lang string, t map[string]string) []string {
	var out []string
	for _, set := range sets {
		var best, worst *scoring.SegmentScore
		var bestStat, worstStat scoring.Stat
		shown := 0
		for i := range set.Segments {
			seg := &set.Segments[i]
			st, ok := seg.Headline(set.Audience)
			if !ok || seg.Answer == scoring.NotStated {
				continue
			}
			shown++
			if best == nil || st.Index > bestStat.Index {
				best, bestStat = seg, st
			}
			if worst == nil || st.Index < worstStat.Index {
				worst, worstStat = seg, st
			}
		}
		if shown < 2 {
			continue
		}
		// Highest and lowest are named only when they differ beyond noise
		// after allowing for every pair of segments that could have been
		// the two (Bonferroni over C(shown, 2)); otherwise they are alike.
		gap := scoring.Compare(worstStat, bestStat)
		pairs := float64(shown * (shown - 1) / 2)
		if !gap.Tested || *gap.P*pairs >= scoring.Alpha {
			out = append(out, fmt.Sprintf(t["saySegmentsAlike"], set.Question(in, lang)))
			continue
		}
		out = append(out, fmt.Sprintf(t["saySegments."+set.Audience], set.Question(in, lang),
			set.Answer(in, best.Answer, lang, t["notStated"]), f1(bestStat.Index), bandText(bestStat.Band, t),
			set.Answer(in, worst.Answer, lang, t["notStated"]), f1(worstStat.Index), bandText(worstStat.Band, t)))
	}
	return out
}
