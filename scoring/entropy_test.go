package scoring

import (
	"math"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// todayPicks is a response whose ten picks for today's culture hold
// `limiting` limiting values of the default catalogue, in its instrument.
func todayPicks(t *testing.T, in *questionnaire.Instrument, limiting int) *questionnaire.Response {
	t.Helper()
	var picks []string
	for _, bad := range []bool{true, false} {
		for _, v := range in.Catalogue {
			if v.Limiting == bad && len(picks) < questionnaire.ValuesPick && (!bad || len(picks) < limiting) {
				picks = append(picks, v.ID)
			}
		}
	}
	return &questionnaire.Response{Survey: "2026", Unit: "u", Audience: questionnaire.AudienceASN, Date: "2026-11-27",
		Instrument: in.Version, Answers: questionnaire.Answers{Picks: map[string][]string{questionnaire.ItemValuesCurrent: picks}}}
}

// Entropy is the mean of the respondents' own entropies (10 × their
// limiting picks), so it has their SD: three respondents with 2, 4 and 6
// limiting values of ten have entropies 20, 40 and 60 — entropy 40, SD 20,
// positive energy 60 with the same SD. By hand.
func TestEntropyHasTheRespondentsSD(t *testing.T) {
	in := questionnaire.Default()
	a := NewAggregate()
	for _, l := range []int{2, 4, 6} {
		a.Add(todayPicks(t, in, l))
	}
	s := &Scores{}
	values(s, a, in)
	if e := s.Entropy; math.Abs(e.Index-40) > 1e-9 || e.SD == nil || math.Abs(*e.SD-20) > 1e-9 || e.Band != EntropyBand(40) || e.N != 3 {
		t.Fatalf("entropy %+v (SD %v), want 40 with SD 20, band %s", e, e.SD, EntropyBand(40))
	}
	if p := s.PositiveEnergy; math.Abs(p.Index-60) > 1e-9 || p.SD == nil || math.Abs(*p.SD-20) > 1e-9 || p.Band != "B" {
		t.Fatalf("positive energy %+v, want 60 with SD 20, band B", p)
	}
}

// Entropy's change is Welch's t on the respondents' entropies: 30
// respondents with 2 or 4 limiting picks (entropy 30, SD 10.17) against 30
// with 4 or 6 (50, SD 10.17): t = 20 ÷ √(2 × 10.17² ÷ 30) = 7.62 on 58
// df, p < 10⁻⁸. A respondent whose instrument this process does not know
// leaves the group's entropy without an SD, and its change untested.
func TestEntropyChangeIsTested(t *testing.T) {
	in := questionnaire.Default()
	group := func(low int) *Aggregate {
		a := NewAggregate()
		for i := range 30 {
			a.Add(todayPicks(t, in, low+2*(i%2)))
		}
		return a
	}
	before, now := &Scores{}, &Scores{}
	values(before, group(2), in)
	values(now, group(4), in)
	sd := 10 * math.Sqrt(30.0/29)
	if math.Abs(*before.Entropy.SD-sd) > 1e-9 {
		t.Fatalf("SD %v, want %v", *before.Entropy.SD, sd)
	}
	c := Compare(*before.Entropy, *now.Entropy)
	if !c.Tested || c.Test != TestWelch || !*c.Significant || math.Abs(c.Delta-20) > 1e-9 || *c.P > 1e-8 {
		t.Fatalf("entropy change %+v (t by hand %.2f)", c, 20/math.Sqrt(2*sd*sd/30))
	}
	stranger := group(2)
	r := todayPicks(t, in, 3)
	r.Instrument = "not-known-here"
	stranger.Add(r)
	s := &Scores{}
	values(s, stranger, in)
	if s.Entropy.SD != nil || Compare(*before.Entropy, *s.Entropy).Tested {
		t.Fatalf("a group with a respondent of an unknown instrument has entropy SD %v", s.Entropy.SD)
	}
}
