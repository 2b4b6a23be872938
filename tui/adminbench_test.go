package tui

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// nationalTree is a national-sized tree: agencies × units under one root,
// every unit with a copy of one aggregate of 12 respondents.
func nationalTree(agencies, units int) (AdminData, map[string]map[string]*scoring.Aggregate) {
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(9, 9))
	one := scoring.NewAggregate()
	for range 12 {
		one.Add(in.SampleResponse(rng, "asn", "2026", "u", "2026-11-27", 0))
	}
	nodes := []scoring.Node{{ID: "nasional", Name: "Nasional"}}
	aggs := map[string]*scoring.Aggregate{}
	for a := range agencies {
		agency := fmt.Sprintf("a%03d", a)
		nodes = append(nodes, scoring.Node{ID: agency, Parent: "nasional", Name: "Instansi " + agency})
		for u := range units {
			id := fmt.Sprintf("%s/u%02d", agency, u)
			nodes = append(nodes, scoring.Node{ID: id, Parent: agency, Name: "Unit " + id})
			aggs[id] = one.Clone()
		}
	}
	direct := map[string]map[string]*scoring.Aggregate{"asn": aggs}
	return AdminData{Instrument: in, Settings: scoring.Settings{Survey: "2026", K: 5}, Nodes: nodes,
		Groups: scoring.NewGroups(nodes, direct, nil)}, direct
}

// BenchmarkAdminNewFigures is what an admin screen does when new figures
// arrive on a national-sized tree (60 agencies × 50 units): a new reading
// (its groups built afresh, as every load builds them) taken and drawn.
func BenchmarkAdminNewFigures(b *testing.B) {
	data, direct := nationalTree(60, 50)
	a := NewAdmin(treeSource{data}, "")
	a.Update(adminLoadedMsg{data: data})
	for b.Loop() {
		data.Groups = scoring.NewGroups(data.Nodes, direct, nil)
		a.Update(adminLoadedMsg{data: data})
		_ = a.View()
	}
}
