package cli

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"charm.land/log/v2"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/oplog"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/relay"
	"github.com/spf13/cobra"
)

// natsFlags are the agency server's NATS options.
type natsFlags struct {
	url, listen, dir, agency string
	maxBytes                 int64
	tlsCert, tlsKey          string // the embedded server's certificate
	tlsClientCA              string // the CA of the client certificates it requires
	client                   natsClientFlags
}

func (f *natsFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.url, "nats", "", "NATS URL: store the responses kiosks forward, publish per-unit aggregates (e.g. nats://a:4222,nats://b:4222)")
	cmd.Flags().StringVar(&f.listen, "nats-listen", "", "run an embedded NATS server with JetStream on this address (one office), e.g. 0.0.0.0:4222")
	cmd.Flags().StringVar(&f.dir, "nats-dir", "", "folder of the embedded server's streams (default: DB.nats beside the database)")
	cmd.Flags().StringVar(&f.agency, "agency", "", "this agency's id in the national bucket (default: the root unit's id)")
	byteSizeFlag(cmd.Flags(), &f.maxBytes, "nats-max-bytes", "with --nats-listen: size limit of this agency's response stream, e.g. 10GiB (0: the server's limit); kiosks keep what does not fit")
	cmd.Flags().StringVar(&f.tlsCert, "nats-tls-cert", "", "certificate (PEM) of the embedded NATS server: it then speaks TLS only")
	cmd.Flags().StringVar(&f.tlsKey, "nats-tls-key", "", "key of --nats-tls-cert (PEM)")
	cmd.Flags().StringVar(&f.tlsClientCA, "nats-tls-client-ca", "", "with --nats-tls-cert: require client certificates signed by this CA (PEM)")
	f.client.register(cmd)
}

// natsAuthDir is where the NATS identities of a database's deployment live.
func natsAuthDir(dbPath string) string { return dbPath + ".nats-auth" }

