package tui

import (
	"strconv"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/tui/page"
)

// surveySections returns the sections an audience is asked, limited to the
// modules the survey asks of that audience.
func surveySections(in *questionnaire.Instrument, audience string, modules []string) []questionnaire.Section {
	asked := map[string]bool{}
	for _, m := range modules {
		asked[m] = true
	}
	var out []questionnaire.Section
	for _, s := range in.SectionsFor(audience) {
		if asked[s.Module] {
			out = append(out, s)
		}
	}
	return out
}

// surveyPage builds one section's page, bound to the sheet, so a page built
// again (going back, switching language) shows the answers given.
func (k *Kiosk) surveyPage(s questionnaire.Section) *page.Page {
	fields := make([]page.Field, 0, len(s.Items))
	for _, it := range s.Items {
		fields = append(fields, k.field(it))
	}
	return page.New("", k.keyMap(), k.pst, fields...)
}

func (k *Kiosk) field(it questionnaire.Item) page.Field {
	in, lang, sh := k.cfg.Instrument, k.lang, k.sheet
	switch it.Type {
	case questionnaire.TypeLikert:
		sc, _ := in.ScaleByID(it.Scale)
		labels := make([]string, len(sc.Labels))
		for i, l := range sc.Labels {
			labels[i] = pointLabel(sc.Min+i, l.In(lang))
		}
		return page.NewScale(it.ID, it.Text.In(lang), labels, sc.Min, sh.scale[it.ID])
	case questionnaire.TypeValues, questionnaire.TypeReasons:
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
		return page.NewPick(it.ID, it.Text.In(lang), lang, ids, labels, sh.minimum(it), it.Pick, sh.picks[it.ID])
	default: // an optional choice
		ids := make([]string, len(it.Options))
		labels := make([]string, len(it.Options))
		for i, o := range it.Options {
			ids[i], labels[i] = o.ID, o.Label.In(lang)
		}
		return page.NewOptional(it.ID, it.Text.In(lang), ui.PreferNot.In(lang), ids, labels, sh.choice[it.ID])
	}
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
