package questionnaire

import (
	"fmt"
	"strings"
)

// MaxSegmentAnswers bounds a segment question's answers: the complementary
// check visits every combination of them (scoring.SuppressSegments).
const MaxSegmentAnswers = 12

// CheckSegmentQuestion says whether an audience's respondents can be split
// by item (docs/METHODOLOGY.md "Segments"): a choice question the
// instrument asks of that audience, with at most MaxSegmentAnswers answers.
func (in *Instrument) CheckSegmentQuestion(audience, item string) error {
	if _, ok := AudienceModules[audience]; !ok {
		return fmt.Errorf("the audience must be %s or %s", AudienceASN, AudiencePublic)
	}
	it, ok := in.Item(audience, item)
	if !ok || it.Type != TypeChoice {
		return fmt.Errorf("the instrument asks %s no choice question %q; use a demographic question such as %s",
			audience, item, strings.Join(in.choiceItems(audience), ", "))
	}
	if len(it.Options) > MaxSegmentAnswers {
		return fmt.Errorf("%d answers, at most %d can be segments (each combination of them is checked)", len(it.Options), MaxSegmentAnswers)
	}
	return nil
}

// choiceItems lists the choice questions asked of an audience.
func (in *Instrument) choiceItems(audience string) []string {
	var out []string
	for _, s := range in.SectionsFor(audience) {
		for _, it := range s.Items {
			if it.Type == TypeChoice {
				out = append(out, it.ID)
			}
		}
	}
	return out
}
