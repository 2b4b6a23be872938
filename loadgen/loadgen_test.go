package loadgen

import (
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/sshserver"
	"github.com/berakhlak/berakhlak/tui"
)

// TestTwoSessionsAnswerAndAreStored runs the load generator with two
// sessions against a real SSH service over a store: every thank-you it
// counts is a stored response, with no error and latencies measured.
func TestTwoSessionsAnswerAndAreStored(t *testing.T) {
	dir := t.TempDir()
	store, err := db.Open(filepath.Join(dir, "l.db"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	sv, err := store.LatestSurvey()
	if err != nil {
		t.Fatal(err)
	}
	in := questionnaire.Default()
	srv, err := sshserver.New(sshserver.Config{Listen: "127.0.0.1:0", HostKeyPath: filepath.Join(dir, "host"),
		Logger: log.New(io.Discard),
		Respondent: func(sess ssh.Session) tea.Model {
			return tui.New(tui.Config{Instrument: in, Survey: sv.ID, Unit: db.RootUnitID, Modules: sv.Modules, Store: store,
				AllowQuit: true, Done: sess.Context().Done()})
		},
		Admin: func(ssh.Session, string) tea.Model { return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Listen(); err != nil {
		t.Fatal(err)
	}
	go srv.Serve()
	defer srv.Shutdown(context.Background())

	res := Run(context.Background(), Config{Addr: srv.Addr().String(), Sessions: 2, Duration: 3 * time.Second, Pause: 2 * time.Millisecond})
	if len(res.Errors) != 0 || res.Connected != 2 || res.Completions < 2 {
		t.Fatalf("2 sessions: connected %d, completions %d, errors %v", res.Connected, res.Completions, res.Errors)
	}
	stored, err := store.CountResponses()
	if err != nil {
		t.Fatal(err)
	}
	if stored != res.Completions {
		t.Fatalf("%d thank-you screens, %d responses stored", res.Completions, stored)
	}
	if len(res.KeyToScreen) == 0 || len(res.FirstScreen) != 2 || Quantile(res.SubmitToThanks, 0.5) <= 0 {
		t.Fatalf("latencies not measured: %d keys, %d first screens", len(res.KeyToScreen), len(res.FirstScreen))
	}
	// A respondent's wall time holds every pause between its keys (at least
	// half the mean each) and every key's screen.
	keys := len(surveyKeys())
	if len(res.Respondent) != res.Completions || Quantile(res.Respondent, 0) < time.Duration(keys)*time.Millisecond {
		t.Fatalf("respondent wall times %v for %d completions of %d keys", res.Respondent, res.Completions, keys)
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:22": true, "[::1]:22": true, "localhost:2222": true, "10.0.0.1:22": false, "example.org:22": false, "nonsense": false} {
		if IsLoopback(addr) != want {
			t.Errorf("IsLoopback(%q) = %v", addr, !want)
		}
	}
}
