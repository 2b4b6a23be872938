package scoring

import (
	"github.com/berakhlak/berakhlak/questionnaire"
)

// Aggregate holds the running sums of one group of respondents of one
// audience (a survey, a unit, an audience). Everything is an integer count or
// sum, so Merge is exact and order does not matter.
type Aggregate struct {
	N      int64             `json:"n"`      // respondents
	ByDay  map[string]int64  `json:"by_day"` // respondents per date (day only)
	Scales map[string]*Scale `json:"scales"` // multi-item scales by name

	// Values questions and the reason list: respondents who answered, and
	// how many of them picked each entry.
	Voters map[string]int64            `json:"voters,omitempty"`
	Votes  map[string]map[string]int64 `json:"votes,omitempty"`
	// Per-respondent overlaps |P∩C| and |C∩D| (0..10).
	OverlapPC Moments `json:"overlap_pc"`
	OverlapCD Moments `json:"overlap_cd"`
	// Per-respondent limiting values among today's ten picks (0..10), for
	// respondents whose instrument this process knows: entropy is their
	// mean × 10, and these sums give its standard error. Counted for every
	// respondent since schema 8 (older sums are filled from the responses).
	Limiting Moments `json:"limiting"`

	// Engagement classes over respondents with all 9 items.
	Engaged    int64 `json:"engaged"`
	NotEngaged int64 `json:"not_engaged"`
	Disengaged int64 `json:"disengaged"`

	// 0..10 recommendation items by id: answered, promoters, detractors.
	Recommend map[string]*NPS `json:"recommend,omitempty"`
	// eng.stay: answered, and answered 4 or 5.
	Stay Share `json:"stay"`

	// Employer branding per respondent with all attr and intent items:
	// E = A + 4·I (A the 12 attractiveness items' total, I the 3 intention
	// items' total), an integer with index = 25/24·(E − 24).
	Branding Moments `json:"branding"`
	// Respondents whose intention mean is 4 or more (I ≥ 12), of those with
	// all 3 intention items.
	HighIntention Share `json:"high_intention"`

	// Each value's implementation total paired with engagement and with the
	// intention to stay, by DriverKey (drivers.go).
	Drivers map[string]*Pair `json:"drivers,omitempty"`

	// Demo counts respondents per demographic answer ("demo.status=student";
	// those who did not answer are N minus the item's answers). Only a
	// group's live sums and released snapshot carry it, so that each release
	// can say how its chunk splits into segments (segments.go); a released
	// chunk never does (WithoutDemo).
	Demo map[string]int64 `json:"demo,omitempty"`
}

// NPS counts a 0..10 recommendation item.
type NPS struct {
	N          int64 `json:"n"`
	Promoters  int64 `json:"promoters"`  // 9–10
	Detractors int64 `json:"detractors"` // 0–6
}

// Share counts respondents with a property among those asked.
type Share struct {
	N   int64 `json:"n"`
	Yes int64 `json:"yes"`
}

// NewAggregate returns an empty aggregate.
func NewAggregate() *Aggregate {
	return &Aggregate{ByDay: map[string]int64{}, Scales: map[string]*Scale{}, Voters: map[string]int64{},
		Votes: map[string]map[string]int64{}, Recommend: map[string]*NPS{}, Drivers: map[string]*Pair{}, Demo: map[string]int64{}}
}

// Add counts one response. The response must already be valid for its
// instrument; items it lacks are left out of the scales they belong to.
func (a *Aggregate) Add(r *questionnaire.Response) {
	a.N++
	a.ByDay[r.Date]++
	totals := map[string]int64{}
	for _, def := range ScaleDefs[r.Audience] {
		s := a.Scales[def.Name]
		if s == nil {
			s = &Scale{}
		}
		if t, ok := s.add(def, r.Answers.Scale); ok {
			totals[def.Name] = t
			a.Scales[def.Name] = s
		}
	}
	for q, picks := range r.Answers.Picks {
		a.Voters[q]++
		if a.Votes[q] == nil {
			a.Votes[q] = map[string]int64{}
		}
		for _, id := range picks {
			a.Votes[q][id]++
		}
	}
	a.addOverlaps(r.Answers.Picks)
	if n, ok := questionnaire.LimitingPicked(r); ok {
		a.Limiting.Add(int64(n))
	}
	a.addDerived(r.Answers.Scale, totals)
	a.addDrivers(r.Answers.Scale, totals)
	for item, option := range r.Answers.Choice {
		a.Demo[DemoKey(item, option)]++
	}
}

// DemoKey names one demographic answer in Aggregate.Demo.
func DemoKey(item, option string) string { return item + "=" + option }

// WithoutDemo drops the demographic counts: what a release shows says
// nothing of who its respondents are.
func (a *Aggregate) WithoutDemo() *Aggregate {
	clear(a.Demo)
	return a
}

func (a *Aggregate) addOverlaps(picks map[string][]string) {
	if n, ok := overlapPC(picks); ok {
		a.OverlapPC.Add(n)
	}
	if n, ok := overlapCD(picks); ok {
		a.OverlapCD.Add(n)
	}
}

// overlapPC and overlapCD are a respondent's |P∩C| and |C∩D|, where both
// lists were answered.
func overlapPC(picks map[string][]string) (int64, bool) {
	return overlapOf(picks, questionnaire.ItemValuesPersonal, questionnaire.ItemValuesCurrent)
}

func overlapCD(picks map[string][]string) (int64, bool) {
	return overlapOf(picks, questionnaire.ItemValuesCurrent, questionnaire.ItemValuesDesired)
}

func overlapOf(picks map[string][]string, x, y string) (int64, bool) {
	px, hasX := picks[x]
	py, hasY := picks[y]
	if !hasX || !hasY {
		return 0, false
	}
	return int64(overlap(px, py)), true
}

