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
	if !d.expect('{') {
		return nil, false
	}
	seen := map[string]bool{}
	for first := true; ; first = false {
		d.space()
		if d.peek() == '}' {
			d.i++
			break
		}
		if !first && !d.expect(',') {
			return nil, false
		}
		key, ok := d.str()
		if !ok || seen[key] || !d.expect(':') {
			return nil, false
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
			if !d.answers(&r.Answers) {
				return nil, false
			}
			continue
		default:
			return nil, false
		}
		if *field, ok = d.str(); !ok {
			return nil, false
		}
	}
	d.space()
	return r, d.i == len(d.b)
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
	if !d.expect('{') {
		return false
	}
	seen := map[string]bool{}
	for first := true; ; first = false {
		d.space()
		if d.peek() == '}' {
			d.i++
			return true
		}
		if !first && !d.expect(',') {
			return false
		}
		key, ok := d.str()
		if !ok || seen[key] || !d.expect(':') {
			return false
		}
		seen[key] = true
		d.space()
		switch d.peek() {
		case '"':
			v, ok := d.str()
			if !ok {
				return false
			}
			if a.Choice == nil {
				a.Choice = map[string]string{}
			}
			a.Choice[key] = v
		case '[':
			d.i++
			picks := []string{}
			for i := 0; ; i++ {
				d.space()
				if d.peek() == ']' {
					d.i++
					break
				}
				if i > 0 && !d.expect(',') {
					return false
				}
				v, ok := d.str()
				if !ok {
					return false
				}
				picks = append(picks, v)
			}
			if a.Picks == nil {
				a.Picks = map[string][]string{}
			}
			a.Picks[key] = picks
		default:
			v, ok := d.whole()
			if !ok {
				return false
			}
			if a.Scale == nil {
				a.Scale = map[string]int{}
			}
			a.Scale[key] = v
		}
	}
}