// startNATS starts what the flags ask for: an embedded server, the consumer
// of forwarded responses and the aggregate publisher. stop ends them all;
// reload gives an embedded server the revocations made since (SIGHUP).
func startNATS(store *db.Store, in *questionnaire.Instrument, f natsFlags, logTo io.Writer) (stop func(), reload func() error, err error) {
	noReload := func() error { return nil }
	if f.url == "" && f.listen == "" {
		return func() {}, noReload, nil
	}
	logger := oplog.New(logTo, "nats")
	agency := f.agency
	if agency == "" {
		root, err := store.RootUnit()
		if err != nil {
			return nil, nil, err
		}
		agency = root.ID
	}
	if err := relay.CheckAgency(agency); err != nil {
		return nil, nil, fmt.Errorf("--agency: %w", err)
	}
	client := f.client.options()
	var embedded *relay.Embedded
	if f.listen != "" {
		dir := f.dir
		if dir == "" {
			dir = store.Path() + ".nats"
		}
		auth, created, err := relay.LoadOrCreateAuth(natsAuthDir(store.Path()))
		if err != nil {
			return nil, nil, err
		}
		if embedded, err = relay.StartEmbedded(f.listen, dir, auth, relay.TLSFiles{Cert: f.tlsCert, Key: f.tlsKey, ClientCA: f.tlsClientCA}); err != nil {
			return nil, nil, err
		}
		fmt.Fprintf(logTo, "berakhlak: NATS with JetStream on %s, streams in %s; only users with credentials get in\n", embedded.ClientURL(), dir)
		if created {
			fmt.Fprintf(logTo, "berakhlak: NATS identities created in %s (keep them private; back them up)\n", natsAuthDir(store.Path()))
		}
		fmt.Fprintf(logTo, "berakhlak: credentials for a kiosk: berakhlak nats creds kiosk --agency %s --name NAME --db %s --out kiosk.creds\n", agency, store.Path())
		if f.url == "" {
			if f.tlsClientCA != "" && client.Cert == "" {
				embedded.Stop()
				return nil, nil, fmt.Errorf("with --nats-tls-client-ca the embedded server wants a client certificate from serve too: give --nats-cert and --nats-key signed by that CA")
			}
			f.url = embedded.ClientURL()
			// This process is the agency on its own server.
			if client.CredsData, err = auth.Creds(relay.Identity{Role: relay.RoleAgency, Agency: agency}); err != nil {
				return nil, nil, err
			}
			client.Creds = ""
			if client.CA == "" {
				client.CA = f.tlsCert // a self-signed certificate is its own CA
			}
		}
		// The one-office shape: this server is its own national desk.
		if err := provision(f.url, client, auth, []string{agency}, relay.StreamConfig{MaxBytes: f.maxBytes}); err != nil {
			embedded.Stop()
			return nil, nil, err
		}
	} else if err := checkIdentity(client, relay.Identity{Role: relay.RoleAgency, Agency: agency}); err != nil {
		return nil, nil, err
	}
	nc, err := relay.Connect(f.url, "berakhlak agency "+agency, client)
	if err != nil {
		return nil, nil, err
	}
	consumer, err := relay.NewConsumer(store, in, nc, agency, store.Path()+".rejected.jsonl", logger.Warnf)
	if err != nil {
		return nil, nil, err
	}
	transit, transitRecipient, err := loadOrCreateTransitKey(store.Path())
	if err != nil {
		return nil, nil, err
	}
	consumer.Transit = transit
	fmt.Fprintf(logTo, "berakhlak: kiosks of sealed surveys forward with --forward-recipient %s\n", transitRecipient)
	publisher, err := relay.NewPublisher(store, nc, agency, logger.Warnf)
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	watch := relay.WatchConn(nc)
	wg.Go(func() { logConnection(ctx, watch, f.url, logger) })
	wg.Go(func() { consumer.Run(ctx) })
	wg.Go(func() { publisher.Run(ctx) })
	if missing, err := client.MissingPermissions(); err != nil || len(missing) > 0 {
		logger.Warn(fmt.Sprintf("these credentials cannot tell the kiosks the agency's surveys (%s): close and start the kiosks' surveys by hand at the turn of a year, or issue new ones with `berakhlak nats creds agency --agency %s`",
			olderCredentials(missing, err), agency))
	} else {
		teller := relay.NewSurveyTeller(store, nc, agency, logger.Warnf)
		wg.Go(func() { teller.Run(ctx) })
	}
	fmt.Fprintf(logTo, "berakhlak: consuming forwarded responses and publishing aggregates of agency %s on %s\n", agency, f.url)
	reload = noReload
	if embedded != nil {
		reload = embedded.ApplyRevocations
	}
	return func() {
		cancel()
		wg.Wait()
		nc.Drain()
		if embedded != nil {
			embedded.Stop()
		}
	}, reload, nil
}

// checkIdentity refuses credentials of another identity than the one this
// process acts as: an agency server given a kiosk's credentials, or another
// agency's, would otherwise retry for ever against subjects it may not use.
func checkIdentity(client relay.ClientOptions, want relay.Identity) error {
	got, err := client.Identity()
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("--nats-creds are those of %s, but this process is %s: issue its own with `berakhlak nats creds %s`", got, want, want.Role)
	}
	return nil
}

// logConnection logs why the agency's NATS connection is down — a
// certificate, credentials, an unreachable server — once per change, and
// when it is up again; the consumer's and publisher's retries alone had
// said only "context deadline exceeded".
func logConnection(ctx context.Context, watch *relay.ConnWatch, url string, logger *log.Logger) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	last := ""
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		problem := watch.Problem()
		switch {
		case problem == last:
		case problem == "":
			logger.Info("NATS: connected to " + url)
		default:
			logger.Warn("NATS: " + url + ": " + problem)
		}
		last = problem
	}
}
