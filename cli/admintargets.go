package cli

import (
	"strings"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/berakhlak/berakhlak/tui"
)

// Targets are the indices of unit ("" the whole survey) with what it is
// held to in the latest survey, and the baselines it showed in the survey
// before (tui.TargetKeeper): what `targets show` and `scores` say.
func (s storeAdmin) Targets(unit, lang string) ([]tui.TargetRow, error) {
	unit, err := heldUnit(s.store, unit)
	if err != nil {
		return nil, err
	}
	sv, err := s.store.LatestSurvey()
	if err != nil {
		return nil, err
	}
	_, baselines, err := baselinesOf(s.store, sv, unit, s.in)
	if err != nil {
		return nil, err
	}
	held, own := settingsOf(sv).TargetsOf(unit), sv.UnitTargets[unit]
	var rows []tui.TargetRow
	for _, key := range scoring.TargetKeys() {
		row := tui.TargetRow{Key: key, Name: targetName(key, lang)}
		if t, ok := held[key]; ok {
			row.Target = &t
			_, row.Own = own[key]
		}
		if b, ok := baselines[key]; ok {
			row.Baseline = &b
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// SaveTarget sets or removes a target of unit in the latest survey, as
// `targets set` and `targets unset` do, refusing one that asks for a
// decline, and any of a closed survey (tui.TargetKeeper).
func (s storeAdmin) SaveTarget(unit, key string, value *float64) error {
	unit, err := heldUnit(s.store, unit)
	if err != nil {
		return err
	}
	sv, err := s.store.LatestSurvey()
	if err != nil {
		return err
	}
	if err := (targetsAccess{openOnly: true}).changeable(sv); err != nil {
		return err
	}
	if value == nil {
		removeTargets(&sv, unit, key)
		return s.store.SaveSurvey(sv)
	}
	return putTargets(s.store, s.in, &sv, unit, map[string]float64{key: *value}, false)
}

// targetName names an index as `scores` does, a value by its name.
func targetName(key, lang string) string {
	if v, ok := strings.CutPrefix(key, "implementation."); ok {
		return questionnaire.ValueNames[v].In(lang)
	}
	return scoresUI.Rows[key].In(lang)
}
