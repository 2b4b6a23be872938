package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/berakhlak/berakhlak/db"
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/spf13/cobra"
)

// importBatch is how many responses one import transaction stores.
const importBatch = 10000

// maxLineErrors is how many bad lines an import reports before it stops listing.
const maxLineErrors = 50

func newImportCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE.jsonl",
		Short: "Store responses from a JSON-lines file (all lines valid, or nothing is stored)",
		Long: "import reads responses in the JSON interchange form, one per line. Every line is checked\n" +
			"against the active instrument, the surveys and the organisation tree first; if any line is bad,\n" +
			"each bad line is reported and nothing is stored. A response already stored (same id, same\n" +
			"content) is skipped, so importing a file twice stores nothing twice.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := g.instrument()
			if err != nil {
				return err
			}
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("open %s: %w", args[0], err)
			}
			defer f.Close()
			store, err := g.openStore()
			if err != nil {
				return err
			}
			defer store.Close()
			rs, err := readResponses(args[0], f, in, store)
			if err != nil {
				return err
			}
			stored := 0
			for start := 0; start < len(rs); start += importBatch {
				n, err := store.SaveResponses(rs[start:min(start+importBatch, len(rs))])
				if err != nil {
					return fmt.Errorf("import %s: %d stored before: %w", args[0], stored, err)
				}
				stored += n
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d responses read, %d stored, %d already stored\n", args[0], len(rs), stored, len(rs)-stored)
			return nil
		},
	}
}

// lineErrors collects "file:line: reason" messages.
type lineErrors struct {
	file  string
	lines []string
	total int
}

func (e *lineErrors) add(line int, format string, args ...any) {
	e.total++
	if len(e.lines) < maxLineErrors {
		e.lines = append(e.lines, fmt.Sprintf("%s:%d: %s", e.file, line, fmt.Sprintf(format, args...)))
	}
}

func (e *lineErrors) err() error {
	if e.total == 0 {
		return nil
	}
	msg := strings.Join(e.lines, "\n")
	if e.total > len(e.lines) {
		msg += fmt.Sprintf("\n… and %d more", e.total-len(e.lines))
	}
	return fmt.Errorf("%s\n%d bad lines; nothing was stored: fix them and import again", msg, e.total)
}

// readResponses parses and checks every line; it returns the responses to
// store (duplicates within the file removed) or an error listing bad lines.
func readResponses(file string, r io.Reader, in *questionnaire.Instrument, store *db.Store) ([]*questionnaire.Response, error) {
	units, err := store.Units()
	if err != nil {
		return nil, err
	}
	knownUnit := map[string]bool{}
	for _, u := range units {
		knownUnit[u.ID] = true
	}
	surveys, err := store.Surveys()
	if err != nil {
		return nil, err
	}
	knownSurvey := map[string]bool{}
	for _, sv := range surveys {
		knownSurvey[sv.ID] = true
	}

	bad := &lineErrors{file: file}
	seen := map[string]int{}        // id → line
	seenData := map[string][]byte{} // id → encoded response
	var rs []*questionnaire.Response
	var lineOf []int
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for line := 1; sc.Scan(); line++ {
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		resp, err := decodeResponse(text)
		if err != nil {
			bad.add(line, "%v", err)
			continue
		}
		if err := in.CheckResponse(resp); err != nil {
			bad.add(line, "%v", err)
			continue
		}
		if !knownSurvey[resp.Survey] {
			bad.add(line, "survey %q does not exist: create it with `berakhlak survey create %s`", resp.Survey, resp.Survey)
			continue
		}
		if !knownUnit[resp.Unit] {
			bad.add(line, "unit %q is not in the organisation tree: import it with `berakhlak org import`", resp.Unit)
			continue
		}
		data, _ := json.Marshal(resp)
		if first, dup := seen[resp.ID]; dup {
			if !bytes.Equal(seenData[resp.ID], data) {
				bad.add(line, "id %s was used on line %d for different answers", resp.ID, first)
			}
			continue
		}
		seen[resp.ID], seenData[resp.ID] = line, data
		rs = append(rs, resp)
		lineOf = append(lineOf, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	same, err := store.StoredAs(rs)
	if err != nil {
		return nil, err
	}
	for i, resp := range rs {
		if equal, stored := same[resp.ID]; stored && !equal {
			bad.add(lineOf[i], "id %s is already stored with different answers", resp.ID)
		}
	}
	if err := bad.err(); err != nil {
		return nil, err
	}
	return rs, nil
}

// decodeResponse reads one line strictly: unknown fields are an error.
func decodeResponse(line []byte) (*questionnaire.Response, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	var r questionnaire.Response
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("not a response in the interchange form: %v", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value on the line")
	}
	return &r, nil
}
