package relay

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/berakhlak/berakhlak/scoring"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// National is the live national picture of one survey: every agency's unit
// records from the aggregate bucket, kept current by a watch.
type National struct {
	mu      sync.Mutex
	records map[string]nationalUnit // by key
	ready   chan struct{}           // closed once the initial values are in
	changed chan struct{}           // one wake-up per burst of updates
	bad     map[string]error        // keys whose record could not be read, left out
	orphans map[string]string       // keys left out of the last tree: their parent is missing
}

// WatchNational watches the bucket's records of a survey until ctx ends.
func WatchNational(ctx context.Context, nc *nats.Conn, survey string) (*National, error) {
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("JetStream: %w", err)
	}
	kv, err := js.KeyValue(ctx, AggregateBucket)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		return nil, fmt.Errorf("bucket %s does not exist on %s: no agency server has published yet (`berakhlak serve --nats URL --agency ID`)", AggregateBucket, nc.ConnectedUrlRedacted())
	}
	if err != nil {
		return nil, fmt.Errorf("open bucket %s: %w", AggregateBucket, err)
	}
	w, err := kv.Watch(ctx, keyToken(survey)+".>")
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", AggregateBucket, err)
	}
	n := newNational()
	go n.follow(w)
	return n, nil
}

func newNational() *National {
	return &National{records: map[string]nationalUnit{}, bad: map[string]error{}, ready: make(chan struct{}), changed: make(chan struct{}, 1)}
}

func (n *National) follow(w jetstream.KeyWatcher) {
	defer w.Stop()
	initial := true
	for e := range w.Updates() {
		if e == nil { // the initial values are all in
			if initial {
				close(n.ready)
				initial = false
			}
			continue
		}
		n.apply(e)
		if !initial {
			select {
			case n.changed <- struct{}{}:
			default:
			}
		}
	}
	if initial {
		close(n.ready)
	}
}

func (n *National) apply(e jetstream.KeyValueEntry) {
	if e.Operation() != jetstream.KeyValuePut {
		n.remove(e.Key())
		return
	}
	n.put(e.Key(), e.Value())
}

// put takes in the record of a key, or names it a problem if it cannot be
// true: one agency's bad record must not blind the whole view.
func (n *National) put(key string, value []byte) {
	u, err := decodeUnit(value)
	if err == nil {
		err = u.check(key)
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	delete(n.records, key)
	delete(n.bad, key)
	if err != nil {
		n.bad[key] = err
		return
	}
	n.records[key] = u
}

// remove forgets a deleted key.
func (n *National) remove(key string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	delete(n.records, key)
	delete(n.bad, key)
}

// nationalUnit is a record with its aggregates decoded once, on arrival:
// the tree is rebuilt on every update.
type nationalUnit struct {
	UnitRecord
	aggs map[string]*scoring.Aggregate
}

func decodeUnit(data []byte) (nationalUnit, error) {
	var u nationalUnit
	if err := json.Unmarshal(data, &u.UnitRecord); err != nil {
		return u, err
	}
	u.aggs = map[string]*scoring.Aggregate{}
	for audience, enc := range u.Aggregates {
		a, err := scoring.DecodeAggregate(enc)
		if err != nil {
			return u, fmt.Errorf("%s aggregate: %w", audience, err)
		}
		u.aggs[audience] = a
	}
	u.Aggregates = nil
	return u, nil
}

// check refuses a record that does not belong under its key (another
// agency's, another unit's, another place in the tree), or whose sums no
// real responses could give.
func (u nationalUnit) check(key string) error {
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
	case tokens[1] != keyToken(u.Agency):
		return fmt.Errorf("the record names agency %q, its key another", u.Agency)
	case path[len(path)-1] != keyToken(u.Unit):
		return fmt.Errorf("the record names unit %q, its key another", u.Unit)
	case parent != keyToken(u.Parent) && !(parent == "" && u.Parent == ""):
		return fmt.Errorf("the record places unit %q under %q, its key elsewhere", u.Unit, u.Parent)
	}
	for audience, a := range u.aggs {
		if !slices.Contains(scoring.Audiences, audience) {
			return fmt.Errorf("audience %q is not one of the survey's", audience)
		}
		if err := a.Plausible(audience); err != nil {
			return fmt.Errorf("%s figures impossible: %w", audience, err)
		}
	}
	for audience, days := range u.Counts {
		for day, c := range days {
			if c < 0 || !slices.Contains(scoring.Audiences, audience) {
				return fmt.Errorf("count %d of %s on %s", c, audience, day)
			}
		}
	}
	return nil
}

