package questionnaire

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Response is one respondent's answers in the JSON interchange shape of
// docs/METHODOLOGY.md. It carries nothing about the person or the session: the
// id is random and the date has no time.
type Response struct {
	ID         string  `json:"id"`
	Survey     string  `json:"survey"`
	Unit       string  `json:"unit"`
	Audience   string  `json:"audience"`
	Date       string  `json:"date"`
	Instrument string  `json:"instrument"`
	Answers    Answers `json:"answers"`
}

// ErrSurveyClosed is why a response is not stored: its survey no longer
// takes responses. Every store checks it inside the save; the kiosk tells
// the respondent.
var ErrSurveyClosed = errors.New("the survey is closed: it takes no more responses")

// DateLayout is the only date form stored: a day, never a time.
const DateLayout = "2006-01-02"

// NewResponseID returns a random 128-bit id in hex.
func NewResponseID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err)) // the OS cannot give randomness; nothing is safe to store
	}
	return hex.EncodeToString(b[:])
}

// Day returns the coarse date stored with a response.
func Day(t time.Time) string { return t.Format(DateLayout) }

// Answers holds a response's answers by item id, split by kind so that
// scoring needs no type switches.
type Answers struct {
	Scale  map[string]int      // likert items
	Picks  map[string][]string // values and reasons questions
	Choice map[string]string   // demographics
}

// Len is the number of answered items.
func (a Answers) Len() int { return len(a.Scale) + len(a.Picks) + len(a.Choice) }

// Keys returns the answered item ids, sorted.
func (a Answers) Keys() []string {
	keys := make([]string, 0, a.Len())
	for k := range a.Scale {
		keys = append(keys, k)
	}
	for k := range a.Picks {
		keys = append(keys, k)
	}
	for k := range a.Choice {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// MarshalJSON writes the answers as one flat object, keys sorted. It writes
// the bytes directly: through a map and reflection it took half the time of
// storing a response.
func (a Answers) MarshalJSON() ([]byte, error) {
	return a.appendJSON(make([]byte, 0, 64*a.Len())), nil
}

// AppendJSON appends the response exactly as json.Marshal writes it, without
// encoding/json's reflection and its second pass over the output: the store
// encodes every response it saves.
func (r *Response) AppendJSON(b []byte) []byte {
	for i, f := range [...]struct{ name, value string }{{"id", r.ID}, {"survey", r.Survey}, {"unit", r.Unit},
		{"audience", r.Audience}, {"date", r.Date}, {"instrument", r.Instrument}} {
		if i == 0 {
			b = append(b, '{')
		} else {
			b = append(b, ',')
		}
		b = appendJSONString(b, f.name)
		b = append(b, ':')
		b = appendJSONString(b, f.value)
	}
	b = append(b, `,"answers":`...)
	return append(r.Answers.appendJSON(b), '}')
}

func (a Answers) appendJSON(b []byte) []byte {
	b = append(b, '{')
	for i, k := range a.Keys() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		if v, ok := a.Scale[k]; ok {
			b = strconv.AppendInt(b, int64(v), 10)
		} else if picks, ok := a.Picks[k]; ok {
			b = append(b, '[')
			for j, p := range picks {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, p)
			}
			b = append(b, ']')
		} else {
			b = appendJSONString(b, a.Choice[k])
		}
	}
	return append(b, '}')
}

// appendJSONString appends s as a JSON string. Item and value ids are plain
// ASCII and need no escaping; anything else is escaped by encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// UnmarshalJSON reads a flat object: integers are scale answers, string
// arrays are picks, strings are choices; anything else is an error.
func (a *Answers) UnmarshalJSON(data []byte) error {
	var flat map[string]json.RawMessage
	if err := json.Unmarshal(data, &flat); err != nil {
		return fmt.Errorf("answers must be an object: %w", err)
	}
	*a = Answers{}
	for k, raw := range flat {
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 {
			return fmt.Errorf("answer %q is empty", k)
		}
		switch raw[0] {
		case '[':
			var v []string
			if err := json.Unmarshal(raw, &v); err != nil {
				return fmt.Errorf("answer %q must be a list of ids: %w", k, err)
			}
			if a.Picks == nil {
				a.Picks = map[string][]string{}
			}
			a.Picks[k] = v
		case '"':
			var v string
			if err := json.Unmarshal(raw, &v); err != nil {
				return fmt.Errorf("answer %q: %w", k, err)
			}
			if a.Choice == nil {
				a.Choice = map[string]string{}
			}
			a.Choice[k] = v
		default:
			var v int
			if err := json.Unmarshal(raw, &v); err != nil {
				return fmt.Errorf("answer %q must be a whole number, a string or a list: %s", k, raw)
			}
			if a.Scale == nil {
				a.Scale = map[string]int{}
			}
			a.Scale[k] = v
		}
	}
	return nil
}

// DecodeStored reads a response as the store keeps it (written by
// AppendJSON): the plain reader, else encoding/json, leniently.
func DecodeStored(data []byte) (*Response, error) {
	if r, ok := decodeFast(data); ok {
		return r, nil
	}
	var r Response
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// DecodeResponse reads one response in the interchange form strictly (an
// import line, a forwarded message): unknown fields are an error.
func DecodeResponse(data []byte) (*Response, error) {
	if r, ok := decodeFast(data); ok {
		return r, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r Response
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("not a response in the interchange form: %v", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value where one response was expected")
	}
	return &r, nil
}
