package questionnaire

import (
	"fmt"
	"regexp"
	"slices"
	"time"
)

var hexID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// CheckResponse reports the first thing that makes r an invalid answer to
// this instrument: header fields, unknown or missing items, values outside a
// scale, picks that are not distinct known ids. Optional items may be absent.
func (in *Instrument) CheckResponse(r *Response) error { return in.CheckResponseFor(r, nil) }

// moduleOfItems is, per audience, the module of each item asked of it,
// worked out once: an import checks a million responses against it.
func (in *Instrument) moduleOfItems() map[string]map[string]string {
	return in.indexed().moduleOf
}

// indexed is the instrument's index, worked out on first use.
func (in *Instrument) indexed() *itemIndex {
	in.index.once.Do(func() {
		in.index.catalogue, in.index.reasons = map[string]Text{}, map[string]Text{}
		for _, v := range in.Catalogue {
			in.index.catalogue[v.ID] = v.Label
		}
		for _, r := range in.Reasons {
			in.index.reasons[r.ID] = r.Label
		}
		in.index.moduleOf = map[string]map[string]string{}
		for _, s := range in.Sections {
			if in.index.moduleOf[s.Audience] == nil {
				in.index.moduleOf[s.Audience] = map[string]string{}
			}
			for _, it := range s.Items {
				in.index.moduleOf[s.Audience][it.ID] = s.Module
			}
		}
	})
	return &in.index
}

// PickLabel is the label of a value of the catalogue (an item of
// TypeValues) or of a reason (TypeReasons) by its id: the review names each
// pick in words.
func (in *Instrument) PickLabel(itemType, id string) (Text, bool) {
	index := in.indexed()
	list := index.catalogue
	if itemType == TypeReasons {
		list = index.reasons
	}
	label, ok := list[id]
	return label, ok
}

// CheckEnvelope checks what surrounds the answers: the id, survey and unit
// given, a day without time, a known audience.
func CheckEnvelope(r *Response) error {
	if !hexID.MatchString(r.ID) {
		return fmt.Errorf("id %q must be 32 lowercase hex digits (a random 128-bit id)", r.ID)
	}
	if r.Survey == "" || r.Unit == "" {
		return fmt.Errorf("survey and unit are required")
	}
	if _, err := time.Parse(DateLayout, r.Date); err != nil {
		return fmt.Errorf("date %q must be a day in the form YYYY-MM-DD, with no time", r.Date)
	}
	if !knownAudiences[r.Audience] {
		return fmt.Errorf("audience %q must be asn or public", r.Audience)
	}
	return nil
}

// CheckResponseFor checks a response against the modules its survey asks of
// its audience, as the kiosk asks them (nil: every module): an answer to an
// item of another module is refused, and only the asked modules' items are
// required.
func (in *Instrument) CheckResponseFor(r *Response, modules []string) error {
	if err := CheckEnvelope(r); err != nil {
		return err
	}
	if modules != nil && len(modules) == 0 {
		return fmt.Errorf("survey %s does not ask audience %s", r.Survey, r.Audience)
	}
	askedModule := func(m string) bool { return modules == nil || slices.Contains(modules, m) }
	moduleOf := in.moduleOfItems()[r.Audience]
	for _, k := range r.Answers.Keys() {
		m, ok := moduleOf[k]
		switch {
		case !ok:
			return fmt.Errorf("answer %q is not an item asked of audience %s", k, r.Audience)
		case !askedModule(m):
			return fmt.Errorf("answer %q belongs to module %s, which survey %s does not ask of %s", k, m, r.Survey, r.Audience)
		}
	}
	for _, s := range in.SectionsFor(r.Audience) {
		if !askedModule(s.Module) {
			continue
		}
		for _, it := range s.Items {
			if err := in.checkAnswer(it, r.Answers); err != nil {
				return err
			}
		}
	}
	return nil
}

func (in *Instrument) checkAnswer(it Item, a Answers) error {
	switch it.Type {
	case TypeLikert:
		v, ok := a.Scale[it.ID]
		if !ok {
			return missing(it, a)
		}
		sc, _ := in.ScaleByID(it.Scale)
		if v < sc.Min || v > sc.Max {
			return fmt.Errorf("answer %q is %d: the scale runs %d..%d", it.ID, v, sc.Min, sc.Max)
		}
	case TypeValues, TypeReasons:
		picks, ok := a.Picks[it.ID]
		if !ok {
			return missing(it, a)
		}
		return in.checkPicks(it, picks)
	case TypeChoice:
		v, ok := a.Choice[it.ID]
		if !ok {
			return missing(it, a)
		}
		for _, o := range it.Options {
			if o.ID == v {
				return nil
			}
		}
		return fmt.Errorf("answer %q is %q, which is not one of its options", it.ID, v)
	}
	return nil
}

func missing(it Item, a Answers) error {
	if it.Optional {
		if _, elsewhere := a.Scale[it.ID]; elsewhere {
			return fmt.Errorf("answer %q has the wrong type: expected a string", it.ID)
		}
		return nil
	}
	return fmt.Errorf("answer %q is missing (or has the wrong type for a %s item)", it.ID, it.Type)
}

func (in *Instrument) checkPicks(it Item, picks []string) error {
	idx := in.indexed()
	list := idx.catalogue
	if it.Type == TypeValues {
		if len(picks) != it.Pick {
			return fmt.Errorf("answer %q has %d values: it needs exactly %d", it.ID, len(picks), it.Pick)
		}
	} else {
		list = idx.reasons
		if len(picks) < 1 || len(picks) > it.Pick {
			return fmt.Errorf("answer %q has %d reasons: it needs 1 to %d", it.ID, len(picks), it.Pick)
		}
	}
	for i, p := range picks {
		if _, ok := list[p]; !ok {
			return fmt.Errorf("answer %q names %q, which is not in the instrument's list", it.ID, p)
		}
		if slices.Contains(picks[:i], p) {
			return fmt.Errorf("answer %q names %q twice", it.ID, p)
		}
	}
	return nil
}
