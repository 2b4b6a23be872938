package scoring

import "testing"

// A trend joins the run of surveys that asked the last one's recorded
// instrument version, and names the latest survey left out.
func TestJoinTrendStopsAtAnotherInstrument(t *testing.T) {
	s := func(id, version string) TrendSurvey { return TrendSurvey{Survey: id, Instrument: version} }
	for _, tc := range []struct {
		in     []TrendSurvey
		joined int
		broken string
	}{
		{[]TrendSurvey{s("2023", "2023.1"), s("2024", "2026.1"), s("2025", "2026.1"), s("2026", "2026.1")}, 3, "2023"},
		{[]TrendSurvey{s("2024", "2026.1"), s("2025", "2026.1"), s("2026", "2026.1")}, 3, ""},
		{[]TrendSurvey{s("2024", ""), s("2025", "2026.1"), s("2026", "2026.1")}, 2, "2024"},
		{[]TrendSurvey{s("2025", ""), s("2026", "")}, 1, "2025"}, // not recorded: never joined
		{[]TrendSurvey{s("2026", "2026.1")}, 1, ""},
	} {
		joined, broken := JoinTrend(tc.in)
		got := ""
		if broken != nil {
			got = broken.Survey
		}
		if len(joined) != tc.joined || got != tc.broken || joined[len(joined)-1].Survey != tc.in[len(tc.in)-1].Survey {
			t.Errorf("%v: joined %d, broken by %q; want %d, %q", tc.in, len(joined), got, tc.joined, tc.broken)
		}
	}
}
