package relay

import (
	"fmt"

	"github.com/nats-io/jwt/v2"
)

// Role is what a NATS user of berakhlak does; each gets only the subjects it
// needs (least privilege), and receives replies only on an inbox of its own.
type Role string

// The roles.
const (
	// RoleKiosk may only publish responses to the response subject.
	RoleKiosk Role = "kiosk"
	// RoleAgency may create and consume the response stream, and create the
	// aggregate bucket and write its own agency's keys in it.
	RoleAgency Role = "agency"
	// RoleNational may only read (watch) the aggregate bucket.
	RoleNational Role = "national"
)

// Roles lists the roles in the order `nats creds` names them.
var Roles = []Role{RoleKiosk, RoleAgency, RoleNational}

func (r Role) userName(agency string) string {
	if r == RoleAgency {
		return "berakhlak agency " + agency
	}
	return "berakhlak " + string(r)
}

// inboxPrefix is where a role's connections receive replies: kiosks cannot
// subscribe to the agency's inbox, to which the stream delivers raw
// responses.
func (r Role) inboxPrefix(agency string) string {
	if r == RoleAgency {
		return "_INBOX_agency." + keyToken(agency)
	}
	return "_INBOX_" + string(r)
}

// JetStream API and subjects of the stream and the bucket.
const (
	jsAPI     = "$JS.API."
	kvStream  = "KV_" + AggregateBucket
	kvSubject = "$KV." + AggregateBucket
)

func permissionsOf(role Role, agency string) (jwt.Permissions, error) {
	var p jwt.Permissions
	p.Sub.Allow.Add(role.inboxPrefix(agency) + ".>")
	readBucket := []string{
		jsAPI + "INFO",
		jsAPI + "STREAM.INFO." + kvStream,
		jsAPI + "CONSUMER.CREATE." + kvStream + ".>",
		jsAPI + "CONSUMER.DELETE." + kvStream + ".>",
		jsAPI + "CONSUMER.INFO." + kvStream + ".>",
		"$JS.FC." + kvStream + ".>",
	}
	switch role {
	case RoleKiosk:
		p.Pub.Allow.Add(ResponseSubject)
	case RoleNational:
		p.Pub.Allow.Add(readBucket...)
	case RoleAgency:
		if !unitLike(agency) {
			return p, fmt.Errorf("an agency's credentials need its id (--agency)")
		}
		stream := ResponseStream
		p.Pub.Allow.Add(readBucket...)
		p.Pub.Allow.Add(
			jsAPI+"STREAM.CREATE."+stream, jsAPI+"STREAM.UPDATE."+stream, jsAPI+"STREAM.INFO."+stream,
			jsAPI+"CONSUMER.CREATE."+stream+"."+agencyConsumer+".>", jsAPI+"CONSUMER.CREATE."+stream+"."+agencyConsumer,
			jsAPI+"CONSUMER.DURABLE.CREATE."+stream+"."+agencyConsumer, jsAPI+"CONSUMER.INFO."+stream+"."+agencyConsumer,
			jsAPI+"CONSUMER.MSG.NEXT."+stream+"."+agencyConsumer,
			"$JS.ACK."+stream+".>",
			jsAPI+"STREAM.CREATE."+kvStream, jsAPI+"STREAM.UPDATE."+kvStream,
			// Its own keys only: SURVEY.AGENCY.UNIT-PATH.
			kvSubject+".*."+keyToken(agency)+".>",
		)
	default:
		return p, fmt.Errorf("role %q: use one of kiosk, agency, national", role)
	}
	return p, nil
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
	return id != ""
}
