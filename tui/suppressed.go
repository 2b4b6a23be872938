package tui

import (
	"fmt"

	"github.com/berakhlak/berakhlak/scoring"
)

// hiddenWords say why a group shows no figures, and which respondents the
// figures shown include.
var hiddenWords = struct{ Legend, Complementary, TooFew, AsOf, SharesAsOf text }{
	Legend:        text{Indonesian: "† disembunyikan agar kelompok yang lebih kecil tidak dapat dihitung", English: "† hidden so that a smaller group cannot be worked out"},
	Complementary: text{Indonesian: "Angka tidak ditampilkan: disembunyikan agar kelompok yang lebih kecil tidak dapat dihitung.", English: "No figures: hidden so that a smaller group cannot be worked out."},
	TooFew:        text{Indonesian: "Angka tidak ditampilkan: kurang dari %d responden dalam angka kelompok ini.", English: "No figures: fewer than %d respondents in this group's figures."},
	AsOf:          text{Indonesian: "Angka per %d dari %d responden", English: "figures as of %d of %d respondents"},
	SharesAsOf:    text{Indonesian: "persentase per %d", English: "shares as of %d"},
}

// complementary reports whether a hidden group is hidden to protect another
// (it has k or more respondents itself).
func complementary(gs scoring.GroupScores) bool {
	for _, why := range gs.SuppressedWhy {
		if why == scoring.HiddenComplementary {
			return true
		}
	}
	return false
}

// SuppressedCell is a hidden group's cell in a table: why, never a figure.
func SuppressedCell(gs scoring.GroupScores, k int) string {
	if complementary(gs) {
		return "— †"
	}
	return fmt.Sprintf("— (<%d)", k)
}

// SuppressedIn says why a hidden group shows no figures, in lang.
func SuppressedIn(gs scoring.GroupScores, k int, lang string) string {
	if complementary(gs) {
		return hiddenWords.Complementary.In(lang)
	}
	return fmt.Sprintf(hiddenWords.TooFew.In(lang), k)
}

// AsOfIn says which respondents the figures include, in lang: they move
// in steps of at least k, counts at once; and the shares, which move in
// steps of 2k, where they include fewer.
func AsOfIn(gs scoring.GroupScores, lang string) string {
	out := fmt.Sprintf(hiddenWords.AsOf.In(lang), gs.AsOfN, gs.Respondents)
	if gs.SharesAsOfN != nil && *gs.SharesAsOfN != gs.AsOfN {
		out += " · " + fmt.Sprintf(hiddenWords.SharesAsOf.In(lang), *gs.SharesAsOfN)
	}
	return out
}
