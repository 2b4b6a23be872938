package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"syscall"
	"time"

	"charm.land/log/v2"
	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/internal/procs"
	"github.com/berakhlak/berakhlak/oplog"
)

// The process that holds the database listens on a unix socket beside it
// (mode 0600), so that `berakhlak backup` can ask it for a hot copy while
// it keeps running. One JSON request per connection.

type controlRequest struct {
	Op   string   `json:"op"`
	Path string   `json:"path,omitempty"`
	Args []string `json:"args,omitempty"` // op "run": a command line (heldcmd.go)
	Cwd  string   `json:"cwd,omitempty"`  // op "run": the caller's working directory
	// Width: op "run", the columns of the caller's terminal (0: its output
	// goes to a file or a pipe), so tables fit where they are read.
	Width int `json:"width,omitempty"`
}

type controlReply struct {
	Bytes  int64       `json:"bytes,omitempty"`
	Stats  *ownerStats `json:"stats,omitempty"`
	Holder *holder     `json:"holder,omitempty"`
	Error  string      `json:"error,omitempty"`
}

// holder is what the process holding the database is, for the message of
// one that finds it held.
type holder struct {
	PID  int    `json:"pid"`
	Role string `json:"role"` // "a kiosk", "berakhlak serve", "an admin screen"
}

// ownerStats describe the running process, for loadtest: its memory, the
// responses stored and the tally the admin screen shows.
type ownerStats struct {
	PID    int   `json:"pid"`
	RSSKiB int64 `json:"rss_kib"`
	PSSKiB int64 `json:"pss_kib,omitempty"` // proportional set size: the process's fair share of shared pages
	// What of the PSS the process owns (heap, stacks), not the pages of the
	// files it maps (the database, the binary), which the kernel may drop.
	PSSAnonKiB int64 `json:"pss_anon_kib,omitempty"`
	// The Go heap: reachable at the last collection, and free but not yet
	// returned to the system.
	HeapLiveKiB int64 `json:"heap_live_kib,omitempty"`
	HeapFreeKiB int64 `json:"heap_free_kib,omitempty"`
	CPUMicros   int64 `json:"cpu_us"` // user + system CPU time used so far
	// Processors the Go runtime runs on now (internal/procs: one while
	// quiet).
	Processors int   `json:"processors,omitempty"`
	Responses  int   `json:"responses"`
	Tally      int64 `json:"tally"`
	// Survey is the latest survey, the one respondents answer; Closed
	// whether it takes no responses (loadtest refuses to run against one).
	Survey string `json:"survey"`
	Closed bool   `json:"closed,omitempty"`
}

func controlSocket(dbPath string) string { return dbPath + ".ctl" }

// listenPrivate creates the unix socket 0600 from the start: the umask is
// narrowed around bind, so no other user can connect between its creation
// and a chmod (the umask is the process's; files created meanwhile by other
// goroutines only come out narrower).
func listenPrivate(sock string) (net.Listener, error) {
	old := syscall.Umask(0o177)
	ln, err := net.Listen("unix", sock)
	syscall.Umask(old)
	return ln, err
}

// serveControl answers control requests until stop is called; role says
// what this process is (see holder). The commands it runs for callers are
// logged to logTo (commandlog.go).
func serveControl(store *db.Store, role string, logTo io.Writer) (stop func(), err error) {
	sock := controlSocket(store.Path())
	if c, err := net.DialTimeout("unix", sock, 200*time.Millisecond); err == nil {
		c.Close()
		return nil, fmt.Errorf("%s is in use by another berakhlak", sock)
	}
	os.Remove(sock) // left by a process that was killed
	ln, err := listenPrivate(sock)
	if err != nil {
		return nil, fmt.Errorf("control socket %s: %w", sock, err)
	}
	logger := oplog.New(logTo, "control")
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go handleControl(store, holder{PID: os.Getpid(), Role: role}, logger, c)
		}
	}()
	return func() { ln.Close(); os.Remove(sock) }, nil
}

