// Package procs fits the Go runtime's processors to the process's load: one
// while the process is quiet, every one it was given once it is busy.
//
// Why: on a shared virtual machine, waking a second processor for each
// keystroke — a futex, an interrupt between CPUs, the runtime's monitor
// spinning up — costs far more than drawing the key's frame. A quiet server
// on one processor spent 0.70× the CPU per respondent of the same server on
// two at one session, 0.83× at ten (BENCHMARKS.md "One processor while
// quiet"). Under load the work needs every processor, and gets them within
// a period.
package procs

import (
	"context"
	"os"
	"runtime"
	"time"
)

// given is how many processors the runtime was given at start.
var given = runtime.GOMAXPROCS(0)

// Available is how many processors work may be split over: all the process
// was given, whatever Adapt runs on at the moment (a worker pool sized by
// the moment would stay small once the load came).
func Available() int { return given }

// Adapt samples the process's CPU time every period until ctx ends, and
// sets the runtime's processors by the policy below; at the end it gives
// them all back. It does nothing where the process has one processor, where
// its CPU time cannot be read, or where GOMAXPROCS is set in the
// environment: the operator's choice stands.
func Adapt(ctx context.Context, period time.Duration) {
	last, ok := CPUTime()
	if !ok || !adaptable() {
		return
	}
	p := &policy{most: given, current: given}
	tick := time.NewTicker(period)
	defer tick.Stop()
	defer runtime.GOMAXPROCS(given)
	lastAt := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			used, _ := CPUTime()
			cores := (used - last).Seconds() / now.Sub(lastAt).Seconds()
			last, lastAt = used, now
			if n := p.next(cores); n != runtime.GOMAXPROCS(0) {
				runtime.GOMAXPROCS(n)
			}
		}
	}
}

func adaptable() bool { return given >= 2 && os.Getenv("GOMAXPROCS") == "" }

// The policy's thresholds, in cores used over a period. Between them it
// stays as it is: ten respondents at once use about 0.35 of a core on one
// processor and 0.42 on two, and belong on one.
const (
	// busy: on one processor, seven tenths of it used calls for all of them.
	busy = 0.7
	// quiet: on all of them, under 0.45 of a core is a quiet period.
	quiet = 0.45
	// quietPeriods in a row bring the runtime down to one processor: a
	// burst's pause must not.
	quietPeriods = 10
)

// policy decides how many processors to run on from the cores used in
// each period, with hysteresis so that it does not swing.
type policy struct {
	most, current int
	quietSoFar    int
}

func (p *policy) next(cores float64) int {
	switch {
	case p.current < p.most && cores >= busy:
		p.current, p.quietSoFar = p.most, 0
	case p.current == p.most && cores < quiet:
		if p.quietSoFar++; p.quietSoFar >= quietPeriods {
			p.current, p.quietSoFar = 1, 0
		}
	default:
		p.quietSoFar = 0
	}
	return p.current
}
