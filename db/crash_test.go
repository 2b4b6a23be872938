package db

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/berakhlak/berakhlak/questionnaire"
)

const crashChildEnv = "BERAKHLAK_CRASH_CHILD"

// crashChild saves responses one by one into the database at path and prints
// each id only after its commit has returned, until it is killed.
func crashChild(path string) {
	s, err := Open(path, testNow)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	out := bufio.NewWriter(os.Stdout)
	for {
		r := in.SampleResponse(rng, []string{"asn", "public"}[rng.IntN(2)], "2026", RootUnitID, "2026-11-27", 0)
		if err := s.SaveResponse(r); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Fprintln(out, r.ID)
		out.Flush()
	}
}

// TestCrashSafety kills a submitting child with SIGKILL at random moments,
// 50 times. After each kill the database opens, passes bbolt's consistency
// check, holds every acknowledged id exactly once, and its aggregates equal
// a recomputation from the raw responses.
func TestCrashSafety(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	rng := rand.New(rand.NewPCG(42, 42))
	acknowledged := map[string]bool{}
	for round := range 50 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		kill := time.After(time.Duration(20+rng.IntN(100)) * time.Millisecond)
		for done := false; !done; {
			select {
			case <-kill:
				cmd.Process.Signal(syscall.SIGKILL)
				kill = nil
			case id, ok := <-lines:
				if !ok {
					done = true
				} else if len(id) == 32 { // a whole line: printed after its commit
					acknowledged[id] = true
				}
			}
		}
		cmd.Wait()
		if strings.Contains(stderr.String(), "Error") || strings.Contains(stderr.String(), "panic") {
			t.Fatalf("round %d: child failed: %s", round, stderr.String())
		}
		checkAfterCrash(t, round, path, acknowledged)
	}
	t.Logf("%d acknowledged responses over 50 kills, none lost", len(acknowledged))
}

func checkAfterCrash(t *testing.T, round int, path string, acknowledged map[string]bool) {
	t.Helper()
	s, err := Open(path, testNow)
	if err != nil {
		t.Fatalf("round %d: open after kill: %v", round, err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Fatalf("round %d: consistency check: %v", round, err)
	}
	count := map[string]int{}
	s.EachResponse(func(r *questionnaire.Response) error { count[r.ID]++; return nil })
	for id := range acknowledged {
		if count[id] != 1 {
			t.Fatalf("round %d: acknowledged id %s stored %d times", round, id, count[id])
		}
	}
	stored, _ := s.SurveyAggregates("2026")
	fresh, _ := s.RecomputeAggregates("2026")
	if !reflect.DeepEqual(jsonOf(stored), jsonOf(fresh)) {
		t.Fatalf("round %d: stored aggregates differ from the raw responses", round)
	}
}

func jsonOf(v any) any {
	data, _ := json.Marshal(v)
	var out any
	json.Unmarshal(data, &out)
	return out
}
