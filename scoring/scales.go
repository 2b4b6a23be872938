package scoring

import "github.com/berakhlak/berakhlak/questionnaire"

// ScaleDef is a multi-item scale of the methodology: its items and their
// common answer range.
type ScaleDef struct {
	Name     string
	Items    []string
	Min, Max int
}

// Scale is the running aggregate of one multi-item scale over the
// respondents who answered all its items (complete cases): per item the sum
// and sum of squares, and the moments of each respondent's item total.
// Cronbach's alpha needs nothing more: var(total) comes from Total.
type Scale struct {
	ItemSum   []int64 `json:"item_sum"`
	ItemSumSq []int64 `json:"item_sumsq"`
	Total     Moments `json:"total"`
}

// Scale names, built from the methodology's item ids.
const (
	ScaleImplementation = "impl"
	ScaleEngagement     = "eng"
	ScaleAttractiveness = "brand.attr"
	ScaleIntention      = "brand.intent"
)

// ValueScale is the name of one core value's three-item scale.
func ValueScale(value string) string { return "impl." + value }

// ConstructScale is the name of one engagement construct's scale.
func ConstructScale(c string) string { return "eng." + c }

// DimensionScale is the name of one attractiveness dimension's scale.
func DimensionScale(d string) string { return "brand.attr." + d }

// ScaleDefs lists every multi-item scale, by audience.
var ScaleDefs = buildScaleDefs()

func buildScaleDefs() map[string][]ScaleDef {
	var asn, public []ScaleDef
	var all []string
	for _, v := range questionnaire.CoreValues {
		items := []string{questionnaire.ImplItem(v, 1), questionnaire.ImplItem(v, 2), questionnaire.ImplItem(v, 3)}
		all = append(all, items...)
		asn = append(asn, ScaleDef{ValueScale(v), items, 1, 5})
	}
	asn = append(asn, ScaleDef{ScaleImplementation, all, 1, 5})
	var eng []string
	for _, c := range questionnaire.EngagementConstructs {
		items := []string{questionnaire.EngItem(c, 1), questionnaire.EngItem(c, 2), questionnaire.EngItem(c, 3)}
		eng = append(eng, items...)
		asn = append(asn, ScaleDef{ConstructScale(c), items, 1, 5})
	}
	asn = append(asn, ScaleDef{ScaleEngagement, eng, 1, 5})
	var attr []string
	for _, d := range questionnaire.BrandDimensions {
		items := []string{questionnaire.BrandAttrItem(d, 1), questionnaire.BrandAttrItem(d, 2)}
		attr = append(attr, items...)
		public = append(public, ScaleDef{DimensionScale(d), items, 1, 5})
	}
	public = append(public,
		ScaleDef{ScaleAttractiveness, attr, 1, 5},
		ScaleDef{ScaleIntention, []string{questionnaire.BrandIntentItem(1), questionnaire.BrandIntentItem(2), questionnaire.BrandIntentItem(3)}, 1, 5})
	return map[string][]ScaleDef{questionnaire.AudienceASN: asn, questionnaire.AudiencePublic: public}
}

// add counts one respondent if they answered every item; it returns the
// item total and whether they did.
func (s *Scale) add(def ScaleDef, answers map[string]int) (int64, bool) {
	var total int64
	if !allAnswered(def, answers) {
		return 0, false
	}
	if s.ItemSum == nil {
		s.ItemSum = make([]int64, len(def.Items))
		s.ItemSumSq = make([]int64, len(def.Items))
	}
	for i, id := range def.Items {
		x := int64(answers[id])
		s.ItemSum[i] += x
		s.ItemSumSq[i] += x * x
		total += x
	}
	s.Total.Add(total)
	return total, true
}

// combine adds sign × o into s.
func (s *Scale) combine(o *Scale, sign int64) {
	if o == nil || o.Total.N == 0 {
		return
	}
	if s.ItemSum == nil {
		s.ItemSum = make([]int64, len(o.ItemSum))
		s.ItemSumSq = make([]int64, len(o.ItemSumSq))
	}
	for i := range o.ItemSum {
		s.ItemSum[i] += sign * o.ItemSum[i]
		s.ItemSumSq[i] += sign * o.ItemSumSq[i]
	}
	s.Total.combine(o.Total, sign)
}

// alpha is Cronbach's alpha with sample variances; ok is false when it is
// undefined (fewer than 2 respondents, or no variance in the totals).
func (s *Scale) alpha() (float64, bool) {
	k := len(s.ItemSum)
	varTotal := s.Total.Variance()
	if k < 2 || s.Total.N < 2 || varTotal == 0 {
		return 0, false
	}
	var sumItemVar float64
	for i := range s.ItemSum {
		sumItemVar += Moments{N: s.Total.N, Sum: s.ItemSum[i], SumSq: s.ItemSumSq[i]}.Variance()
	}
	return float64(k) / float64(k-1) * (1 - sumItemVar/varTotal), true
}
