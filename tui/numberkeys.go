package tui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// digitKeys answers scale and choice questions by number: it sets the bound
// value and points the field's cursor at it (huh's Select.Value re-reads the
// value without drawing), instead of sending huh one arrow key per step, each
// of which redraws the page. On a 0..10 scale the number only moves the
// cursor, and a 0 right after a 1 means 10; enter confirms. On values and
// reasons lists a number opens the filter with that digit typed.
type digitKeys struct {
	items     map[string]questionnaire.Item
	in        *questionnaire.Instrument
	sheet     *sheet
	lastField string
	lastDigit int
}

func newDigitKeys(in *questionnaire.Instrument, pages []page, sh *sheet) *digitKeys {
	d := &digitKeys{items: map[string]questionnaire.Item{}, in: in, sheet: sh, lastDigit: -1}
	for _, p := range pages {
		for _, it := range p.Section.Items {
			d.items[it.ID] = it
		}
	}
	return d
}

var (
	keyHome  = tea.KeyPressMsg{Code: tea.KeyHome}
	keyDown  = tea.KeyPressMsg{Code: tea.KeyDown}
	keySlash = tea.KeyPressMsg{Code: '/', Text: "/"}
)

// numberResult says what a number key did.
type numberResult int

const (
	notANumber numberResult = iota // not handled: pass the key on
	moved                          // the cursor moved; the answer is not final
	answered                       // the question is answered: move on
	typeKeys                       // feed the returned keys to the form
)

// answer handles a number key on the focused field.
func (d *digitKeys) answer(field huh.Field, msg tea.KeyPressMsg) (numberResult, []tea.KeyPressMsg) {
	if len(msg.Text) != 1 || msg.Text[0] < '0' || msg.Text[0] > '9' {
		d.lastDigit = -1
		return notANumber, nil
	}
	digit := int(msg.Text[0] - '0')
	it, ok := d.items[field.GetKey()]
	if !ok {
		return notANumber, nil
	}
	defer func() { d.lastField, d.lastDigit = it.ID, digit }()
	switch it.Type {
	case questionnaire.TypeLikert:
		sc, _ := d.in.ScaleByID(it.Scale)
		value, result := digit, answered
		if sc.Max > 9 { // 0..10: a 0 after a 1 is 10; enter confirms
			result = moved
			if digit == 0 && d.lastDigit == 1 && d.lastField == it.ID {
				value = 10
			}
		}
		if value < sc.Min || value > sc.Max {
			return notANumber, nil
		}
		if f, ok := field.(*scaleField); ok {
			f.set(value)
		}
		return result, nil
	case questionnaire.TypeChoice:
		if digit > len(it.Options) {
			return notANumber, nil
		}
		*d.sheet.choice[it.ID] = "" // 0: prefer not to say
		if digit > 0 {
			*d.sheet.choice[it.ID] = it.Options[digit-1].ID
		}
		if sel, ok := field.(*huh.Select[string]); ok {
			sel.Value(d.sheet.choice[it.ID])
		}
		return answered, nil
	case questionnaire.TypeValues, questionnaire.TypeReasons:
		if filtering(field) {
			return notANumber, nil
		}
		return typeKeys, []tea.KeyPressMsg{keySlash, msg}
	}
	return notANumber, nil
}

// moveTo returns the keys that put a list's cursor on option index.
func moveTo(index int, step tea.KeyPressMsg) []tea.KeyPressMsg {
	keys := []tea.KeyPressMsg{keyHome}
	for range index {
		keys = append(keys, step)
	}
	return keys
}
