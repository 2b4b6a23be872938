package tui

import (
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestTheHeaderSaysHowToAnswer: the header's last line tells how to answer
// the question in focus — numbers on a scale, ticking on a values list —
// and the step, on every survey page; off the survey's pages it offers the
// language only.
func TestTheHeaderSaysHowToAnswer(t *testing.T) {
	in := questionnaire.Default()
	d := newDriver(t, New(testConfig(&memSaver{})), 100, 30)
	d.keys("1", "enter", "1") // Bahasa Indonesia, ASN
	header := func() string { return strings.Join(strings.Split(d.screen(), "\n")[:headerHeight], "\n") }
	first := header()
	if !strings.Contains(first, ui.NumberHint.In(questionnaire.LangID)+" · "+ui.LanguageHint.In(questionnaire.LangID)) || !strings.Contains(first, "Langkah 1 dari ") {
		t.Fatalf("the first survey page's header does not say how to answer a scale and the step:\n%s", first)
	}
	d.keys(testkit.SurveyOf(in, questionnaire.AudienceASN, []string{questionnaire.ModuleImplementation}, nil)...)
	if values := header(); !strings.Contains(values, ui.ValuesHint.In(questionnaire.LangID)) || strings.Contains(values, ui.NumberHint.In(questionnaire.LangID)) {
		t.Fatalf("the values page's header does not say how to tick:\n%s", values)
	}
	d.keys(testkit.SurveyOf(in, questionnaire.AudienceASN, []string{questionnaire.ModuleValues, questionnaire.ModuleEngagement, questionnaire.ModuleDemographics}, nil)...)
	d.expect("Periksa")
	if review := header(); strings.Contains(review, ui.NumberHint.In(questionnaire.LangID)) || strings.Contains(review, ui.ValuesHint.In(questionnaire.LangID)) ||
		!strings.Contains(review, ui.LanguageHint.In(questionnaire.LangID)) || strings.Contains(review, "Langkah") {
		t.Fatalf("the review's header is not the language hint alone:\n%s", review)
	}
}
