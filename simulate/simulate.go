// Package simulate sizes a national server: it fills the aggregate bucket
// with a made-up nation through agency credentials, opens a national view
// on it and publishes updates (berakhlak simulate). Like loadgen, it is a
// load tool, kept apart from the transport it drives.
package simulate

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/berakhlak/berakhlak/relay"

	"github.com/berakhlak/berakhlak/national"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/sync/errgroup"
)

// Config sizes a national server: how big a nation, how fast its
// agencies publish, and how to reach the server. Each simulated agency
// connects with credentials of its own (issued by relay.Auth), which let it write
// only its own keys, as a real agency server's do.
type Config struct {
	URL             string
	Client          relay.ClientOptions // TLS; the credentials come from relay.Auth
	Auth            *relay.Auth
	Instrument      *questionnaire.Instrument
	Survey          string
	Agencies, Units int
	Rate            float64              // updates a second after the fill
	Duration        time.Duration        // how long updates go on
	K               int                  // minimum group size of the view's figures
	Replicas        int                  // of the bucket, if this run creates it
	Keep            bool                 // leave the records in the bucket
	CPU             func() time.Duration // this process's CPU time so far (user and system)
	Progress        func(format string, args ...any)
}

// Report is what an operator sizes a national server by.
type Report struct {
	Agencies int `json:"agencies"`
	Units    int `json:"units_per_agency"`
	Records  int `json:"records"`
	// FillSeconds: every unit record put by its agency.
	FillSeconds float64 `json:"fill_seconds"`
	// FirstFiguresSeconds: a national view opened, every record read, the
	// national figures and one row per agency computed.
	FirstFiguresSeconds float64 `json:"first_figures_seconds"`
	// ViewHeapMB: the heap the open view holds (Go's live heap after a
	// collection, less what this process held before it opened).
	ViewHeapMB float64 `json:"view_heap_mb"`
	Updates    int     `json:"updates"`
	// UpdatesPerSecond: updates put per second, as paced by Rate.
	UpdatesPerSecond float64 `json:"updates_per_second"`
	// VisibleP50Ms/VisibleP99Ms: from an agency's put to the open view
	// counting it.
	VisibleP50Ms float64 `json:"visible_p50_ms"`
	VisibleP99Ms float64 `json:"visible_p99_ms"`
	// Behind: updates the view had not shown two seconds after the last.
	Behind int `json:"behind"`
	// ViewMsPerUpdate: the view's own work per update (a reading and the
	// figures that changed), in wall-clock ms; CPUMsPerUpdate is all of this
	// process's CPU per update — the view and every simulated agency
	// together, an upper bound for the view.
	ViewMsPerUpdate float64 `json:"view_ms_per_update"`
	CPUMsPerUpdate  float64 `json:"cpu_ms_per_update"`
}

// simulateWorkers put records at once: agencies publish in parallel.
const simulateWorkers = 16

// Run fills the aggregate bucket through agency credentials with a
// made-up nation (national.Synthetic), opens a national view on it, then publishes
// updates at the given rate and reports what the view makes of them.
func Run(ctx context.Context, cfg Config) (Report, error) {
	rep := Report{Agencies: cfg.Agencies, Units: cfg.Units, Records: cfg.Agencies * cfg.Units}
	syn := national.NewSynthetic(cfg.Instrument, cfg.Survey, cfg.Agencies, cfg.Units, 1)
	agencies := newAgencies(cfg, syn)
	defer agencies.close()
	if err := provisionBucket(ctx, cfg); err != nil {
		return rep, err
	}
	cfg.Progress("filling the bucket: %d agencies × %d units", cfg.Agencies, cfg.Units)
	start := time.Now()
	if err := fill(ctx, agencies, syn); err != nil {
		return rep, err
	}
	rep.FillSeconds = time.Since(start).Seconds()

	cfg.Progress("opening the national view")
	view, err := openView(ctx, cfg, &rep)
	if err != nil {
		return rep, err
	}
	defer view.close()
	cfg.Progress("publishing %.0f updates a second for %s", cfg.Rate, cfg.Duration)
	if err := view.follow(ctx, cfg, syn, agencies, &rep); err != nil {
		return rep, err
	}
	if cfg.Keep {
		return rep, nil
	}
	cfg.Progress("deleting the simulated records")
	_, units := syn.Size()
	return rep, agencies.eachAgency(ctx, func(kv jetstream.KeyValue, a int) error {
		for u := range units {
			if err := kv.Delete(ctx, syn.Key(a, u)); err != nil {
				return fmt.Errorf("unit %s: %w", syn.Unit(u), err)
			}
		}
		return nil
	})
}

