package scoring

import (
	"bufio"
	"bytes"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestWorkedExampleOfTheMethodology reads docs/METHODOLOGY.md: the responses
// of its worked example and the figures worked out by hand beside them; the
// figures computed from those responses must equal every row.
func TestWorkedExampleOfTheMethodology(t *testing.T) {
	page, err := os.ReadFile("../docs/METHODOLOGY.md")
	if err != nil {
		t.Fatal(err)
	}
	responses := section(t, page, "<!-- worked-example:responses -->")
	asn, public := NewAggregate(), NewAggregate()
	for _, line := range responses {
		if !strings.HasPrefix(line, "{") {
			continue
		}
		r, err := questionnaire.DecodeResponse([]byte(line))
		if err != nil {
			t.Fatalf("a response of the worked example: %v", err)
		}
		if r.Audience == questionnaire.AudienceASN {
			asn.Add(r)
		} else {
			public.Add(r)
		}
	}
	if asn.N != 2 || public.N != 1 {
		t.Fatalf("the worked example has %d ASN and %d public responses, want 2 and 1", asn.N, public.N)
	}
	s := Compute(asn, public, instrument)
	got := map[string]float64{
		"implementation":                   s.Implementation.Index,
		"implementation.pelayanan":         s.Implementation.Values["pelayanan"].Index,
		"implementation.akuntabel":         s.Implementation.Values["akuntabel"].Index,
		"implementation.sd":                *s.Implementation.SD,
		"implementation.alpha":             alphaOf(asn, ScaleImplementation),
		"engagement":                       s.Engagement.Index,
		"engagement.engaged":               *s.Engagement.Engaged,
		"engagement.not_engaged":           *s.Engagement.NotEngaged,
		"engagement.disengaged":            *s.Engagement.Disengaged,
		"workplace_recommendation":         s.WorkplaceRecommendation.Index,
		"retention_intention":              s.RetentionIntention.Index,
		"employer_branding":                s.EmployerBranding.Index,
		"employer_branding.attractiveness": s.EmployerBranding.Attractiveness.Index,
		"employer_branding.intention":      s.EmployerBranding.Intention.Index,
		"employer_branding.high_intention": *s.EmployerBranding.HighIntention,
		"employer_branding.recommendation": s.EmployerBranding.Recommendation.Index,
	}
	checked := 0
	for _, row := range section(t, page, "<!-- worked-example:figures -->") {
		cells := strings.Split(strings.Trim(row, "|"), "|")
		if len(cells) != 2 || !strings.Contains(cells[0], "`") {
			continue
		}
		key := strings.Trim(strings.TrimSpace(cells[0]), "`")
		want, err := strconv.ParseFloat(strings.TrimSpace(cells[1]), 64)
		if err != nil {
			t.Fatalf("row %q: %v", row, err)
		}
		g, ok := got[key]
		if !ok {
			t.Fatalf("the page names figure %q, which the test does not know", key)
		}
		if math.Abs(g-want) > 1e-6 {
			t.Errorf("%s = %.9f, the page says %v", key, g, want)
		}
		checked++
	}
	if checked != len(got) {
		t.Fatalf("checked %d figures of the page, want all %d", checked, len(got))
	}
	if s.Implementation.Band != "B" || s.Engagement.Band != "A" {
		t.Errorf("bands %s and %s, the page says B and A", s.Implementation.Band, s.Engagement.Band)
	}
}

// TestWorkedChangesOfTheMethodology reads the table of changes in
// docs/METHODOLOGY.md and checks each verdict: a mean ("mean M, SD S, n N"),
// a share ("Y of N"), a recommendation ("P/D of N", in %) or a figure
// without a standard error (a bare number).
func TestWorkedChangesOfTheMethodology(t *testing.T) {
	page, err := os.ReadFile("../docs/METHODOLOGY.md")
	if err != nil {
		t.Fatal(err)
	}
	mean := regexp.MustCompile(`^mean (\S+), SD (\S+), n (\d+)$`)
	share := regexp.MustCompile(`^(\d+) of (\d+)$`)
	nps := regexp.MustCompile(`^(\d+)/(\d+) of (\d+)$`)
	stat := func(cell string) Stat {
		num := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
		switch {
		case mean.MatchString(cell):
			m := mean.FindStringSubmatch(cell)
			sd := num(m[2])
			return Stat{Index: num(m[1]), SD: &sd, N: int64(num(m[3]))}
		case nps.MatchString(cell):
			m := nps.FindStringSubmatch(cell)
			n := num(m[3])
			r := recommendation(&NPS{N: int64(n), Promoters: int64(num(m[1]) * n / 100), Detractors: int64(num(m[2]) * n / 100)})
			return Stat{Index: r.Index, N: r.N, StdErr: &r.StdErr}
		case share.MatchString(cell):
			m := share.FindStringSubmatch(cell)
			st, _ := shareStat(Share{Yes: int64(num(m[1])), N: int64(num(m[2]))})
			return st
		}
		return Stat{Index: num(cell)}
	}
	rows := 0
	for _, row := range section(t, page, "<!-- worked-example:changes -->") {
		cells := strings.Split(strings.Trim(row, "|"), "|")
		if len(cells) != 5 || !strings.Contains(cells[0], "`") {
			continue
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		c := Compare(stat(cells[1]), stat(cells[2]))
		verdict := "not tested"
		if c.Tested {
			verdict = map[bool]string{true: "significant", false: "not significant"}[*c.Significant]
		}
		want, _ := strconv.ParseFloat(cells[3], 64)
		if math.Abs(c.Delta-want) > 1e-9 || verdict != cells[4] {
			t.Errorf("%s %s → %s: Δ %v %s; the page says %s %s", cells[0], cells[1], cells[2], c.Delta, verdict, cells[3], cells[4])
		}
		rows++
	}
	if rows != 6 {
		t.Fatalf("checked %d rows of the changes table, want 6", rows)
	}
}

// section returns the lines after marker up to the next heading or marker.
func section(t *testing.T, page []byte, marker string) []string {
	t.Helper()
	i := bytes.Index(page, []byte(marker))
	if i < 0 {
		t.Fatalf("docs/METHODOLOGY.md has no %s", marker)
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(page[i+len(marker):]))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "<!--") || strings.HasPrefix(line, "## ") || strings.HasPrefix(line, "Worked by hand") || strings.HasPrefix(line, "By hand") {
			break
		}
		out = append(out, line)
	}
	return out
}
