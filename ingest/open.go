package ingest

import (
	"fmt"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// WithKeys returns rules that open sealed responses with ids: the agency's
// identities for a file, the server's transit key for what kiosks forward.
// hint, when not empty, tells a sender whose sealed response cannot be
// opened which recipient to seal to.
func (r *Rules) WithKeys(ids []age.Identity, hint string) *Rules {
	keyed := *r
	keyed.ids, keyed.hint = ids, hint
	return &keyed
}

// SealedInClearError refuses a response that arrived sealed for a survey
// that stores its responses in the clear here: storing it would undo what
// its sender sealed. A file reports the line; NATS leaves the message in the
// stream until the survey has a recipient.
type SealedInClearError struct{ Survey string }

func (e SealedInClearError) Error() string {
	return fmt.Sprintf("the response is sealed, and survey %s has no recipient here to seal it again: set it first (`berakhlak survey set %s --recipient age1…`)", e.Survey, e.Survey)
}

// Open is the one gate of a response from outside, sealed or plain: it
// opens a sealed one with the rules' keys, decodes and checks it (Decode),
// and refuses a sealed one its survey would store in the clear. Each way in
// keeps only its reaction to a refusal.
func (r *Rules) Open(data []byte) (*questionnaire.Response, error) {
	sealed := db.IsSealed(data)
	if sealed {
		line, err := db.OpenRecord(data, r.ids)
		if err != nil && r.hint != "" {
			return nil, fmt.Errorf("a sealed response this server cannot open (%s): %w", r.hint, err)
		}
		if err != nil {
			return nil, err
		}
		data = line
	}
	resp, err := r.Decode(data)
	if err != nil {
		return nil, err
	}
	if sealed {
		if sv, _, err := r.dir.Survey(resp.Survey); err != nil || sv.Recipient == "" {
			return nil, SealedInClearError{Survey: resp.Survey}
		}
	}
	return resp, nil
}
