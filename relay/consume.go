package relay

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/berakhlak/berakhlak/internal/privatefile"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/ingest"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Consumer stores the responses of the stream in the agency database, through
// the same checks and idempotent save as `berakhlak import`.
type Consumer struct {
	store    *db.Store
	rules    *ingest.Rules // import's checks, asking the store itself (its tree may change)
	js       jetstream.JetStream
	agency   string // whose stream, through whose consumer
	rejected string // file of messages that cannot be stored
	logf     func(format string, args ...any)

	// Transit opens the responses kiosks seal for the way here
	// (db.Store.ForwardSealedTo); set it before Run.
	Transit []age.Identity
	// unsealedWarned names the surveys whose sealed arrivals wait for a
	// recipient here (logged once each).
	unsealedWarned sync.Map
	sealedRetry    time.Duration // when such an arrival is offered again

	Stored, Skipped, Rejected atomic.Int64
}

// NewConsumer consumes agency's stream over nc into store; messages that fail
// the checks are appended to rejected (one JSON line each, importable once
// fixed). The stream and its consumer are provisioned (Provision): an agency
// may create neither.
func NewConsumer(store *db.Store, in *questionnaire.Instrument, nc *nats.Conn, agency string, rejected string, logf func(string, ...any)) (*Consumer, error) {
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("JetStream: %w", err)
	}
	return &Consumer{store: store, rules: ingest.NewRules(in, store), js: js, agency: agency, rejected: rejected, logf: logf, sealedRetry: time.Minute}, nil
}

// Run consumes until ctx ends, retrying with a growing pause while the NATS
// server is unreachable. It returns only ctx's error.
func (c *Consumer) Run(ctx context.Context) error {
	var pace backoff
	for {
		err := c.consume(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		retry, wait := pace.after(fmt.Errorf("consume: %w", err))
		c.logf("NATS: %v; retrying in %s", err, wait)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-retry:
		}
	}
}

func (c *Consumer) consume(ctx context.Context) error {
	stream := ResponseStream(c.agency)
	cons, err := c.js.Consumer(ctx, stream, agencyConsumer)
	if err != nil {
		return notProvisioned(fmt.Errorf("consumer %s of stream %s: %w", agencyConsumer, stream, err), "the response stream of agency "+c.agency, c.agency)
	}
	incoming := make(chan jetstream.Msg, consumeBatch)
	done := make(chan struct{}) // this round ended: the handler must not wait on incoming
	consuming, err := cons.Consume(func(m jetstream.Msg) {
		select {
		case incoming <- m:
		case <-done:
		}
	}, jetstream.PullMaxMessages(2*consumeBatch), jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
		if ctx.Err() == nil {
			c.logf("NATS: consuming %s: %v", stream, err)
		}
	}))
	if err != nil {
		return fmt.Errorf("consume %s: %w", stream, err)
	}
	defer func() {
		close(done)
		consuming.Stop()
	}()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-consuming.Closed():
			return fmt.Errorf("consumer of %s closed", stream)
		case m := <-incoming:
			batch := []jetstream.Msg{m}
			for len(batch) < consumeBatch && len(incoming) > 0 {
				batch = append(batch, <-incoming)
			}
			if err := c.storeBatch(batch); err != nil {
				return err
			}
		}
	}
}

// consumeBatch is the most responses one agency transaction stores: under
// load, messages that arrived together share a commit (and its fsync).
const consumeBatch = 500

