package db

import "sync"

// Committed is sent to subscribers after a transaction that stored new
// responses, or released figures (a survey closed), has committed. It says
// how many responses, never which.
type Committed struct {
	Stored int
}

// broker fans committed events out to subscribers (open admin screens).
type broker struct {
	mu   sync.Mutex
	subs map[chan Committed]struct{}
}

// Subscribe returns a channel of commit events and a function that ends the
// subscription. A subscriber that falls behind misses events rather than
// slowing a respondent's save: the channel is buffered and sends never block.
func (s *Store) Subscribe() (<-chan Committed, func()) {
	ch := make(chan Committed, 64)
	s.events.mu.Lock()
	if s.events.subs == nil {
		s.events.subs = map[chan Committed]struct{}{}
	}
	s.events.subs[ch] = struct{}{}
	s.events.mu.Unlock()
	return ch, func() {
		s.events.mu.Lock()
		defer s.events.mu.Unlock()
		if _, ok := s.events.subs[ch]; ok {
			delete(s.events.subs, ch)
			close(ch)
		}
	}
}

// announceStored announces a commit that stored responses, if it stored any.
func (s *Store) announceStored(stored int) {
	if stored == 0 {
		return
	}
	s.announce(stored)
}

// announce tells every subscriber that a commit changed what they show.
func (s *Store) announce(stored int) {
	s.events.mu.Lock()
	defer s.events.mu.Unlock()
	for ch := range s.events.subs {
		select {
		case ch <- Committed{Stored: stored}:
		default:
		}
	}
}
