package national

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

var instrument = questionnaire.Default()

// TestRunningViewHoldsAStepBehindOneIndex: a republish adding k respondents
// of whom only two answered engagement moves the unit by k in all, but its
// engagement by two; set against the previous figures it would give those
// two's engagement. A running view keeps the previous figures and says why.
func TestRunningViewHoldsAStepBehindOneIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 7))
	chunk := func(withEngagement, without int) *scoring.Aggregate { return asnChunk(rng, withEngagement, without) }
	record := func(a *scoring.Aggregate) []byte {
		return EncodeRecord(UnitRecord{Agency: "lan", Unit: "root", Name: "LAN", K: 5,
			Aggregates: map[string][]byte{"asn": scoring.EncodeAggregate(a)}})
	}
	n := New(5)
	first := chunk(10, 0)
	n.Put("2026.lan.root", record(first))
	n.Feed().Stop() // the initial values are in: from here on, a running view
	next := first.Clone()
	next.Merge(chunk(2, 3))
	n.Put("2026.lan.root", record(next))
	if got := nationalEngagementN(t, n); got != 10 {
		t.Fatalf("engagement rests on %d after a step of 2 behind it; want the previous 10 held", got)
	}
	if p := strings.Join(n.Problems(), "\n"); !strings.Contains(p, "behind one of its indices or shares") {
		t.Fatalf("the held step is not named: %q", p)
	}
	next.Merge(chunk(5, 0))
	n.Put("2026.lan.root", record(next))
	if got := nationalEngagementN(t, n); got != 17 {
		t.Fatalf("engagement rests on %d after it moved by 7; want 17", got)
	}
}

// The pairs a reading gives alone (scoring.PairSums, for drivers pooled
// within units) are those of the subtree's whole aggregate.
func TestSubtreePairsAreTheSubtreesOwn(t *testing.T) {
	s := NewSynthetic(instrument, "2026", 3, 12, 7)
	n := New(5)
	for a := range 3 {
		for u := range 12 {
			key, value := s.Record(a, u)
			n.Put(key, value)
		}
	}
	nodes, _ := n.Groups()
	r, _ := n.tree.readings(n.layout)
	checked := 0
	for _, node := range nodes {
		for _, audience := range scoring.Audiences {
			whole := r.Subtree(audience, node.ID)
			pairs := r.SubtreePairs(audience, node.ID)
			if whole == nil || len(whole.Drivers) == 0 {
				continue
			}
			if len(pairs) != len(whole.Drivers) {
				t.Fatalf("%s %s: %d pairs, the aggregate has %d", node.ID, audience, len(pairs), len(whole.Drivers))
			}
			for key, p := range whole.Drivers {
				if pairs[key] == nil || *pairs[key] != *p {
					t.Fatalf("%s %s %s: %+v, the aggregate's %+v", node.ID, audience, key, pairs[key], p)
				}
			}
			checked++
		}
	}
	if checked < 30 {
		t.Fatalf("only %d subtrees had pairs to check", checked)
	}
}

// TestRunningViewHoldsAStepAtAScaleEnd: an agency that releases a chunk of
// 5 whose every engagement answer is 5 (an honest one holds it back,
// scoring.ReleaseDue) would let a running view's engagement move from e₁₀
// to e₁₅, and (15·e₁₅ − 10·e₁₀) / 5 = 100. The view keeps the previous
// figures and says why; a step of 10 at the end is taken.
func TestRunningViewHoldsAStepAtAScaleEnd(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 8))
	add := func(a *scoring.Aggregate, n int, fives bool) {
		for range n {
			r := instrument.SampleResponse(rng, "asn", "2026", "root", "2026-11-27", 0)
			for id := range r.Answers.Scale {
				if fives && strings.HasPrefix(id, scoring.ScaleEngagement+".") {
					r.Answers.Scale[id] = 5
				}
			}
			a.Add(r)
		}
	}
	record := func(a *scoring.Aggregate) []byte {
		return EncodeRecord(UnitRecord{Agency: "lan", Unit: "root", Name: "LAN", K: 5,
			Aggregates: map[string][]byte{"asn": scoring.EncodeAggregate(scoring.Residue(a, nil))}})
	}
	n := New(5)
	shown := scoring.NewAggregate()
	add(shown, 10, false)
	n.Put("2026.lan.root", record(shown))
	n.Feed().Stop()
	add(shown, 5, true)
	n.Put("2026.lan.root", record(shown))
	if got := nationalEngagementN(t, n); got != 10 {
		t.Fatalf("engagement rests on %d after a step of 5 at the scale's end; want the previous 10 held", got)
	}
	if p := strings.Join(n.Problems(), "\n"); !strings.Contains(p, "near its scale's end") {
		t.Fatalf("the held step is not named: %q", p)
	}
	add(shown, 5, true)
	n.Put("2026.lan.root", record(shown))
	if got := nationalEngagementN(t, n); got != 20 {
		t.Fatalf("engagement rests on %d after a step of 10; want 20", got)
	}
}

