package cli

import (
	"context"
	"fmt"
	"io"
	"sync"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/oplog"
	"github.com/berakhlak/berakhlak/relay"
)

// startForwarding forwards the kiosk's responses to url in the background.
// staffLine is the state for the welcome screen, and changed is called when
// it changes; problems and recoveries go to the log, never to the respondent.
func startForwarding(store *db.Store, url string, client relay.ClientOptions, logTo io.Writer, changed func()) (staffLine func() string, stop func(), err error) {
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
	staffLine = func() string { return forwardLine(fwd.Status()) }
	return staffLine, func() {
		cancel()
		wg.Wait()
		nc.Close()
	}, nil
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
