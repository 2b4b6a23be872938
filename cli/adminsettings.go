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
	set := tui.SurveySettings{Survey: sv.ID, Open: sv.Open, K: sv.K, RequireCode: sv.RequireCode, MinK: db.MinK, MaxK: db.MaxK}
	if year, err := strconv.Atoi(sv.ID); err == nil && !sv.Open {
		set.Next = strconv.Itoa(year + 1) // a closed year: the form may start the next
	}
	return set, nil
}

// CreateSurvey creates survey id, open, with the settings of the survey
// before it, as `survey create ID` does (tui.SettingsKeeper).
func (s storeAdmin) CreateSurvey(id string) (takenFrom string, err error) {
	if _, exists, err := s.store.Survey(id); err != nil || exists {
		if exists {
			err = fmt.Errorf("survey %s exists already", id)
		}
		return "", err
	}
	sv, from, err := s.store.NewSurvey(id, "")
	if err != nil {
		return "", err
	}
	sv.Instrument = s.in.Version
	if err := sv.CheckSegmentQuestions(s.in); err != nil {
		return "", fmt.Errorf("%w; create it with `berakhlak survey create %s --segment AUDIENCE=QUESTION`", err, id)
	}
	return from, s.store.SaveSurvey(sv)
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
