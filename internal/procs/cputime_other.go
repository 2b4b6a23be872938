//go:build !unix

package procs

import "time"

// CPUTime cannot be read here: Adapt leaves the processors as they are.
func CPUTime() (time.Duration, bool) { return 0, false }
