package tui

import (
	"errors"
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/berakhlak/berakhlak/national"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

// relaySource is the national view fed by hand, as `admin --national`
// reads it.
type relaySource struct{ national *national.View }

func (s relaySource) Load() (AdminData, error) {
	nodes, groups := s.national.Groups()
	return AdminData{Instrument: questionnaire.Default(), Settings: scoring.Settings{Survey: "2026", K: 5},
		Nodes: nodes, Groups: groups}, nil
}

func (relaySource) Subscribe() (<-chan struct{}, func()) { return nil, func() {} }

func (relaySource) WriteReport(string) (string, error) { return "", errors.New("no report") }

// syntheticNation fills a national view with agencies × units records.
func syntheticNation(agencies, units int) (*national.Synthetic, *national.View) {
	s := national.NewSynthetic(questionnaire.Default(), "2026", agencies, units, 1)
	n := national.New(5)
	for a := range agencies {
		for u := range units {
			n.Put(s.Record(a, u))
		}
	}
	return s, n
}

// BenchmarkNationalScreenUpdate: one unit's record changes (a respondent
// more, every fifth a new released chunk) and the open national screen
// (80×24, the nation and a row per agency) takes the new reading and draws.
func BenchmarkNationalScreenUpdate(b *testing.B) {
	for _, size := range []struct{ agencies, units int }{{60, 50}, {632, 50}} {
		b.Run(fmt.Sprintf("%dx%d", size.agencies, size.units), func(b *testing.B) {
			s, national := syntheticNation(size.agencies, size.units)
			src := relaySource{national}
			a := NewAdmin(src, "")
			a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
			data, _ := src.Load()
			a.Update(adminLoadedMsg{data: data})
			_ = a.View()
			i := 0
			for b.Loop() {
				b.StopTimer() // what the agency's server does is not the screen's cost
				key, value := s.Respond((i*7919)%size.agencies, (i*104729)%size.units)
				b.StartTimer()
				national.Put(key, value)
				data, _ := src.Load()
				a.Update(adminLoadedMsg{data: data})
				_ = a.View()
				i++
			}
		})
	}
}
