package report

import (
	"html/template"
	"strings"
)

// page is the whole report; styles are inline so the file opens anywhere,
// and it prints on A4.
var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"indent":  padding,
	"deref":   func(p *float64) float64 { return *p },
	"deref64": func(p *int64) int64 { return *p },
	"inc":     func(n int) int { return n + 1 },
}).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
@page { size: A4; margin: 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #222; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; } td.num { text-align: right; white-space: nowrap; }
.muted { color: #555; } table.heat td, table.heat th { padding: 0.5mm 0.6mm; font-size: 7pt; } table.heat { page-break-inside: auto; table-layout: fixed; }
table.heat th { font-size: 6.5pt; overflow-wrap: anywhere; } table.heat col.name { width: 29%; } table.heat col.n { width: 6%; } table.heat col.rate { width: 5%; }
table.heat tr { page-break-inside: avoid; } table.heat td.name { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; } table.heat td.path { white-space: normal; } .match { font-weight: bold; } .chart svg { width: 100%; height: auto; }
.headline { font-size: 12pt; font-weight: bold; } h2, h3 { page-break-after: avoid; } .chart { page-break-inside: avoid; } .suppressed { font-style: italic; color: #555; } .actions { white-space: pre-line; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="muted">{{.MadeOn}}</p>
{{if .Suppressed}}
<p class="suppressed">{{.SuppressedText}}</p>
{{template "followup" .}}
{{else}}
<section id="speaks">
<h2>{{.T.inShort}}</h2>
{{if .Headline}}<p class="headline">{{.Headline}}</p>{{end}}
<ul>{{range .Speaks}}<li>{{.}}</li>{{end}}</ul>
</section>
{{with .Heat}}
<section id="heatmap">
<h2>{{$.T.heatmap}}</h2>
<table class="heat"><colgroup><col class="name"><col class="n"><col class="rate">{{range .Heads}}<col>{{end}}</colgroup>
<tr><th>{{$.T.unit}}</th><th>n</th><th>{{$.T.rateShort}}</th>{{range .Heads}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr><td class="name{{if .Path}} path{{end}}">{{.Name}}</td><td class="num">{{.N}}</td>{{if .Why}}<td colspan="{{len $.Heat.Heads | inc}}" class="suppressed">{{.Why}}</td>{{else if .Cells}}<td class="num">{{.Rate}}</td>{{range .Cells}}<td class="num"{{if .Colour}} style="background: {{.Colour}}"{{end}}>{{.Text}}</td>{{end}}{{else}}<td colspan="{{len $.Heat.Heads | inc}}"></td>{{end}}</tr>
{{end}}</table>
<p class="muted">{{$.T.heatCaption}} {{$.Legend}}{{if $.BelowNote}} {{$.BelowNote}}{{end}}</p>
</section>
{{end}}
{{if .Drivers}}
<section id="drivers">
{{range .Drivers}}
<h2>{{.Title}}</h2>
<div class="chart">{{.Chart}}</div>
<p class="muted">{{.Caption}}</p>
<table><tr><th>#</th><th>{{$.T.value}}</th><th>{{$.T.index}}</th><th>{{$.T.band}}</th><th>r</th><th>{{$.T.ci95}}</th><th>{{$.T.n}}</th><th>{{$.T.quadrant}}</th></tr>
{{range .Rows}}<tr><td class="num">{{.Rank}}</td><td>{{.Name}}</td><td class="num">{{.Index}}</td><td>{{.Band}}</td><td class="num">{{.R}}</td><td class="num">{{.CI}}</td><td class="num">{{.N}}</td><td>{{.Quadrant}}</td></tr>
{{end}}</table>
{{end}}
</section>
{{end}}
{{if .Segments}}
<section id="segments">
{{range .Segments}}
<h2>{{.Title}}</h2>
{{if .Unavailable}}<p class="muted">{{.Unavailable}}</p>{{else}}
{{if .Chart}}<div class="chart">{{.Chart}}</div>{{end}}
<p class="muted">{{.Caption}}</p>
<table><tr><th>{{$.T.segment}}</th><th>{{$.T.n}}</th><th>{{index .Heads 0}}</th><th>{{$.T.band}}</th><th>{{index .Heads 1}}</th><th>{{index .Heads 2}}</th></tr>
{{range .Rows}}<tr><td>{{.Name}}</td>{{if .Hidden}}<td colspan="5" class="suppressed">{{.Hidden}}</td>{{else}}<td class="num">{{.N}}</td><td class="num">{{.Main}}</td><td>{{.Band}}</td><td class="num">{{.Second}}</td><td class="num">{{.Third}}</td>{{end}}</tr>
{{end}}</table>
{{end}}
{{end}}
</section>
{{end}}
<section id="summary">
<h2>{{.T.summary}}</h2>
<p>{{.T.respondents}}: {{.Group.Respondents}} (ASN {{.Group.RespondentsASN}} · non-ASN {{.Group.RespondentsPublic}}){{if .Group.ResponseRate}} · {{.T.rate}} {{printf "%.1f" (deref .Group.ResponseRate)}}% ({{.Group.Headcount}}){{end}}</p>
<p class="muted">{{printf .T.asOf .Group.AsOfN .Group.Respondents}}{{with .Group.SharesAsOfN}}{{if ne (deref64 .) $.Group.AsOfN}} {{printf $.T.sharesAsOf (deref64 .)}}{{end}}{{end}}</p>
<table><tr><th>{{.T.index}}</th><th>{{.T.value}}</th><th>{{.T.band}}</th><th>{{.T.n}}</th><th>{{.T.target}}</th><th>{{.T.stats}}</th></tr>
{{range .Summary}}<tr><td>{{.Name}}</td><td class="num">{{.Value}}</td><td>{{.Band}}</td><td class="num">{{.N}}</td><td class="num">{{.Target}}</td><td class="muted">{{.Extra}}</td></tr>
{{end}}</table>
</section>
{{template "followup" .}}
{{if or .TrendHeadline .TrendNote}}
<section id="trend">
<h2>{{.T.trend}}</h2>
{{if .TrendHeadline}}<div class="chart">{{.TrendHeadline}}</div>
<div class="chart">{{.TrendValues}}</div>
<p class="muted">{{.T.trendCaption}}</p>{{end}}
{{if .TrendNote}}<p class="muted">{{.TrendNote}}</p>{{end}}
</section>
{{end}}
{{if .ValueRows}}
<section id="values">
<h2>{{.T.values}}</h2>
<div class="chart">{{.ValueChart}}</div>
<p class="muted">{{.T.valueCaption}}</p>
<table><tr><th>{{.T.value}}</th><th>{{.T.index}}</th><th>{{.T.band}}</th><th>{{.T.n}}</th><th>{{.T.target}}</th><th>{{.T.stats}}</th></tr>
{{range .ValueRows}}<tr><td>{{.Name}}</td><td class="num">{{.Value}}</td><td>{{.Band}}</td><td class="num">{{.N}}</td><td class="num">{{.Target}}</td><td class="muted">{{.Extra}}</td></tr>
{{end}}</table>
</section>
{{end}}
{{if .Top10}}
<section id="culture">
<h2>{{.T.culture}}</h2>
<table><tr><th>#</th><th>{{.T.personal}}</th><th>{{.T.current}}</th><th>{{.T.desired}}</th></tr>
{{range .Top10}}<tr><td class="num">{{.Rank}}</td><td{{if .PMatch}} class="match"{{end}}>{{if .PMatch}}✓ {{end}}{{.Personal}}</td><td{{if or .CMatchP .CMatchD}} class="match"{{end}}>{{if or .CMatchP .CMatchD}}✓ {{end}}{{.Current}}</td><td>{{.Desired}}</td></tr>
{{end}}</table>
<p class="muted">{{.T.match}}</p>
<p>{{.T.entropy}}: {{.Entropy}} · {{.T.balance}}: {{.Balance}}</p>
<h3>{{.T.jumps}}</h3>
<table>{{range .Jumps}}<tr><td>{{.Name}}</td><td class="num">{{.Value}}</td></tr>{{end}}</table>
</section>
{{end}}
{{if .Engagement}}
<section id="engagement">
<h2>{{.T.engagementTitle}}</h2>
<div class="chart">{{.EngChart}}</div>
<p class="muted">{{.T.engCaption}}</p>
<table>{{range .Engagement}}<tr><td>{{.Name}}</td><td class="num">{{.Value}}</td><td class="num">{{.N}}</td><td class="muted">{{.Extra}}</td></tr>{{end}}</table>
</section>
{{end}}
{{if .Branding}}
<section id="branding">
<h2>{{.T.brandingTitle}}</h2>
<div class="chart">{{.BrandChart}}</div>
<p class="muted">{{.T.brandCaption}}</p>
<table>{{range .Branding}}<tr><td>{{.Name}}</td><td class="num">{{.Value}}</td><td>{{.Band}}</td><td class="num">{{.N}}</td><td class="muted">{{.Extra}}</td></tr>{{end}}</table>
<h3>{{.T.reasons}}</h3>
<table>{{range .Reasons}}<tr><td>{{.Name}}</td><td class="num">{{.Value}}</td></tr>{{end}}</table>
</section>
{{end}}
{{end}}
{{if .Changes}}
<section id="change">
<h2>{{.T.change}}</h2>
<table>{{range .Changes}}<tr><td>{{.Name}}</td><td class="num">{{.Value}}</td><td>{{.Extra}}</td></tr>{{end}}</table>
{{if .ChangeNote}}<p class="muted">{{.ChangeNote}}</p>{{end}}
</section>
{{end}}
<section id="methods">
<h2>{{.T.methods}}</h2>
<p>{{.T.methodsText}}</p>
</section>
</body>
</html>
{{define "followup"}}{{if or .FollowUps .Plans}}
<section id="followup">
<h2>{{.T.followUp}}</h2>
{{if .Plans}}<h3>{{.T.plansNow}}</h3>
<table><tr><th>{{.T.unit}}</th><th>{{.T.focus}}</th><th>{{.T.reason}}</th><th>{{.T.actions}}</th><th>{{.T.owner}}</th><th>{{.T.due}}</th><th>{{.T.status}}</th></tr>
{{range .Plans}}<tr><td>{{.Unit}}</td><td>{{.Focus}}</td><td>{{.Reason}}</td><td class="actions">{{.Actions}}</td><td>{{.Owner}}</td><td>{{.Due}}</td><td>{{.Status}}</td></tr>
{{end}}</table>{{end}}
{{if .FollowUps}}<h3>{{.T.followUpThen}}</h3>
<p class="muted">{{.T.followUpCaption}}</p>
<table><tr><th>{{.T.unit}}</th><th>{{.T.focus}}</th><th>{{.T.status}}</th><th>{{.T.then}}</th><th>{{.T.now}}</th><th>Δ</th><th>{{.T.call}}</th></tr>
{{range .FollowUps}}<tr><td>{{.Unit}}</td><td>{{.Focus}}</td><td>{{.Status}}</td>{{if .Then}}<td class="num">{{.Then}}</td><td class="num">{{.Now}}</td><td class="num">{{.Change}}</td>{{else}}<td colspan="3" class="suppressed"></td>{{end}}<td>{{.Call}}</td></tr>
{{end}}</table>{{end}}
</section>
{{end}}{{end}}
`))

// padding indents a unit under its parent in the table.
func padding(n int) string { return strings.Repeat("\u00a0\u00a0\u00a0", n) }
