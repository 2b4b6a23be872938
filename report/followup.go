package report

import (
	"fmt"
	"strings"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// followUpRow is one focus area of the previous survey, read again.
type followUpRow struct{ Unit, Focus, Status, Then, Now, Change, Call string }

// followUpRows formats the follow-ups; a hidden unit shows no figure.
func followUpRows(fs []scoring.FocusFollowUp, t map[string]string) []followUpRow {
	var out []followUpRow
	for _, f := range fs {
		r := followUpRow{Unit: f.Name, Focus: focusLabel(f.Focus, t), Status: t["status."+f.Status], Call: t["call."+f.Call]}
		if f.Call != scoring.CallHidden {
			r.Then, r.Now = f1(f.Then.Index), f1(f.Now.Index)
			r.Change = fmt.Sprintf("%+.1f", f.Change.Delta)
		}
		out = append(out, r)
	}
	return out
}

// focusLabel names a value, or a behaviour by its value and number.
func focusLabel(focus string, t map[string]string) string {
	value := questionnaire.FocusValue(focus)
	if focus == value {
		return t["v."+value]
	}
	return fmt.Sprintf(t["behaviourOf"], t["v."+value], strings.TrimPrefix(focus, "impl."+value+"."))
}

// speakFollowUps counts in words how the previous survey's focus areas
// moved: units are counted under every call one of their areas got.
func speakFollowUps(fs []scoring.FocusFollowUp, t map[string]string) []string {
	if len(fs) == 0 {
		return nil
	}
	units := map[string]map[string]bool{}
	for _, f := range fs {
		if units[f.Call] == nil {
			units[f.Call] = map[string]bool{}
		}
		units[f.Call][f.Unit] = true
	}
	return []string{fmt.Sprintf(t["sayFollowUp"], len(fs), len(units[scoring.CallRose]), len(units[scoring.CallSame]),
		len(units[scoring.CallFell]), len(units[scoring.CallHidden])+len(units[scoring.CallNoTest]))}
}

// planRows words the plans for the page: focus, reason and status in the
// report's language.
func planRows(plans []PlanRow, t map[string]string) []PlanRow {
	out := make([]PlanRow, 0, len(plans))
	for _, p := range plans {
		p.Focus, p.Reason, p.Status = focusLabel(p.Focus, t), t["reason."+p.Reason], t["status."+p.Status]
		out = append(out, p)
	}
	return out
}
