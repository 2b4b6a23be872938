// Package national is the national view of a survey: every agency's unit
// records (record.go, key.go) read as if their agency were hostile
// (checks.go), placed in one tree and summed incrementally (tree.go). It
// knows nothing of how records travel; relay feeds it from the NATS bucket.
package national

import (
	"bytes"
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/berakhlak/berakhlak/internal/procs"
	"github.com/berakhlak/berakhlak/scoring"
)

// View is the live national picture of one survey: every agency's unit
// records from the aggregate bucket, kept current by a watch. An update to
// one unit changes only the sums along its path (nationaltree.go): at 632
// agencies of 50 units, rebuilding the tree on every update took a second.
type View struct {
	mu      sync.Mutex
	k       int // the national minimum group size: the smallest step a unit's figures may take
	layout  *scoring.Layout
	records map[string]*nationalUnit // by key
	ready   chan struct{}            // closed once the initial values are in
	changed chan struct{}            // one wake-up per burst of updates
	bad     map[string]error         // keys whose record could not be read, left out
	held    map[string]string        // keys whose new figures are held back: they moved by fewer than k
	orphans map[string]string        // keys left out of the tree: their parent is missing
	days    map[string]int64         // respondents per day over every agency
	focus   map[string]FocusRecord   // each agency's focus counts, by key

	tree     *nationalTree   // nil: to be built again (a unit came, went or moved)
	last     *scoring.Groups // the last reading, whose tree the next one shares
	released bool            // a released count moved since the last reading
}

// New is a national view with k its minimum group size, fed by a watch
// (Feed) or by hand (Put).
func New(k int) *View {
	return &View{k: k, layout: scoring.NewLayout(), records: map[string]*nationalUnit{}, bad: map[string]error{},
		held: map[string]string{}, days: map[string]int64{}, focus: map[string]FocusRecord{}, ready: make(chan struct{}), changed: make(chan struct{}, 1)}
}

// Entry is a key's new value, or its deletion.
type Entry struct {
	Key     string
	Value   []byte
	Deleted bool
}

// Feed takes a watch's entries into a view on every core: reading a record
// is most of the national view's work at its start. A key's entries always
// go to the same worker, so they are taken in the order they came.
type Feed struct {
	view    *View
	queues  []chan Entry
	pending sync.WaitGroup
	done    sync.WaitGroup
	initial sync.Once
}

// Feed starts taking entries in; Stop ends it.
func (n *View) Feed() *Feed {
	a := &Feed{view: n, queues: make([]chan Entry, procs.Available())}
	for i := range a.queues {
		a.queues[i] = make(chan Entry, 256)
		a.done.Go(func() {
			for e := range a.queues[i] {
				n.apply(e)
				a.pending.Done()
			}
		})
	}
	return a
}

// Add queues an entry.
func (a *Feed) Add(e Entry) {
	h := fnv.New32a()
	h.Write([]byte(e.Key))
	a.pending.Add(1)
	a.queues[h.Sum32()%uint32(len(a.queues))] <- e
}

// InitialDone says the watch's current values are all added: once they
// are taken in, the view is Ready. Later calls do nothing.
func (a *Feed) InitialDone() {
	a.initial.Do(func() {
		a.pending.Wait()
		close(a.view.ready)
	})
}

// Stop ends the feed once what was added is taken in; the view is Ready
// then, if it was not before.
func (a *Feed) Stop() {
	a.InitialDone()
	for _, q := range a.queues {
		close(q)
	}
	a.done.Wait()
}

// apply takes in one entry; after the initial values, an open screen is
// woken.
func (n *View) apply(e Entry) {
	if e.Deleted {
		n.remove(e.Key)
	} else {
		n.Put(e.Key, e.Value)
	}
	select {
	case <-n.ready:
		select {
		case n.changed <- struct{}{}:
		default:
		}
	default:
	}
}

