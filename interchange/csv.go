// Package interchange writes and reads the forms responses travel in
// between machines and people: a kiosk's USB bundle, and the CSV export
// with its codebook (the JSON line itself is questionnaire's).
package interchange

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/safetext"
)

// csvColumn is one column of the CSV export: an item, or one slot of a
// picks item (values.current.1 … values.current.10).
type csvColumn struct {
	Name string
	Item questionnaire.Item
	Slot int // 1-based slot of a picks item; 0 otherwise
}

var headerColumns = []string{"id", "survey", "unit", "audience", "date", "instrument"}

// csvColumns lists the item columns in instrument order; an item asked of
// both audiences (demographics) gets one column.
func csvColumns(in *questionnaire.Instrument) []csvColumn {
	var cols []csvColumn
	seen := map[string]bool{}
	for _, s := range in.Sections {
		for _, it := range s.Items {
			if seen[it.ID] {
				continue
			}
			seen[it.ID] = true
			if it.Type == questionnaire.TypeValues || it.Type == questionnaire.TypeReasons {
				for slot := 1; slot <= it.Pick; slot++ {
					cols = append(cols, csvColumn{Name: fmt.Sprintf("%s.%d", it.ID, slot), Item: it, Slot: slot})
				}
				continue
			}
			cols = append(cols, csvColumn{Name: it.ID, Item: it})
		}
	}
	return cols
}

