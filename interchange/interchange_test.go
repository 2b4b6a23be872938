package interchange

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/berakhlak/berakhlak/questionnaire"
)

func responses(n int) []*questionnaire.Response {
	in := questionnaire.Default()
	rng := rand.New(rand.NewPCG(5, 5))
	var rs []*questionnaire.Response
	for i := range n {
		aud := []string{"asn", "public"}[i%2]
		rs = append(rs, in.SampleResponse(rng, aud, "2026", "root", "2026-11-27", 0.1))
	}
	return rs
}

// linesOf gives the interchange lines of rs, as a store would.
func linesOf(rs []*questionnaire.Response) EachLine {
	return func(fn func([]byte) error) error {
		for _, r := range rs {
			if err := fn(r.AppendJSON(nil)); err != nil {
				return err
			}
		}
		return nil
	}
}

// writeBundleFile writes a bundle of rs to a temp file, cut to keep bytes
// when keep > 0.
func writeBundleFile(t *testing.T, rs []*questionnaire.Response, keep int) string {
	t.Helper()
	var b bytes.Buffer
	n, err := WriteBundle(&b, linesOf(rs))
	if err != nil || n != len(rs) {
		t.Fatalf("WriteBundle: %d, %v", n, err)
	}
	data := b.Bytes()
	if keep > 0 {
		data = data[:keep]
	}
	path := filepath.Join(t.TempDir(), "k.bundle")
	os.WriteFile(path, data, 0o600)
	return path
}

// TestBundleRoundTrip: a bundle unpacks to exactly the response lines it
// was written from, and is recognised as a bundle.
func TestBundleRoundTrip(t *testing.T) {
	rs := responses(25)
	path := writeBundleFile(t, rs, 0)
	if ok, err := IsBundle(path); !ok || err != nil {
		t.Fatalf("IsBundle = %v, %v", ok, err)
	}
	lines, err := UnpackBundle(path)
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(lines)
	data, _ := os.ReadFile(lines)
	got := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(got) != 25 {
		t.Fatalf("%d lines unpacked, want 25", len(got))
	}
	for i, line := range got {
		r, err := questionnaire.DecodeResponse([]byte(line))
		if err != nil || r.ID != rs[i].ID {
			t.Fatalf("line %d: %v (id %v)", i+1, err, r)
		}
	}
}

// TestDamagedBundlesAreRefusedWhole: cut short, altered inside, or written
// by a newer build, a bundle is refused with a reason and nothing unpacked.
func TestDamagedBundlesAreRefusedWhole(t *testing.T) {
	rs := responses(25)
	var whole bytes.Buffer
	WriteBundle(&whole, linesOf(rs))
	cut := writeBundleFile(t, rs, whole.Len()/2)
	if _, err := UnpackBundle(cut); err == nil || !strings.Contains(err.Error(), "damaged or incomplete") || !strings.Contains(err.Error(), "nothing was stored") {
		t.Fatalf("a cut bundle: %v", err)
	}
	// Altered: one response's answer changed, the trailer left as it was.
	zr, _ := gzip.NewReader(bytes.NewReader(whole.Bytes()))
	plain, _ := io.ReadAll(zr)
	altered := bytes.Replace(plain, []byte(`"audience":"asn"`), []byte(`"audience":"asX"`), 1)
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(altered)
	zw.Close()
	path := filepath.Join(t.TempDir(), "altered.bundle")
	os.WriteFile(path, b.Bytes(), 0o600)
	if _, err := UnpackBundle(path); err == nil || !strings.Contains(err.Error(), "checksum mismatch") {
		t.Fatalf("an altered bundle: %v", err)
	}
	newer := bytes.Replace(plain, []byte(`{"berakhlak_bundle":1}`), []byte(`{"berakhlak_bundle":9}`), 1)
	b.Reset()
	zw = gzip.NewWriter(&b)
	zw.Write(newer)
	zw.Close()
	os.WriteFile(path, b.Bytes(), 0o600)
	if _, err := UnpackBundle(path); err == nil || !strings.Contains(err.Error(), "newer berakhlak") {
		t.Fatalf("a newer bundle: %v", err)
	}
}

