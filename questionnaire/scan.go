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
	ok := d.members(func(key []byte) bool {
		if string(key) != "answers" {
			value, ok := d.raw()
			if ok {
				s.Field(key, value)
			}
			return ok
		}
		return d.members(func(item []byte) bool {
			slot := 0
			return d.answer(func(kind answerKind, value []byte, _ int) {
				switch kind {
				case answerPick:
					slot++
					s.Answer(item, value, slot)
				case answerText, answerNumber:
					s.Answer(item, value, 0)
				}
			})
		})
	})
	d.space()
	return ok && d.i == len(d.b)
}
