package report

import (
	"fmt"
	"html/template"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/berakhlak/berakhlak/scoring"
)

// driverView is one target's drivers: the values placed by index and r,
// and ranked in a table (docs/METHODOLOGY.md "Drivers of engagement").
type driverView struct {
	Title, Caption string
	Chart          template.HTML
	Rows           []driverRow
}

type driverRow struct {
	Rank                                  int
	Name, Index, Band, R, CI, N, Quadrant string
}

// driverViews are the group's drivers of engagement and of the intention
// to stay, where it has them.
func driverViews(g scoring.GroupScores, t map[string]string) ([]driverView, error) {
	var out []driverView
	for _, target := range scoring.DriverTargets {
		ds := g.Drivers[target]
		if len(ds) == 0 {
			continue
		}
		v := driverView{Title: t["drivers."+target], Caption: t["driversCaption"]}
		for i, d := range ds {
			v.Rows = append(v.Rows, driverRow{Rank: i + 1, Name: t["v."+d.Value], Index: f1(d.Index), Band: scoring.Band(d.Index),
				R: r2(d.R), CI: r2(d.Low) + " – " + r2(d.High), N: fmt.Sprint(d.N), Quadrant: t["q."+d.Quadrant]})
		}
		chart, err := driverChart(v.Title, ds, t)
		if err != nil {
			return nil, err
		}
		v.Chart = chart
		out = append(out, v)
	}
	return out, nil
}

// driverChart places each value by its index (across) and r (up), named,
// with dashed lines at the medians that split the four quadrants, each
// quadrant named in its corner.
func driverChart(title string, ds []scoring.Driver, t map[string]string) (template.HTML, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = t["driversX"]
	p.Y.Label.Text = t["driversY"]
	var points plotter.XYs
	var names plotter.XYLabels
	var xs, rs []float64
	for _, d := range ds {
		points = append(points, plotter.XY{X: d.Index, Y: d.R})
		names.XYs = append(names.XYs, plotter.XY{X: d.Index, Y: d.R})
		names.Labels = append(names.Labels, " "+t["v."+d.Value])
		xs, rs = append(xs, d.Index), append(rs, d.R)
	}
	x, r := minMax(xs, 3), minMax(rs, 0.05)
	// Room for the names right of their dots, and above the dots for the
	// quadrants' names in the top corners.
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = x[0], x[1]+8, r[0], r[1]+0.15*(r[1]-r[0])
	dots, err := plotter.NewScatter(points)
	if err != nil {
		return "", err
	}
	dots.GlyphStyle.Radius = vg.Points(3.5)
	dots.GlyphStyle.Shape = draw.CircleGlyph{}
	p.Add(dots)
	medX, medR := scoring.Median(xs), scoring.Median(rs)
	for _, line := range []plotter.XYs{{{X: medX, Y: p.Y.Min}, {X: medX, Y: p.Y.Max}}, {{X: p.X.Min, Y: medR}, {X: p.X.Max, Y: medR}}} {
		l, err := plotter.NewLine(line)
		if err != nil {
			return "", err
		}
		l.LineStyle.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		l.LineStyle.Color = color.Gray{Y: 0x88}
		p.Add(l)
	}
	labels, err := plotter.NewLabels(names)
	if err != nil {
		return "", err
	}
	p.Add(labels)
	corners, err := plotter.NewLabels(plotter.XYLabels{
		XYs:    []plotter.XY{{X: p.X.Max, Y: p.Y.Max}, {X: p.X.Min, Y: p.Y.Max}},
		Labels: []string{t["q."+scoring.QuadrantStrongImportant], t["q."+scoring.QuadrantWeakImportant]},
	})
	if err != nil {
		return "", err
	}
	corners.TextStyle[0].XAlign, corners.TextStyle[0].YAlign = draw.XRight, draw.YTop
	corners.TextStyle[1].YAlign = draw.YTop
	for i := range corners.TextStyle {
		corners.TextStyle[i].Color = color.Gray{Y: 0x55}
	}
	p.Add(corners)
	return svgOf(p, title, 16*vg.Centimeter, 9*vg.Centimeter)
}

// r2 writes a correlation with two decimals, never "-0.00".
func r2(x float64) string {
	if math.Abs(x) < 0.005 {
		x = 0
	}
	return fmt.Sprintf("%.2f", x)
}

// minMax is xs's least and greatest, each moved out by pad.
func minMax(xs []float64, pad float64) [2]float64 {
	lo, hi := xs[0], xs[0]
	for _, x := range xs {
		lo, hi = min(lo, x), max(hi, x)
	}
	return [2]float64{lo - pad, hi + pad}
}
