package db

import (
	"bufio"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

// residentKB sums the resident memory of this process's mappings of path
// (/proc/self/smaps: each mapping's header line ends with its file, then
// its "Rss:" line).
func residentKB(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	kb, inFile := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) > 0 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			inFile = fields[len(fields)-1] == path
		case inFile && len(fields) == 3 && fields[0] == "Rss:":
			n, err := strconv.Atoi(fields[1])
			if err != nil {
				t.Fatalf("smaps: %q: %v", sc.Text(), err)
			}
			kb += n
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return kb
}

func TestMappedPagesAreLetGoAndReadAgain(t *testing.T) {
	s := openTemp(t)
	saveSamples(t, s.Store, rand.New(rand.NewPCG(35, 1)), 300, "")
	count := func() int {
		n := 0
		if err := s.EachResponse(nil, func(*questionnaire.Response) error { n++; return nil }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 300 {
		t.Fatalf("read %d responses, stored 300", n)
	}
	read := residentKB(t, s.path)
	if read < 64 {
		t.Fatalf("%d kB of the file resident after reading 300 responses: the measure does not see the map", read)
	}
	if err := s.DropMappedPages(); err != nil {
		t.Fatal(err)
	}
	if left := residentKB(t, s.path); left > 8 {
		t.Errorf("%d kB of the file still resident after letting go (%d kB before)", left, read)
	}
	// Nothing is lost: the pages are read again from the page cache.
	if n := count(); n != 300 {
		t.Fatalf("read %d responses after letting go of the pages, stored 300", n)
	}
	if again := residentKB(t, s.path); again < 64 {
		t.Errorf("%d kB resident after reading everything again", again)
	}
}

func TestLettingGoOfAClosedFileIsNoError(t *testing.T) {
	s := openTemp(t)
	if err := s.Store.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.DropMappedPages(); err != nil {
		t.Fatalf("a store closed as the server stops: %v", err)
	}
	s.Store = nil // closed already
}
