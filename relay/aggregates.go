package relay

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/national"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Publisher keeps an agency's per-unit aggregates in the national bucket: it
// puts a unit's record after each commit that changed it.
type Publisher struct {
	store  *db.Store
	js     jetstream.JetStream
	agency string
	logf   func(string, ...any)

	kv        jetstream.KeyValue
	published map[string]string // key → fingerprint of the record put last
	pruned    map[string]bool   // the surveys held when stale keys were last deleted (nil: not yet)
}

// NewPublisher publishes store's aggregates under agency over nc.
func NewPublisher(store *db.Store, nc *nats.Conn, agency string, logf func(string, ...any)) (*Publisher, error) {
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("JetStream: %w", err)
	}
	return &Publisher{store: store, js: js, agency: agency, logf: logf}, nil
}

// Run publishes at start and after every commit until ctx ends, retrying with
// a growing pause while NATS is unreachable. It returns only ctx's error.
func (p *Publisher) Run(ctx context.Context) error {
	events, stop := p.store.Subscribe()
	defer stop()
	var pace backoff
	for {
		err := p.PublishChanged(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		retry, wait := pace.after(err)
		if err != nil {
			p.logf("NATS: publishing aggregates: %v; retrying in %s", err, wait)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-events:
			drain(events) // commits meanwhile are covered by this round
		case <-retry:
		}
	}
}

func drain(events <-chan db.Committed) {
	for {
		select {
		case <-events:
		default:
			return
		}
	}
}

// PublishChanged puts the record of every unit whose tree place or counts
// changed since it was last put, for every survey.
func (p *Publisher) PublishChanged(ctx context.Context) error {
	if p.kv == nil {
		kv, err := OpenAggregateBucket(ctx, p.js, p.agency)
		if err != nil {
			return err
		}
		p.kv, p.published, p.pruned = kv, map[string]string{}, nil
	}
	units, err := p.store.Units()
	if err != nil {
		return err
	}
	surveys, err := p.store.Surveys()
	if err != nil {
		return err
	}
	paths := unitPaths(units)
	current := map[string]bool{} // every key this agency's records have now
	held := map[string]bool{}
	for _, sv := range surveys {
		held[sv.ID] = true
		r, err := p.store.Reading(sv.ID, nil)
		if err != nil {
			return err
		}
		days, err := p.store.LiveDays(sv.ID)
		if err != nil {
			return err
		}
		for _, u := range units {
			key := national.Key(sv.ID, p.agency, paths[u.ID])
			current[key] = true
			rec := unitRecord(p.agency, u, r, days, u.ID == firstRoot(units))
			rec.K = sv.StepK()
			data := national.EncodeRecord(rec)
			fingerprint := string(data)
			if p.published[key] == fingerprint {
				continue
			}
			if _, err := p.kv.Put(ctx, key, data); err != nil {
				return fmt.Errorf("put %s: %w", key, err)
			}
			p.published[key] = fingerprint
		}
		focusKey, data, err := p.focusRecord(sv.ID)
		if err != nil {
			return err
		}
		if data != nil {
			current[focusKey] = true
			if p.published[focusKey] != string(data) {
				if _, err := p.kv.Put(ctx, focusKey, data); err != nil {
					return fmt.Errorf("put %s: %w", focusKey, err)
				}
				p.published[focusKey] = string(data)
			}
		}
	}
	// Keys of units no longer in the tree (moved or removed while the
	// server was stopped) and of surveys no longer held (one removed as a
	// mistake): at the first round, and whenever the surveys change.
	if p.pruned == nil || !maps.Equal(held, p.pruned) {
		if err := p.prune(ctx, current); err != nil {
			return err
		}
		p.pruned = held
	}
	return nil
}

// OpenAggregateBucket opens the national bucket, which provisioning made.
func OpenAggregateBucket(ctx context.Context, js jetstream.JetStream, agency string) (jetstream.KeyValue, error) {
	kv, err := js.KeyValue(ctx, AggregateBucket)
	if err != nil {
		return nil, notProvisioned(fmt.Errorf("open bucket %s: %w", AggregateBucket, err), "the aggregate bucket", agency)
	}
	return kv, nil
}

// unitRecord is what the national bucket holds of one unit: its released
// chunks, its share chunks and its live counts by date. The chunks released
// at the level of the whole agency (unit "") travel with the first root
// unit, so the national figures of the agency include them.
func unitRecord(agency string, u db.Unit, r db.Reading, days map[string]map[string]map[string]int64, firstRoot bool) national.UnitRecord {
	rec := national.UnitRecord{Agency: agency, Unit: u.ID, Parent: u.Parent, Name: u.Name, Headcount: u.Headcount,
		Aggregates: map[string][]byte{}, Counts: map[string]map[string]int64{}, Shares: map[string][]byte{}}
	for _, from := range []struct {
		chunks scoring.Released
		into   map[string][]byte
		keep   func(*scoring.Aggregate) *scoring.Aggregate
	}{
		{r.Released, rec.Aggregates, func(a *scoring.Aggregate) *scoring.Aggregate { return a }},
		{r.Shares, rec.Shares, scoring.ShareSums}, // only what shares are computed from
	} {
		for audience, byUnit := range from.chunks {
			chunk := scoring.NewAggregate()
			chunk.Merge(byUnit[u.ID])
			if firstRoot {
				chunk.Merge(byUnit[""])
			}
			if chunk.N > 0 {
				from.into[audience] = scoring.EncodeAggregate(from.keep(chunk))
			}
		}
	}
	for audience, byUnit := range days {
		if d := byUnit[u.ID]; len(d) > 0 {
			rec.Counts[audience] = d
		}
	}
	return rec
}

// focusRecord is the agency's focus counts of a survey for the national
// bucket (national.FocusRecord: how many units work on each value, by
// status; no text), nil when no unit has a plan.
func (p *Publisher) focusRecord(survey string) (key string, data []byte, err error) {
	plans, err := p.store.Plans(survey)
	if err != nil || len(plans) == 0 {
		return "", nil, err
	}
	rec := national.FocusRecord{Agency: p.agency, Counts: national.FocusCounts{}}
	for _, plan := range plans {
		for _, f := range plan.Focus {
			value := questionnaire.FocusValue(f.Focus)
			if rec.Counts[value] == nil {
				rec.Counts[value] = map[string]int64{}
			}
			rec.Counts[value][f.Status]++
		}
	}
	data, err = json.Marshal(rec)
	return national.FocusKey(survey, p.agency), data, err
}

// firstRoot is the first unit without a parent, in id order.
func firstRoot(units []db.Unit) string {
	known := map[string]bool{}
	for _, u := range units {
		known[u.ID] = true
	}
	first := ""
	for _, u := range units {
		if (u.Parent == "" || !known[u.Parent]) && (first == "" || u.ID < first) {
			first = u.ID
		}
	}
	return first
}

// prune deletes this agency's keys that are not current, so no respondent
// counts twice nationally and the national view keeps no survey the agency
// has not got.
func (p *Publisher) prune(ctx context.Context, current map[string]bool) error {
	keys, err := p.kv.ListKeysFiltered(ctx, "*."+national.KeyToken(p.agency)+".>")
	if err != nil {
		return fmt.Errorf("list keys of agency %s: %w", p.agency, err)
	}
	var stale []string
	for k := range keys.Keys() {
		if !current[k] {
			stale = append(stale, k)
		}
	}
	for _, k := range stale {
		if err := p.kv.Delete(ctx, k); err != nil {
			return fmt.Errorf("delete stale key %s: %w", k, err)
		}
		delete(p.published, k)
	}
	return nil
}

// unitPaths gives each unit the ids from its root down to itself.
func unitPaths(units []db.Unit) map[string][]string {
	parent := map[string]string{}
	for _, u := range units {
		parent[u.ID] = u.Parent
	}
	paths := map[string][]string{}
	for _, u := range units {
		var path []string
		for id, steps := u.ID, 0; id != "" && steps <= len(units); id, steps = parent[id], steps+1 {
			path = append([]string{id}, path...)
		}
		paths[u.ID] = path
	}
	return paths
}