// Ready is closed once the bucket's current values have been read.
func (n *National) Ready() <-chan struct{} { return n.ready }

// Changed receives a wake-up after updates that came in after Ready.
func (n *National) Changed() <-chan struct{} { return n.changed }

// Agencies lists the agencies that have published, sorted.
func (n *National) Agencies() []string {
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

// Groups merges the current records into one tree whose roots are the
// agencies' root units; the whole survey ("") is the national figure.
func (n *National) Groups() ([]scoring.Node, *scoring.Groups) {
	n.mu.Lock()
	defer n.mu.Unlock()
	nodes := make([]scoring.Node, 0, len(n.records))
	direct := map[string]map[string]*scoring.Aggregate{}
	live := map[string]map[string]int64{}
	n.orphans = n.outsideTrees()
	for key, r := range n.records {
		if _, out := n.orphans[key]; out {
			continue
		}
		node := scoring.Node{ID: NodeID(r.Agency, r.Unit), Name: r.Name, Headcount: r.Headcount}
		if r.Parent != "" {
			node.Parent = NodeID(r.Agency, r.Parent)
		} else {
			node.Name = r.Agency + " · " + r.Name
		}
		nodes = append(nodes, node)
		for audience, a := range r.aggs {
			if direct[audience] == nil {
				direct[audience] = map[string]*scoring.Aggregate{}
			}
			direct[audience][node.ID] = a
		}
		for audience, days := range r.Counts {
			if live[audience] == nil {
				live[audience] = map[string]int64{}
			}
			for _, c := range days {
				live[audience][node.ID] += c
			}
		}
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].ID < nodes[j].ID })
	return nodes, scoring.NewGroups(nodes, direct, live)
}

// Today is how many respondents answered on day, over every agency.
func (n *National) Today(day string) int64 {
	n.mu.Lock()
	defer n.mu.Unlock()
	var total int64
	for _, r := range n.records {
		for _, days := range r.Counts {
			total += days[day]
		}
	}
	return total
}

// outsideTrees names the records whose unit hangs from a parent its agency
// did not publish (or from such a unit): they are left out, not made
// national roots of their own. Called with n.mu held.
func (n *National) outsideTrees() map[string]string {
	byNode := map[string]string{} // node id → key
	for key, r := range n.records {
		byNode[NodeID(r.Agency, r.Unit)] = key
	}
	out := map[string]string{}
	for changed := true; changed; {
		changed = false
		for key, r := range n.records {
			if _, done := out[key]; done || r.Parent == "" {
				continue
			}
			parentKey, ok := byNode[NodeID(r.Agency, r.Parent)]
			_, parentOut := out[parentKey]
			if !ok || parentOut {
				out[key] = fmt.Sprintf("unit %q of agency %q hangs from %q, which is not in the agency's published tree", r.Unit, r.Agency, r.Parent)
				changed = true
			}
		}
	}
	return out
}

// Problems names the records left out because they could not be read.
func (n *National) Problems() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := make([]string, 0, len(n.bad)+len(n.orphans))
	for key, err := range n.bad {
		out = append(out, fmt.Sprintf("key %s of bucket %s left out: %v", key, AggregateBucket, err))
	}
	for key, why := range n.orphans {
		out = append(out, fmt.Sprintf("key %s of bucket %s left out: %s", key, AggregateBucket, why))
	}
	sort.Strings(out)
	return out
}
