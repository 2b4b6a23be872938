package scoring

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/berakhlak/berakhlak/internal/varint"

	"github.com/berakhlak/berakhlak/questionnaire"
)

func TestAggregateCodecRoundTrip(t *testing.T) {
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(4, 4))
	for _, n := range []int{0, 1, 37} {
		a := NewAggregate()
		for i := range n {
			a.Add(in.SampleResponse(rng, []string{"asn", "public"}[i%2], "2026", "u", "2026-11-27", 0.1))
		}
		back, err := DecodeAggregate(EncodeAggregate(a))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(jsonOf(a), jsonOf(back)) {
			t.Fatalf("n=%d: round trip changed the aggregate", n)
		}
	}
	for _, bad := range [][]byte{nil, {9}, {aggCodecVersion, 0x80}, append(EncodeAggregate(NewAggregate()), 1)} {
		if _, err := DecodeAggregate(bad); err == nil {
			t.Errorf("decoded a malformed record %x", bad)
		}
	}
}

// FuzzDecodeAggregate: any bytes decode or fail without a panic.
func FuzzDecodeAggregate(f *testing.F) {
	f.Add(EncodeAggregate(NewAggregate()))
	f.Add([]byte{aggCodecVersion, 2, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		if a, err := DecodeAggregate(data); err == nil {
			json.Marshal(a)
		}
	})
}

func jsonOf(v any) any {
	data, _ := json.Marshal(v)
	var out any
	json.Unmarshal(data, &out)
	return out
}

// TestEqualAggregatesEncodeToEqualBytes: the same responses added in other
// orders encode to the same bytes (map entries are written sorted).
func TestEqualAggregatesEncodeToEqualBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	var rs []*questionnaire.Response
	for range 20 {
		rs = append(rs, instrument.SampleResponse(rng, "asn", "2026", "u", "2026-11-27", 0.1))
	}
	first := EncodeAggregate(aggregateOf(rs...))
	for range 10 {
		rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
		if again := EncodeAggregate(aggregateOf(rs...)); !bytes.Equal(first, again) {
			t.Fatal("the same responses in another order encode to other bytes")
		}
	}
}

// TestOneByteVarints: the inline one-byte case writes and reads what
// encoding/binary does, at the edges of one byte and beyond.
func TestOneByteVarints(t *testing.T) {
	for _, v := range []int64{0, 1, -1, 63, -64, 64, -65, 127, 1 << 40, -(1 << 40)} {
		want := binary.AppendVarint(nil, v)
		if got := varint.AppendInt(nil, v); !bytes.Equal(got, want) {
			t.Errorf("AppendInt(%d) = %x, encoding/binary writes %x", v, got, want)
		}
		if len(want) == 1 && varint.Unzigzag(want[0]) != v {
			t.Errorf("Unzigzag(%x) = %d, want %d", want[0], varint.Unzigzag(want[0]), v)
		}
		r := newAggReader(want)
		if got := r.Int(); got != v || r.Err != nil {
			t.Errorf("reading %x gives %d (%v), want %d", want, got, r.Err, v)
		}
	}
}
