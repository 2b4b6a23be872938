package page

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Scale is a question answered by one point of a numeric scale (1–5, 0–10).
// A number key answers it at once; on a scale past 9 a number only moves the
// cursor (a 0 right after a 1 means 10) and enter confirms. Arrows move the
// cursor; enter answers with the point under it. An unanswered scale starts
// with no point under the cursor, so an enter pressed to move on never
// answers it with its first point (issue 30 saw all-"never" responses).
type Scale struct {
	id, title string
	labels    []string // one per point, number first ("3 · Sering")
	low       int
	value     *int // below low while unanswered
	cursor    int  // the point under the cursor; below low when none
	lastDigit int  // the digit typed just before, for "1" "0" = 10; -1 when none
	version   int
	pointAt   []int    // the point each line of the last drawing shows; below low for none
	drawing   []string // View's lines, drawn into again on every key
}

// NewScale returns a scale question whose points are low, low+1, … with
// the given labels; value holds the answer (below low while there is none)
// and places the cursor, on no point when there is no answer yet.
func NewScale(id, title string, labels []string, low int, value *int) *Scale {
	s := &Scale{id: id, title: title, labels: labels, low: low, value: value, lastDigit: -1, cursor: low - 1}
	if s.answered() {
		s.cursor = *value
	}
	return s
}

func (s *Scale) answered() bool { return *s.value >= s.low && *s.value <= s.high() }

// ID implements Field.
func (s *Scale) ID() string { return s.id }

// Version implements Field.
func (s *Scale) Version() int { return s.version }

// Typing implements Field.
func (s *Scale) Typing() bool { return false }

// Paste implements Field: nothing is typed into a scale.
func (s *Scale) Paste(string) bool { return false }

func (s *Scale) high() int { return s.low + len(s.labels) - 1 }

func (s *Scale) move(to int) {
	s.cursor = max(s.low, min(to, s.high()))
	s.version++
}

// answer takes the point under the cursor.
func (s *Scale) answer() {
	*s.value = s.cursor
	s.version++
}

// Update implements Field.
func (s *Scale) Update(msg tea.KeyPressMsg, keys *KeyMap) (Result, string) {
	d := digit(msg.Text)
	last := s.lastDigit
	s.lastDigit = d
	if d >= 0 {
		return s.number(d, last), ""
	}
	from := s.cursor - s.low
	if from < 0 && key.Matches(msg, keys.Up) {
		from = len(s.labels) // up from nothing: the last point
	}
	if to, ok := keys.cursorTo(msg, from, len(s.labels), 0); ok {
		s.move(s.low + to)
		return Handled, ""
	}
	if key.Matches(msg, keys.Next) {
		if s.cursor < s.low {
			return Refused, Texts.ChooseOne.In(keys.Lang)
		}
		s.answer()
		return Done, ""
	}
	return Ignored, ""
}

// number answers with a typed digit.
func (s *Scale) number(d, last int) Result {
	if s.high() <= 9 {
		if d < s.low || d > s.high() {
			return Ignored
		}
		s.move(d)
		s.answer()
		return Done
	}
	if d == 0 && last == 1 {
		d = 10
	}
	if d < s.low || d > s.high() {
		return Ignored
	}
	s.move(d)
	return Handled
}

// View implements Field.
func (s *Scale) View(width, height int, focused bool, st *Styles) []string {
	title := st.title(s.title, width)
	lines := append(s.drawing[:0], title...)
	s.pointAt = s.pointAt[:0]
	for range title {
		s.pointAt = append(s.pointAt, s.low-1)
	}
	for i, l := range s.labels {
		point := s.low + i
		mark := st.Blank
		switch {
		case focused && point == s.cursor:
			mark = st.Cursor
		case point == *s.value:
			mark = st.Mark
		}
		option := st.option(l, point == *s.value, mark, width)
		for range option {
			s.pointAt = append(s.pointAt, point)
		}
		lines = append(lines, option...)
	}
	s.drawing = lines
	return lines
}

// Tap implements Tappable: a tap on a point answers with it, on any scale
// (a tap is as deliberate as enter).
func (s *Scale) Tap(line int, _ *KeyMap) (Result, string) {
	if line < 0 || line >= len(s.pointAt) || s.pointAt[line] < s.low {
		return Handled, ""
	}
	s.lastDigit = -1
	s.move(s.pointAt[line])
	s.answer()
	return Done, ""
}

// Help implements Field: enter is listed only when it does something — it
// chooses the point under the cursor, or moves on from the answer given. On
// a scale past 9 the numbers only point, and reaching 10 is spelled out.
func (s *Scale) Help(keys *KeyMap, help []key.Binding) []key.Binding {
	number := keys.numberHelp(s.low, s.high())
	if s.high() > 9 { // a number only points there, and 10 takes two keys
		number.SetHelp(number.Help().Key, Texts.ToTen.In(keys.Lang))
	}
	help = append(help, number, keys.Move, keys.Ends)
	switch {
	case s.cursor < s.low:
	case s.cursor == *s.value:
		help = append(help, keys.Next)
	default:
		help = append(help, keys.nextAs(Texts.Choose))
	}
	return help
}