// TestCSVRowsAndCodebook: the CSV has the header columns, a column per item
// and per values slot, a row per response with its answers where they
// belong; the codebook explains every column.
func TestCSVRowsAndCodebook(t *testing.T) {
	in := questionnaire.Default()
	rs := responses(4)
	var b bytes.Buffer
	if err := WriteCSV(&b, in, linesOf(rs)); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(records) != 5 {
		t.Fatalf("%d records, %v; want a header and 4 rows", len(records), err)
	}
	col := map[string]int{}
	for i, name := range records[0] {
		col[name] = i
	}
	for _, name := range []string{"id", "date", "impl.pelayanan.1", "values.current.10", "eng.recommend", "brand.reasons.3"} {
		if _, ok := col[name]; !ok {
			t.Fatalf("no column %s", name)
		}
	}
	for i, r := range rs {
		row := records[i+1]
		if row[col["id"]] != r.ID {
			t.Fatalf("row %d is not response %s", i+1, r.ID)
		}
		if v, ok := r.Answers.Scale["impl.pelayanan.1"]; ok && row[col["impl.pelayanan.1"]] != string(rune('0'+v)) {
			t.Errorf("row %d: impl.pelayanan.1 = %q, want %d", i+1, row[col["impl.pelayanan.1"]], v)
		}
		if picks := r.Answers.Picks["values.current"]; len(picks) == 10 && row[col["values.current.10"]] != picks[9] {
			t.Errorf("row %d: values.current.10 = %q, want %s", i+1, row[col["values.current.10"]], picks[9])
		}
	}
	var cb bytes.Buffer
	if err := WriteCodebook(&cb, in); err != nil {
		t.Fatal(err)
	}
	book, _ := csv.NewReader(&cb).ReadAll()
	described := map[string]bool{}
	for _, line := range book[1:] {
		described[line[0]] = true
	}
	for _, name := range records[0] {
		if !described[name] {
			t.Errorf("the codebook does not describe column %s", name)
		}
	}
}

// TestCSVFromBytesEqualsDecoded: rows copied straight from stored bytes are
// the rows encoding/csv writes from the decoded responses, for lines in the
// plain shape and for lines that are not (an escaped string, spaces, a
// comma and a quote in a value), which are decoded first.
func TestCSVFromBytesEqualsDecoded(t *testing.T) {
	in := questionnaire.Default()
	rs := responses(40)
	rs[3].Unit = `biro, "hukum"` // needs quoting
	rs[5].Instrument = " 2026.1" // starts with a space: quoted
	rs[7].Survey = "tahun\\2026" // written with an escape: decoded
	lines := make([][]byte, len(rs))
	for i, r := range rs {
		lines[i] = r.AppendJSON(nil)
	}
	lines[9] = []byte(strings.Replace(string(lines[9]), `{"id"`, "{ \"id\"", 1)) // spacing is still plain
	var got bytes.Buffer
	err := WriteCSV(&got, in, func(fn func([]byte) error) error {
		for _, l := range lines {
			if err := fn(l); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	cw := csv.NewWriter(&want)
	cols := csvColumns(in)
	header := append([]string{}, headerColumns...)
	for _, c := range cols {
		header = append(header, c.Name)
	}
	cw.Write(header)
	for _, l := range lines {
		r, err := questionnaire.DecodeStored(l)
		if err != nil {
			t.Fatal(err)
		}
		row := []string{r.ID, r.Survey, r.Unit, r.Audience, r.Date, r.Instrument}
		for _, c := range cols {
			row = append(row, cell(r.Answers, c))
		}
		cw.Write(row)
	}
	cw.Flush()
	if got.String() != want.String() {
		g, w := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("row %d differs:\n got %s\nwant %s", i, g[i], w[i])
			}
		}
		t.Fatalf("%d rows, want %d", len(g), len(w))
	}
}

// An agency's own instrument may word a value as a formula would begin; the
// codebook, opened in a spreadsheet, shows it and never runs it.
func TestCodebookNeverRunsAFormula(t *testing.T) {
	in := *questionnaire.Default()
	in.Catalogue = slices.Clone(in.Catalogue)
	in.Catalogue[0].Label.Indonesian = "=HYPERLINK(\"http://x.example\")"
	in.Catalogue[0].Label.English = "-1+1"
	var cb bytes.Buffer
	if err := WriteCodebook(&cb, &in); err != nil {
		t.Fatal(err)
	}
	book, err := csv.NewReader(&cb).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range book {
		if line[0] == "catalogue" && line[1] == in.Catalogue[0].ID {
			if line[4] != "'=HYPERLINK(\"http://x.example\")" || line[5] != "'-1+1" {
				t.Errorf("the value's row is %q", line)
			}
			return
		}
	}
	t.Errorf("no catalogue row for %s", in.Catalogue[0].ID)
}
