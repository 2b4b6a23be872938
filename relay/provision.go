package relay

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/berakhlak/berakhlak/national"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Provisioning creates the streams, consumers and the bucket with their final
// configuration. It is the only role that may: agencies and kiosks use what
// it made and can change none of it (no republish, subject transform, seal,
// max_age or purge by anyone else), and both streams refuse rollup headers,
// so no publisher can wipe what others wrote.

// StreamConfig is the shape of what provisioning creates.
type StreamConfig struct {
	Replicas   int           // 3 on a production cluster, 1 on one server
	MaxBytes   int64         // each agency's response stream; 0: no limit but the server's
	Duplicates time.Duration // de-duplication window by response id
}

// DefaultDuplicates is the response streams' de-duplication window; beyond
// it, the agency's idempotent save still stores a re-sent response once.
const DefaultDuplicates = time.Hour

// maxResponseBytes bounds one response message: a response is a few KB;
// anything far larger is an attack on the readers, refused by the server
// before anyone reads it (a unit record: national.MaxRecordBytes).
const maxResponseBytes = 256 << 10

// Provision creates or brings to their final configuration the aggregate
// bucket and, for each agency, its response stream and its consumer. It is
// idempotent: run it again to add agencies or change the replicas.
func Provision(ctx context.Context, nc *nats.Conn, agencies []string, cfg StreamConfig) error {
	js, err := jetstream.New(nc)
	if err != nil {
		return fmt.Errorf("JetStream: %w", err)
	}
	cfg.Replicas = max(cfg.Replicas, 1)
	if cfg.Duplicates == 0 {
		cfg.Duplicates = DefaultDuplicates
	}
	if _, err := js.CreateOrUpdateStream(ctx, bucketStreamConfig(cfg)); err != nil {
		return fmt.Errorf("provision bucket %s: %w", AggregateBucket, err)
	}
	for _, agency := range agencies {
		if err := CheckAgency(agency); err != nil {
			return err
		}
		stream, err := js.CreateOrUpdateStream(ctx, responseStreamConfig(agency, cfg))
		if err != nil {
			return fmt.Errorf("provision stream %s of agency %s: %w", ResponseStream(agency), agency, err)
		}
		if _, err := stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
			Durable: agencyConsumer, AckPolicy: jetstream.AckExplicitPolicy, AckWait: 30 * time.Second,
			MaxAckPending: 4096, FilterSubject: responseSubjects(agency),
		}); err != nil {
			return fmt.Errorf("provision consumer of agency %s: %w", agency, err)
		}
	}
	return nil
}

// responseStreamConfig is an agency's response stream: a work queue (a
// response leaves once its agency stored it) that refuses new messages
// rather than dropping old ones when full, so kiosks keep them.
func responseStreamConfig(agency string, cfg StreamConfig) jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name: ResponseStream(agency), Subjects: []string{responseSubjects(agency)},
		Retention: jetstream.WorkQueuePolicy, Storage: jetstream.FileStorage, Replicas: cfg.Replicas,
		MaxBytes: orUnlimited(cfg.MaxBytes), MaxMsgSize: maxResponseBytes, Discard: jetstream.DiscardNew,
		Duplicates: cfg.Duplicates, DenyDelete: true, DenyPurge: true, AllowRollup: false,
	}
}

// bucketStreamConfig is the aggregate bucket as a key-value store reads it
// (one value a key), but with rollups, purges and deletes of messages
// refused: nats.go would create it with rollups allowed, and one
// `Nats-Rollup: all` on an agency's own key would wipe every agency's.
func bucketStreamConfig(cfg StreamConfig) jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name: kvStream, Subjects: []string{kvSubject + ".>"}, MaxMsgsPerSubject: 1,
		Storage: jetstream.FileStorage, Replicas: cfg.Replicas, Discard: jetstream.DiscardNew,
		MaxMsgSize: national.MaxRecordBytes, Duplicates: 2 * time.Minute, AllowDirect: true,
		DenyDelete: true, DenyPurge: true, AllowRollup: false,
		MaxBytes: -1, MaxMsgs: -1, MaxAge: 0,
	}
}

func orUnlimited(n int64) int64 {
	if n <= 0 {
		return -1
	}
	return n
}

// DialProvisioner connects to url as the provisioning role, with
// credentials issued on the spot from auth (the deployment's account key,
// which only the national desk or a one-office server holds). client gives
// the TLS settings.
func DialProvisioner(url string, client ClientOptions, auth *Auth) (*nats.Conn, error) {
	creds, err := auth.Creds(Identity{Role: RoleProvision})
	if err != nil {
		return nil, err
	}
	client.Creds, client.CredsData = "", creds
	return Dial(url, "berakhlak provision", client)
}

// notProvisioned turns "no such stream or consumer" into what to do.
func notProvisioned(err error, what, agency string) error {
	if errors.Is(err, jetstream.ErrStreamNotFound) || errors.Is(err, jetstream.ErrConsumerNotFound) ||
		errors.Is(err, jetstream.ErrBucketNotFound) {
		return fmt.Errorf("%s is not provisioned on this NATS server: run `berakhlak nats provision --agency %s` on the national desk: %w", what, agency, err)
	}
	return err
}
