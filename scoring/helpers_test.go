package scoring

import (
	"math"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

var instrument = questionnaire.Default()

// near fails unless got equals want to 1e-9.
func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %.12g, want %.12g", what, got, want)
	}
}

// asn builds an ASN response from item answers.
func asn(scale map[string]int, picks map[string][]string) *questionnaire.Response {
	return &questionnaire.Response{ID: questionnaire.NewResponseID(), Survey: "2026", Unit: "u", Audience: "asn",
		Date: "2026-11-27", Answers: questionnaire.Answers{Scale: scale, Picks: picks}}
}

func public(scale map[string]int, reasons []string) *questionnaire.Response {
	r := asn(scale, map[string][]string{questionnaire.ItemBrandReasons: reasons})
	r.Audience = "public"
	return r
}

// implAnswers gives every implementation item the value `rest`, except the
// listed values, whose three items get the given answers.
func implAnswers(rest int, except map[string][3]int) map[string]int {
	m := map[string]int{}
	for _, v := range questionnaire.CoreValues {
		for n := 1; n <= 3; n++ {
			m[questionnaire.ImplItem(v, n)] = rest
			if a, ok := except[v]; ok {
				m[questionnaire.ImplItem(v, n)] = a[n-1]
			}
		}
	}
	return m
}

// engAnswers gives vigor, dedication and absorption items the three values.
func engAnswers(vigor, dedication, absorption, recommend, stay int) map[string]int {
	m := map[string]int{questionnaire.ItemEngRecommend: recommend, questionnaire.ItemEngStay: stay}
	for i, c := range questionnaire.EngagementConstructs {
		for n := 1; n <= 3; n++ {
			m[questionnaire.EngItem(c, n)] = []int{vigor, dedication, absorption}[i]
		}
	}
	return m
}

func aggregateOf(rs ...*questionnaire.Response) *Aggregate {
	a := NewAggregate()
	for _, r := range rs {
		a.Add(r)
	}
	return a
}

// brandAnswers gives every attractiveness item attr, every intention item
// intent, and recommendation 10.
func brandAnswers(attr, intent int) map[string]int {
	m := map[string]int{questionnaire.ItemBrandRecommend: 10}
	for _, d := range questionnaire.BrandDimensions {
		for n := 1; n <= 2; n++ {
			m[questionnaire.BrandAttrItem(d, n)] = attr
		}
	}
	for n := 1; n <= 3; n++ {
		m[questionnaire.BrandIntentItem(n)] = intent
	}
	return m
}
