package questionnaire

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with an instrument file, at a line.
type Problem struct {
	Line int
	Msg  string
}

// ProblemList is the error returned for an invalid instrument file: one
// message per problem, each naming file and line.
type ProblemList struct {
	File     string
	Problems []Problem
}

func (pl *ProblemList) Error() string {
	lines := make([]string, len(pl.Problems))
	for i, p := range pl.Problems {
		lines[i] = fmt.Sprintf("%s:%d: %s", pl.File, p.Line, p.Msg)
	}
	return strings.Join(lines, "\n")
}

// Minimums the methodology sets for the catalogue.
const (
	MinCatalogue = 50
	MinLimiting  = 12
	MaxArea      = 6
	MaxLimitArea = 3
)

var knownModules = map[string]bool{ModuleImplementation: true, ModuleValues: true, ModuleEngagement: true, ModuleBranding: true, ModuleDemographics: true}
var knownAudiences = map[string]bool{AudienceASN: true, AudiencePublic: true}

// validator collects problems while walking an instrument.
type validator struct{ probs []Problem }

func (v *validator) add(line int, format string, args ...any) {
	v.probs = append(v.probs, Problem{Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) text(line int, what string, t Text) {
	if strings.TrimSpace(t.Indonesian) == "" {
		v.add(line, "%s has no Indonesian text: add `id: …`", what)
	}
	if strings.TrimSpace(t.English) == "" {
		v.add(line, "%s has no English translation: add `en: …`", what)
	}
}

// Validate checks an instrument against the methodology and returns every
// problem found, ordered by line.
func Validate(in *Instrument) []Problem {
	v := &validator{}
	if strings.TrimSpace(in.Version) == "" {
		v.add(1, "the instrument has no `version`: add one such as `version: \"2026.1\"`")
	}
	v.text(1, "the survey `name`", in.Name)
	v.text(1, "the `privacy` notice", in.Privacy)
	v.counts(in)
	if len(v.probs) > 0 {
		return v.probs // too large to check further
	}
	v.checkIDs(in)
	v.scales(in)
	catalogue := v.catalogue(in)
	reasons := v.reasons(in)
	items := v.sections(in, catalogue, reasons)
	v.required(in, items)
	sort.SliceStable(v.probs, func(i, j int) bool { return v.probs[i].Line < v.probs[j].Line })
	return v.probs
}

func (v *validator) scales(in *Instrument) {
	seen := map[string]bool{}
	for _, s := range in.Scales {
		if s.ID == "" {
			v.add(s.Line, "scale without `id`")
		} else if seen[s.ID] {
			v.add(s.Line, "duplicate scale id %q: each scale needs its own id", s.ID)
		}
		seen[s.ID] = true
		if s.Max <= s.Min {
			v.add(s.Line, "scale %q: `max` (%d) must be above `min` (%d)", s.ID, s.Max, s.Min)
			continue
		}
		if want := s.Max - s.Min + 1; len(s.Labels) != want {
			v.add(s.Line, "scale %q runs %d..%d and needs %d labels, has %d", s.ID, s.Min, s.Max, want, len(s.Labels))
		}
		for i, l := range s.Labels {
			v.text(s.Line, fmt.Sprintf("label %d of scale %q", s.Min+i, s.ID), l)
		}
	}
}

func (v *validator) catalogue(in *Instrument) map[string]bool {
	ids := map[string]bool{}
	limiting := 0
	for _, e := range in.Catalogue {
		switch {
		case e.ID == "":
			v.add(e.Line, "catalogue entry without `id`")
		case ids[e.ID]:
			v.add(e.Line, "duplicate catalogue id %q", e.ID)
		}
		ids[e.ID] = true
		switch {
		case e.Area == 0:
			v.add(e.Line, "catalogue entry %q has no `area`: give one of 1..%d", e.ID, MaxArea)
		case e.Area < 1 || e.Area > MaxArea:
			v.add(e.Line, "catalogue entry %q has area %d: areas run 1..%d", e.ID, e.Area, MaxArea)
		case e.Limiting && e.Area > MaxLimitArea:
			v.add(e.Line, "catalogue entry %q is limiting in area %d: limiting entries stand only in areas 1..%d", e.ID, e.Area, MaxLimitArea)
		}
		if e.Limiting {
			limiting++
		}
		v.text(e.Line, fmt.Sprintf("catalogue entry %q", e.ID), e.Label)
	}
	if len(in.Catalogue) < MinCatalogue {
		v.add(1, "the catalogue has %d entries: the methodology needs at least %d", len(in.Catalogue), MinCatalogue)
	}
	if limiting < MinLimiting {
		v.add(1, "the catalogue has %d limiting entries: the methodology needs at least %d", limiting, MinLimiting)
	}
	return ids
}

func (v *validator) reasons(in *Instrument) map[string]bool {
	ids := map[string]bool{}
	for _, r := range in.Reasons {
		if r.ID == "" {
			v.add(r.Line, "reason without `id`")
		} else if ids[r.ID] {
			v.add(r.Line, "duplicate reason id %q", r.ID)
		}
		ids[r.ID] = true
		v.text(r.Line, fmt.Sprintf("reason %q", r.ID), r.Label)
	}
	return ids
}

// sections checks every page and item, returning the items by id (the last
// one of an id asked of both audiences, which only demographics may be).
func (v *validator) sections(in *Instrument, catalogue, reasons map[string]bool) map[string]Item {
	items := map[string]Item{}
	perAudience := map[string]bool{}
	sectionIDs := map[string]bool{}
	for _, s := range in.Sections {
		if s.ID == "" {
			v.add(s.Line, "section without `id`")
		} else if sectionIDs[s.ID] {
			v.add(s.Line, "duplicate section id %q", s.ID)
		}
		sectionIDs[s.ID] = true
		if !knownModules[s.Module] {
			v.add(s.Line, "section %q has module %q: use one of %s", s.ID, s.Module, strings.Join(sortedKeys(knownModules), ", "))
		}
		if !knownAudiences[s.Audience] {
			v.add(s.Line, "section %q has audience %q: use asn or public", s.ID, s.Audience)
		}
		v.text(s.Line, fmt.Sprintf("the title of section %q", s.ID), s.Title)
		if len(s.Items) == 0 {
			v.add(s.Line, "section %q has no items", s.ID)
		}
		for _, it := range s.Items {
			if perAudience[s.Audience+" "+it.ID] {
				v.add(it.Line, "duplicate item id %q: item ids must be unique within an audience", it.ID)
				continue
			}
			perAudience[s.Audience+" "+it.ID] = true
			items[it.ID] = it
			v.item(in, s, it)
		}
	}
	return items
}

func (v *validator) item(in *Instrument, s Section, it Item) {
	if it.ID == "" {
		v.add(it.Line, "item without `id`")
	}
	v.text(it.Line, fmt.Sprintf("item %q", it.ID), it.Text)
	if s.Module == ModuleDemographics && !strings.HasPrefix(it.ID, "demo.") {
		v.add(it.Line, "demographic item %q must have an id starting with demo.", it.ID)
	}
	switch it.Type {
	case TypeLikert:
		if _, ok := in.ScaleByID(it.Scale); !ok {
			v.add(it.Line, "item %q uses unknown scale %q: define it under `scales`", it.ID, it.Scale)
		}
	case TypeValues:
		if it.Pick != ValuesPick {
			v.add(it.Line, "values question %q asks for %d values: it must ask for exactly %d (`pick: %d`)", it.ID, it.Pick, ValuesPick, ValuesPick)
		}
	case TypeReasons:
		if it.Pick < 1 || it.Pick > MaxReasons {
			v.add(it.Line, "reasons question %q has pick %d: it must allow 1..%d", it.ID, it.Pick, MaxReasons)
		}
	case TypeChoice:
		if len(it.Options) < 2 {
			v.add(it.Line, "choice item %q needs at least 2 options", it.ID)
		}
		seen := map[string]bool{}
		for _, o := range it.Options {
			if o.ID == "" || seen[o.ID] {
				v.add(o.Line, "option %q of item %q: option ids must be present and unique", o.ID, it.ID)
			}
			seen[o.ID] = true
			v.text(o.Line, fmt.Sprintf("option %q of item %q", o.ID, it.ID), o.Label)
		}
	default:
		v.add(it.Line, "item %q has type %q: use likert, values, reasons or choice", it.ID, it.Type)
	}
}

// required checks that every methodology item is present with its module,
// audience, type and scale range, so scores stay comparable across years.
func (v *validator) required(in *Instrument, items map[string]Item) {
	sectionOf := map[string]Section{}
	for _, s := range in.Sections {
		for _, it := range s.Items {
			sectionOf[it.ID] = s
		}
	}
	for _, r := range RequiredItems() {
		it, ok := items[r.ID]
		if !ok {
			v.add(1, "item %q of the %s module is missing: the methodology fixes it", r.ID, r.Module)
			continue
		}
		s := sectionOf[r.ID]
		if s.Module != r.Module || s.Audience != r.Audience {
			v.add(it.Line, "item %q belongs in a %s section for audience %s", r.ID, r.Module, r.Audience)
		}
		if it.Type != r.Type {
			v.add(it.Line, "item %q must be of type %s", r.ID, r.Type)
			continue
		}
		if r.Type == TypeLikert {
			if sc, ok := in.ScaleByID(it.Scale); ok && (sc.Min != r.Min || sc.Max != r.Max) {
				v.add(it.Line, "item %q must use a %d..%d scale; scale %q runs %d..%d", r.ID, r.Min, r.Max, sc.ID, sc.Min, sc.Max)
			}
		}
	}
}