// WriteCSV writes one row per response line each gives (opened: plain
// interchange JSON); an unanswered item is an empty cell. Lines in the plain
// shape berakhlak writes are copied cell by cell straight from their bytes
// (questionnaire.ScanStored); any other line is decoded first.
func WriteCSV(w io.Writer, in *questionnaire.Instrument, each EachLine) error {
	cols := csvColumns(in)
	rw := newRowWriter(w, cols)
	header := append([]string{}, headerColumns...)
	for _, c := range cols {
		header = append(header, c.Name)
	}
	for i, h := range header {
		rw.row[i] = []byte(h)
	}
	rw.write()
	err := each(func(line []byte) error {
		if !rw.scan(line) {
			r, err := questionnaire.DecodeStored(line)
			if err != nil {
				return err
			}
			rw.fill(r)
		}
		return rw.write()
	})
	if err == nil {
		err = rw.w.Flush()
	}
	if err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

// rowWriter fills and writes CSV rows, reusing one row of cells.
type rowWriter struct {
	w      *bufio.Writer
	cols   []csvColumn
	row    [][]byte
	header map[string]int // header field → cell
	item   map[string]int // item → its cell, or its first slot's
	slots  map[string]int // picks item → its number of slots
	scanFn questionnaire.Scan
}

func newRowWriter(w io.Writer, cols []csvColumn) *rowWriter {
	rw := &rowWriter{w: bufio.NewWriterSize(w, 64<<10), cols: cols, row: make([][]byte, len(headerColumns)+len(cols)),
		header: map[string]int{}, item: map[string]int{}, slots: map[string]int{}}
	for i, h := range headerColumns {
		rw.header[h] = i
	}
	for i, c := range cols {
		if c.Slot <= 1 {
			rw.item[c.Item.ID] = len(headerColumns) + i
		}
		if c.Slot > 0 {
			rw.slots[c.Item.ID] = c.Slot
		}
	}
	rw.scanFn = questionnaire.Scan{
		Field: func(name, value []byte) {
			if i, ok := rw.header[string(name)]; ok {
				rw.row[i] = value
			}
		},
		Answer: func(item, value []byte, slot int) {
			i, ok := rw.item[string(item)]
			if !ok || slot > rw.slots[string(item)] {
				return // not a column of this instrument, or past its slots
			}
			if slot > 0 {
				i += slot - 1
			}
			rw.row[i] = value
		},
	}
	return rw
}

// scan fills the row from a line in the plain shape; false for any other.
func (rw *rowWriter) scan(line []byte) bool {
	clear(rw.row)
	if questionnaire.ScanStored(line, rw.scanFn) {
		return true
	}
	clear(rw.row)
	return false
}

// fill fills the row from a decoded response.
func (rw *rowWriter) fill(r *questionnaire.Response) {
	for i, v := range []string{r.ID, r.Survey, r.Unit, r.Audience, r.Date, r.Instrument} {
		rw.row[i] = []byte(v)
	}
	for i, c := range rw.cols {
		rw.row[len(headerColumns)+i] = []byte(cell(r.Answers, c))
	}
}

// write writes the row as encoding/csv would: a cell is quoted only when
// it holds a comma, a quote or a line break, or starts with a space.
func (rw *rowWriter) write() error {
	for i, c := range rw.row {
		if i > 0 {
			rw.w.WriteByte(',')
		}
		if !needsQuotes(c) {
			rw.w.Write(c)
			continue
		}
		rw.w.WriteByte('"')
		for _, b := range c {
			if b == '"' {
				rw.w.WriteByte('"')
			}
			rw.w.WriteByte(b)
		}
		rw.w.WriteByte('"')
	}
	_, err := rw.w.WriteString("\n")
	return err
}

// needsQuotes is encoding/csv's rule (Writer.fieldNeedsQuotes) for a comma
// separator.
func needsQuotes(field []byte) bool {
	if len(field) == 0 {
		return false
	}
	if string(field) == `\.` {
		return true
	}
	for _, b := range field {
		if b == ',' || b == '"' || b == '\r' || b == '\n' {
			return true
		}
	}
	r, _ := utf8.DecodeRune(field)
	return unicode.IsSpace(r)
}

func cell(a questionnaire.Answers, c csvColumn) string {
	if c.Slot > 0 {
		picks := a.Picks[c.Item.ID]
		if c.Slot <= len(picks) {
			return picks[c.Slot-1]
		}
		return ""
	}
	if v, ok := a.Scale[c.Item.ID]; ok {
		return strconv.Itoa(v)
	}
	return a.Choice[c.Item.ID]
}

// WriteCodebook describes every column: its item, type, the meaning of its
// codes and the question in both languages; then the catalogue and reasons.
func WriteCodebook(w io.Writer, in *questionnaire.Instrument) error {
	cw := csv.NewWriter(w)
	// Read in a spreadsheet: an agency's own question text beginning with
	// "-" or "=" is shown there, never run as a formula.
	row := func(cells ...string) { cw.Write(safetext.ForSpreadsheetRow(cells)) }
	row("column", "item", "type", "codes", "text_id", "text_en")
	for _, h := range headerColumns {
		row(h, "", "header", headerMeaning[h], "", "")
	}
	for _, c := range csvColumns(in) {
		row(c.Name, c.Item.ID, c.Item.Type, codeMeanings(in, c.Item), c.Item.Text.Indonesian, c.Item.Text.English)
	}
	for _, v := range in.Catalogue {
		row("catalogue", v.ID, "value", fmt.Sprintf("area=%d; limiting=%t", v.Area, v.Limiting), v.Label.Indonesian, v.Label.English)
	}
	for _, r := range in.Reasons {
		row("reasons", r.ID, "reason", "", r.Label.Indonesian, r.Label.English)
	}
	cw.Flush()
	return cw.Error()
}

var headerMeaning = map[string]string{
	"id": "random 128-bit response id (hex)", "survey": "survey period", "unit": "organisational unit id",
	"audience": "asn = civil servant; public = non-ASN", "date": "day of the response (YYYY-MM-DD, no time)",
	"instrument": "instrument version",
}

func codeMeanings(in *questionnaire.Instrument, it questionnaire.Item) string {
	switch it.Type {
	case questionnaire.TypeLikert:
		sc, _ := in.ScaleByID(it.Scale)
		var parts []string
		for i, l := range sc.Labels {
			parts = append(parts, fmt.Sprintf("%d=%s", sc.Min+i, l.English))
		}
		return strings.Join(parts, "; ")
	case questionnaire.TypeValues:
		return "a catalogue id (rows 'catalogue' below); order of the picks carries no meaning"
	case questionnaire.TypeReasons:
		return "a reason id (rows 'reasons' below); empty when fewer were named"
	default:
		var parts []string
		for _, o := range it.Options {
			parts = append(parts, fmt.Sprintf("%s=%s", o.ID, o.Label.English))
		}
		return strings.Join(parts, "; ") + "; empty = not answered"
	}
}
