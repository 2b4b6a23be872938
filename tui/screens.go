package tui

import (
	"strconv"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/tui/page"
)

// Ids of the one-question screens.
const (
	welcomeLangKey   = "lang"
	introAudienceKey = "audience"
	ageKey           = "adult"
	pageKey          = "page"
	codeKey          = "code"
	pinKey           = "pin"
)

// Answers of the age question.
const (
	ageAdult = "adult"
	ageMinor = "minor"
)

// welcomePage asks for the language, in both; the current one is chosen
// already, since either way nothing is lost. Over SSH it says how to leave.
func (k *Kiosk) welcomePage() *page.Page {
	lead := ""
	if k.cfg.AllowQuit {
		lead = ui.HowToLeave.Indonesian + "\n" + ui.HowToLeave.English
	}
	if k.cfg.Closed {
		lead = k.st.Error.Render(ui.SurveyClosed.Indonesian) + "\n" + k.st.Error.Render(ui.SurveyClosed.English) + "\n" + lead
	}
	return page.New(lead, k.keyMap(), k.pst, page.NewChoice(welcomeLangKey,
		"Selamat datang · Welcome\n"+ui.ChooseLanguage.Indonesian,
		[]string{questionnaire.LangID, questionnaire.LangEN}, []string{"Bahasa Indonesia", "English"}, &k.lang)).NoWayBack()
}

// introPage shows the privacy notice and asks who is answering; no answer
// is chosen before the person chooses one. Only audiences the survey asks
// something of are offered (a survey may ask the public nothing).
func (k *Kiosk) introPage() *page.Page {
	lang := k.lang
	lead := k.st.Title.Render(ui.Welcome.In(lang)) + "\n" + k.cfg.Instrument.Privacy.In(lang) + "\n" + ui.Consent.In(lang)
	var ids, labels []string
	for _, audience := range []struct {
		id    string
		label questionnaire.Text
	}{{questionnaire.AudienceASN, ui.AudienceASN}, {questionnaire.AudiencePublic, ui.AudiencePublic}} {
		if len(surveySections(k.cfg.Instrument, audience.id, k.cfg.Modules[audience.id])) > 0 {
			ids, labels = append(ids, audience.id), append(labels, audience.label.In(lang))
		}
	}
	if len(ids) == 0 {
		lead += "\n\n" + ui.NothingAsked.In(lang)
	}
	return page.New(lead, k.keyMap(), k.pst, page.NewChoice(introAudienceKey, ui.Audience.In(lang), ids, labels, &k.audience))
}

// agePage asks the public audience to confirm they are 18 or over; "under
// 18" ends the survey, so it asks once more.
func (k *Kiosk) agePage() *page.Page {
	lang := k.lang
	return page.New("", k.keyMap(), k.pst, page.NewChoice(ageKey, ui.AgeQuestion.In(lang),
		[]string{ageAdult, ageMinor}, []string{ui.AgeYes.In(lang), ui.AgeNo.In(lang)}, &k.age).
		Final(ageMinor, ui.AgeFinal.In(lang)))
}

// pickerPage asks which page of the survey to change; two digits reach the
// pages past the ninth.
func (k *Kiosk) pickerPage() *page.Page {
	ids := make([]string, len(k.pages))
	labels := make([]string, len(k.pages))
	for i, s := range k.pages {
		ids[i], labels[i] = strconv.Itoa(i), s.Title.In(k.lang)
	}
	k.pagePick = ""
	return page.New("", k.keyMap(), k.pst, page.NewChoice(pageKey, ui.WhichPage.In(k.lang), ids, labels, &k.pagePick))
}
