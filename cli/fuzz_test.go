package cli

import (
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// FuzzImportLine: an import line, whatever its bytes, is decoded and checked
// without a panic, and a line that passes is a valid response.
func FuzzImportLine(f *testing.F) {
	in := questionnaire.Default()
	f.Add([]byte(`{"id":"0123456789abcdef0123456789abcdef","survey":"2026","unit":"root","audience":"asn","date":"2026-11-27","answers":{"impl.pelayanan.1":4}}`))
	f.Add([]byte(`{"id":"x","answers":{"values.current":["gosip","gosip"],"demo.age":"18-24","eng.recommend":11}}`))
	f.Add([]byte(`{"answers":{"a":1.5}}`))
	f.Add([]byte(`[1,2,3]`))
	f.Add([]byte("{\"id\":\"\u202e\"}"))
	f.Fuzz(func(t *testing.T, line []byte) {
		r, err := questionnaire.DecodeResponse(line)
		if err != nil {
			return
		}
		if in.CheckResponse(r) == nil && len(r.ID) != 32 {
			t.Fatalf("accepted a response with id %q", r.ID)
		}
	})
}
