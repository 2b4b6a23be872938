package tui

import (
	"regexp"
	"testing"
)

// One language at a time on the admin screen (issue 32): every view — the
// table, the heatmap, the drivers, the segments, the trend — in Indonesian
// holds no English word of its own, and in English no Indonesian one.
func TestAdminSpeaksOneLanguage(t *testing.T) {
	english := regexp.MustCompile(`(?i)\b(respondents|responses|today|public|staff|engagement|branding|culture|heatmap|drivers|segments|trend|back|open|write report|quit|Healthy|healthy|value|index|fewer|hidden|whole survey)\b`)
	indonesian := regexp.MustCompile(`(?i)\b(responden|respons|hari ini|umum|pegawai|keterikatan|citra|budaya|peta panas|pendorong|segmen|tren|kembali|buka|tulis laporan|keluar|Sehat|nilai|indeks|kurang dari|disembunyikan|seluruh survei)\b`)
	for _, view := range []string{"", "h", "d", "s", "t"} {
		for _, lang := range []string{"id", "en"} {
			d := newDriver(t, NewAdmin(treeSource{privacyTree(nil)}, ""), 120, 40)
			d.expect("(A)")
			if lang == "en" {
				d.key("f2")
				d.expect("F2 Bahasa Indonesia")
			}
			if view != "" {
				d.key(view)
			}
			screen := d.screen()
			other := english
			if lang == "en" {
				other = indonesian
			}
			// "F2 English" / "F2 Bahasa Indonesia" name the other language on purpose.
			screen = regexp.MustCompile(`F2 (English|Bahasa Indonesia)`).ReplaceAllString(screen, "")
			if w := other.FindAllString(screen, -1); len(w) > 0 {
				t.Errorf("view %q in %s shows words of the other language %q:\n%s", view, lang, w, screen)
			}
		}
	}
}
