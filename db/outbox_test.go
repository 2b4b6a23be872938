package db

import (
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

func TestOutboxQueuesBacklogThenEveryNewResponse(t *testing.T) {
	s := openTemp(t)
	offline := []string{}
	first := sampleResponse()
	for i := range 3 {
		r := sampleResponse()
		if i == 0 {
			r = first
		}
		offline = append(offline, r.ID)
		if err := s.SaveResponse(r); err != nil {
			t.Fatal(err)
		}
	}
	if queued, err := s.EnableForwarding(); err != nil || queued != 3 {
		t.Fatalf("enable = %d, %v; want the 3 stored before queued", queued, err)
	}
	if queued, err := s.EnableForwarding(); err != nil || queued != 0 {
		t.Fatalf("second enable = %d, %v; want nothing queued twice", queued, err)
	}
	if err := s.SaveResponse(sampleResponse()); err != nil {
		t.Fatal(err)
	}
	pending, err := s.Pending(10)
	if err != nil || len(pending) != 4 {
		t.Fatalf("pending = %d, %v; want 4", len(pending), err)
	}
	for _, p := range pending {
		r, err := questionnaire.DecodeResponse(p.JSON)
		if err != nil || r.ID != p.ID {
			t.Fatalf("queued %s carries %v, %v; want its own response in the interchange form", p.ID, r, err)
		}
	}
	if err := s.MarkForwarded(offline); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkForwarded(offline[:1]); err != nil { // an acknowledgement that came twice
		t.Fatal(err)
	}
	st, err := s.Forwarding()
	if err != nil || st.Pending != 1 || st.Forwarded != 3 {
		t.Fatalf("state = %+v, %v; want 1 pending, 3 forwarded", st, err)
	}
	// Saving a forwarded response again (a retry) does not queue it again.
	if err := s.SaveResponse(first); err != nil {
		t.Fatal(err)
	}
	again, err := s.Pending(10)
	if err != nil || len(again) != 1 {
		t.Fatalf("pending after ack = %d, %v", len(again), err)
	}
}

func TestForwardingSurvivesReopen(t *testing.T) {
	s := openTemp(t)
	if _, err := s.EnableForwarding(); err != nil {
		t.Fatal(err)
	}
	s.Reopen()
	if err := s.SaveResponse(sampleResponse()); err != nil {
		t.Fatal(err)
	}
	if st, err := s.Forwarding(); err != nil || st.Pending != 1 {
		t.Fatalf("after reopen: %+v, %v; want the new response queued", st, err)
	}
}
