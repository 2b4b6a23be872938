package tui

import (
	"fmt"

	"charm.land/huh/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// Keys of the single question on the welcome, intro, age and page screens.
const (
	welcomeLangKey   = "lang"
	introAudienceKey = "audience"
	ageKey           = "adult"
	pageKey          = "page"
)

// singleFieldNav is the navigation of a one-question form.
func singleFieldNav(key string) *formNav {
	n := newFormNav()
	n.addPage(key)
	return n
}

func newForm(theme huh.Theme, fields ...huh.Field) *huh.Form {
	return huh.NewForm(huh.NewGroup(fields...)).WithTheme(theme).WithKeyMap(formKeyMap())
}

// welcomeForm asks for the language; the current one is preselected.
func welcomeForm(theme huh.Theme, lang *string) *huh.Form {
	return newForm(theme, huh.NewSelect[string]().Key(welcomeLangKey).
		Title("Selamat datang · Welcome").
		Description(ui.ChooseLanguage.Indonesian).
		Options(
			huh.NewOption("1 · Bahasa Indonesia", questionnaire.LangID),
			huh.NewOption("2 · English", questionnaire.LangEN),
		).Value(lang))
}

// introForm shows the privacy notice and asks who is answering.
func introForm(theme huh.Theme, in *questionnaire.Instrument, lang string, audience *string) *huh.Form {
	return newForm(theme,
		huh.NewNote().Title(ui.Welcome.In(lang)).Description(in.Privacy.In(lang)+"\n"+ui.Consent.In(lang)),
		huh.NewSelect[string]().Key(introAudienceKey).Title(ui.Audience.In(lang)).
			Options(
				huh.NewOption("1 · "+ui.AudienceASN.In(lang), questionnaire.AudienceASN),
				huh.NewOption("2 · "+ui.AudiencePublic.In(lang), questionnaire.AudiencePublic),
			).Value(audience))
}

// ageForm asks the public audience to confirm they are 18 or over.
func ageForm(theme huh.Theme, lang string, adult *bool) *huh.Form {
	return newForm(theme, huh.NewSelect[bool]().Key(ageKey).Title(ui.AgeQuestion.In(lang)).
		Options(
			huh.NewOption("1 · "+ui.AgeYes.In(lang), true),
			huh.NewOption("2 · "+ui.AgeNo.In(lang), false),
		).Value(adult))
}

// pagePickerForm asks which page of the survey to change.
func pagePickerForm(theme huh.Theme, pages []page, lang string, pick *int) *huh.Form {
	opts := make([]huh.Option[int], len(pages))
	for i, p := range pages {
		opts[i] = huh.NewOption(fmt.Sprintf("%d · %s", i+1, p.Section.Title.In(lang)), i)
	}
	return newForm(theme, huh.NewSelect[int]().Key(pageKey).Title(ui.WhichPage.In(lang)).Options(opts...).Value(pick).Height(min(len(pages)+2, 18)))
}
