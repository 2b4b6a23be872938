package cli

import (
	"fmt"
	"strconv"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/tui"
)

// SurveySettings are the latest survey's settings the admin screen's form
// changes (tui.SettingsKeeper).
func (s storeAdmin) SurveySettings() (tui.SurveySettings, error) {
	sv, err := s.store.LatestSurvey()
	if err != nil {
		return tui.SurveySettings{}, err
	}
	return tui.SurveySettings{Survey: sv.ID, Open: sv.Open, K: sv.K, RequireCode: sv.RequireCode, MinK: db.MinK}, nil
}

// SaveSurveySettings stores the form's settings through the edits `survey
// set` makes, so the same checks hold (tui.SettingsKeeper).
func (s storeAdmin) SaveSurveySettings(set tui.SurveySettings) error {
	sv, ok, err := s.store.Survey(set.Survey)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("survey %s does not exist", set.Survey)
	}
	status := "closed"
	if set.Open {
		status = "open"
	}
	edits := surveyEdits{k: set.K, status: status, requireCode: strconv.FormatBool(set.RequireCode)}
	if err := edits.apply(&sv); err != nil {
		return err
	}
	return s.store.SaveSurvey(sv)
}
