package questionnaire

import (
	"unicode/utf8"
)

// decodeFast reads a response line in the plain shape berakhlak writes it —
// the known fields in lower case, strings without escapes, whole numbers —
// without reflection: encoding/json was a third of an import's time. On
// anything else (an escape, a null, a repeated key, another field, a float,
// any doubt) it reports false and DecodeResponse takes encoding/json's path,
// which gives the same result or the error to show. A test holds the two
// paths equal.
func decodeFast(data []byte) (*Response, bool) {
	d := fastDecoder{b: data}
	r := &Response{}
	seen := map[string]bool{}
	ok := d.members(func(raw []byte) bool {
		key := string(raw)
		if seen[key] {
			return false
		}
		seen[key] = true
		var field *string
		switch key {
		case "id":
			field = &r.ID
		case "survey":
			field = &r.Survey
		case "unit":
			field = &r.Unit
		case "audience":
			field = &r.Audience
		case "date":
			field = &r.Date
		case "instrument":
			field = &r.Instrument
		case "answers":
			return d.answers(&r.Answers)
		default:
			return false
		}
		var ok bool
		*field, ok = d.str()
		return ok
	})
	d.space()
	return r, ok && d.i == len(d.b)
}

type fastDecoder struct {
	b []byte
	i int
}

func (d *fastDecoder) space() {
	for d.i < len(d.b) && (d.b[d.i] == ' ' || d.b[d.i] == '\t' || d.b[d.i] == '\n' || d.b[d.i] == '\r') {
		d.i++
	}
}

func (d *fastDecoder) peek() byte {
	if d.i < len(d.b) {
		return d.b[d.i]
	}
	return 0
}

func (d *fastDecoder) expect(c byte) bool {
	d.space()
	if d.peek() != c {
		return false
	}
	d.i++
	return true
}

// str reads a string without escapes or control characters, valid UTF-8.
func (d *fastDecoder) str() (string, bool) {
	s, ok := d.raw()
	return string(s), ok
}

// raw reads a string as str does, returning its bytes inside the line.
func (d *fastDecoder) raw() ([]byte, bool) {
	if !d.expect('"') {
		return nil, false
	}
	start := d.i
	for d.i < len(d.b) {
		switch c := d.b[d.i]; {
		case c == '"':
			s := d.b[start:d.i]
			d.i++
			return s, utf8.Valid(s)
		case c == '\\' || c < 0x20:
			return nil, false
		}
		d.i++
	}
	return nil, false
}

// whole reads a non-negative whole number of at most 9 digits.
func (d *fastDecoder) whole() (int, bool) {
	d.space()
	start, n := d.i, 0
	for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' && d.i-start < 9 {
		n = n*10 + int(d.b[d.i]-'0')
		d.i++
	}
	digits := d.i - start
	if digits == 0 || digits > 1 && d.b[start] == '0' {
		return 0, false
	}
	switch d.peek() { // a fraction, an exponent or a tenth digit: not ours
	case '.', 'e', 'E', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return 0, false
	}
	return n, true
}

// answers reads the answers object: numbers, strings and lists of strings.
func (d *fastDecoder) answers(a *Answers) bool {
	seen := map[string]bool{}
	return d.members(func(raw []byte) bool {
		key := string(raw)
		if seen[key] {
			return false
		}
		seen[key] = true
		return d.answer(func(kind answerKind, value []byte, n int) {
			switch kind {
			case answerText:
				if a.Choice == nil {
					a.Choice = map[string]string{}
				}
				a.Choice[key] = string(value)
			case answerList:
				if a.Picks == nil {
					a.Picks = map[string][]string{}
				}
				a.Picks[key] = []string{}
			case answerPick:
				a.Picks[key] = append(a.Picks[key], string(value))
			case answerNumber:
				if a.Scale == nil {
					a.Scale = map[string]int{}
				}
				a.Scale[key] = n
			}
		})
	})
}

// members reads an object, calling member with each key once its colon is
// read; member reads the value and reports whether it was well formed.
func (d *fastDecoder) members(member func(key []byte) bool) bool {
	if !d.expect('{') {
		return false
	}
	for first := true; ; first = false {
		d.space()
		if d.peek() == '}' {
			d.i++
			return true
		}
		if !first && !d.expect(',') {
			return false
		}
		key, ok := d.raw()
		if !ok || !d.expect(':') || !member(key) {
			return false
		}
	}
}

// answerKind says what part of an answer value got is given.
type answerKind int

const (
	answerNumber answerKind = iota // a scale answer: n
	answerText                     // a choice: the string's bytes
	answerList                     // a list starts (given before its picks, also when empty)
	answerPick                     // one pick of the list, in order
)

// answer reads one answer's value, giving got its parts.
func (d *fastDecoder) answer(got func(kind answerKind, value []byte, n int)) bool {
	d.space()
	switch d.peek() {
	case '"':
		v, ok := d.raw()
		if ok {
			got(answerText, v, 0)
		}
		return ok
	case '[':
		d.i++
		got(answerList, nil, 0)
		for i := 0; ; i++ {
			d.space()
			if d.peek() == ']' {
				d.i++
				return true
			}
			if i > 0 && !d.expect(',') {
				return false
			}
			v, ok := d.raw()
			if !ok {
				return false
			}
			got(answerPick, v, 0)
		}
	default:
		start := d.i
		n, ok := d.whole()
		if ok {
			got(answerNumber, d.b[start:d.i], n)
		}
		return ok
	}
}
