package scoring

import "github.com/berakhlak/berakhlak/questionnaire"

// Shares move in steps of at least 2k (docs/METHODOLOGY.md "Shares of
// small groups"). A chunk of k respondents moves a unit's means by those k,
// which the release allows; but a share of those k — three of five engaged,
// all five staying — is a share of a group under 2k. So a store keeps
// beside the chunks each unit shows its *share chunks*: the shown chunks as
// of the last time they had grown by 2k or more since, pooled up the tree
// at a close at 2k as the chunks are at k. A reading takes every share from
// those, and any two shares ever shown then differ by 0 or at least 2k
// respondents, as the shares' complementary rule at 2k needs.

// WithShares makes g take its shares from the share chunks: audience → unit
// → the share chunks released at the unit (the national view gives its own
// through Over). A Groups without them takes its shares from its figures'
// own sums, as tests that build one by hand do.
func (g *Groups) WithShares(shares Released) *Groups {
	g.shares = &Groups{shape: g.shape, sums: &mapSums{shape: g.shape, direct: shares}, serial: g.serial}
	return g
}

// sharesAsOfN is how many respondents a unit's shares include, of every
// audience shown; false when the shares come from the figures' own sums.
func (g *Groups) sharesAsOfN(unit string, shown map[string]*Aggregate) (int64, bool) {
	if g.shares == nil {
		return 0, false
	}
	var n int64
	for aud := range shown {
		n += g.shares.ReleasedCount(unit, aud)
	}
	return n, true
}

// takeSharesOf replaces a group's shares with those of its share chunks
// (shown: the audiences its figures show). A share the figures have but the
// share chunks not yet is withheld, with the reason.
func (s *Scores) takeSharesOf(g *Groups, unit string, shown map[string]*Aggregate, in *questionnaire.Instrument) {
	parts := map[string]*Aggregate{}
	for aud := range shown {
		parts[aud] = g.shared(unit, aud)
	}
	from := computeShares(parts[questionnaire.AudienceASN], parts[questionnaire.AudiencePublic], in)
	for m := range numMeasures {
		if !measureInfos[m].share || s.measureN(m) == 0 {
			continue
		}
		if from.measureN(m) == 0 {
			s.takeOut(m)
			s.listOut(m, HiddenSmall)
			continue
		}
		s.copyShare(m, from)
	}
}

// copyShare sets one share of s to from's, with the count it rests on.
func (s *Scores) copyShare(m Measure, from *Scores) {
	switch m {
	case MeasureEngagementClasses:
		e, f := s.Engagement, from.Engagement
		e.Engaged, e.NotEngaged, e.Disengaged, e.ClassesN = f.Engaged, f.NotEngaged, f.Disengaged, f.ClassesN
	case MeasureWorkplaceRecommendation:
		s.WorkplaceRecommendation = from.WorkplaceRecommendation
	case MeasureRetention:
		s.RetentionIntention = from.RetentionIntention
	case MeasureHighIntention:
		s.EmployerBranding.HighIntention, s.EmployerBranding.HighIntentionN = from.EmployerBranding.HighIntention, from.EmployerBranding.HighIntentionN
	case MeasureReasons:
		s.EmployerBranding.Reasons, s.EmployerBranding.ReasonsN = from.EmployerBranding.Reasons, from.EmployerBranding.ReasonsN
	case MeasureBrandingRecommendation:
		s.EmployerBranding.Recommendation = from.EmployerBranding.Recommendation
	case MeasureValueJumps:
		s.ValueJumps, s.ValueJumpsN = from.ValueJumps, from.ValueJumpsN
	}
}

// shareHidden is what the complementary rule hides of a share: run on the
// share chunks' counts where a group has them.
func (g *Groups) shareHidden(m Measure, k int) map[string]Hidden {
	if g.shares != nil {
		return g.shares.SuppressedFor(m, k)
	}
	return g.SuppressedFor(m, k)
}

// ShareSums are the sums of a chunk that its shares are computed from —
// the engagement classes with the engagement scale they are counted on,
// today's and the desired picks, the reasons, recommendation, retention,
// high intention and the employer branding sums its shares stand beside —
// and nothing else: what a unit's record carries of its share chunks to the
// national view, which would otherwise keep every scale's sums twice.
func ShareSums(a *Aggregate) *Aggregate {
	out := &Aggregate{N: a.N, Scales: map[string]*Scale{}, Voters: map[string]int64{}, Votes: map[string]map[string]int64{},
		Engaged: a.Engaged, NotEngaged: a.NotEngaged, Disengaged: a.Disengaged,
		Recommend: a.Recommend, Stay: a.Stay, HighIntention: a.HighIntention, Branding: a.Branding}
	if s := a.Scales[ScaleEngagement]; s != nil {
		out.Scales[ScaleEngagement] = s
	}
	for _, q := range []string{questionnaire.ItemValuesCurrent, questionnaire.ItemValuesDesired, questionnaire.ItemBrandReasons} {
		if n, ok := a.Voters[q]; ok {
			out.Voters[q], out.Votes[q] = n, a.Votes[q]
		}
	}
	return out
}

// TakeOutShares removes every share a group shows, listing each with the
// reason (a segment whose shares the check at 2k hides).
func (s *Scores) TakeOutShares(why Hidden) {
	for m := range numMeasures {
		if measureInfos[m].share && s.takeOut(m) {
			s.listOut(m, why)
		}
	}
}

// computeShares computes a group's shares alone, as Compute would (either
// aggregate may be nil): a group's shares are worked out twice, from its
// share chunks, and the rest of Compute — the values' top ten above all —
// would be thrown away.
func computeShares(asn, public *Aggregate, in *questionnaire.Instrument) *Scores {
	s := &Scores{}
	if asn != nil {
		s.Engagement = engagement(asn)
		asnShares(s, asn)
		if asn.Voters[questionnaire.ItemValuesCurrent] > 0 && asn.Voters[questionnaire.ItemValuesDesired] > 0 {
			s.ValueJumps, s.ValueJumpsN = jumps(asn, in), asn.Voters[questionnaire.ItemValuesCurrent]
		}
	}
	if public != nil && public.Branding.N > 0 {
		b := &Branding{Reasons: map[string]float64{}}
		brandingShares(b, public, in)
		s.EmployerBranding = b
	}
	return s
}
