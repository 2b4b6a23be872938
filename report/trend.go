package report

import (
	"fmt"
	"html/template"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/berakhlak/berakhlak/scoring"
)

// seriesColours tell the lines of a trend apart; each line is also named
// in the legend and marked by its own glyph.
var seriesColours = []color.Color{
	color.RGBA{R: 0x1f, G: 0x4e, B: 0x79, A: 0xff}, color.RGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
	color.RGBA{R: 0x1b, G: 0x7f, B: 0x3b, A: 0xff}, color.RGBA{R: 0xf2, G: 0x9e, B: 0x1f, A: 0xff},
	color.RGBA{R: 0x6a, G: 0x1b, B: 0x9a, A: 0xff}, color.RGBA{R: 0x00, G: 0x83, B: 0x8f, A: 0xff},
	color.RGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff},
}

// trendLine is one index over the joined surveys.
type trendLine struct {
	Label  string
	Points []scoring.TrendPoint
}

// pointsWithErrors are a line's points and the half-widths of their 95 %
// intervals (0 where none is shown), for gonum's error bars.
type pointsWithErrors struct {
	plotter.XYs
	plotter.YErrors
}

// trendChart draws indices over the surveys, each point with its 95 %
// interval where it has one; a survey that shows no figure leaves a gap.
func trendChart(title string, surveys []string, lines []trendLine) (template.HTML, error) {
	p := plot.New()
	p.Title.Text = title
	p.Y.Min, p.Y.Max = 0, 100
	p.Y.Label.Text = "0–100"
	p.X.Min, p.X.Max = -0.4, float64(len(surveys))-0.6
	p.NominalX(surveys...)
	p.Legend.Top = false
	for i, line := range lines {
		var pts pointsWithErrors
		for x, pt := range line.Points {
			if pt.Stat == nil {
				continue
			}
			low, high := 0.0, 0.0
			if ci := pt.Stat.CI95; ci != nil {
				low, high = pt.Stat.Index-ci[0], ci[1]-pt.Stat.Index
			}
			pts.XYs = append(pts.XYs, plotter.XY{X: float64(x) + 0.04*float64(i-len(lines)/2), Y: pt.Stat.Index})
			pts.YErrors = append(pts.YErrors, struct{ Low, High float64 }{low, high})
		}
		if len(pts.XYs) == 0 {
			continue
		}
		colour := seriesColours[i%len(seriesColours)]
		l, s, err := plotter.NewLinePoints(pts.XYs)
		if err != nil {
			return "", fmt.Errorf("chart %s: %w", title, err)
		}
		l.Color, s.Color, s.Shape = colour, colour, glyphs[i%len(glyphs)]
		bars, err := plotter.NewYErrorBars(pts)
		if err != nil {
			return "", fmt.Errorf("chart %s: %w", title, err)
		}
		bars.Color = colour
		p.Add(l, s, bars)
		p.Legend.Add(line.Label, l, s)
	}
	return svgOf(p, title, 16*vg.Centimeter, 9*vg.Centimeter)
}

// glyphs mark each line's points, so lines are told apart without colour.
var glyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.CrossGlyph{},
	draw.PlusGlyph{}, draw.RingGlyph{}, draw.BoxGlyph{}}

// fillTrend draws the group's indices over the joined surveys, and says why
// an earlier survey is not joined.
func fillTrend(v *view, in Input, t map[string]string) error {
	if in.TrendBrokenBy != nil {
		version := func(v string) string {
			if v == "" {
				return t["notRecorded"]
			}
			return v
		}
		v.TrendNote = fmt.Sprintf(t["trendBroken"], in.TrendBrokenBy.Survey, version(in.TrendBrokenBy.Instrument), version(in.Trend[0].Instrument))
	}
	if len(in.Trend) < scoring.MinTrendSurveys {
		return nil
	}
	surveys := make([]string, len(in.Trend))
	for i, s := range in.Trend {
		surveys[i] = s.Survey
	}
	headline, values := scoring.TrendKeys()
	label := map[string]string{"implementation": t["implementation"], "culture_health": t["health"], "engagement": t["engagement"], "employer_branding": t["branding"]}
	var lines []trendLine
	for _, k := range headline {
		lines = append(lines, trendLine{Label: label[k], Points: scoring.TrendOf(in.Trend, k)})
	}
	var err error
	if v.TrendHeadline, err = trendChart(t["trendHeadline"], surveys, lines); err != nil {
		return err
	}
	lines = lines[:0]
	for _, k := range values {
		lines = append(lines, trendLine{Label: t["s."+k[len("implementation."):]], Points: scoring.TrendOf(in.Trend, k)})
	}
	v.TrendValues, err = trendChart(t["trendValues"], surveys, lines)
	return err
}
