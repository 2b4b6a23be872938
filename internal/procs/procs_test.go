package procs

import (
	"context"
	"runtime"
	"testing"
	"time"
)

type period struct {
	cores float64 // used in the period
	want  int     // processors after it
}

func repeat(n int, p period) []period {
	out := make([]period, n)
	for i := range out {
		out[i] = p
	}
	return out
}

// TestPolicy: a quiet process comes down to one processor only after
// quietPeriods quiet periods in a row (a busy one in between starts the
// count again), and goes back to all of them in the first busy period.
func TestPolicy(t *testing.T) {
	var periods []period
	periods = append(periods, repeat(quietPeriods-1, period{0.05, 2})...)
	periods = append(periods, period{0.5, 2}) // not quiet: the count starts again
	periods = append(periods, repeat(quietPeriods-1, period{0.1, 2})...)
	periods = append(periods,
		period{0.1, 1},  // the tenth quiet period in a row
		period{0.6, 1},  // neither quiet nor busy on one: stays
		period{0.75, 2}, // busy on one: all of them at once
	)
	p := &policy{most: 2, current: 2}
	for i, s := range periods {
		if got := p.next(s.cores); got != s.want {
			t.Fatalf("period %d (%.2f cores): %d processors, want %d", i, s.cores, got, s.want)
		}
	}
}

// TestAdaptGivesBackEveryProcessor: an idle process comes down to one
// processor, and has all of them again once Adapt ends.
func TestAdaptGivesBackEveryProcessor(t *testing.T) {
	if _, ok := CPUTime(); !ok || !adaptable() {
		t.Skip("one processor, GOMAXPROCS set, or no CPU time to read: Adapt leaves the processors alone")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { Adapt(ctx, time.Millisecond); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.GOMAXPROCS(0) != 1 {
		if time.Now().After(deadline) {
			t.Fatal("an idle process still runs on every processor after 10 s")
		}
		time.Sleep(time.Millisecond)
	}
	cancel()
	<-done
	if got := runtime.GOMAXPROCS(0); got != given {
		t.Fatalf("after Adapt: %d processors, want %d", got, given)
	}
}

// TestCPUTimeCountsWork: the CPU time Adapt and the control socket read
// grows with work done (busy until it shows 10 ms, within 10 s of a loaded
// machine).
func TestCPUTimeCountsWork(t *testing.T) {
	start, ok := CPUTime()
	if !ok {
		t.Skip("no CPU time to read on this system")
	}
	for deadline := time.Now().Add(10 * time.Second); ; {
		used, _ := CPUTime()
		if used-start >= 10*time.Millisecond {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("10 s of busy work counted %s of CPU", used-start)
		}
	}
}