// Put takes in the record of a key, or names it a problem if it cannot be
// true: one agency's bad record must not blind the whole view.
func (n *View) Put(key string, value []byte) {
	if IsFocusKey(key) && len(value) <= MaxRecordBytes {
		n.putFocus(key, value)
		return
	}
	var u *nationalUnit
	var err error
	if len(value) > MaxRecordBytes { // before any work that grows with it
		err = fmt.Errorf("a record of %d bytes, more than %d", len(value), MaxRecordBytes)
	} else if u, err = n.decodeUnit(value); err == nil {
		err = cmp.Or(u.check(key), n.stepsOfK(u))
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if err != nil {
		n.forget(key)
		n.bad[key] = err
		return
	}
	delete(n.bad, key)
	old := n.records[key]
	n.holdSmallSteps(key, old, u)
	n.records[key] = u
	n.countDays(old, -1)
	n.countDays(u, 1)
	if n.tree != nil && !n.tree.update(old, u) {
		n.tree = nil
	}
	// What the last reading hid stands only while no count it was worked
	// out from moved: the respondents of each slot, and behind each of its
	// measures (a record republished with as many respondents may count
	// another number behind an index).
	n.released = n.released || old == nil || old.released != u.released || old.counts != u.counts
}

// remove forgets a deleted key.
func (n *View) remove(key string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.forget(key)
	delete(n.bad, key)
	delete(n.held, key)
	delete(n.focus, key)
}

// forget takes a key's record out; the tree is built again. n.mu is held.
func (n *View) forget(key string) {
	if old, ok := n.records[key]; ok {
		n.countDays(old, -1)
		delete(n.records, key)
		n.tree, n.released = nil, true
	}
}

func (n *View) countDays(u *nationalUnit, sign int64) {
	if u == nil {
		return
	}
	for _, c := range u.days {
		if n.days[c.day] += sign * c.n; n.days[c.day] == 0 {
			delete(n.days, c.day)
		}
	}
}

// nationalUnit is a record as the national view keeps it: where the unit
// sits, its counts, and its chunks read, checked and packed on arrival
// (scoring.Dense.Pack: under a quarter of their binary form, 752 of 3,206
// bytes a unit of the synthetic nation).
type nationalUnit struct {
	UnitRecord                                // the unit's place only: packed and days hold the rest
	id, parentID string                       // node ids of the unit and its parent ("" for a root)
	released     [slots]int64                 // released respondents per slot
	live         [slots]int64                 // respondents so far per audience (0 in the share slots)
	packed       [slots][]byte                // the released chunk per slot, packed; nil when none
	counts       [slots]scoring.MeasureCounts // the chunk's respondents per scale, pick question and share
	days         []dayCount                   // respondents per day, any audience
}

// A unit's sums stand in slots: its released chunks per audience, in the
// order of scoring.Audiences, then its share chunks per audience, which its
// shares are computed from (they move in steps of 2k: scoring/sharesteps.go).
const (
	audiences = 2
	slots     = 2 * audiences
)

// shareSlot is the slot of an audience's share chunks.
func shareSlot(a int) int { return audiences + a }

// slotName names a slot in messages.
func slotName(slot int) string {
	if slot >= audiences {
		return scoring.Audiences[slot-audiences] + " shares"
	}
	return scoring.Audiences[slot]
}

type dayCount struct {
	day string
	n   int64
}

func audienceIndex(audience string) int {
	return slices.Index(scoring.Audiences, audience)
}

// scratch vectors for reading chunks, one per reader at a time.
var scratch = sync.Pool{New: func() any { return new(scoring.Dense) }}

// packing buffers: a chunk is packed into one, then kept as an exact copy
// (packing into a buffer of twice the sums' count left over a quarter of it
// unused, for each of tens of thousands of units).
var packing = sync.Pool{New: func() any { return new([]byte) }}

// decodeUnit reads a record and its chunks; a chunk no real responses could
// give is an error. A record in the binary form is read without building
// its maps: the national view reads tens of thousands at its start.
func (n *View) decodeUnit(data []byte) (*nationalUnit, error) {
	u := &nationalUnit{}
	d, buf := scratch.Get().(*scoring.Dense), packing.Get().(*[]byte)
	defer scratch.Put(d)
	defer packing.Put(buf)
	var failed error
	chunk := func(audience string, share bool, enc []byte) {
		a := audienceIndex(audience)
		if a < 0 {
			failed = cmp.Or(failed, fmt.Errorf("audience %q is not one of the survey's", audience))
			return
		}
		if share {
			a = shareSlot(a)
		}
		var err error
		if *d, err = n.layout.Read(enc, audience, *d); err != nil {
			failed = cmp.Or(failed, fmt.Errorf("%s figures impossible: %w", slotName(a), err))
			return
		}
		*buf = d.Pack((*buf)[:0])
		u.packed[a], u.released[a], u.counts[a] = bytes.Clone(*buf), d.N(), n.layout.Counts(*d)
	}
	count := func(audience, day string, c int64) {
		a := audienceIndex(audience)
		if c < 0 || c > scoring.MaxRespondents || a < 0 {
			failed = cmp.Or(failed, fmt.Errorf("count %d of %s on %s", c, audience, day))
			return
		}
		if day != "" {
			if u.live[a] += c; u.live[a] > scoring.MaxRespondents {
				failed = cmp.Or(failed, fmt.Errorf("%d respondents of %s", u.live[a], audience))
			}
			u.days = append(u.days, dayCount{day, c})
		}
	}
	if len(data) > 0 && data[0] == '{' { // as agency servers before the binary form wrote it
		rec, err := DecodeRecord(data)
		if err != nil {
			return nil, err
		}
		for audience, enc := range rec.Aggregates {
			chunk(audience, false, enc)
		}
		for audience, enc := range rec.Shares {
			chunk(audience, true, enc)
		}
		for audience, days := range rec.Counts {
			count(audience, "", 0)
			for day, c := range days {
				count(audience, day, c)
			}
		}
		u.UnitRecord = UnitRecord{Agency: rec.Agency, Unit: rec.Unit, Parent: rec.Parent, Name: rec.Name, Headcount: rec.Headcount, K: rec.K}
	} else if err := visitRecord(data, &u.UnitRecord, chunk, count); err != nil {
		return nil, err
	}
	if failed != nil {
		return nil, failed
	}
	if err := u.withinHeadcount(); err != nil {
		return nil, err
	}
	u.id = NodeID(u.Agency, u.Unit)
	if u.Parent != "" {
		u.parentID = NodeID(u.Agency, u.Parent)
	}
	return u, nil
}

// check refuses a record that does not belong under its key: another
// agency's, another unit's, another place in the tree.
func (u *nationalUnit) check(key string) error {
	tokens := strings.Split(key, ".")
	if len(tokens) < 3 {
		return fmt.Errorf("the key is not SURVEY.AGENCY.UNIT-PATH")
	}
	path := tokens[2:]
	parent := ""
	if len(path) > 1 {
		parent = path[len(path)-2]
	}
	switch {
	case tokens[1] != KeyToken(u.Agency):
		return fmt.Errorf("the record names agency %q, its key another", u.Agency)
	case path[len(path)-1] != KeyToken(u.Unit):
		return fmt.Errorf("the record names unit %q, its key another", u.Unit)
	case parent != KeyToken(u.Parent) && !(parent == "" && u.Parent == ""):
		return fmt.Errorf("the record places unit %q under %q, its key elsewhere", u.Unit, u.Parent)
	}
	return nil
}

// Ready is closed once the bucket's current values have been read.
func (n *View) Ready() <-chan struct{} { return n.ready }

// Changed receives a wake-up after updates that came in after Ready.
func (n *View) Changed() <-chan struct{} { return n.changed }

// Agencies lists the agencies that have published, sorted.
func (n *View) Agencies() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	seen := map[string]bool{}
	for _, r := range n.records {
		seen[r.Agency] = true
	}
	out := make([]string, 0, len(seen))
	for a := range seen {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// NodeID is a unit's id in the national tree: agency/unit.
func NodeID(agency, unit string) string { return agency + "/" + unit }

// Groups is a reading of the national tree, whose roots are the agencies'
// root units; the whole survey ("") is the national figure. A reading never
// changes; the next one shares what did not change since.
func (n *View) Groups() ([]scoring.Node, *scoring.Groups) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.tree == nil {
		n.orphans = n.outsideTrees()
		t, units := placeTree(n.records, n.orphans)
		shaped := make(chan *scoring.Groups, 1) // the tree's shape is built while it is summed
		go func() { shaped <- scoring.NewGroupsOver(t.nodes, nil) }()
		t.sum(units)
		n.tree, n.released = t, false
		figures, shares := t.readings(n.layout)
		n.last = (<-shaped).Over(figures, shares, false)
		return t.nodes, n.last
	}
	figures, shares := n.tree.readings(n.layout)
	n.last = n.last.Over(figures, shares, !n.released)
	n.released = false
	return n.tree.nodes, n.last
}

// Today is how many respondents answered on day, over every agency.
func (n *View) Today(day string) int64 {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.days[day]
}

// outsideTrees names the records whose unit hangs from a parent its agency
// did not publish (or from such a unit): they are left out, not made
// national roots of their own. Called with n.mu held.
func (n *View) outsideTrees() map[string]string {
	byNode := map[string]string{} // node id → key
	for key, r := range n.records {
		byNode[r.id] = key
	}
	out := map[string]string{}
	for changed := true; changed; {
		changed = false
		for key, r := range n.records {
			if _, done := out[key]; done || r.Parent == "" {
				continue
			}
			parentKey, ok := byNode[r.parentID]
			_, parentOut := out[parentKey]
			if !ok || parentOut {
				out[key] = fmt.Sprintf("unit %q of agency %q hangs from %q, which is not in the agency's published tree", r.Unit, r.Agency, r.Parent)
				changed = true
			}
		}
	}
	return out
}

// Problems names the records left out because they could not be read or
// placed, and those whose last figures are held back.
func (n *View) Problems() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := make([]string, 0, len(n.bad)+len(n.orphans))
	for key, err := range n.bad {
		out = append(out, fmt.Sprintf("key %s of bucket %s left out: %v", key, Bucket, err))
	}
	for key, why := range n.orphans {
		out = append(out, fmt.Sprintf("key %s of bucket %s left out: %s", key, Bucket, why))
	}
	for key, why := range n.held {
		out = append(out, fmt.Sprintf("key %s of bucket %s held back: %s", key, Bucket, why))
	}
	sort.Strings(out)
	return out
}
