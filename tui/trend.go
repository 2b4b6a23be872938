package tui

import (
	"fmt"
	"strings"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// EarlierSurvey is an earlier survey's reading, for the trend view (t).
type EarlierSurvey struct {
	Settings   scoring.Settings
	Instrument string
	Groups     *scoring.Groups
}

// trendView is the unit in view's indices over the joined surveys, one
// line an index, each survey's figure beside its year ("—" where the unit
// showed none); it says why an earlier survey is not joined.
func (a *Admin) trendView() string {
	var surveys []scoring.TrendSurvey
	for _, e := range a.data.Earlier {
		surveys = append(surveys, scoring.TrendSurvey{Survey: e.Settings.Survey, Instrument: e.Instrument,
			Scores: e.Groups.Group(a.focus, e.Settings, a.data.Instrument).Scores})
	}
	surveys = append(surveys, scoring.TrendSurvey{Survey: a.data.Settings.Survey, Scores: a.group(a.focus).Scores})
	lines := []string{fmt.Sprintf(trendUI.Title.In(a.lang), a.unitName(a.focus))}
	if len(surveys) < scoring.MinTrendSurveys {
		lines = append(lines, fmt.Sprintf(trendUI.TooFew.In(a.lang), len(surveys), scoring.MinTrendSurveys))
	} else {
		headline, values := scoring.TrendKeys()
		for _, key := range append(headline, values...) {
			var cells []string
			for _, p := range scoring.TrendOf(surveys, key) {
				figure := "—"
				if p.Stat != nil {
					figure = fmt.Sprintf("%.1f", p.Stat.Index)
				}
				cells = append(cells, p.Survey+" "+figure)
			}
			lines = append(lines, fmt.Sprintf("%-26s %s", trendName(key, a.lang), strings.Join(cells, " → ")))
		}
	}
	if b := a.data.TrendBrokenBy; b != nil {
		lines = append(lines, fmt.Sprintf(trendUI.Broken.In(a.lang), b.Survey))
	}
	lines = append(lines, trendUI.Legend.In(a.lang))
	return strings.Join(lines, "\n")
}

var trendUI = struct {
	Title, TooFew, Broken, Legend text
	Names                         map[string]text
}{
	Title:  text{Indonesian: "Tren %s", English: "Trend of %s"},
	TooFew: text{Indonesian: "%d survei dengan instrumen yang sama; tren digambar mulai %d survei", English: "%d surveys on the same instrument; a trend is drawn from %d"},
	Broken: text{Indonesian: "survei %s dan sebelumnya memakai instrumen lain (atau versinya tidak tercatat): tidak digabung", English: "survey %s and earlier asked another instrument (or its version was not recorded): not joined"},
	Legend: text{Indonesian: "—: unit tidak diberi angka pada survei itu · t: kembali ke tabel", English: "—: the unit showed no figure that year · t: back to the table"},
	Names: map[string]text{
		"implementation": {Indonesian: "Indeks BerAKHLAK", English: "BerAKHLAK index"}, "culture_health": {Indonesian: "Kesehatan budaya", English: "Culture health"},
		"engagement": {Indonesian: "Keterikatan", English: "Engagement"}, "employer_branding": {Indonesian: "Citra pemberi kerja", English: "Employer branding"},
	},
}

// trendName names a headline index, or a value (indented under them).
func trendName(key, lang string) string {
	if value, ok := strings.CutPrefix(key, "implementation."); ok {
		return "  " + questionnaire.ValueNames[value].In(lang)
	}
	return trendUI.Names[key].In(lang)
}
