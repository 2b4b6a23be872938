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
	// The jumps are the shares of respondents who picked each value for
	// today and as desired: 100 % in a group of five says every one of them
	// picked it.
	ShareValueJumps = "value_jumps"
)

// Index families whose own respondents are counted (TooFew).
const (
	FamilyImplementation   = "implementation"
	FamilyValues           = "values"
	FamilyEngagement       = "engagement"
	FamilyEmployerBranding = "employer_branding"
)

// Withhold takes out every index family that fewer than k respondents gave
// (listed in s.TooFew) and every share whose respondents number fewer than
// 2k (listed in s.Withheld). A family goes whatever the group's size: a
// module switched on for one respondent of a group of five had shown that
// one's engagement (issue 29).
func (s *Scores) Withhold(k int) {
	for m := range numMeasures {
		if n := s.measureN(m); n > 0 && n < int64(m.threshold(k)) && s.takeOut(m) {
			s.listOut(m, HiddenSmall)
		}
	}
}

// Protect takes out each measure that the complementary rule across the
// tree hides for this group (Groups.SuppressedFor), listing it in
// s.Protected — or, where the measure has too few respondents of its own,
// in s.TooFew or s.Withheld — and each family left out for an index near
// its scale's end (Groups.AtScaleEnd), listed in s.AtScaleEnd.
func (s *Scores) Protect(hidden func(m Measure) Hidden) {
	for m := range numMeasures {
		if why := hidden(m); why != "" && s.takeOut(m) {
			s.listOut(m, why)
		}
	}
}

func (s *Scores) listOut(m Measure, why Hidden) {
	info := measureInfos[m]
	switch {
	case why == HiddenComplementary:
		s.Protected = append(s.Protected, info.key)
	case why == HiddenAtScaleEnd:
		s.AtScaleEnd = append(s.AtScaleEnd, info.key)
	case info.share:
		s.Withheld = append(s.Withheld, info.key)
	default:
		s.TooFew = append(s.TooFew, info.key)
	}
}

// measureN is how many respondents the group's figures of a measure rest
// on; 0 when they are not there.
func (s *Scores) measureN(m Measure) int64 {
	b := s.EmployerBranding
	switch m {
	case MeasureImplementation:
		if s.Implementation != nil {
			return s.Implementation.N
		}
	case MeasureValues:
		if s.Entropy != nil {
			return s.Entropy.N
		}
	case MeasureEngagement:
		if s.Engagement != nil {
			return s.Engagement.N
		}
	case MeasureBranding:
		if b != nil {
			return b.N
		}
	case MeasureEngagementClasses:
		if s.Engagement != nil && s.Engagement.Engaged != nil {
			return s.Engagement.ClassesN
		}
	case MeasureWorkplaceRecommendation:
		if s.WorkplaceRecommendation != nil {
			return s.WorkplaceRecommendation.N
		}
	case MeasureRetention:
		if s.RetentionIntention != nil {
			return s.RetentionIntention.N
		}
	case MeasureHighIntention:
		if b != nil && b.HighIntention != nil {
			return b.HighIntentionN
		}
	case MeasureReasons:
		if b != nil && b.Reasons != nil {
			return b.ReasonsN
		}
	case MeasureBrandingRecommendation:
		if b != nil && b.Recommendation != nil {
			return b.Recommendation.N
		}
	case MeasureValueJumps:
		if s.ValueJumps != nil {
			return s.ValueJumpsN
		}
	}
	return 0
}

// takeOut removes a measure's figures, reporting whether there were any.
// The drivers go with either of the families they pair.
func (s *Scores) takeOut(m Measure) bool {
	if s.measureN(m) == 0 {
		return false
	}
	b := s.EmployerBranding
	switch m {
	case MeasureImplementation:
		s.Implementation, s.Drivers = nil, nil
	case MeasureValues:
		s.Entropy, s.PositiveEnergy, s.Balance, s.CultureHealth = nil, nil, nil, nil
		s.AlignmentPersonalCurrent, s.AlignmentCurrentDesired, s.Top10, s.ValueJumps = nil, nil, nil, nil
	case MeasureEngagement:
		s.Engagement, s.Drivers = nil, nil
	case MeasureBranding:
		s.EmployerBranding = nil
	case MeasureEngagementClasses:
		s.Engagement.Engaged, s.Engagement.NotEngaged, s.Engagement.Disengaged = nil, nil, nil
	case MeasureWorkplaceRecommendation:
		s.WorkplaceRecommendation = nil
	case MeasureRetention:
		s.RetentionIntention = nil
	case MeasureHighIntention:
		b.HighIntention = nil
	case MeasureReasons:
		b.Reasons = nil
	case MeasureBrandingRecommendation:
		b.Recommendation = nil
	case MeasureValueJumps:
		s.ValueJumps = nil
	}
	return true
}
