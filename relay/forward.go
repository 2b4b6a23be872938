package relay

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// forwardBatch is how many responses are in flight at once.
const forwardBatch = 256

// Backoff after a failed round: doubles from the first to the last.
const (
	firstRetry = 500 * time.Millisecond
	lastRetry  = 10 * time.Second
)

// Forwarder sends a kiosk's stored responses to the agency stream. Responses
// are stored locally first (the kiosk works offline); the forwarder only
// reads the store's outbox, so a respondent never waits for the network.
type Forwarder struct {
	store *db.Store
	nc    *nats.Conn
	js    jetstream.JetStream
	id    Identity // the kiosk: its agency's stream receives its responses, on its own subject

	wake   chan struct{} // the connection came back: retry now
	watch  *ConnWatch    // why the connection is down
	mu     sync.Mutex
	status ForwardStatus

	// OnChange, when set, hears every change of the status (before and
	// after), for the log and the kiosk's staff line. It must not block.
	OnChange func(before, after ForwardStatus)
}

// ForwardStatus is what the kiosk's staff line and logs show.
type ForwardStatus struct {
	db.ForwardState
	Problem string // empty when the last round succeeded
}

// NewForwarder forwards store's outbox over nc as kiosk id (the identity of
// its credentials, ClientOptions.Identity) to its agency's stream. It turns
// on the store's outbox, queueing whatever was stored before and not yet
// forwarded.
func NewForwarder(store *db.Store, nc *nats.Conn, id Identity) (*Forwarder, error) {
	if _, err := store.EnableForwarding(); err != nil {
		return nil, err
	}
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncTimeout(10*time.Second),
		jetstream.WithPublishAsyncMaxPending(forwardBatch))
	if err != nil {
		return nil, fmt.Errorf("JetStream: %w", err)
	}
	f := &Forwarder{store: store, nc: nc, js: js, id: id, wake: make(chan struct{}, 1)}
	f.watch = WatchConn(nc)
	nc.SetDisconnectErrHandler(func(_ *nats.Conn, err error) {
		f.watch.note(err)
		f.refresh(errNotConnected)
	})
	nc.SetReconnectHandler(func(*nats.Conn) {
		select {
		case f.wake <- struct{}{}:
		default:
		}
	})
	f.refresh(nil)
	return f, nil
}

// Status returns the latest state; it never blocks on the network.
func (f *Forwarder) Status() ForwardStatus {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.status
}

// Run forwards until ctx ends: after every commit, and again after a failure
// with a growing pause. It returns only ctx's error.
func (f *Forwarder) Run(ctx context.Context) error {
	events, stop := f.store.Subscribe()
	defer stop()
	var pace backoff
	for {
		before := f.Status().Forwarded
		err := f.forwardAll(ctx)
		f.refresh(err)
		if f.Status().Forwarded > before {
			pace.reset() // partly through (a stream near full): keep going soon
		}
		retry, _ := pace.after(err)
		if errors.Is(err, errNotConnected) {
			// Only a local check: look again soon. (A first connection made
			// after start-up calls no reconnect handler to wake us.)
			retry = time.After(time.Second)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-events:
		case <-retry:
		case <-f.wake:
		}
	}
}

// forwardAll sends the outbox in batches until it is empty or a send fails.
func (f *Forwarder) forwardAll(ctx context.Context) error {
	for ctx.Err() == nil {
		if !f.nc.IsConnected() {
			return errNotConnected
		}
		batch, err := f.store.Pending(forwardBatch)
		if err != nil || len(batch) == 0 {
			return err
		}
		acked, sendErr := f.send(ctx, batch)
		if err := f.store.MarkForwarded(acked); err != nil {
			return err
		}
		f.refresh(nil)
		if sendErr != nil {
			return sendErr
		}
	}
	return nil
}

var errNotConnected = errors.New("not connected")

// send publishes a batch asynchronously, each response with its id as the
// de-duplication id, and returns the ids the stream acknowledged.
func (f *Forwarder) send(ctx context.Context, batch []db.Outgoing) ([]string, error) {
	futures := make([]jetstream.PubAckFuture, 0, len(batch))
	var firstErr error
	for _, r := range batch {
		fut, err := f.js.PublishAsync(ResponseSubject(f.id.Agency, f.id.Kiosk), r.JSON, jetstream.WithMsgID(r.ID))
		if err != nil {
			firstErr = err
			break
		}
		futures = append(futures, fut)
	}
	acked := make([]string, 0, len(futures))
	for i, fut := range futures {
		select {
		case <-fut.Ok():
			acked = append(acked, batch[i].ID)
		case err := <-fut.Err():
			if firstErr == nil {
				firstErr = err
			}
		case <-ctx.Done():
			return acked, ctx.Err()
		}
	}
	return acked, firstErr
}

func (f *Forwarder) refresh(err error) {
	state, stateErr := f.store.Forwarding()
	problem := ""
	if err != nil {
		problem = describe(err, f.watch, f.nc.ConnectedUrlRedacted(), ResponseStream(f.id.Agency))
	}
	f.mu.Lock()
	before := f.status
	if stateErr == nil {
		f.status.ForwardState = state
	}
	f.status.Problem = problem
	after := f.status
	f.mu.Unlock()
	if after != before && f.OnChange != nil {
		f.OnChange(before, after)
	}
}

// describe turns a forwarding error into words staff can act on; watch
// says why the connection is down.
func describe(err error, watch *ConnWatch, url, stream string) string {
	var apiErr *jetstream.APIError
	switch {
	case errors.Is(err, errNotConnected), errors.Is(err, nats.ErrNoServers), errors.Is(err, nats.ErrConnectionClosed):
		problem := watch.Problem()
		if problem == "" { // up again meanwhile
			problem = "NATS server unreachable"
		}
		return problem + "; responses stay queued here"
	case errors.Is(err, nats.ErrNoResponders), errors.Is(err, jetstream.ErrNoStreamResponse):
		return fmt.Sprintf("stream %s does not answer on %s (a cluster electing a leader, or the stream not provisioned: `berakhlak nats provision`); retrying", stream, url)
	case errors.As(err, &apiErr) && strings.Contains(apiErr.Description, "maximum"):
		return fmt.Sprintf("stream %s is full (%s); the agency server is behind", stream, apiErr.Description)
	case errors.Is(err, jetstream.ErrAsyncPublishTimeout), errors.Is(err, context.DeadlineExceeded):
		return "the stream did not acknowledge in time; retrying"
	}
	return err.Error()
}
