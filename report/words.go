package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/berakhlak/berakhlak/scoring"
)

var months = map[string][12]string{
	"id": {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// dateInWords writes a YYYY-MM-DD day as a reader says it ("6 Desember
// 2026"); anything else stays as it is.
func dateInWords(day, lang string) string {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return fmt.Sprintf("%d %s %d", d.Day(), months[langOf(lang)][d.Month()-1], d.Year())
}

// headline is the report's first figure in one sentence: the Indeks
// BerAKHLAK with its band, interval and n, and the response rate.
func headline(g scoring.GroupScores, t map[string]string) string {
	im := g.Implementation
	if im == nil {
		return ""
	}
	line := fmt.Sprintf(t["headline"], f1(im.Index), bandText(im.Band, t))
	if im.CI95 != nil {
		line += fmt.Sprintf(t["headlineCI"], f1(im.CI95[0]), f1(im.CI95[1]))
	}
	line += fmt.Sprintf(t["headlineN"], im.N)
	if g.ResponseRate != nil {
		line += fmt.Sprintf(t["headlineRate"], *g.ResponseRate, g.Headcount)
	}
	return line + "."
}

// codeLegend spells out the heatmap's column codes once.
func codeLegend(t map[string]string) string {
	var parts []string
	for _, c := range scoring.HeatmapColumns {
		name := t["v."+strings.TrimPrefix(c, "implementation.")]
		switch c {
		case "implementation":
			name = t["implementation"]
		case "culture_health":
			name = t["health"]
		case "engagement":
			name = t["engagement"]
		case "employer_branding":
			name = t["branding"]
		}
		parts = append(parts, t["h."+c]+" = "+name)
	}
	return strings.Join(parts, "; ") + "."
}
