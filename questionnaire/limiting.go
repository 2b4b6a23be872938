package questionnaire

import (
	"maps"
	"sync"
)

// catalogues are the limiting entries of every instrument this process has
// parsed, by version: what a response's "today" picks mean for entropy
// follows from its instrument, which the response names but does not carry.
// A version parsed twice with different limiting entries is ambiguous and
// maps to nil: its responses then count towards no respondent-level sum.
var catalogues sync.Map // version → map[string]bool (nil: ambiguous)

// registerCatalogue notes in's limiting entries under its version.
func registerCatalogue(in *Instrument) {
	limiting := map[string]bool{}
	for _, v := range in.Catalogue {
		if v.Limiting {
			limiting[v.ID] = true
		}
	}
	if old, loaded := catalogues.LoadOrStore(in.Version, limiting); loaded {
		if known, _ := old.(map[string]bool); known == nil || !maps.Equal(known, limiting) {
			catalogues.Store(in.Version, map[string]bool(nil))
		}
	}
}

// LimitingPicked is how many of r's picks for today's culture are limiting
// values (0–10: the respondent's own entropy × 10), by r's instrument; ok
// is false when r has no such picks or its instrument is not known here.
func LimitingPicked(r *Response) (n int, ok bool) {
	picks, asked := r.Answers.Picks[ItemValuesCurrent]
	if !asked {
		return 0, false
	}
	known, ok := catalogues.Load(r.Instrument)
	if !ok { // the embedded instrument, not parsed yet here (a store upgraded on opening)
		registerDefault.Do(func() { Default() })
		known, _ = catalogues.Load(r.Instrument)
	}
	limiting, _ := known.(map[string]bool)
	if limiting == nil {
		return 0, false
	}
	for _, id := range picks {
		if limiting[id] {
			n++
		}
	}
	return n, true
}

// registerDefault parses the embedded instrument once when a response names
// an instrument not known yet: a store opened before any instrument is
// parsed reads its responses too, and no process pays for it at start.
var registerDefault sync.Once
