package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"charm.land/log/v2"
	"filippo.io/age"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/oplog"
	"github.com/berakhlak/berakhlak/relay"
	"github.com/nats-io/nats.go"
)

// startForwarding forwards the kiosk's responses to url in the background,
// and takes the agency's surveys (asking instrument, the kiosk's). staffLine
// is the state for the welcome screen, and changed is called when it
// changes; problems and recoveries go to the log, never to the respondent.
func startForwarding(store *db.Store, instrument, url string, client relay.ClientOptions, logTo io.Writer, changed func()) (staffLine func() string, stop func(), err error) {
	id, err := client.Identity()
	if err != nil {
		return nil, nil, err
	}
	if id.Role != relay.RoleKiosk {
		return nil, nil, fmt.Errorf("--nats-creds are those of %s: a kiosk forwards with its own (`berakhlak nats creds kiosk --agency ID --name NAME`)", id)
	}
	nc, err := relay.Connect(url, "berakhlak "+id.String(), client)
	if err != nil {
		return nil, nil, err
	}
	fwd, err := relay.NewForwarder(store, nc, id)
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	logger := oplog.New(logTo, "forward")
	fwd.OnChange = func(before, after relay.ForwardStatus) {
		switch {
		case after.Problem == before.Problem:
		case after.Problem == "":
			logger.Info("forwarding to " + url + " works again")
		default:
			logger.Warn(after.Problem)
		}
		changed()
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { fwd.Run(ctx) })
	if follower := surveyFollower(store, instrument, nc, client, id, logger); follower != nil {
		wg.Go(func() { follower.Run(ctx) })
	}
	staffLine = func() string { return forwardLine(fwd.Status()) }
	return staffLine, func() {
		cancel()
		wg.Wait()
		nc.Close()
	}, nil
}

// surveyFollower takes the agency's surveys into the kiosk's database as
// the agency tells them, logging each change; nil when the credentials,
// issued by an older berakhlak, may not hear them (said in the log).
func surveyFollower(store *db.Store, instrument string, nc *nats.Conn, client relay.ClientOptions, id relay.Identity, logger *log.Logger) *relay.SurveyFollower {
	if missing, err := client.MissingPermissions(); err != nil || len(missing) > 0 {
		logger.Warn(fmt.Sprintf("these credentials cannot hear the agency's surveys (%s): close and start this kiosk's surveys by hand at the turn of a year, or issue new ones with `berakhlak nats creds kiosk --agency %s --name %s`",
			olderCredentials(missing, err), id.Agency, id.Kiosk))
		return nil
	}
	follower := relay.NewSurveyFollower(store, instrument, nc, id.Agency)
	follower.Log = func(line string, warning bool) {
		if warning {
			logger.Warn(line)
			return
		}
		logger.Info(line)
	}
	return follower
}

// olderCredentials says why credentials lack a permission.
func olderCredentials(missing []string, err error) string {
	if err != nil {
		return err.Error()
	}
	return "issued by an older berakhlak, they do not allow " + strings.Join(missing, ", ")
}

// useForwardRecipient lets the store forward sealed responses, sealed on the
// way to the agency server's transit key (none given: they stay here).
func useForwardRecipient(store *db.Store, recipient string) error {
	if recipient == "" {
		return nil
	}
	r, err := age.ParseX25519Recipient(recipient)
	if err != nil {
		return fmt.Errorf("--forward-recipient %q is not an age public key (age1…, printed by the agency's `serve`): %v", recipient, err)
	}
	store.ForwardSealedTo(r)
	return nil
}

// forwardLine is the staff line: how many wait here, how many were sent.
func forwardLine(st relay.ForwardStatus) string {
	line := fmt.Sprintf("sync: %d queued · %d sent", st.Pending, st.Forwarded)
	if st.Problem != "" {
		line += " · " + st.Problem
	}
	return line
}