func handleControl(store *db.Store, self holder, logger *log.Logger, c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Minute))
	var req controlRequest
	reply := controlReply{}
	if err := json.NewDecoder(bufio.NewReader(c)).Decode(&req); err != nil {
		reply.Error = "bad request: " + err.Error()
	} else if req.Op == "run" {
		c.SetDeadline(time.Time{}) // an export or import may take long
		runForCaller(store, c, req, logger)
		return
	} else {
		switch req.Op {
		case "backup":
			reply.Bytes, err = store.Backup(req.Path)
		case "stats":
			reply.Stats, err = statsOf(store)
		case "holder":
			reply.Holder = &self
		default:
			err = fmt.Errorf("unknown operation %q", req.Op)
		}
		if err != nil {
			reply.Error = err.Error()
		}
	}
	json.NewEncoder(c).Encode(reply)
}

func statsOf(store *db.Store) (*ownerStats, error) {
	cpu, _ := procs.CPUTime()
	st := &ownerStats{PID: os.Getpid(), RSSKiB: residentKiB(), PSSKiB: proportionalKiB(), CPUMicros: cpu.Microseconds(), Processors: runtime.GOMAXPROCS(0),
		PSSAnonKiB: procKiB("/proc/self/smaps_rollup", "Pss_Anon:")}
	st.HeapLiveKiB, st.HeapFreeKiB = goHeapKiB()
	var err error
	if st.Responses, err = store.CountResponses(); err != nil {
		return nil, err
	}
	sv, err := store.LatestSurvey()
	if err != nil {
		return nil, err
	}
	st.Survey, st.Closed = sv.ID, !sv.Open
	// The counts alone: `loadtest` asks during a run, and decoding every
	// group's aggregate for them took a server on 200,000 responses 0.5 s
	// and 120 MB of heap each time (BENCHMARKS.md "Memory after a sitting").
	counts, _, err := store.LiveCounts(sv.ID)
	if err != nil {
		return nil, err
	}
	for _, units := range counts {
		for _, n := range units {
			st.Tally += n
		}
	}
	return st, nil
}

// proportionalKiB is this process's proportional set size (Linux), 0 when
// unknown: what the whole server costs the machine.
func proportionalKiB() int64 { return procKiB("/proc/self/smaps_rollup", "Pss:") }

// goHeapKiB is the Go heap reachable at the last collection, and the heap
// free but kept from the system.
func goHeapKiB() (live, free int64) {
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/free:bytes"}}
	metrics.Read(samples)
	return int64(samples[0].Value.Uint64() / 1024), int64(samples[1].Value.Uint64() / 1024)
}

// residentKiB is this process's resident memory (Linux), 0 when unknown.
func residentKiB() int64 { return procKiB("/proc/self/status", "VmRSS:") }

// procKiB is the kB figure of a field in a /proc file, 0 when unknown.
func procKiB(path, field string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			return n
		}
	}
	return 0
}

// askOwner sends a request to the process that holds the database.
func askOwner(dbPath string, req controlRequest) (controlReply, error) {
	return askOwnerWithin(dbPath, req, 10*time.Minute)
}

// askOwnerWithin is askOwner with the answer awaited at most limit.
func askOwnerWithin(dbPath string, req controlRequest, limit time.Duration) (controlReply, error) {
	c, err := net.DialTimeout("unix", controlSocket(dbPath), min(limit, 2*time.Second))
	if err != nil {
		return controlReply{}, fmt.Errorf("%s is held by another process that does not answer on %s: %w", dbPath, controlSocket(dbPath), err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(limit))
	if err := json.NewEncoder(c).Encode(req); err != nil {
		return controlReply{}, err
	}
	var reply controlReply
	if err := json.NewDecoder(c).Decode(&reply); err != nil {
		return controlReply{}, fmt.Errorf("no answer from the process holding %s: %w", dbPath, err)
	}
	if reply.Error != "" {
		return reply, errors.New(reply.Error)
	}
	return reply, nil
}
