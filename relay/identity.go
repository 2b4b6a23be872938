package relay

import (
	"fmt"
	"strings"

	"github.com/nats-io/jwt/v2"
)

// Identity is who a NATS user of berakhlak is: its role, the agency it
// belongs to (kiosks and agency servers) and a kiosk's own name. Each
// identity has its own subjects and inbox (permissions.go); credentials carry
// it in their user name, so a process learns what it may do from the
// credentials it is given, never from a flag that could disagree with them.
type Identity struct {
	Role   Role   `json:"role"`
	Agency string `json:"agency,omitempty"` // RoleKiosk, RoleLeaf, RoleAgency
	Kiosk  string `json:"kiosk,omitempty"`  // RoleKiosk, RoleLeaf: its name, unique within its agency
}

// check refuses an identity its role cannot have.
func (id Identity) check() error {
	switch id.Role {
	case RoleKiosk, RoleLeaf:
		if !unitLike(id.Agency) || !unitLike(id.Kiosk) {
			return fmt.Errorf("a %s's credentials need its agency (--agency) and its own name (--name): letters, digits, '.', '_' or '-'", id.Role)
		}
	case RoleAgency:
		if !unitLike(id.Agency) {
			return fmt.Errorf("an agency's credentials need its id (--agency)")
		}
	case RoleNational, RoleProvision:
		if id.Agency != "" || id.Kiosk != "" {
			return fmt.Errorf("the %s role belongs to no agency", id.Role)
		}
	default:
		return fmt.Errorf("role %q: use one of kiosk, leaf, agency, national, provision", id.Role)
	}
	return nil
}

// userName is the NATS user name of an identity, which the server shows in
// its monitoring and which IdentityOf reads back:
// "berakhlak ROLE [AGENCY [KIOSK]]". Ids have no spaces (unitLike).
func (id Identity) userName() string {
	return strings.TrimSpace(strings.Join([]string{"berakhlak", string(id.Role), id.Agency, id.Kiosk}, " "))
}

// String names the identity for logs and listings.
func (id Identity) String() string {
	switch id.Role {
	case RoleKiosk, RoleLeaf:
		return string(id.Role) + " " + id.Kiosk + " of agency " + id.Agency
	case RoleAgency:
		return "agency " + id.Agency
	}
	return string(id.Role)
}

// IdentityOf reads the identity out of a credentials file's bytes.
func IdentityOf(creds []byte) (Identity, error) {
	uc, err := userClaims(creds)
	if err != nil {
		return Identity{}, err
	}
	return identityOfClaims(uc)
}

// identityOfClaims reads the identity out of a signed user's name.
func identityOfClaims(uc *jwt.UserClaims) (Identity, error) {
	fields := strings.Fields(uc.Name)
	if len(fields) < 2 || fields[0] != "berakhlak" {
		return Identity{}, fmt.Errorf("NATS credentials of %q were not issued by `berakhlak nats creds`", uc.Name)
	}
	id := Identity{Role: Role(fields[1])}
	if len(fields) > 2 {
		id.Agency = fields[2]
	}
	if len(fields) > 3 {
		id.Kiosk = fields[3]
	}
	if len(fields) > 4 {
		return Identity{}, fmt.Errorf("NATS credentials of %q: not a berakhlak user name", uc.Name)
	}
	if err := id.check(); err != nil {
		return Identity{}, fmt.Errorf("NATS credentials of %q: %w (issued by an older version? issue them again with `berakhlak nats creds`)", uc.Name, err)
	}
	return id, nil
}

// userClaims are what a credentials file's signed user says of itself.
func userClaims(creds []byte) (*jwt.UserClaims, error) {
	token, err := jwt.ParseDecoratedJWT(creds)
	if err != nil {
		return nil, fmt.Errorf("NATS credentials: %w", err)
	}
	uc, err := jwt.DecodeUserClaims(token)
	if err != nil {
		return nil, fmt.Errorf("NATS credentials: %w", err)
	}
	return uc, nil
}
