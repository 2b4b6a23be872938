package questionnaire

import "fmt"

// CoreValues are the seven BerAKHLAK values in the methodology's order.
var CoreValues = []string{"pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"}

// ValueNames are the seven values' names in both languages: the one table
// every screen, `scores` and the report name them from.
var ValueNames = map[string]Text{
	"pelayanan":   {Indonesian: "Berorientasi Pelayanan", English: "Service orientation"},
	"akuntabel":   {Indonesian: "Akuntabel", English: "Accountable"},
	"kompeten":    {Indonesian: "Kompeten", English: "Competent"},
	"harmonis":    {Indonesian: "Harmonis", English: "Harmonious"},
	"loyal":       {Indonesian: "Loyal", English: "Loyal"},
	"adaptif":     {Indonesian: "Adaptif", English: "Adaptive"},
	"kolaboratif": {Indonesian: "Kolaboratif", English: "Collaborative"},
}

// EngagementConstructs are the three engagement constructs, three items each.
var EngagementConstructs = []string{"vigor", "dedication", "absorption"}

// BrandDimensions are the six attractiveness dimensions, two items each.
var BrandDimensions = []string{"interest", "social", "economic", "development", "application", "safety"}

// Fixed item IDs of the methodology: they keep years comparable.
const (
	ItemValuesPersonal = "values.personal"
	ItemValuesCurrent  = "values.current"
	ItemValuesDesired  = "values.desired"
	ItemEngRecommend   = "eng.recommend"
	ItemEngStay        = "eng.stay"
	ItemBrandReasons   = "brand.reasons"
	ItemBrandRecommend = "brand.recommend"
)

// ValuesPick is how many values each values question asks for.
const ValuesPick = 10

// MaxReasons is how many reasons a public respondent may name.
const MaxReasons = 3

// ImplItem returns the id of item n (1..3) of a core value.
func ImplItem(value string, n int) string { return fmt.Sprintf("impl.%s.%d", value, n) }

// EngItem returns the id of item n (1..3) of an engagement construct.
func EngItem(construct string, n int) string { return fmt.Sprintf("eng.%s.%d", construct, n) }

// BrandAttrItem returns the id of item n (1..2) of an attractiveness dimension.
func BrandAttrItem(dim string, n int) string { return fmt.Sprintf("brand.attr.%s.%d", dim, n) }

// BrandIntentItem returns the id of intention item n (1..3).
func BrandIntentItem(n int) string { return fmt.Sprintf("brand.intent.%d", n) }

// requiredItem is what the methodology fixes about one item.
type requiredItem struct {
	ID       string
	Module   string
	Audience string
	Type     string
	Min, Max int // for likert items
}

// RequiredItems lists every item the methodology defines, in its order.
func RequiredItems() []requiredItem {
	var out []requiredItem
	for _, v := range CoreValues {
		for n := 1; n <= 3; n++ {
			out = append(out, requiredItem{ImplItem(v, n), ModuleImplementation, AudienceASN, TypeLikert, 1, 5})
		}
	}
	for _, q := range []string{ItemValuesPersonal, ItemValuesCurrent, ItemValuesDesired} {
		out = append(out, requiredItem{ID: q, Module: ModuleValues, Audience: AudienceASN, Type: TypeValues})
	}
	for _, c := range EngagementConstructs {
		for n := 1; n <= 3; n++ {
			out = append(out, requiredItem{EngItem(c, n), ModuleEngagement, AudienceASN, TypeLikert, 1, 5})
		}
	}
	out = append(out,
		requiredItem{ItemEngStay, ModuleEngagement, AudienceASN, TypeLikert, 1, 5},
		requiredItem{ItemEngRecommend, ModuleEngagement, AudienceASN, TypeLikert, 0, 10})
	for _, d := range BrandDimensions {
		for n := 1; n <= 2; n++ {
			out = append(out, requiredItem{BrandAttrItem(d, n), ModuleBranding, AudiencePublic, TypeLikert, 1, 5})
		}
	}
	for n := 1; n <= 3; n++ {
		out = append(out, requiredItem{BrandIntentItem(n), ModuleBranding, AudiencePublic, TypeLikert, 1, 5})
	}
	out = append(out,
		requiredItem{ID: ItemBrandReasons, Module: ModuleBranding, Audience: AudiencePublic, Type: TypeReasons},
		requiredItem{ItemBrandRecommend, ModuleBranding, AudiencePublic, TypeLikert, 0, 10})
	return out
}

// FocusKeys are what a unit may choose to work on after a survey: a core
// value, or one of its three behaviours (the implementation item's id).
func FocusKeys() []string {
	var out []string
	for _, v := range CoreValues {
		out = append(out, v)
		for n := 1; n <= 3; n++ {
			out = append(out, ImplItem(v, n))
		}
	}
	return out
}

// FocusValue is the core value a focus key is about ("" for no focus key):
// the value itself, or the value a behaviour belongs to.
func FocusValue(key string) string {
	for _, v := range CoreValues {
		if key == v {
			return v
		}
		for n := 1; n <= 3; n++ {
			if key == ImplItem(v, n) {
				return v
			}
		}
	}
	return ""
}
