package relay

import (
	"bytes"
	"context"
	"time"

	"github.com/berakhlak/berakhlak/db"
	"github.com/nats-io/nats.go"
)

// askPace is how often, at most, the agency answers its kiosks' asking:
// however many ask (a hundred kiosks coming back after an outage, or one
// asking in a loop), the agency tells its surveys once per pace.
const askPace = time.Second

// SurveyTeller is the agency server's side: it tells the agency's kiosks its
// surveys when they change, when its connection comes back and when a kiosk
// asks.
type SurveyTeller struct {
	store  *db.Store
	nc     *nats.Conn
	agency string
	logf   func(format string, args ...any)
}

// NewSurveyTeller tells store's surveys over nc to agency's kiosks; logf
// hears what could not be told.
func NewSurveyTeller(store *db.Store, nc *nats.Conn, agency string, logf func(string, ...any)) *SurveyTeller {
	return &SurveyTeller{store: store, nc: nc, agency: agency, logf: logf}
}

// Run tells until ctx ends, and returns its error (or the subscription's).
func (t *SurveyTeller) Run(ctx context.Context) error {
	asked := make(chan struct{}, 1)
	sub, err := t.nc.Subscribe(surveysAskSubject(t.agency), func(*nats.Msg) {
		select {
		case asked <- struct{}{}:
		default:
		}
	})
	if err != nil {
		return err
	}
	defer sub.Unsubscribe()
	events, stop := t.store.Subscribe()
	defer stop()
	connected := t.nc.StatusChanged(nats.CONNECTED)
	defer t.nc.RemoveStatusListener(connected)

	var last []byte
	var lastTold time.Time
	var paced <-chan time.Time
	tell := func(again bool) {
		surveys, err := t.store.Surveys()
		if err == nil && len(surveys) == 0 {
			return
		}
		var notice []byte
		if err == nil {
			notice, err = noticeOf(surveys)
		}
		if err != nil {
			t.logf("surveys not told to the kiosks: %v", err)
			return
		}
		if !again && bytes.Equal(notice, last) {
			return // a commit of responses: the surveys are as told
		}
		if err := t.nc.Publish(SurveysSubject(t.agency), notice); err != nil {
			t.logf("surveys not told to the kiosks: %v", err)
			return
		}
		last, lastTold = notice, time.Now()
	}
	tell(true)
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-events:
			tell(false)
		case <-connected:
			tell(true)
		case <-asked:
			if wait := time.Until(lastTold.Add(askPace)); wait > 0 {
				if paced == nil {
					paced = time.After(wait)
				}
				continue
			}
			tell(true)
		case <-paced:
			paced = nil
			tell(true)
		}
	}
}
