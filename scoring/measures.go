package scoring

import (
	"strings"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// A Measure counts the respondents behind some of a group's figures: an
// index family, which needs k of them, or a share, which needs 2k
// (docs/METHODOLOGY.md, "Each index counts its own respondents" and "Shares
// of small groups"). The privacy rules — the minimum, the complementary rule
// across the tree — run per measure on these counts, not on the group's
// respondents: a module answered by fewer people than the group has, or a
// share of a sub-unit under 2k, would otherwise be worked out by
// subtraction.
type Measure int

// The measures, families first, then shares.
const (
	MeasureImplementation Measure = iota
	MeasureValues
	MeasureEngagement
	MeasureBranding
	MeasureEngagementClasses
	MeasureWorkplaceRecommendation
	MeasureRetention
	MeasureHighIntention
	MeasureReasons
	MeasureBrandingRecommendation
	numMeasures
)

// Measures holds a group's count per measure.
type Measures [numMeasures]int64

// measureInfo says whose figures a measure counts and what it needs.
type measureInfo struct {
	audience string
	share    bool   // a share: its threshold is 2k
	key      string // the family (TooFew) or share (Withheld) it names
}

var measureInfos = [numMeasures]measureInfo{
	MeasureImplementation:          {questionnaire.AudienceASN, false, FamilyImplementation},
	MeasureValues:                  {questionnaire.AudienceASN, false, FamilyValues},
	MeasureEngagement:              {questionnaire.AudienceASN, false, FamilyEngagement},
	MeasureBranding:                {questionnaire.AudiencePublic, false, FamilyEmployerBranding},
	MeasureEngagementClasses:       {questionnaire.AudienceASN, true, ShareEngagementClasses},
	MeasureWorkplaceRecommendation: {questionnaire.AudienceASN, true, ShareWorkplaceRecommendation},
	MeasureRetention:               {questionnaire.AudienceASN, true, ShareRetentionIntention},
	MeasureHighIntention:           {questionnaire.AudiencePublic, true, ShareHighIntention},
	MeasureReasons:                 {questionnaire.AudiencePublic, true, ShareReasons},
	MeasureBrandingRecommendation:  {questionnaire.AudiencePublic, true, ShareBrandingRecommendation},
}

// threshold is the fewest respondents a measure's figures may rest on.
func (m Measure) threshold(k int) int {
	if measureInfos[m].share {
		return 2 * k
	}
	return k
}

// countSource is what measures are read from: an aggregate, or the national
// view's vector of sums.
type countSource interface {
	eachScaleN(fn func(scale string, n int64))
	voters(question string) int64
	recommendN(item string) int64
	engagementClasses() int64
	stayN() int64
	brandingN() int64
	highIntentionN() int64
}

// scaleMeasure is the family a scale belongs to.
func scaleMeasure(scale string) (Measure, bool) {
	family := func(prefix string) bool { return scale == prefix || strings.HasPrefix(scale, prefix+".") }
	switch {
	case family(ScaleImplementation):
		return MeasureImplementation, true
	case family(ScaleEngagement):
		return MeasureEngagement, true
	case family("brand"):
		return MeasureBranding, true
	}
	return 0, false
}

// measuresOf counts a source: a family's respondents are the most that
// answered any of its scales or questions (a valid response answers all of
// a module's items, so these agree unless the sums do not).
func measuresOf(src countSource) Measures {
	var m Measures
	raise := func(which Measure, n int64) { m[which] = max(m[which], n) }
	src.eachScaleN(func(scale string, n int64) {
		if which, ok := scaleMeasure(scale); ok {
			raise(which, n)
		}
	})
	for _, q := range []string{questionnaire.ItemValuesPersonal, questionnaire.ItemValuesCurrent, questionnaire.ItemValuesDesired} {
		raise(MeasureValues, src.voters(q))
	}
	raise(MeasureBranding, src.brandingN())
	m[MeasureEngagementClasses] = src.engagementClasses()
	m[MeasureWorkplaceRecommendation] = src.recommendN(questionnaire.ItemEngRecommend)
	m[MeasureRetention] = src.stayN()
	m[MeasureHighIntention] = src.highIntentionN()
	m[MeasureReasons] = src.voters(questionnaire.ItemBrandReasons)
	m[MeasureBrandingRecommendation] = src.recommendN(questionnaire.ItemBrandRecommend)
	return m
}

// MeasuresOf counts an aggregate's respondents per measure.
func MeasuresOf(a *Aggregate) Measures {
	if a == nil {
		return Measures{}
	}
	return measuresOf(aggregateCounts{a})
}

type aggregateCounts struct{ a *Aggregate }

func (c aggregateCounts) eachScaleN(fn func(string, int64)) {
	for name, s := range c.a.Scales {
		fn(name, s.Total.N)
	}
}
func (c aggregateCounts) voters(q string) int64 { return c.a.Voters[q] }
func (c aggregateCounts) recommendN(item string) int64 {
	if r := c.a.Recommend[item]; r != nil {
		return r.N
	}
	return 0
}
func (c aggregateCounts) engagementClasses() int64 {
	return c.a.Engaged + c.a.NotEngaged + c.a.Disengaged
}
func (c aggregateCounts) stayN() int64          { return c.a.Stay.N }
func (c aggregateCounts) brandingN() int64      { return c.a.Branding.N }
func (c aggregateCounts) highIntentionN() int64 { return c.a.HighIntention.N }

// Measures counts a vector's respondents per measure, without making an
// aggregate of it: the national view counts every record as it arrives.
func (l *Layout) Measures(d Dense) Measures {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return measuresOf(denseCounts{l, d})
}

type denseCounts struct {
	l *Layout
	d Dense
}

func (c denseCounts) eachScaleN(fn func(string, int64)) {
	for _, s := range c.l.scaleList {
		fn(s.name, c.d.at(s.base+2*s.items))
	}
}
func (c denseCounts) voters(q string) int64 {
	if slot, ok := c.l.voters[q]; ok {
		return c.d.at(slot)
	}
	return 0
}
func (c denseCounts) recommendN(item string) int64 {
	if slot, ok := c.l.recommend[item]; ok {
		return c.d.at(slot)
	}
	return 0
}
func (c denseCounts) engagementClasses() int64 {
	return c.d.at(slotEngaged) + c.d.at(slotNotEngaged) + c.d.at(slotDisengaged)
}
func (c denseCounts) stayN() int64          { return c.d.at(slotStay) }
func (c denseCounts) brandingN() int64      { return c.d.at(slotBranding) }
func (c denseCounts) highIntentionN() int64 { return c.d.at(slotHighIntention) }

// MovedByFewer reports whether the respondents behind any measure moved
// between two readings by more than none and fewer than k: set against
// each other, the two would tell what those few answered.
func MovedByFewer(before, after Measures, k int) bool {
	for m := range numMeasures {
		if step := after[m] - before[m]; step != 0 && max(step, -step) < int64(k) {
			return true
		}
	}
	return false
}
