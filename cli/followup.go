package cli

import (
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// followUps reads every focus area the previous survey's plans chose for
// top and the units under it ("" for all) in that survey's figures and
// this one's; the caller settles the calls of those it shows together
// (scoring.SettleFollowUps). A unit hidden in either survey gets no figure
// (scoring.CallHidden), whatever its plan says.
func (p previous) followUps(store *db.Store, in *questionnaire.Instrument, now *scoring.Groups, set scoring.Settings, top string) ([]scoring.FocusFollowUp, error) {
	if p.survey == nil {
		return nil, nil
	}
	plans, err := plansUnder(store, p.survey.ID, top)
	if err != nil {
		return nil, err
	}
	var out []scoring.FocusFollowUp
	for _, plan := range plans {
		if _, ok := now.Node(plan.Unit); !ok {
			continue // the unit left the tree since
		}
		before := p.groups.Group(plan.Unit, settingsOf(*p.survey), in)
		current := now.Group(plan.Unit, set, in)
		for _, f := range plan.Focus {
			out = append(out, scoring.FollowUp(plan.Unit, current.Name, f.Focus, f.Status, before.Scores, current.Scores))
		}
	}
	return out, nil
}
