package relay

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// BenchmarkForward: a kiosk's backlog of 2,000 stored responses forwarded to
// the agency server and stored there, end to end on loopback; reported in
// responses per second.
func BenchmarkForward(b *testing.B) {
	const backlog = 2000
	rng := rand.New(rand.NewPCG(1, 1))
	batch := make([]*questionnaire.Response, backlog)
	for i := range batch {
		batch[i] = sample(rng, db.RootUnitID)
	}
	var total time.Duration
	for range b.N {
		ns := startServer(b, b.TempDir(), 0)
		kiosk, agency := openStore(b, "kiosk.db"), openStore(b, "agency.db")
		if _, err := kiosk.SaveResponses(batch); err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		consumer, err := NewConsumer(agency, questionnaire.Default(), connect(b, ns.ClientURL(), ns.Auth, RoleAgency, "bkn"), "bkn", b.TempDir()+"/rejected.jsonl", b.Logf)
		if err != nil {
			b.Fatal(err)
		}
		go consumer.Run(ctx)
		fwd, err := NewForwarder(kiosk, connect(b, ns.ClientURL(), ns.Auth, RoleKiosk, "bkn"), identity(RoleKiosk, "bkn"))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		go fwd.Run(ctx)
		for consumer.Stored.Load() < backlog {
			time.Sleep(time.Millisecond)
		}
		total += time.Since(start)
		cancel()
		ns.Stop()
	}
	b.ReportMetric(float64(backlog*b.N)/total.Seconds(), "responses/s")
	b.ReportMetric(0, "ns/op") // setup dominates ns/op; responses/s is the figure
}

// BenchmarkKioskCommitToNational: one response committed at a kiosk until
// the national view counts it: forwarder, stream, agency consumer and
// commit, aggregate publisher, bucket, watch. All on one loopback server.
func BenchmarkKioskCommitToNational(b *testing.B) {
	ns := startServer(b, b.TempDir(), 0)
	defer ns.Stop()
	kiosk, agency := openStore(b, "kiosk.db"), openStore(b, "agency.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	consumer, err := NewConsumer(agency, instrument, connect(b, ns.ClientURL(), ns.Auth, RoleAgency, "bkn"), "bkn", b.TempDir()+"/rejected.jsonl", b.Logf)
	if err != nil {
		b.Fatal(err)
	}
	pub, err := NewPublisher(agency, connect(b, ns.ClientURL(), ns.Auth, RoleAgency, "bkn"), "bkn", b.Logf)
	if err != nil {
		b.Fatal(err)
	}
	if err := pub.PublishChanged(ctx); err != nil {
		b.Fatal(err)
	}
	fwd, err := NewForwarder(kiosk, connect(b, ns.ClientURL(), ns.Auth, RoleKiosk, "bkn"), identity(RoleKiosk, "bkn"))
	if err != nil {
		b.Fatal(err)
	}
	go consumer.Run(ctx)
	go pub.Run(ctx)
	go fwd.Run(ctx)
	view, err := WatchNational(ctx, connect(b, ns.ClientURL(), ns.Auth, RoleNational, ""), "2026", 5)
	if err != nil {
		b.Fatal(err)
	}
	<-view.Ready()
	rng := rand.New(rand.NewPCG(2, 2))
	var n int64
	for b.Loop() {
		if err := kiosk.SaveResponse(sample(rng, db.RootUnitID)); err != nil {
			b.Fatal(err)
		}
		n++
		for {
			<-view.Changed()
			_, g := view.Groups()
			if g.Count("", questionnaire.AudienceASN)+g.Count("", questionnaire.AudiencePublic) == n {
				break
			}
		}
	}
}
