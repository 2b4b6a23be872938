package questionnaire

// Scan is what ScanStored calls: Field for each top-level string field of a
// response line (id, survey, unit, audience, date, instrument), Answer for
// each answer with its value as written — a number's digits or a string's
// bytes; a list's elements one by one, with slot 1, 2, … (0 for a single
// value). The slices point into the line: they are valid during the call.
type Scan struct {
	Field  func(name, value []byte)
	Answer func(item, value []byte, slot int)
}

// ScanStored reads a response line in the plain shape berakhlak writes it
// (see decodeFast) and builds nothing, so a reader that only copies values
// out (the CSV export) need not fill a Response's maps for every line. It
// reports false on anything else; the caller then decodes the line with
// DecodeStored.
func ScanStored(line []byte, s Scan) bool {
	d := fastDecoder{b: line}
	if !d.expect('{') {
		return false
	}
	for first := true; ; first = false {
		d.space()
		if d.peek() == '}' {
			d.i++
			break
		}
		if !first && !d.expect(',') {
			return false
		}
		key, ok := d.raw()
		if !ok || !d.expect(':') {
			return false
		}
		if string(key) == "answers" {
			if !d.scanAnswers(s.Answer) {
				return false
			}
			continue
		}
		value, ok := d.raw()
		if !ok {
			return false
		}
		s.Field(key, value)
	}
	d.space()
	return d.i == len(d.b)
}

// scanAnswers reads the answers object as answers does, calling answer.
func (d *fastDecoder) scanAnswers(answer func(item, value []byte, slot int)) bool {
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
		item, ok := d.raw()
		if !ok || !d.expect(':') {
			return false
		}
		d.space()
		switch d.peek() {
		case '"':
			v, ok := d.raw()
			if !ok {
				return false
			}
			answer(item, v, 0)
		case '[':
			d.i++
			for slot := 1; ; slot++ {
				d.space()
				if d.peek() == ']' {
					d.i++
					break
				}
				if slot > 1 && !d.expect(',') {
					return false
				}
				v, ok := d.raw()
				if !ok {
					return false
				}
				answer(item, v, slot)
			}
		default:
			start := d.i
			if _, ok := d.whole(); !ok {
				return false
			}
			answer(item, d.b[start:d.i], 0)
		}
	}
}
