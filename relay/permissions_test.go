package relay

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
)

// violations collects the permission errors the server sends a connection.
type violations struct {
	mu   sync.Mutex
	errs []string
}

func (v *violations) handler(_ *nats.Conn, _ *nats.Subscription, err error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.errs = append(v.errs, err.Error())
}

// Kinds of refusal, as the server words them: one subject may be probed as
// both, and each must be judged on its own.
const (
	refusedPublish   = "Publish to"
	refusedSubscribe = "Subscription to"
)

// saw reports whether the server refused subject (quoted as it quotes it)
// as kind.
func (v *violations) saw(kind, subject string) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, e := range v.errs {
		if strings.Contains(e, "Permissions Violation for "+kind+" "+fmt.Sprintf("%q", subject)) {
			return true
		}
	}
	return false
}

// dialWatched connects as id with the permission errors collected.
func dialWatched(t *testing.T, url string, auth *Auth, tls ClientOptions, id Identity) (*nats.Conn, *violations) {
	t.Helper()
	creds, err := auth.Creds(id)
	if err != nil {
		t.Fatal(err)
	}
	tls.CredsData = creds
	v := &violations{}
	opts, err := tls.natsOptions(url)
	if err != nil {
		t.Fatal(err)
	}
	nc, err := nats.Connect(url, append(opts, nats.ErrorHandler(v.handler))...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc, v
}

// The identities the matrix attacks with: everything of agency a1, against
// a1's own things, agency a2's and the shared bucket.
var (
	kioskA1    = Identity{Role: RoleKiosk, Agency: "a1", Kiosk: "lobby"}
	leafA1     = Identity{Role: RoleLeaf, Agency: "a1", Kiosk: "office"}
	agencyA1   = Identity{Role: RoleAgency, Agency: "a1"}
	nationalID = Identity{Role: RoleNational}
)

// probeSubjects are the publishes the matrix tries: every JetStream API
// verb on a1's stream, a2's stream and the bucket's stream, the account-wide
// verbs, the response subjects, the bucket's keys and the acknowledgements.
func probeSubjects() []string {
	own, other := ResponseStream("a1"), ResponseStream("a2")
	var subjects []string
	for _, s := range []string{own, other, kvStream} {
		for _, verb := range []string{"STREAM.CREATE.", "STREAM.UPDATE.", "STREAM.DELETE.", "STREAM.PURGE.",
			"STREAM.INFO.", "STREAM.MSG.DELETE.", "STREAM.MSG.GET.", "DIRECT.GET.", "STREAM.SNAPSHOT.",
			"STREAM.RESTORE.", "CONSUMER.LIST.", "CONSUMER.NAMES."} {
			subjects = append(subjects, jsAPI+verb+s)
		}
		for _, verb := range []string{"CONSUMER.CREATE.", "CONSUMER.DELETE.", "CONSUMER.INFO.", "CONSUMER.MSG.NEXT.",
			"CONSUMER.DURABLE.CREATE.", "CONSUMER.PAUSE."} {
			subjects = append(subjects, jsAPI+verb+s+"."+agencyConsumer)
		}
		subjects = append(subjects, jsAPI+"CONSUMER.CREATE."+s, "$JS.ACK."+s+"."+agencyConsumer+".1.1.1.1.1")
	}
	for _, filter := range []string{kvSubject + ".*.a1.>", kvSubject + ".*.a2.>", kvSubject + ".>"} {
		subjects = append(subjects, jsAPI+"CONSUMER.CREATE."+kvStream+".snoop."+filter)
	}
	return append(subjects, jsAPI+"INFO", jsAPI+"STREAM.LIST", jsAPI+"STREAM.NAMES", jsAPI+"ACCOUNT.PURGE",
		ResponseSubject("a1", "lobby"), ResponseSubject("a1", "other"), ResponseSubject("a2", "lobby"),
		"berakhlak.responses.a1", "berakhlak.responses",
		kvSubject+".2026.a1.root", kvSubject+".2026.a2.root", kvSubject+".2026.a1",
		"berakhlak.surveys.a1", "berakhlak.surveys.a1.ask", "berakhlak.surveys.a2", "berakhlak.surveys.a2.ask", "berakhlak.surveys")
}

// probeSubscriptions are the subscriptions the matrix tries.
func probeSubscriptions() []string {
	return []string{">", "berakhlak.responses.>", "$KV.>", "$JS.ACK.>", "_INBOX_agency.a1.>", "_INBOX_agency.a2.>",
		"_INBOX_kiosk.a1.lobby.>", "_INBOX_kiosk.a1.other.>", "_INBOX_kiosk.a2.>", "_INBOX_leaf.a1.office.>",
		"_INBOX_national.>", "_INBOX_provision.>",
		"berakhlak.surveys.a1", "berakhlak.surveys.a1.ask", "berakhlak.surveys.a1.>", "berakhlak.surveys.a2", "berakhlak.surveys.>"}
}

// allowed is what each identity may do, written out by hand: the matrix
// fails if the server lets anything else through, or refuses any of these.
var allowed = map[Identity][]string{
	kioskA1: {"berakhlak.responses.a1.lobby", "sub _INBOX_kiosk.a1.lobby.>",
		"berakhlak.surveys.a1.ask", "sub berakhlak.surveys.a1"},
	leafA1: {"berakhlak.responses.a1.lobby", "berakhlak.responses.a1.other", "sub _INBOX_leaf.a1.office.>",
		"sub _INBOX_kiosk.a1.lobby.>", "sub _INBOX_kiosk.a1.other.>",
		"berakhlak.surveys.a1.ask", "sub berakhlak.surveys.a1"},
	agencyA1: {
		"$JS.API.CONSUMER.INFO.BERAKHLAK_RESPONSES_a1.agency", "$JS.API.CONSUMER.MSG.NEXT.BERAKHLAK_RESPONSES_a1.agency",
		"$JS.ACK.BERAKHLAK_RESPONSES_a1.agency.1.1.1.1.1",
		"$JS.API.STREAM.INFO.KV_berakhlak-aggregates",
		"$JS.API.CONSUMER.CREATE.KV_berakhlak-aggregates.snoop.$KV.berakhlak-aggregates.*.a1.>",
		"$JS.API.CONSUMER.DELETE.KV_berakhlak-aggregates.agency",
		"$KV.berakhlak-aggregates.2026.a1.root",
		"sub _INBOX_agency.a1.>",
		"berakhlak.surveys.a1", "sub berakhlak.surveys.a1.ask",
	},
	nationalID: {
		"$JS.API.INFO", "$JS.API.STREAM.INFO.KV_berakhlak-aggregates",
		"$JS.API.CONSUMER.CREATE.KV_berakhlak-aggregates.agency",
		"$JS.API.CONSUMER.DELETE.KV_berakhlak-aggregates.agency", "$JS.API.CONSUMER.INFO.KV_berakhlak-aggregates.agency",
		"$JS.API.CONSUMER.CREATE.KV_berakhlak-aggregates.snoop.$KV.berakhlak-aggregates.*.a1.>",
		"$JS.API.CONSUMER.CREATE.KV_berakhlak-aggregates.snoop.$KV.berakhlak-aggregates.*.a2.>",
		"$JS.API.CONSUMER.CREATE.KV_berakhlak-aggregates.snoop.$KV.berakhlak-aggregates.>",
		"sub _INBOX_national.>",
	},
}

// attackMatrix tries every probe as every identity and compares what the
// server let through with allowed. A publish counts as let through when it
// is not refused (the JetStream API answers even a malformed request, with
// an error: the probes' bodies are empty, so an allowed call changes
// nothing); a subscription when no violation comes back.
func attackMatrix(t *testing.T, url string, auth *Auth, tls ClientOptions) {
	provisionAt(t, url, auth, tls, StreamConfig{}, "a1", "a2")
	for id, want := range allowed {
		t.Run(id.String(), func(t *testing.T) {
			nc, v := dialWatched(t, url, auth, tls, id)
			replies := map[string]bool{}
			var mu sync.Mutex
			subjects := probeSubjects()
			for i, subject := range subjects {
				// A reply of its own per probe: a pull's reply carries the
				// message's subject, not the inbox's.
				inbox := fmt.Sprintf("%s.probe.%d", id.inbox(), i)
				if _, err := nc.Subscribe(inbox, func(*nats.Msg) {
					mu.Lock()
					replies[fmt.Sprint(i)] = true
					mu.Unlock()
				}); err != nil {
					t.Fatal(err)
				}
				body := []byte(nil)
				if strings.Contains(subject, "MSG.NEXT") {
					body = []byte(`{"batch":1,"expires":100000000}`) // answers within 0.1 s
				}
				if err := nc.PublishRequest(subject, inbox, body); err != nil {
					t.Fatal(err)
				}
			}
			for _, s := range probeSubscriptions() {
				if _, err := nc.SubscribeSync(s); err != nil {
					t.Fatal(err)
				}
			}
			if err := nc.Flush(); err != nil {
				t.Fatal(err)
			}
			isAllowed := map[string]bool{}
			for _, w := range want {
				isAllowed[w] = true
			}
			// A refused publish comes back as a violation; an allowed API
			// call as a reply; an allowed plain publish (a response, a key)
			// as neither, so it is judged by the absence of a violation once
			// every refusal expected has arrived.
			settled := func() bool {
				mu.Lock()
				defer mu.Unlock()
				for i, s := range subjects {
					if !isAllowed[s] && !v.saw(refusedPublish, s) {
						return false
					}
					if isAllowed[s] && strings.HasPrefix(s, jsAPI) && !replies[fmt.Sprint(i)] {
						return false
					}
				}
				for _, s := range probeSubscriptions() {
					if !isAllowed["sub "+s] && !v.saw(refusedSubscribe, s) {
						return false
					}
				}
				return true
			}
			for deadline := time.Now().Add(20 * time.Second); !settled() && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			}
			got := map[string]bool{}
			for _, s := range subjects {
				if !v.saw(refusedPublish, s) {
					got[s] = true
				}
			}
			for _, s := range probeSubscriptions() {
				if !v.saw(refusedSubscribe, s) {
					got["sub "+s] = true
				}
			}
			for _, s := range slices.Sorted(maps.Keys(got)) {
				if !isAllowed[s] {
					t.Errorf("%s was let through", s)
				}
			}
			for _, s := range want {
				if !got[s] {
					t.Errorf("%s was refused; the role needs it", s)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for i, s := range subjects {
				if isAllowed[s] && strings.HasPrefix(s, jsAPI) && !replies[fmt.Sprint(i)] {
					t.Errorf("%s: allowed but the API never answered", s)
				}
			}
		})
	}
}

// TestEachIdentityCanDoExactlyItsJob runs the matrix on the embedded server;
// TestRecipesOnASeparateNATSServer runs it on Debian's nats-server. Nobody
// gets in without credentials.
func TestEachIdentityCanDoExactlyItsJob(t *testing.T) {
	ns := startServer(t, t.TempDir(), 0)
	defer ns.Stop()
	if nc, err := nats.Connect(ns.ClientURL(), nats.Timeout(2*time.Second)); err == nil {
		nc.Close()
		t.Fatal("an anonymous client was let in")
	}
	attackMatrix(t, ns.ClientURL(), ns.Auth, ClientOptions{})
}

// TestClearTextToAnotherMachineIsRefused: credentials and responses never
// go in clear text beyond loopback unless the operator says --insecure.
func TestClearTextToAnotherMachineIsRefused(t *testing.T) {
	for _, tc := range []struct {
		url  string
		o    ClientOptions
		want bool // refused
	}{
		{"nats://agency.example:4222", ClientOptions{}, true},
		{"nats://127.0.0.1:4222,nats://10.0.0.2:4222", ClientOptions{}, true},
		{"nats://127.0.0.1:4222", ClientOptions{}, false},
		{"nats://localhost:4222", ClientOptions{}, false},
		{"tls://agency.example:4222", ClientOptions{}, false},
		{"nats://agency.example:4222", ClientOptions{CA: "ca.pem"}, false},
		{"nats://agency.example:4222", ClientOptions{Insecure: true}, false},
	} {
		err := tc.o.checkTransport(tc.url)
		if (err != nil) != tc.want {
			t.Errorf("%s %+v: refused %v, want %v", tc.url, tc.o, err, tc.want)
		}
	}
}

// README's "Who may do what" table is the permissions in code, and stands
// alone: a line glued under it is one more row in Markdown (a test run's
// "FAIL", pasted with the table, had shown as a role).
func TestReadmePermissionTableIsTheCode(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if table := PermissionTable(); !strings.Contains(string(readme), "\n\n"+table+"\n") {
		t.Errorf("README.md's permission table differs from the code; put this in it, with a blank line before and after:\n%s", table)
	}
}
