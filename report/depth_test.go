package report

import (
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/scoring"
)

// implementationOnly is a group with an Indeks BerAKHLAK and nothing else.
func implementationOnly(unit, name string, index, sd float64, n int64) scoring.GroupScores {
	return scoring.GroupScores{Unit: unit, Name: name, Scores: &scoring.Scores{Implementation: &scoring.Implementation{Stat: scoring.Stat{Index: index, SD: &sd, N: n}}}}
}

// TestDeepUnitsShowOnlyWhereApartFromTheUnitAboveThem: at depth 1 the table
// shows the root's children; below them only a unit far from its level-1
// unit beyond noise, with the path between them, and the rest are counted.
// A sub-unit of a lagging unit that lags no further is not shown again.
func TestDeepUnitsShowOnlyWhereApartFromTheUnitAboveThem(t *testing.T) {
	group := implementationOnly("p", "Pusat", 60, 15, 1200)
	units := []UnitRow{
		{Depth: 0, Scores: group},
		{Depth: 1, Scores: implementationOnly("a", "Biro A", 45, 15, 400)},     // lags the group
		{Depth: 2, Scores: implementationOnly("a1", "Bagian A1", 45, 15, 200)}, // lags only as A does
		{Depth: 2, Scores: implementationOnly("a2", "Bagian A2", 45, 15, 200)},
		{Depth: 1, Scores: implementationOnly("b", "Biro B", 65, 15, 800)},
		{Depth: 2, Scores: implementationOnly("b1", "Bagian B1", 65, 15, 700)},
		{Depth: 3, Scores: implementationOnly("b1x", "Subbagian B1X", 35, 15, 60)}, // far below B
		{Depth: 3, Scores: implementationOnly("b1y", "Subbagian B1Y", 66, 15, 40)},
	}
	in := Input{Lang: "en", Group: group, Units: units, Depth: 1}
	rows, below := shownUnits(in, unitsApart(in))
	var got []string
	for _, r := range rows {
		got = append(got, r.Path+r.Scores.Unit)
	}
	if strings.Join(got, ",") != "p,a,b,Bagian B1 › b1x" || below != 4 {
		t.Errorf("shown %q with %d below; want p, a, b, b1x (with its path) and 4 below", got, below)
	}
	said := strings.Join(speakApart(in, en), "\n")
	for _, want := range []string{"below this one, beyond the figures' noise: Biro A 45.0 (-15.0)", "1 units below level 1 differ"} {
		if !strings.Contains(said, want) {
			t.Errorf("the summary lacks %q:\n%s", want, said)
		}
	}
	in.Depth = 0 // every level: nothing is left out, every unit compared with the group
	if rows, below := shownUnits(in, unitsApart(in)); len(rows) != len(units) || below != 0 {
		t.Errorf("depth 0 shows %d of %d rows, %d below", len(rows), len(units), below)
	}
}

// TestHiddenUnitAboveIsNoReference: a deeper unit under a level-1 unit that
// shows no figure is compared with the group, never with the hidden figure,
// which its gap would give away.
func TestHiddenUnitAboveIsNoReference(t *testing.T) {
	group := implementationOnly("p", "Pusat", 60, 15, 1200)
	hidden := implementationOnly("h", "Biro H", 0, 0, 0)
	hidden.Suppressed, hidden.Scores = true, nil
	units := []UnitRow{{Scores: group}, {Depth: 1, Scores: hidden}, {Depth: 2, Scores: implementationOnly("h1", "Bagian H1", 40, 15, 300)}}
	in := Input{Lang: "en", Group: group, Units: units, Depth: 1}
	apart := unitsApart(in)
	if len(apart) != 1 || apart[0].change.Delta != -20 {
		t.Fatalf("apart %+v; want h1, 20 below the group", apart)
	}
}
