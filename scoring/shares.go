package scoring

// Shares of small groups (docs/METHODOLOGY.md, "Shares of small groups"): in
// a group of n respondents a share of 0 % or 100 % says what every one of
// them answered. Below 2k respondents a share is withheld altogether —
// whatever its value, so that withholding itself says nothing — while the
// mean-based indices beside it stay.

// Keys of the shares Withhold may take out, as named in Scores.Withheld.
const (
	ShareEngagementClasses       = "engagement.classes"
	ShareWorkplaceRecommendation = "workplace_recommendation"
	ShareRetentionIntention      = "retention_intention"
	ShareHighIntention           = "employer_branding.high_intention"
	ShareReasons                 = "employer_branding.reasons"
	ShareBrandingRecommendation  = "employer_branding.recommendation"
)

// Withhold takes out every share whose respondents number fewer than 2k,
// and lists what it took in s.Withheld.
func (s *Scores) Withhold(k int) {
	s.withholdFewerThanK(k)
	small := func(n int64) bool { return n < 2*int64(k) }
	took := func(key string) { s.Withheld = append(s.Withheld, key) }
	if e := s.Engagement; e != nil && small(e.N) {
		e.Engaged, e.NotEngaged, e.Disengaged = nil, nil, nil
		took(ShareEngagementClasses)
	}
	if r := s.WorkplaceRecommendation; r != nil && small(r.N) {
		s.WorkplaceRecommendation = nil
		took(ShareWorkplaceRecommendation)
	}
	if r := s.RetentionIntention; r != nil && small(r.N) {
		s.RetentionIntention = nil
		took(ShareRetentionIntention)
	}
	b := s.EmployerBranding
	if b == nil {
		return
	}
	if b.HighIntention != nil && small(b.Intention.N) {
		b.HighIntention = nil
		took(ShareHighIntention)
	}
	if b.Reasons != nil && small(b.ReasonsN) {
		b.Reasons = nil
		took(ShareReasons)
	}
	if r := b.Recommendation; r != nil && small(r.N) {
		b.Recommendation = nil
		took(ShareBrandingRecommendation)
	}
}

// Index families whose own respondents are counted (TooFew).
const (
	FamilyImplementation   = "implementation"
	FamilyValues           = "values"
	FamilyEngagement       = "engagement"
	FamilyEmployerBranding = "employer_branding"
)

// withholdFewerThanK leaves out every index family that fewer than k
// respondents gave, whatever the group's size: a module switched on for one
// respondent of a group of five had shown that one's engagement (issue 29).
func (s *Scores) withholdFewerThanK(k int) {
	few := func(n int64) bool { return n > 0 && n < int64(k) }
	took := func(family string) { s.TooFew = append(s.TooFew, family) }
	if im := s.Implementation; im != nil && few(im.N) {
		s.Implementation, s.Drivers = nil, nil
		took(FamilyImplementation)
	}
	if e := s.Entropy; e != nil && few(e.N) {
		s.Entropy, s.PositiveEnergy, s.Balance, s.CultureHealth = nil, nil, nil, nil
		s.AlignmentPersonalCurrent, s.AlignmentCurrentDesired, s.Top10, s.ValueJumps = nil, nil, nil, nil
		took(FamilyValues)
	}
	if e := s.Engagement; e != nil && few(e.N) {
		s.Engagement, s.Drivers = nil, nil
		took(FamilyEngagement)
	}
	if b := s.EmployerBranding; b != nil && few(b.N) {
		s.EmployerBranding = nil
		took(FamilyEmployerBranding)
	}
}
