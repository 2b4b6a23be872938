package tui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// digitKeys turns a number key on a scale or choice question into the keys
// huh already understands (go to the first option, move down), and says
// whether the number alone decides the answer. On a 0..10 scale the number
// only moves the cursor, and a 0 right after a 1 means 10; enter confirms.
type digitKeys struct {
	items     map[string]questionnaire.Item
	in        *questionnaire.Instrument
	lastField string
	lastDigit int
}

func newDigitKeys(in *questionnaire.Instrument, pages []page) *digitKeys {
	d := &digitKeys{items: map[string]questionnaire.Item{}, in: in, lastDigit: -1}
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
	keyRight = tea.KeyPressMsg{Code: tea.KeyRight} // inline lists move sideways
	keySlash = tea.KeyPressMsg{Code: '/', Text: "/"}
)

// translate returns the keys that move the cursor for msg and whether the
// number also answers the question, or nil when msg is not a number key on a
// question that takes one.
func (d *digitKeys) translate(field huh.Field, msg tea.KeyPressMsg) ([]tea.KeyPressMsg, bool) {
	if len(msg.Text) != 1 || msg.Text[0] < '0' || msg.Text[0] > '9' {
		d.lastDigit = -1
		return nil, false
	}
	digit := int(msg.Text[0] - '0')
	it, ok := d.items[field.GetKey()]
	if !ok {
		return nil, false
	}
	defer func() { d.lastField, d.lastDigit = it.ID, digit }()
	switch it.Type {
	case questionnaire.TypeLikert:
		sc, _ := d.in.ScaleByID(it.Scale)
		if sc.Max <= 9 { // one digit decides: pick and go on
			if digit < sc.Min || digit > sc.Max {
				return nil, false
			}
			return moveTo(digit-sc.Min, keyDown), true
		}
		value := digit
		if digit == 0 && d.lastDigit == 1 && d.lastField == it.ID {
			value = 10
		}
		if value < sc.Min || value > sc.Max {
			return nil, false
		}
		return moveTo(value-sc.Min, keyDown), false
	case questionnaire.TypeChoice:
		if digit > len(it.Options) {
			return nil, false
		}
		return moveTo(digit, keyRight), true // option 0 is "prefer not to say"
	case questionnaire.TypeValues, questionnaire.TypeReasons:
		// Options are numbered: a number opens the filter with that digit
		// typed, so "12 enter x" ticks option 12. While filtering, digits are
		// ordinary text.
		if filtering(field) {
			return nil, false
		}
		return []tea.KeyPressMsg{keySlash, msg}, false
	}
	return nil, false
}

// moveTo returns the keys that put a list's cursor on option index.
func moveTo(index int, step tea.KeyPressMsg) []tea.KeyPressMsg {
	keys := []tea.KeyPressMsg{keyHome}
	for range index {
		keys = append(keys, step)
	}
	return keys
}
