package scoring

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/berakhlak/berakhlak/internal/varint"
)

// Dense is an aggregate as a flat vector of sums, numbered by a Layout:
// merging two is adding vectors. The national view keeps a tree of tens of
// thousands of units this way; as maps, reading them cost seconds and
// hundreds of megabytes. Per-day counts are left out: no figure needs them.
type Dense []int64

// The fixed sums come first; the named ones (scales, votes, recommendation
// items) get numbers as a Layout meets them.
const (
	slotN         = iota
	slotOverlapPC // N, Sum, SumSq
	_
	_
	slotOverlapCD
	_
	_
	slotEngaged
	slotNotEngaged
	slotDisengaged
	slotStay // N, Yes
	_
	slotBranding // N, Sum, SumSq
	_
	_
	slotHighIntention // N, Yes
	_
	slotLimiting // N, Sum, SumSq
	_
	_
	fixedSlots
)

// Layout numbers the sums of aggregates. Numbers are only ever added, so a
// vector made earlier is a prefix of a later one; it is safe for concurrent
// use.
type Layout struct {
	mu         sync.RWMutex
	size       int
	scales     map[string]scaleSlots
	scaleList  []scaleSlots
	voters     map[string]int
	voterList  []namedSlot
	questions  map[string]*voteQuestion
	qList      []*voteQuestion
	recommend  map[string]int // N, Promoters, Detractors
	recList    []namedSlot
	drivers    map[string]int // a Pair's N, SumX, SumX2, SumY, SumY2, SumXY
	driverList []namedSlot
}

// pairSlots are the sums of a Pair.
const pairSlots = 6

// scaleSlots: item sums at base, item sums of squares at base+items, the
// total's N, Sum and SumSq at base+2·items.
type scaleSlots struct {
	name        string
	base, items int
}

type namedSlot struct {
	name string
	slot int
}

// voteQuestion numbers the entries of one pick question, kept sorted by
// id: a record lists its votes sorted too, so reading them is one walk
// down the list rather than a lookup per vote.
type voteQuestion struct {
	name string
	ids  []namedSlot // sorted by name
}

// slotOf finds id at or after *from in the sorted ids, moving *from along.
func (q *voteQuestion) slotOf(id []byte, from *int) (int, bool) {
	for j := *from; j < len(q.ids); j++ {
		if q.ids[j].name == string(id) { // most often the very next entry
			*from = j + 1
			return q.ids[j].slot, true
		}
		if q.ids[j].name > string(id) {
			*from = j
			return 0, false
		}
	}
	*from = len(q.ids)
	return 0, false
}

// Bounds on what a record may bring into the shared layout, checked before
// any work that grows with them.
const (
	// MaxVoteIDs is the most entries one record may list for a pick
	// question: a catalogue of values has 66, of reasons fewer.
	MaxVoteIDs = 256
	// maxVoteIDsInAll is the most a question may have over every record.
	maxVoteIDsInAll = 4 * MaxVoteIDs
	// maxNames is the most names of each other kind (voters, pick
	// questions, recommendation items, drivers' pairs): an instrument has
	// a few dozen.
	maxNames = 512
)

// NewLayout returns a layout with only the fixed sums numbered.
func NewLayout() *Layout {
	return &Layout{size: fixedSlots, scales: map[string]scaleSlots{}, voters: map[string]int{},
		questions: map[string]*voteQuestion{}, recommend: map[string]int{}, drivers: map[string]int{}}
}

// Add adds sign × o into d, growing d as o needs; it returns d.
func (d Dense) Add(o Dense, sign int64) Dense {
	if len(o) > len(d) {
		d = append(d, make(Dense, len(o)-len(d))...)
	}
	for i, v := range o {
		d[i] += sign * v
	}
	return d
}

// N is how many respondents d holds.
func (d Dense) N() int64 {
	if len(d) == 0 {
		return 0
	}
	return d[slotN]
}

// zeroed is a vector of size zeros, in d's memory when it has room.
func (d Dense) zeroed(size int) Dense {
	if cap(d) < size {
		return make(Dense, size)
	}
	d = d[:size]
	clear(d)
	return d
}

// Pack appends d to buf in a compact form: a varint per sum, each run of
// zeros as a 0 and its length, trailing zeros left out (most sums of one
// unit fit a byte or two, and most of a unit's slots are empty: its share
// chunks hold a fifth of them). The national view keeps each unit's chunks
// this way.
func (d Dense) Pack(buf []byte) []byte {
	end := len(d)
	for end > 0 && d[end-1] == 0 {
		end--
	}
	for i := 0; i < end; {
		if d[i] != 0 {
			buf = varint.AppendInt(buf, d[i])
			i++
			continue
		}
		run := 0
		for i < end && d[i] == 0 {
			run++
			i++
		}
		buf = varint.AppendInt(append(buf, 0), int64(run))
	}
	return buf
}

