package db

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// Sealed responses (a survey with a recipient): the raw answers are stored
// encrypted to the agency's age key, which the database never holds. The
// record keeps only what de-duplication and routing need in the clear — the
// random id and the survey — and the interchange line sealed. Aggregates are
// computed before sealing, so figures need no key; exporting raw answers or
// recomputing aggregates does (OpenRecord).

// ErrSealed means raw responses are sealed and no identity was given.
var ErrSealed = errors.New("the raw responses are sealed to the agency's key")

// sealedRecord is how a sealed response is stored.
type sealedRecord struct {
	ID     string `json:"id"`
	Survey string `json:"survey"`
	Sealed string `json:"sealed"` // base64 of the age-encrypted interchange line
}

// IsSealed reports whether a stored record is sealed: it has the sealed
// field and, unlike every plain record, no answers (an item could be named
// "sealed"; base64 never holds a quote).
func IsSealed(data []byte) bool {
	return bytes.Contains(data, []byte(`"sealed":`)) && !bytes.Contains(data, []byte(`"answers":`))
}

// seal encrypts a response's interchange line (r.AppendJSON, made once by
// the caller) to recipient.
func seal(r *questionnaire.Response, line []byte, recipient age.Recipient) ([]byte, error) {
	var out bytes.Buffer
	w, err := age.Encrypt(&out, recipient)
	if err == nil {
		_, err = w.Write(line)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return nil, fmt.Errorf("seal response %s: %w", r.ID, err)
	}
	return json.Marshal(sealedRecord{ID: r.ID, Survey: r.Survey, Sealed: base64.StdEncoding.EncodeToString(out.Bytes())})
}

// transitKey is the agency server's recipient for forwarded sealed responses.
type transitKey struct{ recipient age.Recipient }

// ForwardSealedTo lets a forwarding store send sealed responses: the outbox
// keeps each one's line sealed to the agency server's online key (which
// opens it to fold it into its figures), never in the clear.
func (s *Store) ForwardSealedTo(recipient age.Recipient) {
	s.transit.Store(&transitKey{recipient})
}

// outboxValue is what the outbox keeps for a response: nothing for a plain
// one (the record is sent as is), its line sealed for transit for a sealed
// one, or nothing when there is no transit key (Pending then says why).
func (s *Store) outboxValue(r *questionnaire.Response, line []byte, sealed bool) ([]byte, error) {
	t := s.transit.Load()
	if !sealed || t == nil {
		return nil, nil
	}
	return seal(r, line, t.recipient)
}

// OpenRecord returns a stored record's interchange line: the record itself
// when it is in the clear, or its sealed line opened with ids (ErrSealed
// when there are none). ids never reach the database.
func OpenRecord(data []byte, ids []age.Identity) ([]byte, error) {
	if !IsSealed(data) {
		return data, nil
	}
	rec, err := parseSealed(data)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("%w: give the identity file (--identity) to read them", ErrSealed)
	}
	box, err := base64.StdEncoding.DecodeString(rec.Sealed)
	if err != nil {
		return nil, fmt.Errorf("sealed record %s: %w", rec.ID, err)
	}
	rd, err := age.Decrypt(bytes.NewReader(box), ids...)
	if err != nil {
		return nil, fmt.Errorf("open sealed record %s: %w", rec.ID, err)
	}
	line, err := io.ReadAll(rd)
	if err != nil {
		return nil, fmt.Errorf("open sealed record %s: %w", rec.ID, err)
	}
	return line, nil
}

// parseSealed reads a sealed record's clear part (its id and survey).
func parseSealed(data []byte) (sealedRecord, error) {
	var rec sealedRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return rec, fmt.Errorf("unreadable sealed record: %w", err)
	}
	return rec, nil
}

// decodeRecord reads a stored record, opening it with ids when sealed.
func decodeRecord(data []byte, ids []age.Identity) (*questionnaire.Response, error) {
	line, err := OpenRecord(data, ids)
	if err != nil {
		return nil, err
	}
	return questionnaire.DecodeStored(line)
}

// CountSealed is how many stored records are sealed.
func (s *Store) CountSealed() (int, error) {
	n := 0
	err := s.EachRecord(func(_, v []byte) error {
		if IsSealed(v) {
			n++
		}
		return nil
	})
	return n, err
}
