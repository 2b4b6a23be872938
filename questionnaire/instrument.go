// Package questionnaire defines survey instruments, reads them from YAML and
// validates them (and the responses given to them) against the methodology.
package questionnaire

import "sync"

// Text is a bilingual string: Indonesian first, English second.
type Text struct {
	Indonesian string `yaml:"id" json:"id"`
	English    string `yaml:"en" json:"en"`
}

// In returns the text in the given language ("en" for English, anything else
// for Indonesian, the default).
func (t Text) In(lang string) string {
	if lang == LangEN {
		return t.English
	}
	return t.Indonesian
}

// Languages the instrument carries.
const (
	LangID = "id"
	LangEN = "en"
)

// Audiences of the survey (docs/METHODOLOGY.md "Who answers what").
const (
	AudienceASN    = "asn"
	AudiencePublic = "public"
)

// Modules of the survey.
const (
	ModuleImplementation = "implementation"
	ModuleValues         = "values"
	ModuleEngagement     = "engagement"
	ModuleBranding       = "branding"
	ModuleDemographics   = "demographics"
)

// Item types.
const (
	TypeLikert  = "likert"  // one point on a numeric scale
	TypeValues  = "values"  // exactly Pick distinct catalogue entries
	TypeReasons = "reasons" // 1..Pick entries of the reason list
	TypeChoice  = "choice"  // one of the item's own options (demographics)
)

// Instrument is one version of the questionnaire: its pages, scales and lists.
type Instrument struct {
	Version   string    `yaml:"version" json:"version"`
	Name      Text      `yaml:"name" json:"name"`
	Privacy   Text      `yaml:"privacy" json:"privacy"`
	Scales    []Scale   `yaml:"scales" json:"scales"`
	Sections  []Section `yaml:"sections" json:"sections"`
	Catalogue []Value   `yaml:"catalogue" json:"catalogue"`
	Reasons   []Reason  `yaml:"reasons" json:"reasons"`

	index itemIndex // worked out from Sections once, when first needed
}

// itemIndex is what checking a response needs of the sections, worked out
// once (an Instrument is not changed after Parse).
type itemIndex struct {
	once               sync.Once
	moduleOf           map[string]map[string]string // audience → item → module
	catalogue, reasons map[string]Text              // the lists' labels by id
}

// Scale is a numeric answer scale with one label per point.
type Scale struct {
	ID     string `yaml:"id" json:"id"`
	Min    int    `yaml:"min" json:"min"`
	Max    int    `yaml:"max" json:"max"`
	Labels []Text `yaml:"labels" json:"labels"`
	Line   int    `yaml:"-" json:"-"`
}

// Section is one page of the survey, asked of one audience.
type Section struct {
	ID       string `yaml:"id" json:"id"`
	Module   string `yaml:"module" json:"module"`
	Audience string `yaml:"audience" json:"audience"`
	Title    Text   `yaml:"title" json:"title"`
	Items    []Item `yaml:"items" json:"items"`
	Line     int    `yaml:"-" json:"-"`
}

// Item is one question.
type Item struct {
	ID       string   `yaml:"id" json:"id"`
	Type     string   `yaml:"type" json:"type"`
	Scale    string   `yaml:"scale,omitempty" json:"scale,omitempty"`
	Pick     int      `yaml:"pick,omitempty" json:"pick,omitempty"`
	Optional bool     `yaml:"optional,omitempty" json:"optional,omitempty"`
	Text     Text     `yaml:"text" json:"text"`
	Options  []Option `yaml:"options,omitempty" json:"options,omitempty"`
	Line     int      `yaml:"-" json:"-"`
}

// OptionLabel is the label of the item's answer id in lang.
func (it Item) OptionLabel(id, lang string) (string, bool) {
	for _, o := range it.Options {
		if o.ID == id {
			return o.Label.In(lang), true
		}
	}
	return "", false
}

// Option is one answer of a choice item.
type Option struct {
	ID    string `yaml:"id" json:"id"`
	Label Text   `yaml:"label" json:"label"`
	Line  int    `yaml:"-" json:"-"`
}

// Value is one entry of the values catalogue.
type Value struct {
	ID       string `yaml:"id" json:"id"`
	Area     int    `yaml:"area" json:"area"`
	Limiting bool   `yaml:"limiting" json:"limiting"`
	Label    Text   `yaml:"label" json:"label"`
	Line     int    `yaml:"-" json:"-"`
}

// Reason is one entry of the employer-branding reason list.
type Reason struct {
	ID    string `yaml:"id" json:"id"`
	Label Text   `yaml:"label" json:"label"`
	Line  int    `yaml:"-" json:"-"`
}

// ScaleByID returns the scale with the given id.
func (in *Instrument) ScaleByID(id string) (Scale, bool) {
	for _, s := range in.Scales {
		if s.ID == id {
			return s, true
		}
	}
	return Scale{}, false
}

// SectionsFor returns the pages asked of an audience, in instrument order.
func (in *Instrument) SectionsFor(audience string) []Section {
	var out []Section
	for _, s := range in.Sections {
		if s.Audience == audience {
			out = append(out, s)
		}
	}
	return out
}

// Item returns the item with the given id asked of an audience.
func (in *Instrument) Item(audience, id string) (Item, bool) {
	for _, s := range in.SectionsFor(audience) {
		for _, it := range s.Items {
			if it.ID == id {
				return it, true
			}
		}
	}
	return Item{}, false
}

// AudienceModules are the modules a survey may ask of each audience, in the
// order the kiosk asks them (docs/METHODOLOGY.md "Who answers what").
var AudienceModules = map[string][]string{
	AudienceASN:    {ModuleImplementation, ModuleValues, ModuleEngagement, ModuleDemographics},
	AudiencePublic: {ModuleBranding, ModuleDemographics},
}
