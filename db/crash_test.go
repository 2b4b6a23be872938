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

	"filippo.io/age"
	"github.com/berakhlak/berakhlak/questionnaire"
)

const crashChildEnv = "BERAKHLAK_CRASH_CHILD"

// crashRecipientEnv, when set, seals the child's survey to that recipient.
const crashRecipientEnv = "BERAKHLAK_CRASH_RECIPIENT"

// crashChild saves responses one by one into the database at path and prints
// each id only after its commit has returned, until it is killed.
func crashChild(path string) {
	s, err := Open(path, testNow)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if recipient := os.Getenv(crashRecipientEnv); recipient != "" {
		sv, _, err := s.Survey("2026")
		if err == nil {
			sv.Recipient = recipient
			err = s.SaveSurvey(sv)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
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
	crashRounds(t, 50, nil)
}

// TestCrashSafetySealed is the same with every response sealed to the
// agency key: after each kill the acknowledged ones open with the identity.
func TestCrashSafetySealed(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	crashRounds(t, 15, id)
}

// crashRounds kills a submitting child rounds times and checks the file
// after each kill; id, when given, seals the responses.
func crashRounds(t *testing.T, rounds int, id *age.X25519Identity) {
	path := filepath.Join(t.TempDir(), "crash.db")
	rng := rand.New(rand.NewPCG(42, 42))
	acknowledged := map[string]bool{}
	var ids []age.Identity
	env := append(os.Environ(), crashChildEnv+"="+path)
	if id != nil {
		ids = []age.Identity{id}
		env = append(env, crashRecipientEnv+"="+id.Recipient().String())
	}
	for round := range rounds {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = env
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
		checkAfterCrash(t, round, path, acknowledged, ids)
	}
	t.Logf("%d acknowledged responses over %d kills, none lost", len(acknowledged), rounds)
}

func checkAfterCrash(t *testing.T, round int, path string, acknowledged map[string]bool, ids []age.Identity) {
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
	if err := s.EachResponse(ids, func(r *questionnaire.Response) error { count[r.ID]++; return nil }); err != nil {
		t.Fatalf("round %d: read after kill: %v", round, err)
	}
	if sealed, _ := s.CountSealed(); ids != nil && sealed != len(count) {
		t.Fatalf("round %d: %d of %d responses sealed", round, sealed, len(count))
	}
	for id := range acknowledged {
		if count[id] != 1 {
			t.Fatalf("round %d: acknowledged id %s stored %d times", round, id, count[id])
		}
	}
	stored, _ := s.SurveyAggregates("2026")
	fresh, _ := s.RecomputeAggregates("2026", ids...)
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
