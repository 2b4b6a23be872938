package tui

import (
	"github.com/berakhlak/berakhlak/questionnaire"
)

// sheet holds one respondent's answers while the survey is open; the pages'
// questions bind to its pointers, so a page built again (going back, switching
// language, changing answers from the review) shows them again.
type sheet struct {
	scale  map[string]*int
	picks  map[string]*[]string
	choice map[string]*string
	items  map[string]questionnaire.Item
}

// minimum is the fewest picks a picks question takes: a values question
// exactly its number, a reasons question at least one.
func (s *sheet) minimum(it questionnaire.Item) int {
	if it.Type == questionnaire.TypeValues {
		return it.Pick
	}
	return 1
}

// newSheet starts every scale unanswered (below its first point); the page
// answers each question before it lets the person past it.
func newSheet(in *questionnaire.Instrument, sections []questionnaire.Section) *sheet {
	s := &sheet{scale: map[string]*int{}, picks: map[string]*[]string{}, choice: map[string]*string{}, items: map[string]questionnaire.Item{}}
	for _, sec := range sections {
		for _, it := range sec.Items {
			s.items[it.ID] = it
			switch it.Type {
			case questionnaire.TypeLikert:
				sc, _ := in.ScaleByID(it.Scale)
				none := sc.Min - 1 // unanswered
				s.scale[it.ID] = &none
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
