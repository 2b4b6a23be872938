package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// The report draws the trend from three joined surveys on, names each line
// in the legend, and says why an earlier survey is not joined; with two it
// draws none.
func TestReportDrawsTheTrendAndSaysWhatIsNotJoined(t *testing.T) {
	g, set := groups(t)
	in := questionnaire.Default()
	gs := g.Group("p", set, in)
	survey := func(id, version string) scoring.TrendSurvey {
		return scoring.TrendSurvey{Survey: id, Instrument: version, Scores: gs.Scores}
	}
	write := func(lang string, trend []scoring.TrendSurvey, broken *scoring.TrendSurvey) string {
		var b bytes.Buffer
		if err := Write(&b, Input{Lang: lang, Instrument: in, Group: gs, K: 5, Date: "2026-12-01", Trend: trend, TrendBrokenBy: broken}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	old := survey("2023", "")
	page := write("id", []scoring.TrendSurvey{survey("2024", "2026.1"), survey("2025", "2026.1"), survey("2026", "2026.1")}, &old)
	for _, want := range []string{"Tren antarsurvei", "<svg", "Indeks per nilai", "Kolaboratif",
		"Survei 2023 (instrumen versi tidak tercatat) tidak digabung dengan survei berikutnya (versi 2026.1)"} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if page := write("en", []scoring.TrendSurvey{survey("2025", "2026.1"), survey("2026", "2026.1")}, nil); strings.Contains(page, "Trends across surveys") {
		t.Error("a trend drawn from two surveys")
	}
}