// provisionBucket creates the bucket, as the national desk's `nats
// provision` would, unless it exists (whose configuration it leaves).
func provisionBucket(ctx context.Context, cfg Config) error {
	nc, err := relay.DialProvisioner(cfg.URL, cfg.Client, cfg.Auth)
	if err != nil {
		return err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return fmt.Errorf("JetStream: %w", err)
	}
	if _, err := js.KeyValue(ctx, relay.AggregateBucket); err == nil {
		return nil
	}
	return relay.Provision(ctx, nc, nil, relay.StreamConfig{Replicas: cfg.Replicas})
}

// agencies are the simulated agencies' connections, each with credentials
// of its own, opened when first needed and kept: a nation of thousands of
// agencies updates only some of them in a run.
type agencies struct {
	cfg Config
	syn *national.Synthetic
	mu  sync.Mutex
	kv  map[int]jetstream.KeyValue
	nc  []*nats.Conn
}

func newAgencies(cfg Config, syn *national.Synthetic) *agencies {
	return &agencies{cfg: cfg, syn: syn, kv: map[int]jetstream.KeyValue{}}
}

// bucket is agency a's handle on the bucket, kept open.
func (g *agencies) bucket(ctx context.Context, a int) (jetstream.KeyValue, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if kv, ok := g.kv[a]; ok {
		return kv, nil
	}
	nc, kv, err := g.connect(ctx, a)
	if err != nil {
		return nil, err
	}
	g.nc, g.kv[a] = append(g.nc, nc), kv
	return kv, nil
}

// connect opens agency a's own connection and its handle on the bucket.
func (g *agencies) connect(ctx context.Context, a int) (*nats.Conn, jetstream.KeyValue, error) {
	creds, err := g.cfg.Auth.Creds(relay.Identity{Role: relay.RoleAgency, Agency: g.syn.Agency(a)})
	if err != nil {
		return nil, nil, err
	}
	o := g.cfg.Client
	o.Creds, o.CredsData = "", creds
	nc, err := relay.Dial(g.cfg.URL, "berakhlak simulate "+g.syn.Agency(a), o)
	if err != nil {
		return nil, nil, err
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("JetStream: %w", err)
	}
	kv, err := relay.OpenAggregateBucket(ctx, js, g.syn.Agency(a))
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	return nc, kv, nil
}

// eachAgency runs do for every agency on a connection of its own, opened
// for it and closed after, agencies in parallel; it stops at the first
// error.
func (g *agencies) eachAgency(ctx context.Context, do func(kv jetstream.KeyValue, a int) error) error {
	n, _ := g.syn.Size()
	group, groupCtx := errgroup.WithContext(ctx)
	group.SetLimit(simulateWorkers)
	for a := range n {
		if groupCtx.Err() != nil {
			break
		}
		group.Go(func() error {
			nc, kv, err := g.connect(groupCtx, a)
			if err == nil {
				err = do(kv, a)
				nc.Close()
			}
			if err != nil {
				return fmt.Errorf("agency %s: %w", g.syn.Agency(a), err)
			}
			return nil
		})
	}
	if err := group.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

func (g *agencies) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, nc := range g.nc {
		nc.Close()
	}
}

// fill puts every unit record.
func fill(ctx context.Context, g *agencies, syn *national.Synthetic) error {
	var mu sync.Mutex // national.Synthetic is not safe for concurrent use
	_, units := syn.Size()
	return g.eachAgency(ctx, func(kv jetstream.KeyValue, a int) error {
		for u := range units {
			mu.Lock()
			key, value := syn.Record(a, u)
			mu.Unlock()
			if _, err := kv.Put(ctx, key, value); err != nil {
				return fmt.Errorf("unit %s: %w", syn.Unit(u), err)
			}
		}
		return nil
	})
}

// simView is the national view the simulation watches.
type simView struct {
	nc       *nats.Conn
	cancel   context.CancelFunc
	national *national.View
	set      scoring.Settings
	in       *questionnaire.Instrument
}

