package report

import (
	"bytes"
	"fmt"
	"html/template"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/berakhlak/berakhlak/scoring"
)

// bandColours colour bars by band; the band letter is always written beside.
var bandColours = map[string]color.Color{
	scoring.BandA: color.RGBA{R: 0x1b, G: 0x7f, B: 0x3b, A: 0xff},
	scoring.BandB: color.RGBA{R: 0x7c, G: 0xb3, B: 0x42, A: 0xff},
	scoring.BandC: color.RGBA{R: 0xf2, G: 0x9e, B: 0x1f, A: 0xff},
	scoring.BandD: color.RGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
}

// bar is one bar of a chart.
type bar struct {
	Label  string
	Value  float64
	Target *float64 // drawn as a black tick when set
}

// barChart draws 0..100 bars coloured by band, with target ticks, as an
// inline SVG element.
func barChart(title string, bars []bar, width, height vg.Length) (template.HTML, error) {
	p, err := barPlot(title, bars)
	if err != nil {
		return "", err
	}
	return svgOf(p, title, width, height)
}

// svgOf draws a plot as an inline SVG element.
func svgOf(p *plot.Plot, title string, width, height vg.Length) (template.HTML, error) {
	c := vgsvg.New(width, height)
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("chart %s: %w", title, err)
	}
	svg := buf.Bytes()
	if i := bytes.Index(svg, []byte("<svg")); i > 0 { // drop the XML prolog: the SVG sits inside HTML
		svg = svg[i:]
	}
	return template.HTML(svg), nil // drawn by gonum/plot from numbers and our own labels
}

// barPlot lays out the bars: each centred on its label, with its figure and
// band written above it, a black line at its target where one is set, and
// room on both sides for the first and last bar.
func barPlot(title string, bars []bar) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.Y.Min, p.Y.Max = 0, 110 // room for the figures above a bar at 100
	p.Y.Label.Text = "0–100"
	p.Y.Tick.Marker = plot.ConstantTicks([]plot.Tick{{Value: 0, Label: "0"}, {Value: 25, Label: "25"}, {Value: 50, Label: "50"}, {Value: 75, Label: "75"}, {Value: 100, Label: "100"}})
	p.X.Min, p.X.Max = -0.6, float64(len(bars))-0.4
	labels := make([]string, len(bars))
	var figures plotter.XYLabels
	for i, b := range bars {
		labels[i] = twoLines(b.Label)
		chart, err := plotter.NewBarChart(plotter.Values{b.Value}, vg.Points(22))
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", title, err)
		}
		chart.XMin = float64(i)
		chart.Color = bandColours[scoring.Band(b.Value)]
		chart.LineStyle.Width = 0
		p.Add(chart)
		figures.XYs = append(figures.XYs, plotter.XY{X: float64(i), Y: b.Value + 2})
		figures.Labels = append(figures.Labels, fmt.Sprintf("%.1f %s", b.Value, scoring.Band(b.Value)))
		if b.Target != nil {
			tick, err := plotter.NewLine(plotter.XYs{{X: float64(i) - 0.3, Y: *b.Target}, {X: float64(i) + 0.3, Y: *b.Target}})
			if err != nil {
				return nil, err
			}
			tick.LineStyle.Width = vg.Points(2.5)
			p.Add(tick)
		}
	}
	values, err := plotter.NewLabels(figures)
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", title, err)
	}
	for i := range values.TextStyle {
		values.TextStyle[i].XAlign = draw.XCenter
	}
	p.Add(values)
	p.NominalX(labels...)
	return p, nil
}

// twoLines breaks a long label at the space nearest its middle, so labels
// of neighbouring bars do not run into each other.
func twoLines(label string) string {
	if len(label) <= 12 {
		return label
	}
	best := -1
	for i, r := range label {
		if r == ' ' && (best < 0 || abs(i-len(label)/2) < abs(best-len(label)/2)) {
			best = i
		}
	}
	if best < 0 {
		return label
	}
	return label[:best] + "\n" + label[best+1:]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
