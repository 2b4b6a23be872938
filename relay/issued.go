package relay

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/berakhlak/berakhlak/internal/privatefile"

	"github.com/nats-io/jwt/v2"
)

// Credentials handed out with `nats creds` are listed in the identities'
// folder (issued.json, 0600): whose they are, the user key they carry, the
// month they were issued and, once revoked, when. Revoked keys go into the
// account's revocation list, which every server of the deployment applies:
// a lost or stolen kiosk's credentials stop working without touching the
// others'. The list names kiosks and offices, never a respondent.

// Issued is one credentials file handed out.
type Issued struct {
	Identity
	Key     string `json:"key"`               // the user's public nkey
	Month   string `json:"issued"`            // YYYY-MM
	Revoked int64  `json:"revoked,omitempty"` // when, in Unix seconds; 0: still valid
}

const issuedFile = "issued.json"

// Issue issues a credentials file for id, as Creds does, and lists it.
func (a *Auth) Issue(id Identity, now time.Time) ([]byte, error) {
	data, user, err := a.creds(id)
	if err != nil {
		return nil, err
	}
	list, err := a.Issued()
	if err != nil {
		return nil, err
	}
	list = append(list, Issued{Identity: id, Key: user, Month: now.Format("2006-01")})
	if err := a.writeIssued(list); err != nil {
		return nil, err
	}
	return data, nil
}

// Issued lists the credentials handed out, oldest first.
func (a *Auth) Issued() ([]Issued, error) {
	data, err := os.ReadFile(filepath.Join(a.dir, issuedFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the list of issued credentials: %w", err)
	}
	var list []Issued
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(a.dir, issuedFile), err)
	}
	return list, nil
}

// Revoke revokes every credentials file issued to id that is still valid
// and returns how many; servers apply it once they have the account's new
// claims (Embedded.ApplyRevocations, or `nats config` on separate servers).
func (a *Auth) Revoke(id Identity, now time.Time) (int, error) {
	list, err := a.Issued()
	if err != nil {
		return 0, err
	}
	n := 0
	for i := range list {
		if list[i].Identity == id && list[i].Revoked == 0 {
			list[i].Revoked = now.Unix()
			n++
		}
	}
	if n == 0 {
		return 0, fmt.Errorf("no valid credentials of %s were issued here (`berakhlak nats list` shows them)", id)
	}
	return n, a.writeIssued(list)
}

// writeIssued replaces the list whole: a crash leaves the old one or the new.
func (a *Auth) writeIssued(list []Issued) error {
	data, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return err
	}
	return privatefile.Write(filepath.Join(a.dir, issuedFile), append(data, '\n'))
}

// ApplyRevocations gives the running server the account's current
// revocations: the revoked users' connections are closed and they are
// refused from now on.
func (e *Embedded) ApplyRevocations() error {
	_, _, acc, err := e.Auth.jwts()
	if err != nil {
		return err
	}
	claims, err := jwt.DecodeAccountClaims(acc)
	if err != nil {
		return fmt.Errorf("decode account claims: %w", err)
	}
	account, err := e.LookupAccount(e.Auth.AccountKey())
	if err != nil {
		return fmt.Errorf("embedded NATS server: %w", err)
	}
	e.UpdateAccountClaims(account, claims)
	return nil
}
