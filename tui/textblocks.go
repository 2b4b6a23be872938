package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/berakhlak/berakhlak/tui/page"
)

// reviewBlocks keeps the review's lines drawn: a question or an answer
// wrapped to the screen's width behind a margin. Every respondent's review
// and stored record list the same questions and mostly the same answer
// labels, and wrapping them afresh for each was a fifth of what a
// respondent's keys cost (BENCHMARKS.md, issue 35).
var reviewBlocks page.Kept[blockKey, string]

type blockKey struct {
	text          string
	width, indent int
}

// reviewTitles keeps the pages' titles as the review heads them, in each
// look's header style: the instrument's texts, drawn twice per respondent.
var reviewTitles page.Kept[titleLook, string]

type titleLook struct {
	title string
	plain bool
}

// reviewTitle is a page's title in the header's style of the kiosk's look.
func (k *Kiosk) reviewTitle(title string) string {
	return reviewTitles.Get(titleLook{title, k.cfg.Plain}, func() string { return k.st.Header.Render(title) })
}

// writeWrapped writes text wrapped to width cells, each line behind indent
// spaces, and a line break to b. The lines are not padded out to the width:
// the viewport that shows them pads every line it draws, and the longer the
// lines the more its widths cost on every text set (BENCHMARKS.md, issue
// 35). Only the instrument's texts are kept (keep): a respondent's own
// combination of picks is drawn and dropped, so no one's answers outlive
// their session in the server's memory.
func writeWrapped(b *strings.Builder, text string, width, indent int, keep bool) {
	draw := func() string { return indented(lipgloss.Wrap(text, width-indent, ""), indent) }
	if keep {
		b.WriteString(reviewBlocks.Get(blockKey{text, width, indent}, draw))
	} else {
		b.WriteString(draw())
	}
	b.WriteByte('\n')
}

// indented puts n spaces before each line of text.
func indented(text string, n int) string {
	margin := strings.Repeat(" ", n)
	return margin + strings.ReplaceAll(text, "\n", "\n"+margin)
}
