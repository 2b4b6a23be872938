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
	p := plot.New()
	p.Title.Text = title
	p.Y.Min, p.Y.Max = 0, 100
	p.Y.Label.Text = "0–100"
	labels := make([]string, len(bars))
	for i, b := range bars {
		labels[i] = b.Label
		chart, err := plotter.NewBarChart(plotter.Values{b.Value}, vg.Points(22))
		if err != nil {
			return "", fmt.Errorf("chart %s: %w", title, err)
		}
		chart.XMin = float64(i)
		chart.Color = bandColours[scoring.Band(b.Value)]
		chart.LineStyle.Width = 0
		p.Add(chart)
		if b.Target != nil {
			tick, err := plotter.NewLine(plotter.XYs{{X: float64(i) - 0.35, Y: *b.Target}, {X: float64(i) + 0.35, Y: *b.Target}})
			if err != nil {
				return "", err
			}
			tick.LineStyle.Width = vg.Points(2.5)
			p.Add(tick)
		}
	}
	p.NominalX(labels...)
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil // horizontal lines only: vertical ones would cross the bars
	p.Add(grid)
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
