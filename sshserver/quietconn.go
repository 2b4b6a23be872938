package sshserver

// quieter is a connection that can stop waking the Go runtime's monitor
// thread on every read and write (quietconn_linux.go). A respondent's
// connection is made quiet once its session starts: a key's work is small
// and bounded there. An admin's stays ordinary, because the monitor is also
// what preempts a long computation (a national tree's screen, a command
// over SSH) so that respondents' keys are served meanwhile, and it is kept
// awake only by goroutines that make ordinary system calls.
type quieter interface{ beQuiet() }
