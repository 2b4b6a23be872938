// Package interchange writes and reads the forms responses travel in
// between machines and people: a kiosk's USB bundle, and the CSV export
// with its codebook (the JSON line itself is questionnaire's).
package interchange

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/berakhlak/berakhlak/questionnaire"
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

// Each calls fn with every response to write (as db.Store.EachResponse does).
type Each func(fn func(*questionnaire.Response) error) error

// WriteCSV writes one row per response; an unanswered item is an empty cell.
func WriteCSV(w io.Writer, in *questionnaire.Instrument, each Each) error {
	cols := csvColumns(in)
	cw := csv.NewWriter(w)
	header := append([]string{}, headerColumns...)
	for _, c := range cols {
		header = append(header, c.Name)
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	row := make([]string, len(header))
	err := each(func(r *questionnaire.Response) error {
		copy(row, []string{r.ID, r.Survey, r.Unit, r.Audience, r.Date, r.Instrument})
		for i, c := range cols {
			row[len(headerColumns)+i] = cell(r.Answers, c)
		}
		return cw.Write(row)
	})
	if err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
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
	cw.Write([]string{"column", "item", "type", "codes", "text_id", "text_en"})
	for _, h := range headerColumns {
		cw.Write([]string{h, "", "header", headerMeaning[h], "", ""})
	}
	for _, c := range csvColumns(in) {
		cw.Write([]string{c.Name, c.Item.ID, c.Item.Type, codeMeanings(in, c.Item), c.Item.Text.Indonesian, c.Item.Text.English})
	}
	for _, v := range in.Catalogue {
		cw.Write([]string{"catalogue", v.ID, "value", fmt.Sprintf("area=%d; limiting=%t", v.Area, v.Limiting), v.Label.Indonesian, v.Label.English})
	}
	for _, r := range in.Reasons {
		cw.Write([]string{"reasons", r.ID, "reason", "", r.Label.Indonesian, r.Label.English})
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
