package scoring

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// withoutDays is a copy of a without its per-day counts, which a Dense
// leaves out.
func withoutDays(a *Aggregate) *Aggregate {
	c := a.Clone()
	clear(c.ByDay)
	return c
}

func sampleAggregate(rng *rand.Rand, audience string, n int) *Aggregate {
	a := NewAggregate()
	for range n {
		a.Add(questionnaire.Default().SampleResponse(rng, audience, "2026", "u", "2026-11-27", 0.1))
	}
	return a.WithoutDemo() // as published
}

// TestDenseRoundTrip: an aggregate read into a vector and turned back is the
// same aggregate (less its days), for both audiences sharing one layout.
func TestDenseRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	l := NewLayout()
	for _, n := range []int{0, 1, 23} {
		for _, audience := range Audiences {
			a := sampleAggregate(rng, audience, n)
			d, err := l.Read(EncodeAggregate(a), audience, nil)
			if err != nil {
				t.Fatalf("%s n=%d: %v", audience, n, err)
			}
			if !reflect.DeepEqual(jsonOf(withoutDays(a)), jsonOf(l.Aggregate(d))) {
				t.Fatalf("%s n=%d: the round trip changed the aggregate", audience, n)
			}
			scratch := make(Dense, 3) // too small: Unpack grows it
			if back, err := Unpack(d.Pack(nil), scratch); err != nil || !reflect.DeepEqual(jsonOf(l.Aggregate(back)), jsonOf(l.Aggregate(d))) {
				t.Fatalf("%s n=%d: packed and unpacked, the vector changed (%v)", audience, n, err)
			}
		}
	}
}

// TestDenseAddIsMerge: adding vectors is merging aggregates, subtracting is
// taking a subset out, also when one vector was made before the layout grew.
func TestDenseAddIsMerge(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	l := NewLayout()
	a, b := sampleAggregate(rng, questionnaire.AudienceASN, 3), sampleAggregate(rng, questionnaire.AudienceASN, 9)
	da, err := l.Read(EncodeAggregate(a), questionnaire.AudienceASN, nil)
	if err != nil {
		t.Fatal(err)
	}
	// b's values may number new slots: da is then shorter than db.
	db, err := l.Read(EncodeAggregate(b), questionnaire.AudienceASN, nil)
	if err != nil {
		t.Fatal(err)
	}
	merged := a.Clone()
	merged.Merge(b)
	sum := append(Dense{}, da...).Add(db, 1)
	if !reflect.DeepEqual(jsonOf(withoutDays(merged)), jsonOf(l.Aggregate(sum))) {
		t.Fatal("a + b as vectors differs from the merged aggregates")
	}
	if back := sum.Add(db, -1); !reflect.DeepEqual(jsonOf(withoutDays(a)), jsonOf(l.Aggregate(back))) {
		t.Fatal("(a + b) − b as vectors is not a")
	}
}

// FuzzDenseRead: any bytes are read or refused without a panic, and what is
// read turns back into an aggregate that is plausible.
func FuzzDenseRead(f *testing.F) {
	rng := rand.New(rand.NewPCG(7, 7))
	f.Add(EncodeAggregate(sampleAggregate(rng, questionnaire.AudienceASN, 4)))
	f.Add([]byte{aggCodecVersion, 2, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		l := NewLayout()
		d, err := l.Read(data, questionnaire.AudienceASN, nil)
		if err != nil {
			return
		}
		if err := l.Aggregate(d).Plausible(questionnaire.AudienceASN); err != nil {
			t.Fatalf("read as plausible, turned back implausible: %v", err)
		}
	})
}

// TestPackRunsOfZeros: a run of zeros packs as a 0 and its length, and
// unpacks to the same vector; a run with no length, or of none, is refused.
func TestPackRunsOfZeros(t *testing.T) {
	d := Dense{7, 0, 0, 0, 0, -3, 0, 200, 0, 0}
	packed := d.Pack(nil)
	if want := []byte{14, 0, 8, 5, 0, 2, 0x90, 0x03}; !reflect.DeepEqual(packed, want) {
		t.Fatalf("packed %v, want %v (7, a run of 4 zeros, −3, a run of 1, 200; the trailing zeros left out)", packed, want)
	}
	back, err := Unpack(packed, make(Dense, 1))
	if err != nil || !reflect.DeepEqual(back, d[:8]) {
		t.Fatalf("unpacked %v (%v), want %v", back, err, d[:8])
	}
	for _, bad := range [][]byte{{14, 0}, {0, 0}, {0, 1}} { // no length; a run of 0; a run of −1
		if _, err := Unpack(bad, nil); err == nil {
			t.Errorf("unpacked %v", bad)
		}
	}
}
