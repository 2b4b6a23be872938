package national

import (
	"encoding/json"
	"reflect"
	"testing"
)

func sampleRecord() UnitRecord {
	return UnitRecord{Agency: "bkn", Unit: "kanreg-1", Parent: "root", Name: "Kanreg I", Headcount: 120, K: 5,
		Aggregates: map[string][]byte{"asn": {1, 2, 3}, "public": {4}},
		Counts:     map[string]map[string]int64{"asn": {"2026-11-27": 7, "2026-11-28": 2}, "public": {"2026-11-27": 1}},
		Shares:     map[string][]byte{"asn": {5, 6}}}
}

// TestRecordRoundTrip: a record reads back as written, in the binary form
// and in JSON (as agency servers before the binary form wrote it); equal
// records encode to equal bytes.
func TestRecordRoundTrip(t *testing.T) {
	rec := sampleRecord()
	back, err := DecodeRecord(EncodeRecord(rec))
	if err != nil || !reflect.DeepEqual(back, rec) {
		t.Fatalf("binary round trip: %+v, %v", back, err)
	}
	js, _ := json.Marshal(rec)
	if back, err := DecodeRecord(js); err != nil || !reflect.DeepEqual(back, rec) {
		t.Fatalf("JSON record: %+v, %v", back, err)
	}
	for range 20 { // map order must not show in the bytes
		if string(EncodeRecord(sampleRecord())) != string(EncodeRecord(rec)) {
			t.Fatal("equal records encoded differently")
		}
	}
	whole := EncodeRecord(rec)
	for _, bad := range [][]byte{nil, {0}, whole[:len(whole)-2], append(append([]byte{}, whole...), 0)} {
		if _, err := DecodeRecord(bad); err == nil {
			t.Errorf("read a malformed record %x", bad)
		}
	}
}

// FuzzDecodeRecord: any bytes are read or refused without a panic; what is
// read encodes back to the same bytes.
func FuzzDecodeRecord(f *testing.F) {
	f.Add(EncodeRecord(sampleRecord()))
	f.Add([]byte{recordMagic, 2, 'a'})
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := DecodeRecord(data)
		if err != nil || len(data) == 0 || data[0] != recordMagic {
			return
		}
		if again, err := DecodeRecord(EncodeRecord(rec)); err != nil || !reflect.DeepEqual(again, rec) {
			t.Fatalf("re-encoded record reads as %+v, %v", again, err)
		}
	})
}
