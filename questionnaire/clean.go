package questionnaire

import (
	"regexp"

	"github.com/berakhlak/berakhlak/safetext"
)

// Bounds for instrument texts, in characters.
const (
	maxNameLen    = 100
	maxPrivacyLen = 3000
	maxItemLen    = 600
	maxLabelLen   = 150
)

// idPattern is what ids may be: they reach screens, files and keys.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._+-]{0,63}$`)

// cleanTexts makes every text of an instrument safe to draw on a terminal:
// no escape sequences, controls or bidi overrides, bounded length. Only the
// privacy notice keeps its line breaks.
func cleanTexts(in *Instrument) {
	clean := func(t *Text, max int, multiline bool) {
		t.Indonesian = safetext.Clean(t.Indonesian, max, multiline)
		t.English = safetext.Clean(t.English, max, multiline)
	}
	in.Version = safetext.Clean(in.Version, 32, false)
	clean(&in.Name, maxNameLen, false)
	clean(&in.Privacy, maxPrivacyLen, true)
	for i := range in.Scales {
		for j := range in.Scales[i].Labels {
			clean(&in.Scales[i].Labels[j], maxLabelLen, false)
		}
	}
	for i := range in.Sections {
		s := &in.Sections[i]
		clean(&s.Title, maxLabelLen, false)
		for j := range s.Items {
			it := &s.Items[j]
			clean(&it.Text, maxItemLen, false)
			for k := range it.Options {
				clean(&it.Options[k].Label, maxLabelLen, false)
			}
		}
	}
	for i := range in.Catalogue {
		clean(&in.Catalogue[i].Label, maxLabelLen, false)
	}
	for i := range in.Reasons {
		clean(&in.Reasons[i].Label, maxLabelLen, false)
	}
}

// checkIDs reports ids outside the safe alphabet.
func (v *validator) checkIDs(in *Instrument) {
	check := func(line int, what, id string) {
		if id != "" && !idPattern.MatchString(id) {
			v.add(line, "%s id %q may use only a-z, 0-9 and . _ + - (up to 64 characters)", what, id)
		}
	}
	for _, s := range in.Scales {
		check(s.Line, "scale", s.ID)
	}
	for _, s := range in.Sections {
		check(s.Line, "section", s.ID)
		for _, it := range s.Items {
			check(it.Line, "item", it.ID)
			for _, o := range it.Options {
				check(o.Line, "option", o.ID)
			}
		}
	}
	for _, e := range in.Catalogue {
		check(e.Line, "catalogue", e.ID)
	}
	for _, r := range in.Reasons {
		check(r.Line, "reason", r.ID)
	}
}