func overlap(x, y []string) int {
	in := map[string]bool{}
	for _, v := range x {
		in[v] = true
	}
	n := 0
	for _, v := range y {
		if in[v] {
			n++
		}
	}
	return n
}

// The decisions made per respondent, for an Aggregate and a vector alike.
const (
	engaged    = iota // engagement score ≥ 75
	notEngaged        // 50 ≤ score < 75
	disengaged
)

// engagementClass is the class of an engagement total of the 9 items:
// score = (t/9 − 1)·25.
func engagementClass(t int64) int {
	switch {
	case t >= 36: // score ≥ 75
		return engaged
	case t >= 27: // 50 ≤ score < 75
		return notEngaged
	}
	return disengaged
}

// recommendations are the 0..10 recommendation items.
var recommendations = []string{questionnaire.ItemEngRecommend, questionnaire.ItemBrandRecommend}

func promoter(v int) bool     { return v >= 9 }  // 9–10
func detractor(v int) bool    { return v <= 6 }  // 0–6
func stays(v int) bool        { return v >= 4 }  // eng.stay 4 or 5
func highIntent(t int64) bool { return t >= 12 } // the 3 intention items' mean ≥ 4

// brandingComposite is E = A + 4·I (A the attractiveness total, I the
// intention total), with index = 25/24·(E − 24).
func brandingComposite(attr, intent int64) int64 { return attr + 4*intent }

// addDerived counts what is decided per respondent: engagement class,
// recommendation, retention, and the employer-branding composite.
func (a *Aggregate) addDerived(scale map[string]int, totals map[string]int64) {
	if t, ok := totals[ScaleEngagement]; ok {
		switch engagementClass(t) {
		case engaged:
			a.Engaged++
		case notEngaged:
			a.NotEngaged++
		default:
			a.Disengaged++
		}
	}
	for _, id := range recommendations {
		if v, ok := scale[id]; ok {
			n := a.Recommend[id]
			if n == nil {
				n = &NPS{}
				a.Recommend[id] = n
			}
			n.N++
			switch {
			case promoter(v):
				n.Promoters++
			case detractor(v):
				n.Detractors++
			}
		}
	}
	if v, ok := scale[questionnaire.ItemEngStay]; ok {
		a.Stay.N++
		if stays(v) {
			a.Stay.Yes++
		}
	}
	intent, hasIntent := totals[ScaleIntention]
	if hasIntent {
		a.HighIntention.N++
		if highIntent(intent) {
			a.HighIntention.Yes++
		}
	}
	if attr, ok := totals[ScaleAttractiveness]; ok && hasIntent {
		a.Branding.Add(brandingComposite(attr, intent))
	}
}

// Merge adds another aggregate into a.
func (a *Aggregate) Merge(o *Aggregate) { a.combine(o, 1) }

// Subtract takes out of a the respondents of o, an aggregate of a subset of
// a's respondents (a release takes a group's earlier snapshot out of its
// current one). Every field is a count or a sum, so this is exact.
func (a *Aggregate) Subtract(o *Aggregate) { a.combine(o, -1) }

// Clone returns an independent copy of a.
func (a *Aggregate) Clone() *Aggregate {
	c := NewAggregate()
	c.Merge(a)
	return c
}

// combine adds sign × o into a.
func (a *Aggregate) combine(o *Aggregate, sign int64) {
	if o == nil {
		return
	}
	a.N += sign * o.N
	for d, n := range o.ByDay {
		if a.ByDay[d] += sign * n; a.ByDay[d] == 0 {
			delete(a.ByDay, d)
		}
	}
	for name, s := range o.Scales {
		if a.Scales[name] == nil {
			a.Scales[name] = &Scale{}
		}
		a.Scales[name].combine(s, sign)
		if a.Scales[name].Total.N == 0 {
			delete(a.Scales, name)
		}
	}
	for q, n := range o.Voters {
		if a.Voters[q] += sign * n; a.Voters[q] == 0 {
			delete(a.Voters, q)
		}
	}
	for q, votes := range o.Votes {
		if a.Votes[q] == nil {
			a.Votes[q] = map[string]int64{}
		}
		for id, n := range votes {
			if a.Votes[q][id] += sign * n; a.Votes[q][id] == 0 {
				delete(a.Votes[q], id)
			}
		}
		if len(a.Votes[q]) == 0 {
			delete(a.Votes, q)
		}
	}
	a.OverlapPC.combine(o.OverlapPC, sign)
	a.OverlapCD.combine(o.OverlapCD, sign)
	a.Limiting.combine(o.Limiting, sign)
	a.Engaged += sign * o.Engaged
	a.NotEngaged += sign * o.NotEngaged
	a.Disengaged += sign * o.Disengaged
	for id, n := range o.Recommend {
		if a.Recommend[id] == nil {
			a.Recommend[id] = &NPS{}
		}
		r := a.Recommend[id]
		r.N += sign * n.N
		r.Promoters += sign * n.Promoters
		r.Detractors += sign * n.Detractors
		if *r == (NPS{}) {
			delete(a.Recommend, id)
		}
	}
	a.Stay.N += sign * o.Stay.N
	a.Stay.Yes += sign * o.Stay.Yes
	a.Branding.combine(o.Branding, sign)
	a.HighIntention.N += sign * o.HighIntention.N
	a.HighIntention.Yes += sign * o.HighIntention.Yes
	for key, p := range o.Drivers {
		mine := a.pair(key)
		if mine.combine(p, sign); *mine == (Pair{}) {
			delete(a.Drivers, key)
		}
	}
	for key, n := range o.Demo {
		if a.Demo[key] += sign * n; a.Demo[key] == 0 {
			delete(a.Demo, key)
		}
	}
}
