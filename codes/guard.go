package codes

import (
	"sync"
	"time"
)

// Guessing is slowed down per source (a session, an address): the first
// wrong codes of a source's allowance cost nothing, then each further
// attempt must wait FirstWait, twice as long after every further wrong code,
// up to MaxWait. A source is forgotten an hour after its last wrong code.
// Only codes that reached the store count: a typing error caught by the
// check character tells a guesser nothing.
const (
	// FreeGuesses is a session's allowance.
	FreeGuesses = 5
	// FreeGuessesPerAddress is an address's: an office's staff may all reach
	// the server through one NAT address, and one person's mistakes must not
	// hold up the next.
	FreeGuessesPerAddress = 20
	FirstWait             = time.Second
	MaxWait               = 5 * time.Minute
	forgetAfter           = time.Hour
	maxSources            = 100_000 // beyond this, forgotten sources are dropped first
)

// Source is what wrong codes count against, with its own allowance.
type Source struct {
	Key  string
	Free int // wrong codes that cost nothing
}

// Session is one SSH session or one local kiosk, by a random id of its own
// (never a pointer, which a later session could be given again).
func Session(id string) Source { return Source{Key: "session " + id, Free: FreeGuesses} }

// Address is the network address sessions come from ("" for the local
// kiosk).
func Address(addr string) Source { return Source{Key: "address " + addr, Free: FreeGuessesPerAddress} }

// Backoff is how long a source with this many wrong codes, of an allowance
// of free, waits after its last one.
func Backoff(wrong, free int) time.Duration {
	if wrong < free {
		return 0
	}
	wait := FirstWait
	for i := free; i < wrong && wait < MaxWait; i++ {
		wait *= 2
	}
	return min(wait, MaxWait)
}

// Guard counts wrong codes per source, in memory only.
type Guard struct {
	mu      sync.Mutex
	now     func() time.Time
	sources map[string]*wrongCodes
}

type wrongCodes struct {
	n    int
	last time.Time
}

// NewGuard returns a guard on the given clock (time.Now when nil).
func NewGuard(now func() time.Time) *Guard {
	if now == nil {
		now = time.Now
	}
	return &Guard{now: now, sources: map[string]*wrongCodes{}}
}

// Wait is how long the source must wait before its next attempt (0: now).
func (g *Guard) Wait(source Source) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	w := g.sources[source.Key]
	if w == nil {
		return 0
	}
	return max(0, w.last.Add(Backoff(w.n, source.Free)).Sub(g.now()))
}

// Wrong counts a wrong code from the source.
func (g *Guard) Wrong(source Source) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	w := g.sources[source.Key]
	if w == nil || now.Sub(w.last) > forgetAfter {
		if len(g.sources) >= maxSources {
			g.forget(now)
		}
		w = &wrongCodes{}
		g.sources[source.Key] = w
	}
	w.n++
	w.last = now
}

// forget drops the sources idle for an hour, or, if none are, half of all.
func (g *Guard) forget(now time.Time) {
	for s, w := range g.sources {
		if now.Sub(w.last) > forgetAfter {
			delete(g.sources, s)
		}
	}
	for s := range g.sources {
		if len(g.sources) < maxSources/2 {
			return
		}
		delete(g.sources, s)
	}
}
