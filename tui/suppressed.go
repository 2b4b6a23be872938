package tui

import (
	"fmt"

	"github.com/berakhlak/berakhlak/scoring"
)

// SuppressedLegend explains the mark of a group hidden by the complementary
// rule, in both languages (the admin screen has no language switch).
const SuppressedLegend = "† disembunyikan agar kelompok yang lebih kecil tidak dapat dihitung · hidden so that a smaller group cannot be worked out"

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

// SuppressedText says why a hidden group shows no figures, in both languages.
func SuppressedText(gs scoring.GroupScores, k int) string {
	if complementary(gs) {
		return "Angka tidak ditampilkan: disembunyikan agar kelompok yang lebih kecil tidak dapat dihitung.\n" +
			"No figures: hidden so that a smaller group cannot be worked out."
	}
	return fmt.Sprintf("Angka tidak ditampilkan: kurang dari %d responden dalam angka kelompok ini.\n"+
		"No figures: fewer than %d respondents in this group's figures.", k, k)
}

// AsOfText says which respondents the figures include: they move in steps
// of at least k, counts at once.
func AsOfText(gs scoring.GroupScores) string {
	return fmt.Sprintf("Angka per %d dari %d responden · figures as of %d of %d respondents", gs.AsOfN, gs.Respondents, gs.AsOfN, gs.Respondents)
}
