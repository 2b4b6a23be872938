package relay

import (
	"context"
	"errors"
	"fmt"

	"github.com/berakhlak/berakhlak/national"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// WatchNational watches the bucket's records of a survey until ctx ends,
// with k the national minimum group size.
func WatchNational(ctx context.Context, nc *nats.Conn, survey string, k int) (*national.View, error) {
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
	w, err := kv.Watch(ctx, national.KeyToken(survey)+".>")
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", AggregateBucket, err)
	}
	n := national.New(k)
	go follow(n, w)
	return n, nil
}

// follow feeds a watch's entries into the view until the watch ends.
func follow(n *national.View, w jetstream.KeyWatcher) {
	defer w.Stop()
	feed := n.Feed()
	defer feed.Stop()
	for e := range w.Updates() {
		if e == nil { // the initial values are all in
			feed.InitialDone()
			continue
		}
		feed.Add(national.Entry{Key: e.Key(), Value: e.Value(), Deleted: e.Operation() != jetstream.KeyValuePut})
	}
}
