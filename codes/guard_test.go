package codes

import (
	"testing"
	"time"
)

func TestBackoffDoublesAfterFiveWrongCodes(t *testing.T) {
	for wrong, want := range map[int]time.Duration{0: 0, 4: 0, 5: time.Second, 6: 2 * time.Second, 7: 4 * time.Second,
		13: 256 * time.Second, 14: MaxWait, 100: MaxWait} {
		if got := Backoff(wrong, FreeGuesses); got != want {
			t.Errorf("Backoff(%d) = %s, want %s", wrong, got, want)
		}
	}
}

// TestGuessRateAfterTheLimit plays a guesser from one source who tries a
// code the moment the guard allows, for an hour: five at once, then at 1, 3,
// 7, 15, 31, 63, 127, 255 and 511 s, then every 5 minutes (at 811 … 3511 s,
// ten more): 24 in the hour, against 14,468 a minute without a guard.
func TestGuessRateAfterTheLimit(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	g := NewGuard(func() time.Time { return now })
	start, guesses := now, 0
	for now.Sub(start) < time.Hour {
		if wait := g.Wait(Session("s1")); wait > 0 {
			now = now.Add(wait)
			continue
		}
		guesses++
		g.Wrong(Session("s1"))
	}
	if want := 24; guesses != want {
		t.Fatalf("%d guesses in an hour, want %d", guesses, want)
	}
	t.Logf("guesses from one source in the first hour: %d (%.2f a minute)", guesses, float64(guesses)/60)
	// Another source is not slowed by this one.
	if g.Wait(Session("s2")) != 0 {
		t.Fatal("another source waits")
	}
	// An hour after its last wrong code, a source starts afresh.
	now = now.Add(time.Hour + time.Second)
	g.Wrong(Session("s1"))
	if g.Wait(Session("s1")) != 0 {
		t.Fatal("a source idle for an hour still waits")
	}
}

// An address has a larger allowance than a session: twenty wrong codes from
// the staff of an office behind one NAT address cost nothing.
func TestAnAddressAllowsMoreThanASession(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	g := NewGuard(func() time.Time { return now })
	for i := range FreeGuessesPerAddress {
		if g.Wait(Address("203.0.113.7")) != 0 {
			t.Fatalf("the address waits after %d wrong codes", i)
		}
		g.Wrong(Address("203.0.113.7"))
	}
	if g.Wait(Address("203.0.113.7")) != FirstWait {
		t.Fatalf("after %d wrong codes the address waits %s, want %s", FreeGuessesPerAddress, g.Wait(Address("203.0.113.7")), FirstWait)
	}
	if FreeGuessesPerAddress <= FreeGuesses {
		t.Fatal("an address allows no more than a session")
	}
}