// TestNationalSharesComeFromShareChunks: the national view takes a unit's
// shares from the share chunks its agency published, which move in steps of
// 2k, not from its released chunks, which move in steps of k: a unit
// showing 15 with shares of 10 shows retention of 10 nationally. A running
// view holds a share step under 2k (an agency that republishes one), and
// a record from an older server, without share chunks, shows no shares.
func TestNationalSharesComeFromShareChunks(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 10))
	sample := func(a *scoring.Aggregate, n int) {
		for range n {
			a.Add(instrument.SampleResponse(rng, "asn", "2026", "root", "2026-11-27", 0))
		}
	}
	ten := scoring.NewAggregate()
	sample(ten, 10)
	fifteen := ten.Clone()
	sample(fifteen, 5)
	record := func(figures, shares *scoring.Aggregate) []byte {
		rec := UnitRecord{Agency: "lan", Unit: "root", Name: "LAN", K: 5,
			Aggregates: map[string][]byte{"asn": scoring.EncodeAggregate(scoring.Residue(figures, nil))}}
		if shares != nil {
			rec.Shares = map[string][]byte{"asn": scoring.EncodeAggregate(scoring.Residue(shares, nil))}
		}
		return EncodeRecord(rec)
	}
	group := func(n *View) scoring.GroupScores {
		_, g := n.Groups()
		gs := g.Group("", scoring.Settings{Survey: "2026", K: 5}, instrument)
		if gs.Scores == nil {
			t.Fatalf("no figures: %+v", gs)
		}
		return gs
	}
	n := New(5)
	n.Put("2026.lan.root", record(fifteen, ten))
	n.Feed().Stop()
	gs := group(n)
	if gs.AsOfN != 15 || gs.RetentionIntention == nil || gs.RetentionIntention.N != 10 || gs.SharesAsOfN == nil || *gs.SharesAsOfN != 10 {
		t.Fatalf("figures of %d, retention %+v, shares of %v; want 15, and the shares of 10", gs.AsOfN, gs.RetentionIntention, gs.SharesAsOfN)
	}
	// Republished with shares of 15: a step of 5, under 2k.
	n.Put("2026.lan.root", record(fifteen, fifteen))
	if gs := group(n); gs.RetentionIntention == nil || gs.RetentionIntention.N != 10 {
		t.Fatalf("retention %+v after a share step of 5; want the shares of 10 held", gs.RetentionIntention)
	}
	if p := strings.Join(n.Problems(), "\n"); !strings.Contains(p, "asn shares figures") {
		t.Fatalf("the held share step is not named: %q", p)
	}

	older := New(5)
	older.Put("2026.lan.root", record(fifteen, nil))
	older.Feed().Stop()
	if gs := group(older); gs.RetentionIntention != nil || !slices.Contains(gs.Withheld, scoring.ShareRetentionIntention) || gs.Implementation == nil {
		t.Fatalf("a record without share chunks: retention %+v, withheld %v; want the shares withheld, the figures shown", gs.RetentionIntention, gs.Withheld)
	}
}

// nationalEngagementN is how many respondents the national engagement index
// rests on.
func nationalEngagementN(t *testing.T, n *View) int64 {
	t.Helper()
	_, g := n.Groups()
	gs := g.Group("", scoring.Settings{Survey: "2026", K: 5}, instrument)
	if gs.Scores == nil || gs.Engagement == nil {
		t.Fatalf("no engagement shown: %+v", gs)
	}
	return gs.Engagement.N
}

// TestARepublishWithAsManyRespondentsIsSuppressedAfresh: a unit republished
// with as many respondents but fewer of them behind the engagement index
// changes what the complementary rule must hide; a view that kept what its
// last reading hid (the respondents per slot had not moved) showed a's
// engagement beside the root's, whose difference was b's three. The view
// equals one built afresh from the same records.
func TestARepublishWithAsManyRespondentsIsSuppressedAfresh(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 16))
	chunk := func(withEngagement, without int) []byte {
		return scoring.EncodeAggregate(asnChunk(rng, withEngagement, without))
	}
	record := func(unit, parent string, enc []byte) []byte {
		rec := UnitRecord{Agency: "lan", Unit: unit, Parent: parent, Name: unit, K: 5}
		if enc != nil {
			rec.Aggregates = map[string][]byte{"asn": enc}
		}
		return EncodeRecord(rec)
	}
	values := map[string][]byte{
		"2026.lan.root":   record("root", "", nil),
		"2026.lan.root.a": record("a", "root", chunk(10, 0)),
		"2026.lan.root.b": record("b", "root", chunk(10, 0)),
	}
	live := New(5)
	for _, key := range slices.Sorted(maps.Keys(values)) {
		live.Put(key, values[key])
	}
	set := scoring.Settings{Survey: "2026", K: 5}
	nodes, g := live.Groups()
	for _, node := range nodes { // every figure read, so that the view has worked out what to hide
		g.Group(node.ID, set, instrument)
	}
	values["2026.lan.root.b"] = record("b", "root", chunk(3, 7))
	live.Put("2026.lan.root.b", values["2026.lan.root.b"])
	fresh := New(5)
	for _, key := range slices.Sorted(maps.Keys(values)) {
		fresh.Put(key, values[key])
	}
	if err := sameNational(live, fresh, set); err != nil {
		t.Fatal(err)
	}
}

// asnChunk is a released chunk (no days, no demographic counts) of ASN
// respondents answering at random, of whom the last skipped the
// engagement items.
func asnChunk(rng *rand.Rand, withEngagement, without int) *scoring.Aggregate {
	a := scoring.NewAggregate()
	for i := range withEngagement + without {
		r := instrument.SampleResponse(rng, "asn", "2026", "root", "2026-11-27", 0)
		if i >= withEngagement {
			for id := range r.Answers.Scale {
				if strings.HasPrefix(id, scoring.ScaleEngagement+".") {
					delete(r.Answers.Scale, id)
				}
			}
		}
		a.Add(r)
	}
	return scoring.Residue(a, nil)
}
