package questionnaire

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"
)

// slowDecode is encoding/json's path of DecodeResponse.
func slowDecode(data []byte) (*Response, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r Response
	if err := dec.Decode(&r); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errMore
	}
	return &r, nil
}

var errMore = errors.New("more than one value")

// TestFastDecodeEqualsEncodingJSON: on the lines berakhlak writes (both
// encoders, random answers, items left out) the fast path decodes, and equals
// encoding/json; on lines it cannot read plainly it steps aside; and on
// random mutations of lines, whatever it accepts encoding/json accepts the
// same.
func TestFastDecodeEqualsEncodingJSON(t *testing.T) {
	in := Default()
	rng := rand.New(rand.NewPCG(11, 11))
	var lines [][]byte
	for i := range 200 {
		r := in.SampleResponse(rng, []string{"asn", "public"}[i%2], "2026", "biro.umum", "2026-11-27", 0.2)
		r.Instrument = "2026.1"
		std, _ := json.Marshal(r)
		lines = append(lines, r.AppendJSON(nil), std)
	}
	for _, line := range lines {
		fast, ok := decodeFast(line)
		slow, err := slowDecode(line)
		if !ok || err != nil || !reflect.DeepEqual(fast, slow) {
			t.Fatalf("line %s: fast %v %+v, slow %v %+v", line, ok, fast, err, slow)
		}
	}
	for _, odd := range []string{
		`{"ID":"a"}`, `{"id":"a\u0062"}`, `{"id":null}`, `{"id":"a","id":"b"}`, `{"answers":{"x":4.0}}`,
		`{"answers":{"x":1e1}}`, `{"answers":{"x":-1}}`, `{"answers":{"x":04}}`, `{"answers":{"x":1234567890}}`,
		`{"answers":{"x":4,"x":5}}`, `{"answers":null}`, `{"id":"a"} {"id":"b"}`, `{"ssh_user":"budi"}`,
		"{\"id\":\"a\xff\"}", `{"answers":{"x":[1]}}`, `{"answers":{"x":true}}`, `{"id":"a",}`, `{`,
	} {
		fast, ok := decodeFast([]byte(odd))
		slow, err := slowDecode([]byte(odd))
		if ok && (err != nil || !reflect.DeepEqual(fast, slow)) {
			t.Errorf("%s: the fast path accepted %+v; encoding/json: %+v, %v", odd, fast, slow, err)
		}
	}
	for range 20000 {
		line := bytes.Clone(lines[rng.IntN(len(lines))])
		for range 1 + rng.IntN(3) {
			line[rng.IntN(len(line))] = "{}[]\",:0129 \\ax\n"[rng.IntN(16)]
		}
		fast, ok := decodeFast(line)
		if !ok {
			continue
		}
		slow, err := slowDecode(line)
		if err != nil || !reflect.DeepEqual(fast, slow) {
			t.Fatalf("mutated %q: the fast path accepted %+v; encoding/json: %+v, %v", line, fast, slow, err)
		}
	}
}
