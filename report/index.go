package report

import (
	"html/template"
	"io"
)

// Index is the page that links the reports `report --each-unit` writes.
type Index struct {
	Lang    string
	Survey  string
	Group   string // the subtree's unit name; "" for the whole survey
	Date    string
	Entries []IndexEntry
}

// IndexEntry is one unit's report, in tree order.
type IndexEntry struct {
	Depth          int
	ID, Name, File string
}

// WriteIndex renders the index page: names and links only, no figure, so
// it tells nothing a report of its own does not.
func WriteIndex(w io.Writer, x Index) error {
	t := texts(x.Lang)
	title := t["indexTitle"] + " " + x.Survey
	if x.Group != "" {
		title += " · " + x.Group
	}
	return indexPage.Execute(w, struct {
		Index
		T     map[string]string
		Title string
	}{x, t, title})
}

var indexPage = template.Must(template.New("index").Funcs(template.FuncMap{"indent": padding}).Parse(`<!DOCTYPE html>
<html lang="{{if eq .Lang "en"}}en{{else}}id{{end}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #222; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 17pt; } li { list-style: none; margin: 0.5mm 0; } .muted { color: #555; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="muted">{{.T.generated}} {{.Date}} · {{printf .T.indexCount (len .Entries)}}</p>
<ul>
{{range .Entries}}<li>{{indent .Depth}}<a href="{{.File}}">{{.Name}}</a> <span class="muted">({{.ID}})</span></li>
{{end}}</ul>
</body>
</html>
`))
