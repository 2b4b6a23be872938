package scoring

import (
	"math"
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
	MeasureValueJumps
	numMeasures
)

// MeasureCounts are a group's counts per component (components): how many
// respondents each scale's, pick question's and share's figures rest on,
// and for a scale the sum of their totals, from which its index follows.
// They fit in 32 bits (MaxRespondents times the largest total, 10 million ×
// 105), which halves what the national view keeps per record.
type MeasureCounts struct {
	N   [maxComponents]int32
	Sum [maxComponents]int32
}

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
	MeasureValueJumps:              {questionnaire.AudienceASN, true, ShareValueJumps},
}

// threshold is the fewest respondents a measure's figures may rest on.
func (m Measure) threshold(k int) int {
	if measureInfos[m].share {
		return 2 * k
	}
	return k
}

// A component is one count a measure's figures rest on. An index family
// has several — each of its scales' complete answers, each pick question's
// voters — which agree for responses that answer every item of a module,
// but not where single items may be skipped: a value index then rests on
// fewer than its family's most. The rules run on every component. A scale
// (and the employer branding index) also carries the sum its index is the
// mean of.
type component struct {
	measure Measure
	name    string // a mean's: its scale (or BrandingMeans), as the release ledger keeps it
	count   func(countSource) int64
	sum     func(countSource) int64    // nil: not a mean
	index   func(n, sum int64) float64 // the 0–100 index of n respondents' sum
}

// maxComponents bounds the components (checked as they are listed).
const maxComponents = 32

// components lists every component, each scale of ScaleDefs under its family.
var components = listComponents()

func listComponents() []component {
	var out []component
	for _, audience := range Audiences {
		for _, def := range ScaleDefs[audience] {
			if m, ok := scaleMeasure(def.Name); ok {
				name := def.Name
				items, lo, span := float64(len(def.Items)), float64(def.Min), float64(def.Max-def.Min)
				out = append(out, component{m, name, func(src countSource) int64 { return src.scaleN(name) },
					func(src countSource) int64 { return src.scaleSum(name) },
					func(n, sum int64) float64 { return (float64(sum)/float64(n)/items - lo) / span * 100 }})
			}
		}
	}
	voters := func(m Measure, question string) component {
		return component{measure: m, count: func(src countSource) int64 { return src.voters(question) }}
	}
	recommend := func(m Measure, item string) component {
		return component{measure: m, count: func(src countSource) int64 { return src.recommendN(item) }}
	}
	out = append(out,
		voters(MeasureValues, questionnaire.ItemValuesPersonal),
		voters(MeasureValues, questionnaire.ItemValuesCurrent),
		voters(MeasureValues, questionnaire.ItemValuesDesired),
		component{MeasureBranding, BrandingMeans, countSource.brandingN, countSource.brandingSum,
			func(n, sum int64) float64 { return brandingIndex(float64(sum) / float64(n)) }},
		component{measure: MeasureEngagementClasses, count: countSource.engagementClasses},
		recommend(MeasureWorkplaceRecommendation, questionnaire.ItemEngRecommend),
		component{measure: MeasureRetention, count: countSource.stayN},
		component{measure: MeasureHighIntention, count: countSource.highIntentionN},
		voters(MeasureReasons, questionnaire.ItemBrandReasons),
		recommend(MeasureBrandingRecommendation, questionnaire.ItemBrandRecommend),
		voters(MeasureValueJumps, questionnaire.ItemValuesCurrent),
		voters(MeasureValueJumps, questionnaire.ItemValuesDesired),
	)
	if len(out) > maxComponents {
		panic("scoring: more measure components than MeasureCounts holds")
	}
	return out
}

// componentsOf are the places of a measure's components in MeasureCounts.
func componentsOf(m Measure) []int {
	var out []int
	for i, c := range components {
		if c.measure == m {
			out = append(out, i)
		}
	}
	return out
}

// countSource is what counts are read from: an aggregate, or the national
// view's vector of sums.
type countSource interface {
	scaleN(scale string) int64
	scaleSum(scale string) int64
	brandingSum() int64
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

func countsOf(src countSource) MeasureCounts {
	var out MeasureCounts
	for i, c := range components {
		out.N[i] = int32(min(c.count(src), MaxRespondents))
		if c.sum != nil {
			out.Sum[i] = int32(min(c.sum(src), math.MaxInt32))
		}
	}
	return out
}

// CountsOf counts an aggregate's respondents per component.
func CountsOf(a *Aggregate) MeasureCounts {
	if a == nil {
		return MeasureCounts{}
	}
	return countsOf(aggregateCounts{a})
}

type aggregateCounts struct{ a *Aggregate }

func (c aggregateCounts) scaleN(name string) int64 {
	if s := c.a.Scales[name]; s != nil {
		return s.Total.N
	}
	return 0
}
func (c aggregateCounts) scaleSum(name string) int64 {
	if s := c.a.Scales[name]; s != nil {
		return s.Total.Sum
	}
	return 0
}
func (c aggregateCounts) brandingSum() int64    { return c.a.Branding.Sum }
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

// Counts counts a vector's respondents per component, without making an
// aggregate of it: the national view counts every record as it arrives,
// after its plausibility checks (every count within MaxRespondents).
func (l *Layout) Counts(d Dense) MeasureCounts {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return countsOf(denseCounts{l, d})
}

type denseCounts struct {
	l *Layout
	d Dense
}

func (c denseCounts) scaleN(name string) int64 {
	if s, ok := c.l.scales[name]; ok {
		return c.d.at(s.base + 2*s.items)
	}
	return 0
}
func (c denseCounts) scaleSum(name string) int64 {
	if s, ok := c.l.scales[name]; ok {
		return c.d.at(s.base + 2*s.items + 1)
	}
	return 0
}
func (c denseCounts) brandingSum() int64 { return c.d.at(slotBranding + 1) }
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

// MovedByFewer reports whether the respondents behind any component moved
// between two readings by more than none and fewer than k: set against
// each other, the two would tell what those few answered.
func MovedByFewer(before, after MeasureCounts, k int) bool {
	for i := range components {
		if step := int64(after.N[i]) - int64(before.N[i]); step != 0 && max(step, -step) < int64(k) {
			return true
		}
	}
	return false
}
