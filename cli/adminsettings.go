package cli

import (
	"fmt"

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
	return tui.SurveySettings{Survey: sv.ID, Open: sv.Open, K: sv.K, RequireCode: sv.RequireCode, MinK: db.MinK, MaxK: db.MaxK}, nil
}

// SaveSurveySettings stores the form's settings in the survey it read; the
// store checks them as it checks `survey set`'s (db.Survey.Validate: k
// from db.MinK to db.MaxK) and, on a close, releases the final figures
// (tui.SettingsKeeper).
func (s storeAdmin) SaveSurveySettings(set tui.SurveySettings) error {
	sv, ok, err := s.store.Survey(set.Survey)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("survey %s does not exist", set.Survey)
	}
	sv.Open, sv.K, sv.RequireCode = set.Open, set.K, set.RequireCode
	return s.store.SaveSurvey(sv)
}
