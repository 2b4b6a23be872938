package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// The segments view (key s on the admin screen): the survey's respondents
// split by one demographic question per audience, taken when it first
// closed (docs/METHODOLOGY.md "Segments"). They describe the whole agency,
// so an admin of one unit does not get them.
func (a *Admin) segmentsView() string {
	if a.scope != "" {
		return a.paragraph(adminUI.SegmentsScoped.In(a.lang))
	}
	if len(a.data.Segments) == 0 {
		return a.paragraph(adminUI.SegmentsOpen.In(a.lang))
	}
	bold := lipgloss.NewStyle().Bold(true)
	var b strings.Builder
	for _, set := range a.data.Segments {
		question := set.Question(a.data.Instrument, a.lang)
		b.WriteString(bold.Render(fmt.Sprintf(adminUI.SegmentsTitle.In(a.lang), audienceWord(set.Audience), question)) + "\n")
		if set.Unavailable != "" {
			b.WriteString(adminUI.SegmentsUnavailable[set.Unavailable].In(a.lang) + "\n\n")
			continue
		}
		heads := adminUI.SegmentsHeads[set.Audience]
		fmt.Fprintf(&b, "  %-24s %5s  %-11s %-11s %s\n", "", "n", heads[0].In(a.lang), heads[1].In(a.lang), heads[2].In(a.lang))
		for _, seg := range set.Segments {
			label := set.Answer(a.data.Instrument, seg.Answer, a.lang, adminUI.NotStated.In(a.lang))
			switch seg.Hidden {
			case scoring.HiddenSmall:
				fmt.Fprintf(&b, "  %-24s %5s\n", label, "—<k")
			case scoring.HiddenComplementary:
				fmt.Fprintf(&b, "  %-24s %5s\n", label, "—†")
			default:
				main, second, third := segmentFigures(set.Audience, seg, a.lang)
				fmt.Fprintf(&b, "  %-24s %5d  %-11s %-11s %s\n", label, seg.Scores.N, main, second, third)
			}
		}
		b.WriteString("\n")
	}
	b.WriteString(lipgloss.NewStyle().Faint(true).Width(max(a.width, 20)).Render(adminUI.SegmentsLegend.In(a.lang)))
	return b.String()
}

// segmentFigures are a shown segment's headline index with its band and
// the two figures beside it (engagement and staying for ASN; intention
// and high intention for the public), "—" where withheld or missing, and
// marked as the legend says where the close left the headline out.
func segmentFigures(audience string, seg scoring.SegmentScore, lang string) (main, second, third string) {
	main, second, third = "—", "—", "—"
	if st, ok := seg.Headline(audience); ok {
		main = fmt.Sprintf("%.1f %s", st.Index, st.Band)
	}
	switch seg.HeadlineOut(audience) {
	case scoring.HiddenAtScaleEnd:
		main = adminUI.SegmentAtScaleEnd.In(lang)
	case scoring.HiddenComplementary:
		main = "—†"
	case scoring.HiddenSmall:
		main = "—<k"
	}
	index, share := seg.Beside(audience)
	if index != nil {
		second = fmt.Sprintf("%.1f", *index)
	}
	if share != nil {
		third = fmt.Sprintf("%.1f%%", *share)
	}
	return main, second, third
}

func audienceWord(audience string) string {
	if audience == questionnaire.AudiencePublic {
		return "non-ASN"
	}
	return "ASN"
}