// storeBatch checks each message, stores the good ones in one transaction and
// only then acknowledges them: a message is removed from the stream only once
// its response is durably stored (or set aside in the rejected file).
func (c *Consumer) storeBatch(msgs []jetstream.Msg) error {
	good := make([]*questionnaire.Response, 0, len(msgs))
	goodMsgs := make([]jetstream.Msg, 0, len(msgs))
	kiosks := make([]string, 0, len(msgs))
	rules := c.rules.WithKeys(c.Transit, transitHint)
	for _, m := range msgs {
		r, err := rules.Open(m.Data())
		var inClear ingest.SealedInClearError
		if errors.As(err, &inClear) {
			c.warnSealedInClear(inClear.Survey)
			m.NakWithDelay(c.sealedRetry) // stays in the stream, never stored in the clear
			continue
		}
		if err != nil {
			if err := c.reject(m, err); err != nil {
				return err
			}
			continue
		}
		good = append(good, r)
		goodMsgs = append(goodMsgs, m)
		kiosks = append(kiosks, kioskOfSubject(m.Subject()))
	}
	stored, err := c.store.SaveForwarded(good, kiosks)
	if errors.Is(err, db.ErrConflict) || errors.Is(err, db.ErrNoCodeLeft) || errors.Is(err, db.ErrSurveyClosed) {
		return c.storeOneByOne(good, goodMsgs, kiosks)
	}
	if err != nil {
		return fmt.Errorf("store %d forwarded responses: %w", len(good), err)
	}
	c.Stored.Add(int64(stored))
	c.Skipped.Add(int64(len(good) - stored))
	for _, m := range goodMsgs {
		m.Ack()
	}
	return nil
}

// transitHint tells a kiosk whose sealed response cannot be opened here
// which recipient to seal to.
const transitHint = "kiosks must seal with the recipient of its DB.transit.key"

// warnSealedInClear logs, once per survey, that its responses arrive sealed
// and wait in the stream until the survey here has a recipient.
func (c *Consumer) warnSealedInClear(survey string) {
	if _, warned := c.unsealedWarned.LoadOrStore(survey, true); !warned {
		c.logf("responses of survey %s arrive sealed but would be stored in the clear here: they wait in the stream until `berakhlak survey set %s --recipient age1…` gives the agency key", survey, survey)
	}
}

// storeOneByOne finds which responses of a batch conflict with stored ones,
// would take their unit past its participation codes, or belong to a closed
// survey (set aside: a closed survey's figures are final).
func (c *Consumer) storeOneByOne(rs []*questionnaire.Response, msgs []jetstream.Msg, kiosks []string) error {
	for i, r := range rs {
		stored, err := c.store.SaveForwarded([]*questionnaire.Response{r}, kiosks[i:i+1])
		switch {
		case errors.Is(err, db.ErrConflict), errors.Is(err, db.ErrNoCodeLeft), errors.Is(err, db.ErrSurveyClosed):
			if err := c.reject(msgs[i], err); err != nil {
				return err
			}
			continue
		case err != nil:
			return fmt.Errorf("store forwarded response %s: %w", r.ID, err)
		}
		c.Stored.Add(int64(stored))
		c.Skipped.Add(int64(1 - stored))
		msgs[i].Ack()
	}
	return nil
}

// reject sets a message aside in the rejected file (durably) and removes it
// from the stream; once fixed, `berakhlak import FILE` stores those lines.
// The file is kept sorted, as the database keeps no order: lines in arrival
// order would tell whose answers came when.
func (c *Consumer) reject(m jetstream.Msg, reason error) error {
	if err := addSorted(c.rejected, bytes.TrimSpace(m.Data())); err != nil {
		return fmt.Errorf("set aside a rejected response in %s: %w", c.rejected, err)
	}
	c.Rejected.Add(1)
	c.logf("NATS: response set aside in %s: %v", c.rejected, reason)
	return m.Term()
}

// addSorted adds line to the file's lines, sorted, and replaces the file
// whole (0600): a crash leaves the old file or the new one.
func addSorted(path string, line []byte) error {
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	if len(data) == 0 {
		lines = nil
	}
	lines = append(lines, bytes.Clone(line))
	slices.SortFunc(lines, bytes.Compare)
	return privatefile.Write(path, append(bytes.Join(lines, []byte("\n")), '\n'))
}