func openView(ctx context.Context, cfg Config, rep *Report) (*simView, error) {
	o := cfg.Client
	o.Creds = ""
	creds, err := cfg.Auth.Creds(relay.Identity{Role: relay.RoleNational})
	if err != nil {
		return nil, err
	}
	o.CredsData = creds
	before := LiveHeapMB()
	start := time.Now()
	nc, err := relay.Dial(cfg.URL, "berakhlak simulate national view", o)
	if err != nil {
		return nil, err
	}
	watchCtx, cancel := context.WithCancel(ctx)
	national, err := relay.WatchNational(watchCtx, nc, cfg.Survey, cfg.K)
	if err != nil {
		cancel()
		nc.Close()
		return nil, err
	}
	<-national.Ready()
	v := &simView{nc: nc, cancel: cancel, national: national, set: scoring.Settings{Survey: cfg.Survey, K: cfg.K}, in: cfg.Instrument}
	_, groups := national.Groups()
	groups.Group("", v.set, v.in)
	for _, root := range groups.Roots() {
		groups.Group(root, v.set, v.in)
	}
	rep.FirstFiguresSeconds = time.Since(start).Seconds()
	rep.ViewHeapMB = LiveHeapMB() - before
	return v, nil
}

func (v *simView) close() {
	v.cancel()
	v.nc.Close()
}

// pendingUpdate is an update not yet seen: when it was put, and the unit's
// respondents once it is in.
type pendingUpdate struct {
	at    time.Time
	count int64
}

// follow publishes updates at the rate and, on every wake-up of the view,
// takes a reading, computes the figures that changed and notes which
// updates it now shows.
func (v *simView) follow(ctx context.Context, cfg Config, syn *national.Synthetic, publishers *agencies, rep *Report) error {
	var mu sync.Mutex
	pending := map[string]pendingUpdate{} // node id → the latest update of it
	var visible []time.Duration
	var viewTime time.Duration
	done := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for {
			select {
			case <-done:
				return
			case <-v.national.Changed():
			}
			start := time.Now()
			_, groups := v.national.Groups()
			groups.Group("", v.set, v.in)
			mu.Lock()
			for unit, p := range pending {
				agency, _, _ := strings.Cut(unit, "/")
				groups.Group(national.NodeID(agency, "root"), v.set, v.in) // the agency's row changed
				if ownCount(groups, unit) == p.count {
					visible = append(visible, time.Since(p.at))
					delete(pending, unit)
				}
			}
			viewTime += time.Since(start)
			mu.Unlock()
		}
	}()
	agencies, units := syn.Size()
	cpuBefore := cfg.CPU()
	tick := time.NewTicker(time.Duration(float64(time.Second) / cfg.Rate))
	defer tick.Stop()
	end := time.Now().Add(cfg.Duration)
	start := time.Now()
	for i := 0; time.Now().Before(end); i++ {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
		a, u := (i*7919)%agencies, (i*104729)%units
		key, value := syn.Respond(a, u)
		rec, _ := national.DecodeRecord(value)
		mu.Lock()
		pending[national.NodeID(rec.Agency, rec.Unit)] = pendingUpdate{at: time.Now(), count: recordCount(rec)}
		mu.Unlock()
		kv, err := publishers.bucket(ctx, a)
		if err != nil {
			return err
		}
		if _, err := kv.Put(ctx, key, value); err != nil {
			return fmt.Errorf("put %s: %w", key, err)
		}
		rep.Updates++
	}
	rep.UpdatesPerSecond = float64(rep.Updates) / time.Since(start).Seconds()
	time.Sleep(2 * time.Second) // the last updates' time to arrive
	close(done)
	<-watched
	cpu := cfg.CPU() - cpuBefore
	mu.Lock()
	defer mu.Unlock()
	rep.Behind = len(pending)
	slices.Sort(visible)
	if len(visible) > 0 {
		rep.VisibleP50Ms = ms(visible[len(visible)/2])
		rep.VisibleP99Ms = ms(visible[min(len(visible)*99/100, len(visible)-1)])
	}
	if rep.Updates > 0 {
		rep.ViewMsPerUpdate = ms(viewTime) / float64(rep.Updates)
		rep.CPUMsPerUpdate = ms(cpu) / float64(rep.Updates)
	}
	return nil
}

// ownCount is a unit's respondents less its sub-units'.
func ownCount(groups *scoring.Groups, unit string) int64 {
	n := groups.Count(unit, questionnaire.AudienceASN) + groups.Count(unit, questionnaire.AudiencePublic)
	for _, c := range groups.Children(unit) {
		n -= groups.Count(c, questionnaire.AudienceASN) + groups.Count(c, questionnaire.AudiencePublic)
	}
	return n
}

func recordCount(rec national.UnitRecord) int64 {
	var n int64
	for _, days := range rec.Counts {
		for _, c := range days {
			n += c
		}
	}
	return n
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// LiveHeapMB is Go's live heap after a collection, in MB.
func LiveHeapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / 1e6
}
