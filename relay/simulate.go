package relay

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// SimulateConfig sizes a national server: how big a nation, how fast its
// agencies publish, and how to reach the server. Each simulated agency
// connects with credentials of its own (issued by Auth), which let it write
// only its own keys, as a real agency server's do.
type SimulateConfig struct {
	URL             string
	Client          ClientOptions // TLS; the credentials come from Auth
	Auth            *Auth
	Instrument      *questionnaire.Instrument
	Survey          string
	Agencies, Units int
	Rate            float64       // updates a second after the fill
	Duration        time.Duration // how long updates go on
	K               int           // minimum group size of the view's figures
	Replicas        int           // of the bucket, if this run creates it
	Keep            bool          // leave the records in the bucket
	Progress        func(format string, args ...any)
}

// SimulateReport is what an operator sizes a national server by.
type SimulateReport struct {
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

// Simulate fills the aggregate bucket through agency credentials with a
// made-up nation (Synthetic), opens a national view on it, then publishes
// updates at the given rate and reports what the view makes of them.
func Simulate(ctx context.Context, cfg SimulateConfig) (SimulateReport, error) {
	rep := SimulateReport{Agencies: cfg.Agencies, Units: cfg.Units, Records: cfg.Agencies * cfg.Units}
	syn := NewSynthetic(cfg.Instrument, cfg.Survey, cfg.Agencies, cfg.Units, 1)
	buckets, closeAll, err := agencyBuckets(ctx, cfg, syn)
	if err != nil {
		return rep, err
	}
	defer closeAll()
	cfg.Progress("filling the bucket: %d agencies × %d units", cfg.Agencies, cfg.Units)
	start := time.Now()
	if err := fill(ctx, buckets, syn); err != nil {
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
	if err := view.follow(ctx, cfg, syn, buckets, &rep); err != nil {
		return rep, err
	}
	if cfg.Keep {
		return rep, nil
	}
	cfg.Progress("deleting the simulated records")
	return rep, eachRecord(ctx, syn, func(a, u int) error {
		return buckets[a].Delete(ctx, syn.Key(a, u))
	})
}

// agencyBuckets connects every simulated agency with its own credentials.
func agencyBuckets(ctx context.Context, cfg SimulateConfig, syn *Synthetic) ([]jetstream.KeyValue, func(), error) {
	var conns []*nats.Conn
	closeAll := func() {
		for _, nc := range conns {
			nc.Close()
		}
	}
	buckets := make([]jetstream.KeyValue, cfg.Agencies)
	for a := range cfg.Agencies {
		o := cfg.Client
		o.Role, o.Agency, o.Creds = RoleAgency, syn.Agency(a), ""
		creds, err := cfg.Auth.Creds(RoleAgency, syn.Agency(a))
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		o.CredsData = creds
		nc, err := Dial(cfg.URL, "berakhlak simulate "+syn.Agency(a), o)
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		conns = append(conns, nc)
		js, err := jetstream.New(nc)
		if err != nil {
			closeAll()
			return nil, nil, fmt.Errorf("JetStream: %w", err)
		}
		if buckets[a], err = openAggregateBucket(ctx, js, max(cfg.Replicas, 1)); err != nil {
			closeAll()
			return nil, nil, err
		}
	}
	return buckets, closeAll, nil
}

// fill puts every unit record, agencies in parallel.
func fill(ctx context.Context, buckets []jetstream.KeyValue, syn *Synthetic) error {
	var mu sync.Mutex // Synthetic is not safe for concurrent use
	return eachRecord(ctx, syn, func(a, u int) error {
		mu.Lock()
		key, value := syn.Record(a, u)
		mu.Unlock()
		_, err := buckets[a].Put(ctx, key, value)
		return err
	})
}

// eachRecord runs do for every unit of every agency, agencies in parallel,
// and stops at the first error.
func eachRecord(ctx context.Context, syn *Synthetic, do func(a, u int) error) error {
	agencies, units := syn.Size()
	work := make(chan int)
	errs := make(chan error, simulateWorkers)
	var wg sync.WaitGroup
	for range simulateWorkers {
		wg.Go(func() {
			for a := range work {
				for u := range units {
					if err := do(a, u); err != nil {
						errs <- fmt.Errorf("agency %s unit %s: %w", syn.Agency(a), syn.Unit(u), err)
						return
					}
				}
			}
		})
	}
	var err error
feed:
	for a := range agencies {
		select {
		case work <- a:
		case err = <-errs:
			break feed
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(work)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errs:
		default:
		}
	}
	return err
}

// simView is the national view the simulation watches.
type simView struct {
	nc       *nats.Conn
	cancel   context.CancelFunc
	national *National
	set      scoring.Settings
	in       *questionnaire.Instrument
}

func openView(ctx context.Context, cfg SimulateConfig, rep *SimulateReport) (*simView, error) {
	o := cfg.Client
	o.Role, o.Agency, o.Creds = RoleNational, "", ""
	creds, err := cfg.Auth.Creds(RoleNational, "")
	if err != nil {
		return nil, err
	}
	o.CredsData = creds
	before := liveHeapMB()
	start := time.Now()
	nc, err := Dial(cfg.URL, "berakhlak simulate national view", o)
	if err != nil {
		return nil, err
	}
	watchCtx, cancel := context.WithCancel(ctx)
	national, err := WatchNational(watchCtx, nc, cfg.Survey)
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
	rep.ViewHeapMB = liveHeapMB() - before
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
func (v *simView) follow(ctx context.Context, cfg SimulateConfig, syn *Synthetic, buckets []jetstream.KeyValue, rep *SimulateReport) error {
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
				groups.Group(NodeID(agency, "root"), v.set, v.in) // the agency's row changed
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
	cpuBefore := processCPU()
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
		rec, _ := DecodeRecord(value)
		mu.Lock()
		pending[NodeID(rec.Agency, rec.Unit)] = pendingUpdate{at: time.Now(), count: recordCount(rec)}
		mu.Unlock()
		if _, err := buckets[a].Put(ctx, key, value); err != nil {
			return fmt.Errorf("put %s: %w", key, err)
		}
		rep.Updates++
	}
	rep.UpdatesPerSecond = float64(rep.Updates) / time.Since(start).Seconds()
	time.Sleep(2 * time.Second) // the last updates' time to arrive
	close(done)
	<-watched
	cpu := processCPU() - cpuBefore
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

func recordCount(rec UnitRecord) int64 {
	var n int64
	for _, days := range rec.Counts {
		for _, c := range days {
			n += c
		}
	}
	return n
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func liveHeapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / 1e6
}

// processCPU is this process's CPU time so far, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
