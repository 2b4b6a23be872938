package national

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// focusToken ends the key of an agency's focus record (SURVEY.AGENCY._focus):
// no unit's key can end so, as a unit id begins with a letter or digit.
const focusToken = "_focus"

// FocusKey is the key of an agency's focus record of a survey.
func FocusKey(survey, agency string) string {
	return KeyToken(survey) + "." + KeyToken(agency) + "." + focusToken
}

// IsFocusKey says whether a key holds a focus record.
func IsFocusKey(key string) bool { return strings.HasSuffix(key, "."+focusToken) }

// FocusCounts are how many of an agency's units focus on each BerAKHLAK
// value (a behaviour counts under its value), by the status of their plan:
// value → status → units. Counts only: no plan's text, owner or date ever
// leaves the agency.
type FocusCounts map[string]map[string]int64

// FocusRecord is the value of an agency's focus key.
type FocusRecord struct {
	Agency string      `json:"agency"`
	Counts FocusCounts `json:"counts"`
}

// maxFocusUnits bounds a count: more units than any agency has.
const maxFocusUnits = 1_000_000

// focusStatuses are the statuses a count may be under.
var focusStatuses = []string{"planned", "in-progress", "done", "dropped"}

// decodeFocus reads a focus record strictly: known values and statuses,
// bounded counts, its agency the key's.
func decodeFocus(key string, data []byte) (FocusRecord, error) {
	var rec FocusRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return rec, fmt.Errorf("a focus record that is not one: %w", err)
	}
	if tokens := strings.Split(key, "."); len(tokens) != 3 || tokens[1] != KeyToken(rec.Agency) {
		return rec, fmt.Errorf("the focus record names agency %q, its key another", rec.Agency)
	}
	for value, byStatus := range rec.Counts {
		if !slices.Contains(questionnaire.CoreValues, value) {
			return rec, fmt.Errorf("focus on %q, which is no BerAKHLAK value", value)
		}
		for status, n := range byStatus {
			if !slices.Contains(focusStatuses, status) || n < 0 || n > maxFocusUnits {
				return rec, fmt.Errorf("focus on %s: %d units %q", value, n, status)
			}
		}
	}
	return rec, nil
}

// FocusCounts are the nation's focus counts, summed over agencies.
func (n *View) FocusCounts() FocusCounts {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := FocusCounts{}
	for _, rec := range n.focus {
		for value, byStatus := range rec.Counts {
			if out[value] == nil {
				out[value] = map[string]int64{}
			}
			for status, c := range byStatus {
				out[value][status] += c
			}
		}
	}
	return out
}

// putFocus takes in an agency's focus record, or names it a problem.
func (n *View) putFocus(key string, value []byte) {
	rec, err := decodeFocus(key, value)
	n.mu.Lock()
	defer n.mu.Unlock()
	if err != nil {
		delete(n.focus, key)
		n.bad[key] = err
		return
	}
	delete(n.bad, key)
	n.focus[key] = FocusRecord{Agency: rec.Agency, Counts: maps.Clone(rec.Counts)}
}
