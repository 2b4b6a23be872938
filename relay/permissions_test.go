package relay

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// violations collects the permission errors the server sends a connection.
type violations struct {
	mu   sync.Mutex
	errs []string
}

func (v *violations) handler(_ *nats.Conn, _ *nats.Subscription, err error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.errs = append(v.errs, err.Error())
}

func (v *violations) saw(subject string) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, e := range v.errs {
		if strings.Contains(e, "Permissions Violation") && strings.Contains(e, subject) {
			return true
		}
	}
	return false
}

// connectWatched is connect with the permission errors collected.
func connectWatched(t *testing.T, ns *Embedded, role Role, agency string) (*nats.Conn, *violations) {
	t.Helper()
	creds, err := ns.Auth.Creds(role, agency)
	if err != nil {
		t.Fatal(err)
	}
	v := &violations{}
	opts, err := ClientOptions{Role: role, Agency: agency, CredsData: creds}.natsOptions(ns.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	nc, err := nats.Connect(ns.ClientURL(), append(opts, nats.ErrorHandler(v.handler))...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc, v
}

// TestEachRoleCanDoOnlyItsJob attacks the embedded server as each role:
// nobody gets in without credentials; a kiosk can neither read the stream
// nor write the bucket; an agency cannot write another agency's key nor
// delete the stream or the bucket; the national view cannot write. What the
// roles are for still works (the other relay tests run through the same
// permissions).
func TestEachRoleCanDoOnlyItsJob(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	if nc, err := nats.Connect(ns.ClientURL(), nats.Timeout(2*time.Second)); err == nil {
		nc.Close()
		t.Fatal("an anonymous client was let in")
	}

	// The agency sets up the stream and the bucket, as serve does.
	agencyNC, _ := connectWatched(t, ns, RoleAgency, "bkn")
	agencyJS, _ := jetstream.New(agencyNC)
	if _, err := agencyJS.CreateOrUpdateStream(ctx, jetstream.StreamConfig{Name: ResponseStream, Subjects: []string{ResponseSubject},
		Retention: jetstream.WorkQueuePolicy}); err != nil {
		t.Fatalf("the agency cannot create its stream: %v", err)
	}
	kv, err := agencyJS.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: AggregateBucket})
	if err != nil {
		t.Fatalf("the agency cannot create the bucket: %v", err)
	}
	if _, err := kv.Put(ctx, "2026.bkn.root", []byte("{}")); err != nil {
		t.Fatalf("the agency cannot write its own key: %v", err)
	}

	all := connectAll(t, ns.ClientURL(), ns.Auth)
	allJS, _ := jetstream.New(all)
	short, cancelShort := context.WithTimeout(ctx, 3*time.Second)
	defer cancelShort()

	// A kiosk: publish a response (allowed), then try to read the stream
	// and to write the bucket.
	kioskNC, kioskV := connectWatched(t, ns, RoleKiosk, "")
	kioskJS, _ := jetstream.New(kioskNC)
	if _, err := kioskJS.Publish(ctx, ResponseSubject, []byte(`{"id":"x"}`)); err != nil {
		t.Fatalf("a kiosk cannot publish a response: %v", err)
	}
	if _, err := kioskJS.CreateOrUpdateConsumer(short, ResponseStream, jetstream.ConsumerConfig{Durable: "snoop"}); err == nil {
		t.Error("a kiosk created a consumer on the response stream")
	}
	if sub, err := kioskNC.SubscribeSync(">"); err == nil {
		kioskNC.Flush()
		if _, err := sub.NextMsg(500 * time.Millisecond); err == nil {
			t.Error("a kiosk read messages by subscribing to >")
		}
	}
	kioskNC.Publish("$KV."+AggregateBucket+".2026.bkn.fake", []byte("{}"))
	kioskNC.Flush()

	// An agency writes another agency's key and tries to delete things.
	agencyNC.Publish("$KV."+AggregateBucket+".2026.lan.root", []byte("{}"))
	agencyNC.Flush()
	if err := agencyJS.DeleteStream(short, ResponseStream); err == nil {
		t.Error("an agency deleted the response stream")
	}
	if err := agencyJS.DeleteKeyValue(short, AggregateBucket); err == nil {
		t.Error("an agency deleted the aggregate bucket")
	}

	// The national view reads, and cannot write.
	nationalNC, nationalV := connectWatched(t, ns, RoleNational, "")
	nationalJS, _ := jetstream.New(nationalNC)
	nkv, err := nationalJS.KeyValue(ctx, AggregateBucket)
	if err != nil {
		t.Fatalf("the national view cannot open the bucket: %v", err)
	}
	w, err := nkv.WatchAll(ctx)
	if err != nil {
		t.Fatalf("the national view cannot watch: %v", err)
	}
	if e := <-w.Updates(); e == nil || e.Key() != "2026.bkn.root" {
		t.Fatalf("the national view read %v, want the agency's key", e)
	}
	w.Stop()
	if _, err := nkv.Put(short, "2026.bkn.root", []byte("{}")); err == nil {
		t.Error("the national view wrote a key")
	}
	nationalNC.Publish("$KV."+AggregateBucket+".2026.bkn.root", []byte("{}"))
	nationalNC.Flush()

	eventuallyTrue := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Errorf("no sign that %s was refused", what)
				return
			}
		}
	}
	eventuallyTrue("the kiosk's write to the bucket", func() bool { return kioskV.saw("$KV." + AggregateBucket) })
	eventuallyTrue("the national view's write", func() bool { return nationalV.saw("$KV." + AggregateBucket) })

	// What is in the bucket and the stream afterwards: only the agency's key.
	akv, _ := allJS.KeyValue(ctx, AggregateBucket)
	keys, _ := akv.Keys(ctx)
	if len(keys) != 1 || keys[0] != "2026.bkn.root" {
		t.Fatalf("bucket keys after the attacks: %v; want only 2026.bkn.root", keys)
	}
	if e, _ := akv.Get(ctx, "2026.bkn.root"); e == nil || e.Revision() != 1 {
		t.Fatal("the agency's key was overwritten")
	}
	if _, err := allJS.Stream(ctx, ResponseStream); errors.Is(err, jetstream.ErrStreamNotFound) {
		t.Fatal("the response stream was deleted")
	}
}

// TestClearTextToAnotherMachineIsRefused: credentials and responses never
// go in clear text beyond loopback unless the operator says --insecure.
func TestClearTextToAnotherMachineIsRefused(t *testing.T) {
	for _, tc := range []struct {
		url  string
		o    ClientOptions
		want bool // refused
	}{
		{"nats://agency.example:4222", ClientOptions{}, true},
		{"nats://127.0.0.1:4222,nats://10.0.0.2:4222", ClientOptions{}, true},
		{"nats://127.0.0.1:4222", ClientOptions{}, false},
		{"nats://localhost:4222", ClientOptions{}, false},
		{"tls://agency.example:4222", ClientOptions{}, false},
		{"nats://agency.example:4222", ClientOptions{CA: "ca.pem"}, false},
		{"nats://agency.example:4222", ClientOptions{Insecure: true}, false},
	} {
		err := tc.o.checkTransport(tc.url)
		if (err != nil) != tc.want {
			t.Errorf("%s %+v: refused %v, want %v", tc.url, tc.o, err, tc.want)
		}
	}
}
