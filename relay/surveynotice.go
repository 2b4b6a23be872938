package relay

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/national"
)

// A forwarding kiosk stores what it collects under its own database's
// surveys, and the agency sets aside whatever arrives for a closed one. So
// the agency server tells its kiosks its surveys: at the turn of a year they
// close the old one and start the new one with the agency, and ask what it
// asks (modules, participation codes), without anyone at the kiosk.

// SurveysSubject is where an agency server tells its kiosks its surveys.
// Only its own agency credentials may publish there; only its kiosks (and
// their leaf node) may listen.
func SurveysSubject(agency string) string { return "berakhlak.surveys." + national.KeyToken(agency) }

// surveysAskSubject is where a kiosk that has just connected asks its
// agency to tell its surveys again. Asking carries nothing: the answer goes
// to every kiosk of the agency on SurveysSubject.
func surveysAskSubject(agency string) string { return SurveysSubject(agency) + ".ask" }

// Bounds of a notice: a kiosk reads no more than this, whoever sent it.
const (
	maxNoticeBytes   = 64 << 10
	maxNoticeSurveys = 100
)

// SurveyNotice is one survey as an agency tells it to its kiosks: what a
// kiosk needs to ask what the agency asks and to store under a survey the
// agency takes. Nothing of it is about a respondent.
type SurveyNotice struct {
	ID          string              `json:"id"`
	Open        bool                `json:"open"`
	K           int                 `json:"k"`
	Modules     map[string][]string `json:"modules"`
	RequireCode bool                `json:"require_code,omitempty"`
	// Instrument is the version the agency's survey asks ("" where it was
	// not recorded): a kiosk asking another may forward answers the agency
	// cannot take.
	Instrument string `json:"instrument,omitempty"`
}

// surveysNotice is the message on SurveysSubject.
type surveysNotice struct {
	Surveys []SurveyNotice `json:"surveys"`
}

// noticeOf is what the agency tells of its surveys (oldest first): the
// latest maxNoticeSurveys of them.
func noticeOf(surveys []db.Survey) ([]byte, error) {
	var n surveysNotice
	for _, sv := range surveys[max(0, len(surveys)-maxNoticeSurveys):] {
		n.Surveys = append(n.Surveys, SurveyNotice{ID: sv.ID, Open: sv.Open, K: sv.K, Modules: sv.Modules,
			RequireCode: sv.RequireCode, Instrument: sv.Instrument})
	}
	return json.Marshal(n)
}

// readNotice decodes a notice and checks every survey in it as the store
// would check it, so that a notice either applies whole or not at all.
func readNotice(data []byte) ([]SurveyNotice, error) {
	if len(data) > maxNoticeBytes {
		return nil, fmt.Errorf("the notice of surveys is %d bytes, more than %d", len(data), maxNoticeBytes)
	}
	var n surveysNotice
	if err := json.Unmarshal(data, &n); err != nil {
		return nil, fmt.Errorf("the notice of surveys is not readable: %v", err)
	}
	if len(n.Surveys) == 0 || len(n.Surveys) > maxNoticeSurveys {
		return nil, fmt.Errorf("the notice names %d surveys; it must name 1 to %d", len(n.Surveys), maxNoticeSurveys)
	}
	seen := map[string]bool{}
	for _, sn := range n.Surveys {
		if err := sn.apply(db.DefaultSurvey(sn.ID)).Validate(); err != nil {
			return nil, fmt.Errorf("the notice's survey %q: %v", sn.ID, err)
		}
		if seen[sn.ID] {
			return nil, fmt.Errorf("the notice names survey %s twice", sn.ID)
		}
		seen[sn.ID] = true
	}
	return n.Surveys, nil
}

// apply is sv with what the agency decides of it; the rest (sealing,
// segments, targets, publication minimums) stays the kiosk's own.
func (sn SurveyNotice) apply(sv db.Survey) db.Survey {
	sv.Open, sv.K, sv.RequireCode = sn.Open, sn.K, sn.RequireCode
	sv.Modules = maps.Clone(sn.Modules)
	for audience, modules := range sv.Modules {
		sv.Modules[audience] = slices.Clone(modules)
	}
	return sv
}
