package scoring

import "github.com/berakhlak/berakhlak/questionnaire"

// The heatmap puts units side by side on the seven values and the four
// headline indices (docs/METHODOLOGY.md "Heatmap"): one row per unit, a cell
// per index with its figure and band, or why the unit shows none.

// HeatmapColumns are the heatmap's columns in order: the seven value
// indices ("implementation.<value>"), then the Indeks BerAKHLAK, culture
// health, engagement and employer branding.
var HeatmapColumns = func() []string {
	var cols []string
	for _, v := range questionnaire.CoreValues {
		cols = append(cols, "implementation."+v)
	}
	return append(cols, "implementation", "culture_health", "engagement", "employer_branding")
}()

// HeatCell is one figure of the heatmap.
type HeatCell struct {
	Index float64 `json:"index"`
	Band  string  `json:"band"`
}

// HeatRow is one unit's row: its cells by column (a column is absent where
// the group has no such figure), or, when the group is hidden, why.
type HeatRow struct {
	Unit   string              `json:"unit"`
	Name   string              `json:"name,omitempty"`
	Hidden Hidden              `json:"hidden,omitempty"`
	Cells  map[string]HeatCell `json:"cells,omitempty"`
}

// HeatRowOf is the heatmap row of a group's released figures.
func HeatRowOf(gs GroupScores) HeatRow {
	row := HeatRow{Unit: gs.Unit, Name: gs.Name}
	if gs.Suppressed || gs.Scores == nil {
		row.Hidden = HiddenSmall
		for _, why := range gs.SuppressedWhy {
			if why == HiddenComplementary {
				row.Hidden = HiddenComplementary
			}
		}
		return row
	}
	row.Cells = map[string]HeatCell{}
	put := func(col string, st *Stat) {
		if st != nil {
			row.Cells[col] = HeatCell{Index: st.Index, Band: st.Band}
		}
	}
	if im := gs.Implementation; im != nil {
		for _, v := range questionnaire.CoreValues {
			if st, ok := im.Values[v]; ok {
				put("implementation."+v, &st)
			}
		}
		put("implementation", &im.Stat)
	}
	put("culture_health", gs.CultureHealth)
	if e := gs.Engagement; e != nil {
		put("engagement", &e.Stat)
	}
	if b := gs.EmployerBranding; b != nil {
		put("employer_branding", &b.Stat)
	}
	return row
}
