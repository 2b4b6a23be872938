package relay

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/national"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// twoAgenciesOnOneServer is the shared-cluster shape under attack: agencies
// a1 and a2, each with a kiosk, on the server at url. Agency a2's own valid
// credentials try what issue 28 saw break — binding a1's consumer, updating
// streams (republish, subject transform, max_age, sealed), a rollup on its
// own key — and each is refused; then each agency stores exactly its own
// kiosk's responses and its keys stand as written.
func twoAgenciesOnOneServer(t *testing.T, url string, auth *Auth, tls ClientOptions) {
	provisionAt(t, url, auth, tls, StreamConfig{}, "a1", "a2")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	short := func() context.Context {
		c, stop := context.WithTimeout(ctx, 500*time.Millisecond) // a refused call never answers
		t.Cleanup(stop)
		return c
	}
	dial := func(id Identity) *nats.Conn {
		nc, _ := dialWatched(t, url, auth, tls, id)
		return nc
	}
	kiosk := func(agency string, n int, seed uint64) *db.Store {
		store := openStore(t, agency+"-kiosk.db")
		id := Identity{Role: RoleKiosk, Agency: agency, Kiosk: "lobby"}
		fwd, err := NewForwarder(store, dial(id), id)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(seed, seed))
		for range n {
			if err := store.SaveResponse(sample(rng, db.RootUnitID)); err != nil {
				t.Fatal(err)
			}
		}
		runInBackground(t, fwd.Run)
		return store
	}
	kiosk("a1", 20, 1)
	kiosk("a2", 10, 2)
	var allTLS []nats.Option
	if tls.CA != "" {
		allTLS = append(allTLS, nats.RootCAs(tls.CA))
	}
	all, _ := jetstream.New(connectAll(t, url, auth, allTLS...))
	eventually(t, 30*time.Second, "the 30 responses reach the two streams", func() bool {
		s1, err1 := all.Stream(ctx, ResponseStream("a1"))
		s2, err2 := all.Stream(ctx, ResponseStream("a2"))
		return err1 == nil && err2 == nil && s1.CachedInfo().State.Msgs == 20 && s2.CachedInfo().State.Msgs == 10
	})

	attacker, _ := jetstream.New(dial(Identity{Role: RoleAgency, Agency: "a2"}))
	if c, err := attacker.Consumer(short(), ResponseStream("a1"), agencyConsumer); err == nil {
		if batch, err := c.FetchNoWait(10); err == nil {
			for m := range batch.Messages() {
				t.Errorf("agency a2 read a response of a1: %s", m.Data())
			}
		}
		t.Error("agency a2 bound agency a1's consumer")
	}
	for _, update := range []jetstream.StreamConfig{
		func() jetstream.StreamConfig {
			c := responseStreamConfig("a1", StreamConfig{Replicas: 1, Duplicates: DefaultDuplicates})
			c.RePublish = &jetstream.RePublish{Source: ">", Destination: "_INBOX_agency.a2.stolen.>"}
			return c
		}(),
		func() jetstream.StreamConfig {
			c := bucketStreamConfig(StreamConfig{Replicas: 1})
			c.SubjectTransform = &jetstream.SubjectTransformConfig{Source: kvSubject + ".*.a2.>", Destination: kvSubject + ".2026.a1.root"}
			return c
		}(),
		func() jetstream.StreamConfig {
			c := bucketStreamConfig(StreamConfig{Replicas: 1})
			c.MaxAge = 2 * time.Second
			return c
		}(),
		func() jetstream.StreamConfig {
			c := bucketStreamConfig(StreamConfig{Replicas: 1})
			c.Sealed = true
			return c
		}(),
		func() jetstream.StreamConfig {
			c := responseStreamConfig("a2", StreamConfig{Replicas: 1, Duplicates: DefaultDuplicates})
			c.Sealed = true
			return c
		}(),
	} {
		if _, err := attacker.UpdateStream(short(), update); err == nil {
			t.Errorf("agency a2 updated stream %s", update.Name)
		}
	}
	for _, stream := range []string{ResponseStream("a1"), ResponseStream("a2"), kvStream} {
		if err := attacker.DeleteStream(short(), stream); err == nil {
			t.Errorf("agency a2 deleted stream %s", stream)
		}
	}

	// The honest agencies consume and publish.
	stores := map[string]*db.Store{}
	for _, agency := range []string{"a1", "a2"} {
		store := openStore(t, agency+".db")
		stores[agency] = store
		consumer, err := NewConsumer(store, questionnaire.Default(), dial(Identity{Role: RoleAgency, Agency: agency}), agency,
			filepath.Join(t.TempDir(), "rejected.jsonl"), t.Logf)
		if err != nil {
			t.Fatal(err)
		}
		runInBackground(t, consumer.Run)
		publisher, err := NewPublisher(store, dial(Identity{Role: RoleAgency, Agency: agency}), agency, t.Logf)
		if err != nil {
			t.Fatal(err)
		}
		runInBackground(t, publisher.Run)
	}
	eventually(t, 30*time.Second, "each agency stores its own kiosk's responses", func() bool {
		return count(t, stores["a1"]) == 20 && count(t, stores["a2"]) == 10
	})
	kv, err := all.KeyValue(ctx, AggregateBucket)
	if err != nil {
		t.Fatal(err)
	}
	a1Key := national.Key("2026", "a1", []string{db.RootUnitID})
	eventually(t, 30*time.Second, "agency a1's key is published", func() bool {
		_, err := kv.Get(ctx, a1Key)
		return err == nil
	})

	// A rollup on a2's own key would purge every agency's record.
	rollup := nats.NewMsg(kvSubject + "." + national.Key("2026", "a2", []string{db.RootUnitID}))
	rollup.Header.Set("Nats-Rollup", "all")
	if _, err := attacker.PublishMsg(short(), rollup); err == nil {
		t.Error("a rollup header was accepted in the bucket")
	}
	if _, err := kv.Get(ctx, a1Key); err != nil {
		t.Errorf("agency a1's key after a2's rollup: %v", err)
	}
	for _, stream := range []string{ResponseStream("a1"), kvStream} {
		s, err := all.Stream(ctx, stream)
		if err != nil {
			t.Fatal(err)
		}
		c := s.CachedInfo().Config
		if c.Sealed || c.MaxAge != 0 || c.RePublish != nil || c.SubjectTransform != nil {
			t.Errorf("stream %s changed by the attacks: %+v", stream, c)
		}
	}
	if count(t, stores["a1"]) != 20 || count(t, stores["a2"]) != 10 {
		t.Errorf("stored %d and %d; want exactly 20 and 10", count(t, stores["a1"]), count(t, stores["a2"]))
	}
}

func TestTwoAgenciesOnOneServer(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	twoAgenciesOnOneServer(t, ns.ClientURL(), ns.Auth, ClientOptions{})
}
