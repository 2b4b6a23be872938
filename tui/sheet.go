package tui

import (
	"github.com/berakhlak/berakhlak/questionnaire"
)

// sheet holds one respondent's answers while the forms are open; the forms
// bind to its pointers, so a rebuilt form (to change answers) shows them again.
type sheet struct {
	scale  map[string]*int
	picks  map[string]*[]string
	choice map[string]*string
	items  map[string]questionnaire.Item
}

// complete reports whether the question under key has an acceptable answer:
// a picks question needs its number of picks; the others always have one.
func (s *sheet) complete(key string) bool {
	picks, ok := s.picks[key]
	if !ok {
		return true
	}
	it := s.items[key]
	if it.Type == questionnaire.TypeValues {
		return len(*picks) == it.Pick
	}
	return len(*picks) >= 1 && len(*picks) <= it.Pick
}

// newSheet starts every scale at its first point, where the list's cursor
// starts, so the bound value always equals what the cursor shows.
func newSheet(in *questionnaire.Instrument, sections []questionnaire.Section) *sheet {
	s := &sheet{scale: map[string]*int{}, picks: map[string]*[]string{}, choice: map[string]*string{}, items: map[string]questionnaire.Item{}}
	for _, sec := range sections {
		for _, it := range sec.Items {
			s.items[it.ID] = it
			switch it.Type {
			case questionnaire.TypeLikert:
				sc, _ := in.ScaleByID(it.Scale)
				first := sc.Min
				s.scale[it.ID] = &first
			case questionnaire.TypeValues, questionnaire.TypeReasons:
				s.picks[it.ID] = new([]string)
			case questionnaire.TypeChoice:
				s.choice[it.ID] = new(string)
			}
		}
	}
	return s
}

// answers copies the sheet into the stored form; an optional choice left at
// "prefer not to say" is not stored at all.
func (s *sheet) answers() questionnaire.Answers {
	a := questionnaire.Answers{Scale: map[string]int{}, Picks: map[string][]string{}, Choice: map[string]string{}}
	for k, v := range s.scale {
		a.Scale[k] = *v
	}
	for k, v := range s.picks {
		a.Picks[k] = append([]string(nil), (*v)...)
	}
	for k, v := range s.choice {
		if *v != "" {
			a.Choice[k] = *v
		}
	}
	return a
}
