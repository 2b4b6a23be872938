package page

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Choice is a question answered by one of a list of options, each with a
// number to press. A required choice starts with no option under the cursor,
// so one stray enter never answers it; an option whose effect is final asks
// once more before it counts. Past nine options a number takes two digits:
// the first moves the cursor and waits for the second, or for enter.
type Choice struct {
	id, title string
	labels    []string // shown after their number
	ids       []string // the value each option sets
	first     int      // the number of the first option (0 or 1)
	value     *string
	cursor    int // index into ids; -1 when none
	required  bool
	final     map[string]string // option id → the warning asked before it counts
	prompt    string            // the question asked before a final option counts; "" when none
	typed     int               // a first digit waiting for its second; -1 when none
	optionAt  []int             // the option each line of the last drawing shows; -1 for none
	version   int
}

// NewChoice returns a required choice: value holds the chosen id ("" until
// chosen, or an id to start on, which must not be a final one).
func NewChoice(id, title string, ids, labels []string, value *string) *Choice {
	c := &Choice{id: id, title: title, ids: ids, labels: labels, first: 1, value: value, required: true,
		final: map[string]string{}, typed: -1}
	c.cursor = c.index(*value)
	return c
}

// Final makes an option ask once more, with warning, before it counts.
func (c *Choice) Final(id, warning string) *Choice {
	c.final[id] = warning
	if *c.value == id {
		*c.value, c.cursor = "", -1
	}
	return c
}

func (c *Choice) index(id string) int {
	for i, v := range c.ids {
		if v == id && (id != "" || !c.required) {
			return i
		}
	}
	return -1
}

// ID implements Field.
func (c *Choice) ID() string { return c.id }

// Version implements Field.
func (c *Choice) Version() int { return c.version }

// Typing implements Field.
func (c *Choice) Typing() bool { return false }

// Paste implements Field.
func (c *Choice) Paste(string) bool { return false }

func (c *Choice) move(to int) {
	c.cursor = max(0, min(to, len(c.ids)-1))
	c.prompt = ""
	c.version++
}

// Update implements Field.
func (c *Choice) Update(msg tea.KeyPressMsg, keys *KeyMap) (Result, string) {
	if c.prompt != "" {
		return c.confirming(msg, keys)
	}
	if d := digit(msg.Text); d >= 0 {
		return c.number(d, keys)
	}
	c.typed = -1
	from := c.cursor
	if from < 0 && key.Matches(msg, keys.Up) {
		from = len(c.ids) // up from nothing: the last option
	}
	if to, ok := keys.cursorTo(msg, from, len(c.ids), 0); ok {
		c.move(to)
		return Handled, ""
	}
	if !key.Matches(msg, keys.Next) {
		return Ignored, ""
	}
	if c.cursor < 0 {
		return Refused, Texts.ChooseOne.In(keys.Lang)
	}
	return c.choose(keys)
}

// number handles a typed digit: it chooses the option with that number, or
// with a list past nine options, waits for a second digit when one could
// follow.
func (c *Choice) number(d int, keys *KeyMap) (Result, string) {
	n := d
	if c.typed >= 0 {
		n = c.typed*10 + d
		c.typed = -1
	}
	i := n - c.first
	if i < 0 || i >= len(c.ids) {
		return Ignored, ""
	}
	c.move(i)
	if n > 0 && n*10 < len(c.ids)+c.first { // a second digit could follow
		c.typed = n
		return Handled, ""
	}
	return c.choose(keys)
}

// choose takes the option under the cursor, or asks again for a final one.
func (c *Choice) choose(keys *KeyMap) (Result, string) {
	id := c.ids[c.cursor]
	if warning, ok := c.final[id]; ok {
		c.prompt = fmt.Sprintf(Texts.ConfirmFinal.In(keys.Lang), warning)
		c.version++
		return Handled, ""
	}
	*c.value = id
	c.version++
	return Done, ""
}

func (c *Choice) confirming(msg tea.KeyPressMsg, keys *KeyMap) (Result, string) {
	c.prompt = ""
	c.version++
	if key.Matches(msg, keys.Confirm) {
		*c.value = c.ids[c.cursor]
		return Done, ""
	}
	return Handled, "" // any other key cancels; the cursor stays
}

// View implements Field.
func (c *Choice) View(width, height int, focused bool, st *Styles) []string {
	title := st.title(c.title, width)
	lines := append(make([]string, 0, len(title)+len(c.ids)+2), title...)
	c.optionAt = c.optionAt[:0]
	for range title {
		c.optionAt = append(c.optionAt, -1)
	}
	for i, l := range c.labels {
		label := strconv.Itoa(c.first+i) + " · " + l
		chosen := c.ids[i] == *c.value && (*c.value != "" || !c.required)
		mark := st.Blank
		if chosen {
			mark = st.Mark
		}
		if i == c.cursor && focused {
			mark = st.Cursor
		}
		option := st.option(label, chosen, mark, width)
		for range option {
			c.optionAt = append(c.optionAt, i)
		}
		lines = append(lines, option...)
	}
	if c.prompt != "" {
		lines = append(lines, wrap(c.prompt, width, st.Error)...)
	}
	return lines
}

// Tap implements Tappable: a tap on an option chooses it, as its number
// does (a final one asks once more).
func (c *Choice) Tap(line int, keys *KeyMap) (Result, string) {
	if line < 0 || line >= len(c.optionAt) || c.optionAt[line] < 0 {
		return Handled, ""
	}
	c.typed = -1
	c.move(c.optionAt[line])
	return c.choose(keys)
}

// waitingDigits lists the numbers that wait for a second digit ("1", or
// "1, 2"): those whose tenfold is still an option.
func (c *Choice) waitingDigits() string {
	var out []string
	for n := 1; n*10 < len(c.ids)+c.first; n++ {
		out = append(out, strconv.Itoa(n))
	}
	return strings.Join(out, ", ")
}

// Help implements Field.
func (c *Choice) Help(keys *KeyMap, help []key.Binding) []key.Binding {
	if c.prompt != "" {
		return append(help, keys.Confirm, keys.Cancel)
	}
	number := keys.numberHelp(c.first, c.first+len(c.ids)-1)
	if waits := c.waitingDigits(); waits != "" { // a number that begins a longer one waits for enter
		number.SetHelp(number.Help().Key, fmt.Sprintf(Texts.TwoDigits.In(keys.Lang), waits))
	}
	help = append(help, number, keys.Move, keys.Ends)
	switch {
	case c.cursor < 0:
	case c.ids[c.cursor] == *c.value:
		help = append(help, keys.Next)
	default:
		help = append(help, keys.nextAs(Texts.Choose))
	}
	return help
}
