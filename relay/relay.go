// Package relay moves survey data between berakhlak processes over NATS
// JetStream: raw responses from kiosks to their agency server, and per-unit
// aggregates (never raw answers) from agency servers to the national view.
package relay

import (
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
)

// Connect dials a NATS URL for a long-running process: it does not fail when
// the server is down at start, and reconnects for ever, so a kiosk that is
// offline for days forwards its backlog when the link returns.
func Connect(url, name string, o ClientOptions) (*nats.Conn, error) {
	opts, err := o.natsOptions(url)
	if err != nil {
		return nil, err
	}
	opts = append(opts, nats.Name(name), nats.RetryOnFailedConnect(true), nats.MaxReconnects(-1),
		nats.ReconnectWait(time.Second), nats.ReconnectJitter(200*time.Millisecond, time.Second))
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		return nil, fmt.Errorf("connect to NATS %s: %w", url, err)
	}
	return nc, nil
}

// Dial connects once, for a command that reads and ends: it fails within a
// few seconds when the server cannot be reached, rather than waiting for it.
func Dial(url, name string, o ClientOptions) (*nats.Conn, error) {
	opts, err := o.natsOptions(url)
	if err != nil {
		return nil, err
	}
	nc, err := nats.Connect(url, append(opts, nats.Name(name), nats.Timeout(5*time.Second))...)
	if err != nil {
		return nil, fmt.Errorf("NATS server %s cannot be reached: %w; check the URL, the credentials (--nats-creds) and that the server runs", url, err)
	}
	return nc, nil
}

// backoff paces the retries of a failed round: the pause doubles from
// firstRetry to lastRetry and starts again after a success.
type backoff struct{ next time.Duration }

// after returns what to wait on before the next round: nothing after a
// success, a timer after a failure, with the pause it set.
func (b *backoff) after(err error) (<-chan time.Time, time.Duration) {
	if err == nil {
		b.reset()
		return nil, 0
	}
	wait := max(b.next, firstRetry)
	b.next = min(2*wait, lastRetry)
	return time.After(wait), wait
}

// reset makes the next failure's pause the shortest again.
func (b *backoff) reset() { b.next = 0 }