// Unpack reads what Pack wrote, into into's memory when it has room.
func Unpack(packed []byte, into Dense) (Dense, error) {
	d := into[:0]
	zeros := false // the next varint is the length of a run of zeros
	for len(packed) > 0 {
		var v int64
		if packed[0] < 0x80 { // one byte: most sums of one unit
			v, packed = varint.Unzigzag(packed[0]), packed[1:]
		} else {
			var n int
			if v, n = binary.Varint(packed); n <= 0 {
				return nil, errAggCodec
			}
			packed = packed[n:]
		}
		switch {
		case zeros:
			if v <= 0 || v > maxZeroRun {
				return nil, errAggCodec
			}
			at := len(d)
			d = slices.Grow(d, int(v))[:at+int(v)]
			clear(d[at:])
			zeros = false
		case v == 0:
			zeros = true
		default:
			d = append(d, v)
		}
	}
	if zeros {
		return nil, errAggCodec
	}
	return d, nil
}

// maxZeroRun bounds a run of zeros Unpack takes: no layout has more slots.
const maxZeroRun = 1 << 20

// at is slot i of d, 0 beyond its end (numbered after d was made).
func (d Dense) at(i int) int64 {
	if i < len(d) {
		return d[i]
	}
	return 0
}

func (d Dense) pair(i int) Pair {
	return Pair{N: d.at(i), SumX: d.at(i + 1), SumX2: d.at(i + 2), SumY: d.at(i + 3), SumY2: d.at(i + 4), SumXY: d.at(i + 5)}
}

func (d Dense) moments(i int) Moments {
	return Moments{N: d.at(i), Sum: d.at(i + 1), SumSq: d.at(i + 2)}
}

