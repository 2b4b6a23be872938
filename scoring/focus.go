package scoring

import (
	"cmp"
	"slices"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// Why the figures suggest a focus area (docs/METHODOLOGY.md "From figures
// to action"), strongest claim first.
const (
	// ReasonFixFirst: the value's link with engagement is robust (its r's
	// interval lies above 0 and above the other values' median) and its
	// index is below theirs — a weak-important driver.
	ReasonFixFirst = "fix-first"
	// ReasonWeakest: the value's index lies below the group's Indeks
	// BerAKHLAK beyond noise (its 95 % interval ends below it).
	ReasonWeakest = "weakest"
)

// Suggestion is a value the figures suggest a unit works on, and why.
type Suggestion struct {
	Focus  string  `json:"focus"`
	Reason string  `json:"reason"`
	Index  float64 `json:"index"` // the value's implementation index
}

// SuggestFocus lists the values a group's figures suggest working on:
// robust fix-first drivers of engagement, then values below the group's
// index beyond noise, lowest first; only claims that hold statistically,
// so a group whose figures single nothing out gets none.
func SuggestFocus(s *Scores) []Suggestion {
	if s == nil || s.Implementation == nil {
		return nil
	}
	var out []Suggestion
	taken := map[string]bool{}
	for _, d := range s.Drivers[TargetEngagement] {
		if d.Quadrant == QuadrantWeakImportant {
			out = append(out, Suggestion{Focus: d.Value, Reason: ReasonFixFirst, Index: d.Index})
			taken[d.Value] = true
		}
	}
	var weak []Suggestion
	for _, v := range questionnaire.CoreValues {
		st, ok := s.Implementation.Values[v]
		if !ok || taken[v] || st.CI95 == nil || st.CI95[1] >= s.Implementation.Index {
			continue
		}
		weak = append(weak, Suggestion{Focus: v, Reason: ReasonWeakest, Index: st.Index})
	}
	// lowest first, ties in the methodology's order
	slices.SortStableFunc(weak, func(a, b Suggestion) int { return cmp.Compare(a.Index, b.Index) })
	return append(out, weak...)
}

// FocusFollowUp is a focus area chosen after the previous survey, read
// again in this one: the index of its value then and now, and whether it
// moved beyond noise. A behaviour is read on its value's index: a single
// item's mean is not shown (docs/METHODOLOGY.md "From figures to action").
type FocusFollowUp struct {
	Unit   string  `json:"unit"`
	Name   string  `json:"name"`
	Focus  string  `json:"focus"`
	Value  string  `json:"value"`
	Status string  `json:"status"`
	Then   *Stat   `json:"then,omitempty"`
	Now    *Stat   `json:"now,omitempty"`
	Change *Change `json:"change,omitempty"`
	// Call is CallRose, CallSame or CallFell once the changes shown
	// together are adjusted (SettleFollowUps); CallHidden when either
	// survey shows no figure for the unit's value, CallNoTest when the
	// change cannot be tested.
	Call string `json:"call"`
}

// Calls of a follow-up.
const (
	CallRose   = "rose"       // rose beyond noise
	CallSame   = "no-change"  // did not move beyond noise
	CallFell   = "fell"       // fell beyond noise
	CallHidden = "hidden"     // a survey shows no figure for it
	CallNoTest = "not-tested" // both show one, but its change has no test
)

// FollowUp reads a focus area of a unit in the previous survey's figures
// (before) and this one's (now), either nil when the unit shows none.
func FollowUp(unit, name, focus, status string, before, now *Scores) FocusFollowUp {
	f := FocusFollowUp{Unit: unit, Name: name, Focus: focus, Value: questionnaire.FocusValue(focus), Status: status, Call: CallHidden}
	then, okThen := valueStat(before, f.Value)
	cur, okNow := valueStat(now, f.Value)
	if okThen {
		f.Then = &then
	}
	if okNow {
		f.Now = &cur
	}
	if okThen && okNow {
		c := Compare(then, cur)
		f.Change = &c
	}
	return f
}

func valueStat(s *Scores, value string) (Stat, bool) {
	if s == nil || s.Implementation == nil {
		return Stat{}, false
	}
	st, ok := s.Implementation.Values[value]
	return st, ok
}

// SettleFollowUps adjusts the changes of follow-ups shown together as one
// family (Benjamini–Hochberg, as Changes does) and sets each call.
func SettleFollowUps(fs []FocusFollowUp) {
	var changes []Change
	var at []int
	for i, f := range fs {
		if f.Change != nil {
			changes, at = append(changes, *f.Change), append(at, i)
		}
	}
	Adjust(changes)
	for j, i := range at {
		c := changes[j]
		fs[i].Change = &c
		switch {
		case !c.Tested:
			fs[i].Call = CallNoTest
		case !*c.Significant:
			fs[i].Call = CallSame
		case c.Delta > 0:
			fs[i].Call = CallRose
		default:
			fs[i].Call = CallFell
		}
	}
}
