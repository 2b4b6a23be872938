package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/internal/testkit"
	"github.com/berakhlak/berakhlak/questionnaire"
)

// TestKioskUsesTheTerminalsSixteenColours: every screen of a respondent's
// survey is drawn in the terminal's own 16 colours, never 256 or true
// colour, so the SSH server sends each frame as it is to any colour
// terminal instead of converting it (sshserver's needsDownsampling).
func TestKioskUsesTheTerminalsSixteenColours(t *testing.T) {
	k := New(testConfig(&memSaver{}))
	k.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	keys := append(append([]string{"1", "1"}, testkit.Survey(questionnaire.Default(), questionnaire.AudienceASN, nil)...), "enter")
	for i, key := range keys {
		view := k.View().Content
		if strings.Contains(view, "8;2;") || strings.Contains(view, "8;5;") {
			t.Fatalf("screen before key %d of %d has 256 or true colours:\n%q", i, len(keys), view)
		}
		k.Update(keyMsg(key))
	}
	if !strings.Contains(k.View().Content, "Yang akan disimpan") {
		t.Fatal("the keys did not reach the stored record")
	}
}

// TestNoRespondentsPicksOutliveTheSession: the review's lines are kept for
// every session, but a respondent's own set of picks is drawn and dropped,
// so no one's answers stay in the server's memory after their session.
func TestNoRespondentsPicksOutliveTheSession(t *testing.T) {
	k := New(testConfig(&memSaver{}))
	k.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	keys := append(append([]string{"1", "1"}, testkit.Survey(questionnaire.Default(), questionnaire.AudienceASN, nil)...), "enter")
	for _, key := range keys {
		k.Update(keyMsg(key))
		k.View()
	}
	var picks []string
	for _, p := range k.pages {
		for _, it := range p.Items {
			if it.Type == questionnaire.TypeValues || it.Type == questionnaire.TypeReasons {
				picks = append(picks, "→ "+k.answerText(k.cfg.Instrument, it))
			}
		}
	}
	if len(picks) == 0 || !strings.Contains(k.View().Content, "Yang akan disimpan") {
		t.Fatal("the respondent did not reach the stored record with picks")
	}
	for _, kept := range reviewBlocks.Keys() {
		for _, p := range picks {
			if kept.text == p {
				t.Fatalf("a respondent's picks are kept for every session: %q", p)
			}
		}
	}
	titles := map[string]bool{}
	for _, s := range k.cfg.Instrument.Sections {
		titles[s.Title.In(questionnaire.LangID)], titles[s.Title.In(questionnaire.LangEN)] = true, true
	}
	for _, kept := range reviewTitles.Keys() {
		if !titles[kept.title] {
			t.Fatalf("the review keeps a heading that is not a page's title: %q", kept.title)
		}
	}
}

// TestTheReviewIsForgottenWithTheAnswers: a kiosk terminal serves one person
// after another; once a person's answers are discarded, neither the
// review's text nor its drawing keeps them.
func TestTheReviewIsForgottenWithTheAnswers(t *testing.T) {
	k := New(testConfig(&memSaver{}))
	k.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	for _, key := range append(append([]string{"1", "1"}, testkit.Survey(questionnaire.Default(), questionnaire.AudienceASN, nil)...), "enter") {
		k.Update(keyMsg(key))
		k.View()
	}
	if !strings.Contains(k.View().Content, "Yang akan disimpan") || k.review.GetContent() == "" || k.reviewText.view == "" || k.reviewText.review == "" {
		t.Fatal("the respondent did not reach the stored record")
	}
	k.reset()
	if k.review.GetContent() != "" || k.reviewText.view != "" || k.reviewText.review != "" {
		t.Fatalf("after the reset the kiosk still holds the review: %d bytes of text, %d drawn, %d of the review's text kept",
			len(k.review.GetContent()), len(k.reviewText.view), len(k.reviewText.review))
	}
	if cap(k.frame) != 0 {
		t.Fatalf("after the reset the kiosk still holds the last screen drawn, room for %d lines", cap(k.frame))
	}
}
