package scoring

// BandTooFew is a figure's BandNote when its band is withheld: too few
// respondents to say which band the group is in (docs/METHODOLOGY.md "Too
// few to judge").
const BandTooFew = "too-few"

// MinNForAlignmentBand is the smallest n an alignment index is banded
// for. An alignment compares two top-ten lists of 66 values, and the
// values around tenth place are picked almost as often as each other: below
// this n, groups drawn from one population of moderate consensus land half
// a band or more from its alignment more than 5 % of the time
// (TestBandsNeedEnoughRespondents). Culture health, which averages the two
// alignments with three steadier figures, needs no more than k.
const MinNForAlignmentBand = 150

// withholdBand drops st's band, saying why.
func withholdBand(st *Stat) {
	st.Band, st.BandNote = "", BandTooFew
}
