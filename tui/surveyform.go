package tui

import (
	"fmt"
	"strconv"

	"charm.land/huh/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// page is one section of the survey as shown to a respondent.
type page struct {
	Section questionnaire.Section
}

// surveyPages returns the sections an audience is asked, limited to the
// modules the survey asks of that audience.
func surveyPages(in *questionnaire.Instrument, audience string, modules []string) []page {
	asked := map[string]bool{}
	for _, m := range modules {
		asked[m] = true
	}
	var pages []page
	for _, s := range in.SectionsFor(audience) {
		if asked[s.Module] {
			pages = append(pages, page{Section: s})
		}
	}
	return pages
}

// buildPageForm builds a fresh huh form for one page, bound to the sheet.
// One form per page (not one form of all pages): huh lays out every group of
// a form on each message, so a whole-survey form made each key press and
// each new respondent many times dearer.
func buildPageForm(theme huh.Theme, in *questionnaire.Instrument, p page, lang string, sh *sheet) *huh.Form {
	fields := make([]huh.Field, 0, len(p.Section.Items))
	for _, it := range p.Section.Items {
		fields = append(fields, buildField(in, it, lang, sh))
	}
	return huh.NewForm(huh.NewGroup(fields...)).WithTheme(theme).WithKeyMap(formKeyMap()).WithShowHelp(true)
}

func buildField(in *questionnaire.Instrument, it questionnaire.Item, lang string, sh *sheet) huh.Field {
	switch it.Type {
	case questionnaire.TypeLikert:
		sc, _ := in.ScaleByID(it.Scale)
		labels := make([]string, len(sc.Labels))
		for i, l := range sc.Labels {
			labels[i] = pointLabel(sc.Min+i, l.In(lang))
		}
		return newScaleField(it.ID, it.Text.In(lang), labels, sc.Min, sh.scale[it.ID])
	case questionnaire.TypeValues, questionnaire.TypeReasons:
		return buildPicks(in, it, lang, sh)
	default: // choice
		opts := []huh.Option[string]{huh.NewOption("0 · "+ui.PreferNot.In(lang), "")}
		for i, o := range it.Options {
			opts = append(opts, huh.NewOption(pointLabel(i+1, o.Label.In(lang)), o.ID))
		}
		return huh.NewSelect[string]().Key(it.ID).Title(it.Text.In(lang)).Inline(true).
			Options(opts...).Value(sh.choice[it.ID])
	}
}

func buildPicks(in *questionnaire.Instrument, it questionnaire.Item, lang string, sh *sheet) huh.Field {
	var ids, labels []string
	if it.Type == questionnaire.TypeValues {
		for i, v := range in.Catalogue {
			ids, labels = append(ids, v.ID), append(labels, pointLabel(i+1, v.Label.In(lang)))
		}
	} else {
		for i, r := range in.Reasons {
			ids, labels = append(ids, r.ID), append(labels, pointLabel(i+1, r.Label.In(lang)))
		}
	}
	minimum := it.Pick
	if it.Type == questionnaire.TypeReasons {
		minimum = 1
	}
	message := func(n int) string {
		if minimum == it.Pick {
			return fmt.Sprintf(ui.PickExactly.In(lang), it.Pick, n)
		}
		return fmt.Sprintf(ui.PickBetween.In(lang), minimum, it.Pick, n)
	}
	return newPickField(it.ID, it.Text.In(lang), ui.ValuesHint.In(lang), ids, labels, sh.picks[it.ID], minimum, it.Pick, 14, message, message)
}

// pointLabel shows the number to press beside the label, so no choice is
// conveyed by position or colour alone.
func pointLabel(n int, label string) string {
	num := strconv.Itoa(n)
	if label == num {
		return num
	}
	return num + " · " + label
}
