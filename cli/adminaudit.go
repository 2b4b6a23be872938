package cli

import (
	"strconv"

	"charm.land/log/v2"
	"charm.land/ssh"
	"github.com/berakhlak/berakhlak/tui"
	gossh "golang.org/x/crypto/ssh"
)

// auditedAdmin is an admin screen's source that logs each change its forms
// save — a plan, a target, the survey's settings — and who made it: the
// admin's SSH key, or this terminal. Admins answer for what they change;
// no respondent is in these lines, and a plan's own words are not either.
type auditedAdmin struct {
	storeAdmin
	log *log.Logger
	by  string
}

// sessionAdmin is the source of an SSH admin session, which logs by key.
func sessionAdmin(src storeAdmin, logger *log.Logger, sess ssh.Session) auditedAdmin {
	return auditedAdmin{storeAdmin: src, log: logger, by: keyOf(sess)}
}

// keyOf is how the log names the admin of a session: their key's
// fingerprint.
func keyOf(sess ssh.Session) string {
	if key := sess.PublicKey(); key != nil {
		return gossh.FingerprintSHA256(key)
	}
	return "(no key)"
}

func (a auditedAdmin) SavePlan(unit string, area tui.PlanArea, isNew bool) error {
	err := a.storeAdmin.SavePlan(unit, area, isNew)
	if err == nil {
		a.log.Info("admin saved a plan", "by", a.by, "unit", unit, "focus", area.Focus, "status", area.Status)
	}
	return err
}

func (a auditedAdmin) SaveTarget(unit, key string, value *float64) error {
	err := a.storeAdmin.SaveTarget(unit, key, value)
	if err == nil {
		target := "removed"
		if value != nil {
			target = strconv.FormatFloat(*value, 'f', -1, 64)
		}
		a.log.Info("admin saved a target", "by", a.by, "unit", unitOrSurvey(unit), "index", key, "target", target)
	}
	return err
}

func (a auditedAdmin) SaveSurveySettings(set tui.SurveySettings) error {
	err := a.storeAdmin.SaveSurveySettings(set)
	if err == nil {
		a.log.Info("admin saved survey settings", "by", a.by, "survey", set.Survey, "open", set.Open, "k", set.K, "require_code", set.RequireCode)
	}
	return err
}

func (a auditedAdmin) CreateSurvey(id string) (string, error) {
	from, err := a.storeAdmin.CreateSurvey(id)
	if err == nil {
		a.log.Info("admin created a survey", "by", a.by, "survey", id, "settings_from", from)
	}
	return from, err
}

// unitOrSurvey names a target's holder: a unit, or the whole survey.
func unitOrSurvey(unit string) string {
	if unit == "" {
		return "(the survey)"
	}
	return unit
}
