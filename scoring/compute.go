package scoring

import (
	"math"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// Scores are the figures of one group, in the interchange shape of
// docs/METHODOLOGY.md. An index its respondents gave no data for is nil.
type Scores struct {
	N                        int64           `json:"n"`
	NASN                     int64           `json:"n_asn"`
	NPublic                  int64           `json:"n_public"`
	Implementation           *Implementation `json:"implementation,omitempty"`
	Entropy                  *Stat           `json:"entropy,omitempty"`
	PositiveEnergy           *Stat           `json:"positive_energy,omitempty"`
	Balance                  *Stat           `json:"balance,omitempty"`
	AlignmentPersonalCurrent *Alignment      `json:"alignment_personal_current,omitempty"`
	AlignmentCurrentDesired  *Alignment      `json:"alignment_current_desired,omitempty"`
	CultureHealth            *Stat           `json:"culture_health,omitempty"`
	Top10                    *Top10          `json:"top10,omitempty"`
	ValueJumps               []Jump          `json:"value_jumps,omitempty"`
	ValueJumpsN              int64           `json:"value_jumps_n,omitempty"` // voters of today's values the jumps count
	Engagement               *Engagement     `json:"engagement,omitempty"`
	WorkplaceRecommendation  *Recommendation `json:"workplace_recommendation,omitempty"`
	RetentionIntention       *Stat           `json:"retention_intention,omitempty"`
	EmployerBranding         *Branding       `json:"employer_branding,omitempty"`
	// Drivers rank the values by how strongly their implementation goes with
	// each target (engagement, stay), where enough respondents answered both.
	Drivers map[string][]Driver `json:"drivers,omitempty"`
	// Withheld names the shares left out because too few respondents gave
	// them (shares.go).
	Withheld []string `json:"withheld,omitempty"`
	// TooFew names the indices left out because fewer than k respondents
	// gave them, however many the group has (shares.go).
	TooFew []string `json:"too_few,omitempty"`
	// Protected names the index families and shares left out so that a
	// smaller group's cannot be worked out from them by subtraction: the
	// complementary rule run on their own respondents (Groups.SuppressedFor).
	Protected []string `json:"protected,omitempty"`
	// AtScaleEnd names the index families left out because, in a group or
	// a difference of groups under 2k respondents, an index of theirs came
	// within 5 points of its scale's end, which would say nearly every
	// member's answers (Groups.AtScaleEnd).
	AtScaleEnd []string `json:"at_scale_end,omitempty"`
}

// Implementation is the Indeks BerAKHLAK with its seven value indices.
type Implementation struct {
	Stat
	Values map[string]Stat `json:"values"`
}

// Alignment is the top-10 alignment, with the per-respondent overlap beside it.
type Alignment struct {
	Stat
	Respondent *Stat `json:"respondent,omitempty"`
}

// Top10 are the ten most chosen values of each values question.
type Top10 struct {
	Personal []string `json:"personal"`
	Current  []string `json:"current"`
	Desired  []string `json:"desired"`
}

// Jump is how much more (or less) a value is desired than it is seen today.
type Jump struct {
	ID      string  `json:"id"`
	Current float64 `json:"current"` // % of respondents who picked it for today
	Desired float64 `json:"desired"` // % who picked it as desired
	Jump    float64 `json:"jump"`    // desired − current
}

// Engagement is the engagement index with its classes and constructs.
type Engagement struct {
	Stat
	// The class shares; nil when withheld (shares.go).
	Engaged    *float64        `json:"engaged,omitempty"`
	NotEngaged *float64        `json:"not_engaged,omitempty"`
	Disengaged *float64        `json:"disengaged,omitempty"`
	ClassesN   int64           `json:"classes_n,omitempty"` // respondents the class shares count
	Constructs map[string]Stat `json:"constructs"`
}

// Recommendation is % promoters − % detractors of a 0..10 item (−100..100).
type Recommendation struct {
	Index      float64 `json:"index"`
	N          int64   `json:"n"`
	Promoters  float64 `json:"promoters"`
	Detractors float64 `json:"detractors"`
	StdErr     float64 `json:"se"`
	// CI95 is index ± 1.96·SE, from n = 30, cut at −100 and 100.
	CI95 *[2]float64 `json:"ci95,omitempty"`
}

// Branding is the employer branding index and its parts.
type Branding struct {
	Stat
	Attractiveness Stat               `json:"attractiveness"`
	Dimensions     map[string]Stat    `json:"dimensions"`
	Intention      Stat               `json:"intention"`
	HighIntention  *float64           `json:"high_intention,omitempty"` // nil when withheld
	HighIntentionN int64              `json:"high_intention_n,omitempty"`
	Reasons        map[string]float64 `json:"reasons,omitempty"`   // nil when withheld
	ReasonsN       int64              `json:"reasons_n,omitempty"` // respondents who gave reasons
	Recommendation *Recommendation    `json:"recommendation,omitempty"`
}

// Compute returns the scores of a group from the aggregates of its ASN and
// public respondents (either may be nil, as for a suppressed audience). The
// instrument gives the catalogue order, areas and limiting flags.
func Compute(asn, public *Aggregate, in *questionnaire.Instrument) *Scores {
	s := &Scores{}
	if asn != nil {
		s.NASN = asn.N
		computeASN(s, asn, in)
	}
	if public != nil {
		s.NPublic = public.N
		s.EmployerBranding = branding(public, in)
	}
	s.N = s.NASN + s.NPublic
	return s
}

func defByName(audience, name string) ScaleDef {
	for _, d := range ScaleDefs[audience] {
		if d.Name == name {
			return d
		}
	}
	panic("scoring: no scale " + name)
}

func scaleOf(a *Aggregate, audience, name string) (Stat, bool) {
	return scaleStat(a.Scales[name], defByName(audience, name))
}

func computeASN(s *Scores, a *Aggregate, in *questionnaire.Instrument) {
	s.Implementation = implementation(a)
	values(s, a, in)
	s.Engagement = engagement(a)
	s.Drivers = drivers(a, s.Implementation)
	asnShares(s, a)
	if s.Implementation != nil && s.Balance != nil && s.PositiveEnergy != nil &&
		s.AlignmentPersonalCurrent != nil && s.AlignmentCurrentDesired != nil {
		h := (s.Implementation.Index + s.Balance.Index + s.PositiveEnergy.Index +
			s.AlignmentPersonalCurrent.Index + s.AlignmentCurrentDesired.Index) / 5
		s.CultureHealth = &Stat{Index: h, Band: Band(h), N: a.N}
	}
}

// implementation: each value index is the mean respondent value score; the
// headline index is the unweighted mean of the seven. Its n, SD, CI and alpha
// are those of the 21-item scale over respondents who answered all 21.
func implementation(a *Aggregate) *Implementation {
	im := &Implementation{Values: map[string]Stat{}}
	indices := make([]float64, 0, len(questionnaire.CoreValues))
	for _, v := range questionnaire.CoreValues {
		st, ok := scaleOf(a, questionnaire.AudienceASN, ValueScale(v))
		if !ok {
			return nil
		}
		im.Values[v] = st
		indices = append(indices, st.Index)
	}
	whole, _ := scaleOf(a, questionnaire.AudienceASN, ScaleImplementation)
	im.Stat = whole
	im.Index = ImplementationIndex(indices)
	im.Band = Band(im.Index)
	if im.N == 0 {
		im.N = im.Values[questionnaire.CoreValues[0]].N
	}
	return im
}

// ImplementationIndex is the unweighted mean of the seven value indices.
func ImplementationIndex(valueIndices []float64) float64 {
	var sum float64
	for _, v := range valueIndices {
		sum += v
	}
	return sum / float64(len(valueIndices))
}

func engagement(a *Aggregate) *Engagement {
	st, ok := scaleOf(a, questionnaire.AudienceASN, ScaleEngagement)
	if !ok {
		return nil
	}
	n := float64(st.N)
	e := &Engagement{Stat: st, Constructs: map[string]Stat{},
		Engaged: percent(float64(a.Engaged), n), NotEngaged: percent(float64(a.NotEngaged), n), Disengaged: percent(float64(a.Disengaged), n),
		ClassesN: st.N}
	for _, c := range questionnaire.EngagementConstructs {
		if cs, ok := scaleOf(a, questionnaire.AudienceASN, ConstructScale(c)); ok {
			e.Constructs[c] = cs
		}
	}
	return e
}

// percent is 100·part/whole, as a pointer for shares that may be withheld.
func percent(part, whole float64) *float64 {
	p := 100 * part / whole
	return &p
}

func recommendation(n *NPS) *Recommendation {
	if n == nil || n.N == 0 {
		return nil
	}
	p := float64(n.Promoters) / float64(n.N)
	d := float64(n.Detractors) / float64(n.N)
	// Each respondent scores +100, 0 or −100: the variance of that score is
	// 100²·(p + d − (p − d)²), its standard error that over √n.
	se := 100 * math.Sqrt(math.Max(p+d-(p-d)*(p-d), 0)/float64(n.N))
	r := &Recommendation{Index: 100 * (p - d), N: n.N, Promoters: 100 * p, Detractors: 100 * d, StdErr: se}
	if n.N >= MinNForCI {
		r.CI95 = clipped(r.Index-1.96*se, r.Index+1.96*se, -100, 100)
	}
	return r
}

// brandingIndex is the employer branding index (0–100) of a mean E = A + 4·I.
func brandingIndex(e float64) float64 { return 25.0 / 24.0 * (e - 24) }

func branding(a *Aggregate, in *questionnaire.Instrument) *Branding {
	if a.Branding.N == 0 {
		return nil
	}
	// index = 25/24·(E − 24) per respondent, so its mean and SD scale alike.
	b := &Branding{Stat: meanStat(brandingIndex(a.Branding.Mean()), 25.0/24.0*a.Branding.SD(), a.Branding.N), Dimensions: map[string]Stat{}, Reasons: map[string]float64{}}
	b.Attractiveness, _ = scaleOf(a, questionnaire.AudiencePublic, ScaleAttractiveness)
	b.Intention, _ = scaleOf(a, questionnaire.AudiencePublic, ScaleIntention)
	for _, d := range questionnaire.BrandDimensions {
		if st, ok := scaleOf(a, questionnaire.AudiencePublic, DimensionScale(d)); ok {
			b.Dimensions[d] = st
		}
	}
	brandingShares(b, a, in)
	return b
}

// asnShares fills the ASN shares that stand apart from an index: workplace
// recommendation and retention intention.
func asnShares(s *Scores, a *Aggregate) {
	s.WorkplaceRecommendation = recommendation(a.Recommend[questionnaire.ItemEngRecommend])
	if st, ok := shareStat(a.Stay); ok {
		s.RetentionIntention = &st
	}
}

// brandingShares fills the employer branding's shares: high intention, the
// reasons and the recommendation.
func brandingShares(b *Branding, a *Aggregate, in *questionnaire.Instrument) {
	if hi, ok := shareStat(a.HighIntention); ok {
		b.HighIntention, b.HighIntentionN = &hi.Index, hi.N
	}
	if voters := a.Voters[questionnaire.ItemBrandReasons]; voters > 0 {
		b.ReasonsN = voters
		for _, r := range in.Reasons {
			b.Reasons[r.ID] = 100 * float64(a.Votes[questionnaire.ItemBrandReasons][r.ID]) / float64(voters)
		}
	}
	b.Recommendation = recommendation(a.Recommend[questionnaire.ItemBrandRecommend])
}
