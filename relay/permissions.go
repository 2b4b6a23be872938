package relay

import (
	"fmt"
	"strings"

	"github.com/berakhlak/berakhlak/national"
	"github.com/nats-io/jwt/v2"
)

// Role is what a NATS user of berakhlak does; each gets only the subjects it
// needs (least privilege), and receives replies only on an inbox of its own.
type Role string

// The roles.
const (
	// RoleKiosk may only publish responses to its agency's response subject,
	// and hear (and ask for) its agency's surveys.
	RoleKiosk Role = "kiosk"
	// RoleLeaf is a far office's leaf-node link to the hub: it carries its
	// agency's kiosks' responses to the hub and their acknowledgements and
	// the agency's surveys back, nothing else. The kiosks behind it hold kiosk credentials of their own.
	RoleLeaf Role = "leaf"
	// RoleAgency may take the responses of its own stream through its own
	// consumer, write its own agency's keys in the aggregate bucket and tell
	// its kiosks its surveys. It may create, change or delete no stream.
	RoleAgency Role = "agency"
	// RoleNational may only read (watch) the aggregate bucket.
	RoleNational Role = "national"
	// RoleProvision creates the streams, consumers and the bucket with their
	// final configuration (`berakhlak nats provision`); no one else may.
	RoleProvision Role = "provision"
)

// Roles lists the roles in the order `nats creds` names them.
var Roles = []Role{RoleKiosk, RoleLeaf, RoleAgency, RoleNational, RoleProvision}

// Names of the subjects, streams and consumers each identity may use. Every
// agency has its own: one agency's credentials name no subject of another's.
const (
	// AggregateBucket is the key-value bucket of per-unit aggregates.
	AggregateBucket = national.Bucket
	// agencyConsumer is an agency server's durable consumer of its stream;
	// each agency's stream has its own.
	agencyConsumer = "agency"

	jsAPI     = "$JS.API."
	kvStream  = "KV_" + AggregateBucket
	kvSubject = "$KV." + AggregateBucket
)

// ResponseSubject is where one kiosk of an agency publishes: its own
// subject, which its credentials alone allow, so the agency knows which
// kiosk forwarded a response without trusting anything the kiosk says.
func ResponseSubject(agency, kiosk string) string {
	return responsePrefix(agency) + "." + national.KeyToken(kiosk)
}

// responsePrefix is what every subject of an agency's kiosks begins with.
func responsePrefix(agency string) string { return "berakhlak.responses." + national.KeyToken(agency) }

// responseSubjects matches every one of an agency's kiosks' subjects: what
// the agency may publish to, its stream holds and its consumer reads — one
// pattern for the three, so that they cannot drift apart.
func responseSubjects(agency string) string { return responsePrefix(agency) + ".*" }

// kioskOfSubject is the kiosk a response subject names.
func kioskOfSubject(subject string) string {
	return national.KeyUntoken(subject[strings.LastIndexByte(subject, '.')+1:])
}

// ResponseStream holds an agency's responses on their way from its kiosks
// to its server; a response leaves it once the agency has stored it.
func ResponseStream(agency string) string { return "BERAKHLAK_RESPONSES_" + national.KeyToken(agency) }

// inbox is where an identity's connections receive replies. No identity may
// subscribe to another's: a stream delivers raw responses to the agency's
// inbox, and acknowledgements to each kiosk's own.
func (id Identity) inbox() string {
	switch id.Role {
	case RoleKiosk:
		return kioskInboxes(id.Agency) + "." + national.KeyToken(id.Kiosk)
	case RoleLeaf:
		return "_INBOX_leaf." + national.KeyToken(id.Agency) + "." + national.KeyToken(id.Kiosk)
	case RoleAgency:
		return "_INBOX_agency." + national.KeyToken(id.Agency)
	}
	return "_INBOX_" + string(id.Role)
}

// kioskInboxes is the prefix of the inboxes of an agency's kiosks.
func kioskInboxes(agency string) string { return "_INBOX_kiosk." + national.KeyToken(agency) }

// ownKeys are the bucket keys of an agency: SURVEY.AGENCY.UNIT-PATH.
func ownKeys(agency string) string { return "*." + national.KeyToken(agency) + ".>" }

// permissionsOf is the whole of what an identity may publish and subscribe
// to. README's "Who may do what" table is rendered from it (PermissionTable).
func permissionsOf(id Identity) (jwt.Permissions, error) {
	var p jwt.Permissions
	if err := id.check(); err != nil {
		return p, err
	}
	p.Sub.Allow.Add(id.inbox() + ".>")
	switch id.Role {
	case RoleKiosk:
		p.Pub.Allow.Add(ResponseSubject(id.Agency, id.Kiosk), surveysAskSubject(id.Agency))
		p.Sub.Allow.Add(SurveysSubject(id.Agency))
	case RoleLeaf:
		// The kiosks behind the leaf are held to their own subjects by the
		// leaf server, which checks their credentials.
		p.Pub.Allow.Add(responseSubjects(id.Agency), surveysAskSubject(id.Agency))
		p.Sub.Allow.Add(kioskInboxes(id.Agency)+".>", SurveysSubject(id.Agency))
	case RoleAgency:
		stream := ResponseStream(id.Agency)
		p.Pub.Allow.Add(
			// Its own stream, through its own consumer only.
			jsAPI+"CONSUMER.INFO."+stream+"."+agencyConsumer,
			jsAPI+"CONSUMER.MSG.NEXT."+stream+"."+agencyConsumer,
			"$JS.ACK."+stream+"."+agencyConsumer+".>",
			// The bucket: open it, list and write its own keys. Listing
			// makes a consumer filtered to its keys and deletes it after; the
			// names of others' consumers are random and cannot be listed.
			jsAPI+"STREAM.INFO."+kvStream,
			jsAPI+"CONSUMER.CREATE."+kvStream+".*."+kvSubject+"."+ownKeys(id.Agency),
			jsAPI+"CONSUMER.DELETE."+kvStream+".*",
			"$JS.FC."+kvStream+".>",
			kvSubject+"."+ownKeys(id.Agency),
			// Its surveys, to its kiosks, when they ask (surveynotice.go).
			SurveysSubject(id.Agency),
		)
		p.Sub.Allow.Add(surveysAskSubject(id.Agency))
	case RoleNational:
		p.Pub.Allow.Add(
			jsAPI+"INFO",
			jsAPI+"STREAM.INFO."+kvStream,
			jsAPI+"CONSUMER.CREATE."+kvStream+".>",
			jsAPI+"CONSUMER.DELETE."+kvStream+".>",
			jsAPI+"CONSUMER.INFO."+kvStream+".>",
			"$JS.FC."+kvStream+".>",
		)
	case RoleProvision:
		p.Pub.Allow.Add(jsAPI + ">")
	}
	return p, nil
}

// CheckAgency refuses an agency id that is not shaped like a unit id: it
// becomes a subject token, a stream's name and part of every key.
func CheckAgency(id string) error {
	if !unitLike(id) {
		return fmt.Errorf("agency %q: use letters, digits, '.', '_' or '-' (at most 64), like a unit id", id)
	}
	return nil
}

// unitLike reports whether id is shaped like a unit id (letters, digits,
// '.', '_', '-'), which keyToken escapes into one key token.
func unitLike(id string) bool {
	for _, c := range id {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '_', c == '-':
		default:
			return false
		}
	}
	return id != "" && len(id) <= 64
}
