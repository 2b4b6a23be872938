package tui

import (
	"charm.land/huh/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// Keys of the single question on the welcome and intro screens.
const (
	welcomeLangKey   = "lang"
	introAudienceKey = "audience"
)

// singleFieldNav is the navigation of a one-question form.
func singleFieldNav(key string) *formNav {
	n := newFormNav()
	n.addPage(key)
	return n
}

// welcomeForm asks for the language; Indonesian is preselected.
func welcomeForm(lang *string) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Key(welcomeLangKey).
			Title("Selamat datang · Welcome").
			Description(ui.ChooseLanguage.ID).
			Options(
				huh.NewOption("1 · Bahasa Indonesia", questionnaire.LangID),
				huh.NewOption("2 · English", questionnaire.LangEN),
			).Value(lang),
	)).WithTheme(formTheme).WithKeyMap(formKeyMap())
}

// introForm shows the privacy notice and asks who is answering.
func introForm(in *questionnaire.Instrument, lang string, audience *string) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		huh.NewNote().Title(ui.Welcome.In(lang)).Description(in.Privacy.In(lang)+"\n"+ui.Consent.In(lang)),
		huh.NewSelect[string]().Key(introAudienceKey).Title(ui.Audience.In(lang)).
			Options(
				huh.NewOption("1 · "+ui.AudienceASN.In(lang), questionnaire.AudienceASN),
				huh.NewOption("2 · "+ui.AudiencePublic.In(lang), questionnaire.AudiencePublic),
			).Value(audience),
	)).WithTheme(formTheme).WithKeyMap(formKeyMap())
}