// Read reads an aggregate in its binary form (EncodeAggregate) straight into
// a vector and checks that real responses of the audience could give it
// (Plausible): what a faulty or hostile agency server sends is refused, never
// merged. Malformed input is an error, never a panic.
//
// The vector is made in into's memory when it has room (a reader of many
// records reuses one).
func (l *Layout) Read(data []byte, audience string, into Dense) (Dense, error) {
	if !knownAggVersion(data) || carriesDemo(data[0]) { // a released chunk never carries who its respondents are
		return nil, fmt.Errorf("%w: unknown version", errAggCodec)
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	r := newAggReader(data[1:])
	d := into.zeroed(l.size)
	set := func(slot int, v int64) {
		if slot >= len(d) {
			d = append(d, make(Dense, slot+1-len(d))...)
		}
		d[slot] = v
	}
	n := r.Int()
	if n < 0 || n > MaxRespondents {
		return nil, fmt.Errorf("%d respondents", n)
	}
	set(slotN, n)
	var days int64
	dayCount := r.Count()
	for range dayCount {
		r.skipStr()
		c := r.Int()
		if c < 0 || c > n {
			return nil, fmt.Errorf("a day holds %d of %d respondents", c, n)
		}
		days += c
	}
	if r.Err == nil && dayCount > 0 && days != n {
		return nil, fmt.Errorf("days add up to %d of %d respondents", days, n)
	}
	for range r.Count() {
		name, items := r.Bytes(), r.Count()
		s, err := l.scaleOf(name, items, audience)
		if err != nil {
			return nil, err
		}
		for i := range items {
			set(s.base+i, r.Int())
			set(s.base+items+i, r.Int())
		}
		for i := range 3 {
			set(s.base+2*items+i, r.Int())
		}
	}
	for range r.Count() {
		slot, err := l.slotOf(l.voters, &l.voterList, r.Bytes(), 1)
		if err != nil {
			return nil, err
		}
		set(slot, r.Int())
	}
	for range r.Count() {
		q, err := l.questionOf(r.Bytes())
		if err != nil {
			return nil, err
		}
		votes := r.Count()
		if votes > MaxVoteIDs {
			return nil, fmt.Errorf("%s: %d entries, more than any catalogue (%d)", q.name, votes, MaxVoteIDs)
		}
		// Each id is found where the last one was left (records list them
		// in order); only ids the layout has not numbered yet — in its
		// first records — are gathered to be numbered together.
		var newIDs [][]byte
		var newCounts []int64
		from := 0
		for range votes {
			id, count := r.Bytes(), r.Int()
			if slot, ok := q.slotOf(id, &from); ok {
				set(slot, count)
				continue
			}
			from = 0
			newIDs, newCounts = append(newIDs, id), append(newCounts, count)
		}
		if len(newIDs) > 0 {
			slots, err := l.voteSlots(q, newIDs)
			if err != nil {
				return nil, err
			}
			for i, slot := range slots {
				set(slot, newCounts[i])
			}
		}
	}
	for _, slot := range []int{slotOverlapPC, slotOverlapCD} {
		for i := range 3 {
			set(slot+i, r.Int())
		}
	}
	for _, slot := range []int{slotEngaged, slotNotEngaged, slotDisengaged} {
		set(slot, r.Int())
	}
	for range r.Count() {
		base, err := l.slotOf(l.recommend, &l.recList, r.Bytes(), 3)
		if err != nil {
			return nil, err
		}
		for i := range 3 {
			set(base+i, r.Int())
		}
	}
	for i, v := range []int64{r.Int(), r.Int(), r.Int(), r.Int(), r.Int(), r.Int(), r.Int()} {
		set(slotStay+i, v) // Stay, Branding and HighIntention are adjacent
	}
	if data[0] >= 2 {
		for range r.Count() {
			key := r.Bytes()
			if _, known := l.drivers[string(key)]; !known && r.Err == nil {
				if _, _, ok := splitDriverKey(string(key)); !ok { // checked once, when first met
					return nil, fmt.Errorf("drivers: %q pairs no value with engagement or stay", key)
				}
			}
			base, err := l.slotOf(l.drivers, &l.driverList, key, pairSlots)
			if err != nil {
				return nil, err
			}
			for i := range pairSlots {
				set(base+i, r.Int())
			}
		}
	}
	if data[0] >= aggCodecVersion {
		for i := range 3 {
			set(slotLimiting+i, r.Int())
		}
	}
	if err := r.Done(); err != nil {
		return nil, err
	}
	return d, l.plausible(d, audience)
}

// scaleOf numbers a scale of the audience; a scale of another audience, or
// of another length than its definition, cannot be real.
func (l *Layout) scaleOf(name []byte, items int, audience string) (scaleSlots, error) {
	if s, ok := l.scales[string(name)]; ok && s.items == items {
		return s, nil
	}
	for _, def := range ScaleDefs[audience] {
		if def.Name != string(name) {
			continue
		}
		if len(def.Items) != items && items != 0 {
			return scaleSlots{}, fmt.Errorf("scale %s: %d items, the scale has %d", name, items, len(def.Items))
		}
		if s, ok := l.scales[def.Name]; ok {
			return s, nil // an empty scale (0 items) adds nothing
		}
		l.grow(func() {
			if _, ok := l.scales[def.Name]; !ok {
				s := scaleSlots{name: def.Name, base: l.size, items: len(def.Items)}
				l.scales[def.Name], l.scaleList, l.size = s, append(l.scaleList, s), l.size+2*s.items+3
			}
		})
		return l.scales[def.Name], nil
	}
	return scaleSlots{}, fmt.Errorf("scale %s is not one of the %s audience", name, audience)
}

// slotOf numbers a name in one of the layout's name tables, taking width
// sums (a recommendation item three, a driver's pair six).
// A table that would grow past maxNames is refused: the layout is shared by
// every record, and names no instrument has would otherwise make every
// vector longer.
func (l *Layout) slotOf(table map[string]int, list *[]namedSlot, name []byte, width int) (int, error) {
	if slot, ok := table[string(name)]; ok {
		return slot, nil
	}
	var err error
	l.grow(func() {
		switch _, ok := table[string(name)]; {
		case ok:
		case len(*list) >= maxNames:
			err = fmt.Errorf("%q: more than %d names of its kind", name, maxNames)
		default:
			table[string(name)] = l.size
			*list = append(*list, namedSlot{string(name), l.size})
			l.size += width
		}
	})
	if err != nil {
		return 0, err
	}
	return table[string(name)], nil
}

func (l *Layout) questionOf(name []byte) (*voteQuestion, error) {
	if q, ok := l.questions[string(name)]; ok {
		return q, nil
	}
	var err error
	l.grow(func() {
		switch _, ok := l.questions[string(name)]; {
		case ok:
		case len(l.qList) >= maxNames:
			err = fmt.Errorf("question %q: more than %d pick questions", name, maxNames)
		default:
			q := &voteQuestion{name: string(name)}
			l.questions[q.name], l.qList = q, append(l.qList, q)
		}
	})
	if err != nil {
		return nil, err
	}
	return l.questions[string(name)], nil
}

// voteSlots numbers a record's entries of a question (sorted, as a record
// lists them). Entries the layout has not met are merged into its sorted
// list in one pass, linear in the list's length: one insertion per entry
// had been quadratic, and a record with 60,000 made-up ids took 32 s. The
// ids slice is replaced, never changed in place, as readers may hold it.
func (l *Layout) voteSlots(q *voteQuestion, ids [][]byte) ([]int, error) {
	slots := make([]int, len(ids))
	var missing []string
	from := 0
	for i, id := range ids {
		slot, ok := q.slotOf(id, &from)
		if !ok {
			missing = append(missing, string(id))
			from = 0 // out of order or new: the next search starts afresh
		}
		slots[i] = slot
	}
	if len(missing) == 0 {
		return slots, nil
	}
	var err error
	l.grow(func() {
		slices.Sort(missing)
		missing = slices.Compact(missing)
		merged := make([]namedSlot, 0, len(q.ids)+len(missing))
		i := 0
		for _, id := range missing {
			for i < len(q.ids) && q.ids[i].name < id {
				merged = append(merged, q.ids[i])
				i++
			}
			if i < len(q.ids) && q.ids[i].name == id {
				continue // another reader numbered it meanwhile
			}
			merged = append(merged, namedSlot{id, l.size})
			l.size++
		}
		merged = append(merged, q.ids[i:]...)
		if len(merged) > maxVoteIDsInAll {
			err = fmt.Errorf("%s: more than %d entries over all records", q.name, maxVoteIDsInAll)
			l.size -= len(merged) - len(q.ids) // nothing numbered
			return
		}
		q.ids = merged
	})
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		at, _ := slices.BinarySearchFunc(q.ids, string(id), func(e namedSlot, t string) int { return strings.Compare(e.name, t) })
		slots[i] = q.ids[at].slot
	}
	return slots, nil
}

