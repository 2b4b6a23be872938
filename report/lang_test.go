package report

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// visibleText is a page's words: no style, no chart, no markup.
func visibleText(page string) string {
	page = regexp.MustCompile(`(?s)<style.*?</style>|<svg.*?</svg>`).ReplaceAllString(page, "")
	return html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(page, " "))
}

// One language at a time in the report (issue 32): the Indonesian report's
// heads, classes and sentences are Indonesian — the survey's official
// English terms stay only in brackets beside their Indonesian names — and
// the English report holds no Indonesian word of its own.
func TestReportSpeaksOneLanguage(t *testing.T) {
	english := regexp.MustCompile(`\b(Engaged|Disengaged|Not engaged|Summary|respondents|Response rate|Heatmap|Drivers|Values|Change|significant|not tested|strongest|weakest|Healthy|Unhealthy|Work units)\b`)
	indonesian := regexp.MustCompile(`\b(Ringkasan|responden|Tingkat respons|Nilai|Kategori|Sehat|Terikat|Tidak terikat|Unit kerja|Pendorong|perubahan|terkuat|terlemah)\b`)
	id, en := visibleText(render(t, "id", "")), visibleText(render(t, "en", ""))
	if w := english.FindAllString(id, -1); len(w) > 0 {
		t.Errorf("the Indonesian report has English %q", w)
	}
	if w := indonesian.FindAllString(en, -1); len(w) > 0 {
		t.Errorf("the English report has Indonesian %q", w)
	}
	for _, official := range []string{"keterikatan pegawai (engagement)", "citra pemberi kerja (employer branding)"} {
		if !strings.Contains(id, official) {
			t.Errorf("the Indonesian report does not name %q", official)
		}
	}
}
