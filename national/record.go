package national

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/berakhlak/berakhlak/internal/varint"
)

// UnitRecord is the value of one key of the aggregate bucket (EncodeRecord): a unit of an
// agency, where it sits in the tree, the published chunks of its own
// (direct) respondents per audience — figures that move only in steps of k
// (scoring/release.go) — and how many respondents it has so far. Mergeable
// sums only: no answer of any one person.
type UnitRecord struct {
	Agency     string            `json:"agency"`
	Unit       string            `json:"unit"`
	Parent     string            `json:"parent,omitempty"`
	Name       string            `json:"name"`
	Headcount  int               `json:"headcount,omitempty"`
	Aggregates map[string][]byte `json:"aggregates"` // audience → scoring.EncodeAggregate of the published chunk
	// Respondents per audience and date so far: counts move at once.
	Counts map[string]map[string]int64 `json:"counts,omitempty"`
	// K is the smallest step the agency's figures of the survey have taken
	// (db.Survey.StepK): the national view refuses an agency whose steps are
	// smaller than its own k, which a fresh reader could not otherwise tell.
	K int `json:"k,omitempty"`
	// Shares are the unit's share chunks per audience (encoded as
	// Aggregates): what its shares are computed from, moving in steps of 2k
	// (scoring/sharesteps.go). A record without them, from an older server,
	// shows no shares.
	Shares map[string][]byte `json:"shares,omitempty"`
}

// Unit records travel in a binary form: as JSON (base64 chunks, maps of
// maps) reading the bucket of 632 agencies × 50 units took a second of JSON
// alone. Layout: recordMagic, then varints and length-prefixed strings in a
// fixed order, map entries sorted by key, so equal records encode to equal
// bytes. Records in JSON, as agency servers before it wrote them, are still
// read.
const recordMagic = 0xB1

var errRecord = errors.New("malformed unit record")

// EncodeRecord writes a unit record in its binary form.
func EncodeRecord(rec UnitRecord) []byte {
	b := []byte{recordMagic}
	str := func(s string) { b = varint.AppendStr(b, s) }
	num := func(v int64) { b = varint.AppendInt(b, v) }
	str(rec.Agency)
	str(rec.Unit)
	str(rec.Parent)
	str(rec.Name)
	num(int64(rec.Headcount))
	num(int64(len(rec.Aggregates)))
	for _, audience := range slices.Sorted(maps.Keys(rec.Aggregates)) {
		str(audience)
		str(string(rec.Aggregates[audience]))
	}
	num(int64(len(rec.Counts)))
	for _, audience := range slices.Sorted(maps.Keys(rec.Counts)) {
		str(audience)
		days := rec.Counts[audience]
		num(int64(len(days)))
		for _, day := range slices.Sorted(maps.Keys(days)) {
			str(day)
			num(days[day])
		}
	}
	num(int64(rec.K))
	num(int64(len(rec.Shares)))
	for _, audience := range slices.Sorted(maps.Keys(rec.Shares)) {
		str(audience)
		str(string(rec.Shares[audience]))
	}
	return b
}

// DecodeRecord reads a unit record in either form; malformed input is an
// error, never a panic. The chunks share data's memory.
func DecodeRecord(data []byte) (UnitRecord, error) {
	var rec UnitRecord
	if len(data) > 0 && data[0] == '{' {
		err := json.Unmarshal(data, &rec)
		return rec, err
	}
	err := visitRecord(data, &rec, func(audience string, share bool, chunk []byte) {
		into := &rec.Aggregates
		if share {
			into = &rec.Shares
		}
		if *into == nil {
			*into = map[string][]byte{}
		}
		(*into)[audience] = chunk
	}, func(audience, day string, n int64) {
		if rec.Counts == nil {
			rec.Counts = map[string]map[string]int64{}
		}
		if day == "" {
			rec.Counts[audience] = map[string]int64{}
			return
		}
		rec.Counts[audience][day] = n
	})
	return rec, err
}

// visitRecord reads a record in the binary form: the unit's place into rec
// (its maps left alone), each chunk (share: of the share chunks) and each
// count to the callbacks, in the order written; count is called once with
// no day as an audience's counts begin.
func visitRecord(data []byte, rec *UnitRecord, chunk func(audience string, share bool, data []byte), count func(audience, day string, n int64)) error {
	if len(data) == 0 || data[0] != recordMagic {
		return fmt.Errorf("%w: neither JSON nor the binary form", errRecord)
	}
	r := varint.Reader{B: data[1:], Malformed: errRecord}
	rec.Agency, rec.Unit, rec.Parent, rec.Name = r.Str(), r.Str(), r.Str(), r.Str()
	rec.Headcount = int(r.Int())
	for range r.Count() {
		audience := r.Str()
		chunk(audience, false, r.Bytes())
	}
	for range r.Count() {
		audience := r.Str()
		days := r.Count()
		if r.Err == nil {
			count(audience, "", 0)
		}
		for range days {
			day := r.Str()
			count(audience, day, r.Int())
		}
	}
	if r.Err == nil && len(r.B) > 0 { // records written before K was carried end here
		rec.K = int(r.Int())
	}
	if r.Err == nil && len(r.B) > 0 { // and those before share chunks here
		for range r.Count() {
			audience := r.Str()
			chunk(audience, true, r.Bytes())
		}
	}
	return r.Done()
}
