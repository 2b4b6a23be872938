package scoring

import (
	"cmp"
	"slices"
	"unicode"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// SegmentSet is one audience's segments as every reader sees them
// (docs/METHODOLOGY.md "Segments"): under "segments" in scores --json.
type SegmentSet struct {
	Audience string `json:"audience"`
	Item     string `json:"item"` // the demographic question split by
	// Unavailable says why the audience has no segments.
	Unavailable string         `json:"unavailable,omitempty"`
	Segments    []SegmentScore `json:"segments,omitempty"`
}

// SegmentScore is the figures of the respondents who gave one answer.
type SegmentScore struct {
	Answer string `json:"answer"` // NotStated: left the question out
	// Hidden is HiddenSmall or HiddenComplementary; a hidden segment has no
	// figures and no count.
	Hidden Hidden  `json:"hidden,omitempty"`
	Scores *Scores `json:"scores,omitempty"`
}

// SegmentFigures computes a shown segment's scores from its aggregate, with
// shares of fewer than 2k respondents withheld and index families of fewer
// than 2k near a scale's end left out, as everywhere.
func SegmentFigures(audience string, a *Aggregate, k int, in *questionnaire.Instrument) *Scores {
	var s *Scores
	if audience == questionnaire.AudiencePublic {
		s = Compute(nil, a, in)
	} else {
		s = Compute(a, nil, in)
	}
	s.Withhold(k)
	s.LeaveOutAtScaleEnd(CountsOf(a), k)
	return s
}

// SortSegments puts segments in the order of the question's answers, those
// who left it out last.
func SortSegments(segments []SegmentScore, item questionnaire.Item) {
	rank := map[string]int{NotStated: len(item.Options)}
	for i, o := range item.Options {
		rank[o.ID] = i
	}
	slices.SortStableFunc(segments, func(a, b SegmentScore) int { return cmp.Compare(rank[a.Answer], rank[b.Answer]) })
}

// Headline is the index a segment is compared by: the employer branding
// index for the public, the Indeks BerAKHLAK for ASN.
func (s SegmentScore) Headline(audience string) (Stat, bool) {
	if s.Scores == nil {
		return Stat{}, false
	}
	if audience == questionnaire.AudiencePublic {
		if b := s.Scores.EmployerBranding; b != nil {
			return b.Stat, true
		}
		return Stat{}, false
	}
	if im := s.Scores.Implementation; im != nil {
		return im.Stat, true
	}
	return Stat{}, false
}

// HeadlineOut says why a shown segment's headline index is left out ("" when
// it is shown, or missing for want of answers): fewer than k behind it, near
// its scale's end, or protected so that a smaller group cannot be worked out.
func (s SegmentScore) HeadlineOut(audience string) Hidden {
	if s.Scores == nil {
		return ""
	}
	family := FamilyImplementation
	if audience == questionnaire.AudiencePublic {
		family = FamilyEmployerBranding
	}
	switch {
	case slices.Contains(s.Scores.AtScaleEnd, family):
		return HiddenAtScaleEnd
	case slices.Contains(s.Scores.Protected, family):
		return HiddenComplementary
	case slices.Contains(s.Scores.TooFew, family):
		return HiddenSmall
	}
	return ""
}

// Beside are the two figures shown beside a segment's headline: the
// intention to apply and the high-intention share for the public,
// engagement and the intention to stay (a share) for ASN; nil where
// missing or withheld.
func (s SegmentScore) Beside(audience string) (index, share *float64) {
	if s.Scores == nil {
		return nil, nil
	}
	if audience == questionnaire.AudiencePublic {
		if b := s.Scores.EmployerBranding; b != nil {
			return &b.Intention.Index, b.HighIntention
		}
		return nil, nil
	}
	if e := s.Scores.Engagement; e != nil {
		index = &e.Index
	}
	if r := s.Scores.RetentionIntention; r != nil {
		share = &r.Index
	}
	return index, share
}

// Question is the set's question as it reads after "by" in lang (its first
// letter lowered unless it starts an acronym), or its id.
func (s SegmentSet) Question(in *questionnaire.Instrument, lang string) string {
	it, ok := in.Item(s.Audience, s.Item)
	if !ok {
		return s.Item
	}
	text := []rune(it.Text.In(lang))
	if len(text) > 1 && unicode.IsUpper(text[0]) && !unicode.IsUpper(text[1]) {
		text[0] = unicode.ToLower(text[0])
	}
	return string(text)
}

// Answer is an answer's label in lang (its id when the instrument lacks
// it); notStated is the reader's word for those who left the question out.
func (s SegmentSet) Answer(in *questionnaire.Instrument, answer, lang, notStated string) string {
	if answer == NotStated {
		return notStated
	}
	if it, ok := in.Item(s.Audience, s.Item); ok {
		if label, ok := it.OptionLabel(answer, lang); ok {
			return label
		}
	}
	return answer
}

// LeaveOutFamilies takes out of a segment's scores the index families the
// close left out (SegmentFamiliesOut: family → why).
func (s *Scores) LeaveOutFamilies(out map[string]Hidden) {
	for m := range numMeasures {
		if why := out[measureInfos[m].key]; why != "" && s.takeOut(m) { // a family's key, never a share's
			s.listOut(m, why)
		}
	}
}

// LeaveOutMeans takes out every index family that is a mean, as protecting
// smaller groups: for segments taken before the close checked the sets
// worked out from them at a scale's end.
func (s *Scores) LeaveOutMeans() {
	for m := range numMeasures {
		if len(meanParts(m)) > 0 && s.takeOut(m) { // shares have no means
			s.listOut(m, HiddenComplementary)
		}
	}
}