// grow runs add with the layout locked for writing; Read holds it for
// reading, so grow trades the one lock for the other.
func (l *Layout) grow(add func()) {
	l.mu.RUnlock()
	l.mu.Lock()
	add()
	l.mu.Unlock()
	l.mu.RLock()
}

// Aggregate turns a vector back into an aggregate, for Compute.
func (l *Layout) Aggregate(d Dense) *Aggregate {
	l.mu.RLock()
	defer l.mu.RUnlock()
	a := NewAggregate()
	a.N = d.at(slotN)
	for _, s := range l.scaleList {
		total := d.moments(s.base + 2*s.items)
		if total.N == 0 {
			continue
		}
		sc := &Scale{ItemSum: make([]int64, s.items), ItemSumSq: make([]int64, s.items), Total: total}
		for i := range s.items {
			sc.ItemSum[i], sc.ItemSumSq[i] = d.at(s.base+i), d.at(s.base+s.items+i)
		}
		a.Scales[s.name] = sc
	}
	for _, v := range l.voterList {
		if n := d.at(v.slot); n != 0 {
			a.Voters[v.name] = n
		}
	}
	for _, q := range l.qList {
		for _, v := range q.ids {
			if n := d.at(v.slot); n != 0 {
				if a.Votes[q.name] == nil {
					a.Votes[q.name] = map[string]int64{}
				}
				a.Votes[q.name][v.name] = n
			}
		}
	}
	a.OverlapPC, a.OverlapCD = d.moments(slotOverlapPC), d.moments(slotOverlapCD)
	a.Engaged, a.NotEngaged, a.Disengaged = d.at(slotEngaged), d.at(slotNotEngaged), d.at(slotDisengaged)
	for _, r := range l.recList {
		if nps := (NPS{N: d.at(r.slot), Promoters: d.at(r.slot + 1), Detractors: d.at(r.slot + 2)}); nps != (NPS{}) {
			a.Recommend[r.name] = &nps
		}
	}
	a.Stay = Share{N: d.at(slotStay), Yes: d.at(slotStay + 1)}
	a.Branding = d.moments(slotBranding)
	a.HighIntention = Share{N: d.at(slotHighIntention), Yes: d.at(slotHighIntention + 1)}
	a.Limiting = d.moments(slotLimiting)
	for _, p := range l.driverList {
		if pair := d.pair(p.slot); pair != (Pair{}) {
			a.Drivers[p.name] = &pair
		}
	}
	return a
}

// Pairs are d's drivers' pairs alone (Aggregate's Drivers), for a figure
// that needs only them.
func (l *Layout) Pairs(d Dense) map[string]*Pair {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := map[string]*Pair{}
	for _, p := range l.driverList {
		if pair := d.pair(p.slot); pair != (Pair{}) {
			out[p.name] = &pair
		}
	}
	return out
}

// span is count slots of d from i, zeros where d ends earlier.
func (d Dense) span(i, count int) []int64 {
	if i+count <= len(d) {
		return d[i : i+count]
	}
	out := make([]int64, count)
	for j := range out {
		out[j] = d.at(i + j)
	}
	return out
}
