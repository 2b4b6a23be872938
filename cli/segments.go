package cli

import (
	"fmt"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// segmentSets reads a survey's segments (taken when it first closed) with
// each shown segment's scores, audience by audience; none while the survey
// has never closed. They describe the whole survey, so only whole-survey
// readers get them.
func segmentSets(store *db.Store, sv db.Survey, in *questionnaire.Instrument) ([]scoring.SegmentSet, error) {
	tables, err := store.Segments(sv.ID)
	if err != nil {
		return nil, err
	}
	var out []scoring.SegmentSet
	for _, audience := range scoring.Audiences {
		table, ok := tables[audience]
		if !ok {
			continue
		}
		set := scoring.SegmentSet{Audience: audience, Item: table.Item, Unavailable: table.Unavailable}
		for _, cell := range table.Cells {
			seg := scoring.SegmentScore{Answer: cell.Answer, Hidden: cell.Hidden}
			if cell.Hidden == "" {
				a, err := scoring.DecodeAggregate(cell.Figures)
				if err != nil {
					return nil, fmt.Errorf("survey %s: %s segment %q: %w", sv.ID, audience, cell.Answer, err)
				}
				seg.Scores = scoring.SegmentFigures(audience, a, table.K, in)
				switch {
				case !table.SharesChecked: // taken before shares were checked at 2k
					seg.Scores.TakeOutShares(scoring.HiddenSmall)
				case cell.SharesHidden != "":
					seg.Scores.TakeOutShares(cell.SharesHidden)
				}
				if table.FamiliesChecked {
					seg.Scores.LeaveOutFamilies(cell.FamiliesOut)
				} else { // taken before sets worked out from it were checked at a scale's end
					seg.Scores.LeaveOutMeans()
				}
			}
			set.Segments = append(set.Segments, seg)
		}
		if item, ok := in.Item(audience, table.Item); ok {
			scoring.SortSegments(set.Segments, item)
		}
		out = append(out, set)
	}
	return out, nil
}
