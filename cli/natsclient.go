package cli

import (
	"github.com/berakhlak/berakhlak/relay"
	"github.com/spf13/cobra"
)

// natsClientFlags are how a command reaches a NATS server: credentials
// (`berakhlak nats creds`) and TLS. Shared by --forward, --nats and
// --national.
type natsClientFlags struct {
	creds, ca, cert, key string
	insecure             bool
}

func (f *natsClientFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.creds, "nats-creds", "", "NATS credentials `FILE` of this role (issued by 'berakhlak nats creds')")
	f.registerTLS(cmd)
}

// registerTLS registers the TLS flags only, for a command that issues its
// own credentials.
func (f *natsClientFlags) registerTLS(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.ca, "nats-ca", "", "CA certificate (PEM) that signed the NATS server's certificate; implies TLS")
	cmd.Flags().StringVar(&f.cert, "nats-cert", "", "client certificate (PEM), where the NATS server asks for one")
	cmd.Flags().StringVar(&f.key, "nats-key", "", "key of --nats-cert (PEM)")
	cmd.Flags().BoolVar(&f.insecure, "insecure", false, "allow a plain nats:// URL to another machine (credentials and data in clear text)")
}

// options are the client options the flags give; the credentials name the
// identity.
func (f natsClientFlags) options() relay.ClientOptions {
	return relay.ClientOptions{Creds: f.creds, CA: f.ca, Cert: f.cert, Key: f.key, Insecure: f.insecure}
}
