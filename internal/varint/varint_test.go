package varint

import (
	"errors"
	"testing"
)

var errBad = errors.New("bad record")

// TestReadsWhatIsWritten: numbers of one byte and more, and strings, come
// back as written, and the whole record is read.
func TestReadsWhatIsWritten(t *testing.T) {
	b := AppendInt(nil, 5)
	b = AppendInt(b, -1<<40)
	b = AppendStr(b, "unit")
	r := Reader{B: b, Malformed: errBad}
	if n, m, s := r.Int(), r.Int(), r.Str(); n != 5 || m != -1<<40 || s != "unit" || r.Done() != nil {
		t.Fatalf("read %d, %d, %q (%v)", n, m, s, r.Err)
	}
}

// TestMalformedStaysMalformed: a string longer than what is left fails the
// reader; every read after gives zero, and Done reports the reader's error.
func TestMalformedStaysMalformed(t *testing.T) {
	r := Reader{B: append(AppendInt(nil, 9), "abc"...), Malformed: errBad}
	if s := r.Str(); s != "" || !errors.Is(r.Err, errBad) {
		t.Fatalf("read %q (%v) from a string cut short", s, r.Err)
	}
	if r.Int() != 0 || r.Count() != 0 || r.Bytes() != nil || !errors.Is(r.Done(), errBad) {
		t.Fatal("a failed reader read on")
	}
	left := Reader{B: AppendInt(AppendInt(nil, 1), 2), Malformed: errBad}
	left.Int()
	if !errors.Is(left.Done(), errBad) {
		t.Fatal("bytes left unread did not fail the record")
	}
}
