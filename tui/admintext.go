package tui

import (
	"github.com/berakhlak/berakhlak/questionnaire"
	"github.com/berakhlak/berakhlak/scoring"
)

type text = questionnaire.Text

// adminUI holds the admin screen's texts; F2 switches the language.
var adminUI = struct {
	Survey, Responses, WholeSurvey, Loading, Error, Writing, Report, ReportRemote, ReportFailed                     text
	FiguresMove, FiguresStand, Closed, MoreBelow, Unit, Staff, Rate, CultureHealth, Engagement, Branding, ValueBars text
	Personal, Current, Desired, EntropyJumps, NoJumps, Target, ScopedResponses, NoSuchUnit                          text
	Problems, Kiosks, DirectlyIn                                                                                    text
	HeatLegend, HeatLeftOut, RowsShown                                                                              text
	DriversEngagement, DriversStay, NoDrivers, Value, Index, CI95, Quadrant                                         text
	DriversLegend                                                                                                   text
	SegmentsTitle, SegmentsOpen, SegmentsScoped, SegmentsLegend, SegmentAtScaleEnd, NotStated                       text
	SegmentsHeads                                                                                                   map[string][3]text
	SegmentsUnavailable                                                                                             map[string]text
}{
	SegmentsTitle:     text{Indonesian: "Segmen %s menurut %s", English: "%s segments by %s"},
	SegmentsOpen:      text{Indonesian: "Segmen tampil setelah survei ditutup: diambil sekali, agar angka satu segmen tidak bergerak satu orang demi satu orang.", English: "Segments show once the survey closes: they are taken once, so that no segment's figure moves one person at a time."},
	SegmentsScoped:    text{Indonesian: "Segmen menggambarkan seluruh survei: tidak ditampilkan kepada admin satu unit.", English: "Segments describe the whole agency: not shown to the admin of one unit."},
	SegmentsLegend:    text{Indonesian: "diambil saat survei pertama kali ditutup · —<k: kurang dari k responden · —†: disembunyikan agar kelompok yang lebih kecil tidak dapat dihitung · —ujung: mendekati ujung skala dalam kelompok kecil, yang akan memberi tahu jawaban setiap orang · s: kembali ke tabel", English: "taken when the survey first closed · —<k: fewer than k respondents · —†: hidden so that a smaller group cannot be worked out · —end: near its scale's end in a small group, which would tell everyone's answers · s: back to the table"},
	SegmentAtScaleEnd: text{Indonesian: "—ujung", English: "—end"},
	NotStated:         text{Indonesian: "tidak menjawab", English: "did not say"},
	SegmentsHeads: map[string][3]text{ // the headline index, then two figures beside it
		questionnaire.AudienceASN: {{Indonesian: "BerAKHLAK", English: "BerAKHLAK"}, {Indonesian: "keterikatan", English: "engagement"},
			{Indonesian: "bertahan", English: "stay"}},
		questionnaire.AudiencePublic: {{Indonesian: "citra", English: "branding"}, {Indonesian: "niat", English: "intention"},
			{Indonesian: "niat tinggi", English: "high intent"}},
	},
	SegmentsUnavailable: map[string]text{
		"before-ledger":    {Indonesian: "tidak ada segmen: sebagian jawaban tersimpan sebelum versi yang mencatat segmen", English: "no segments: some answers were stored before the version that keeps what segments need"},
		"sealed":           {Indonesian: "tidak ada segmen: jawaban survei ini disegel", English: "no segments: this survey's answers are sealed"},
		"not-asked":        {Indonesian: "tidak ada segmen: tidak ada responden yang menjawab pertanyaan ini", English: "no segments: no respondent answered this question"},
		"incomplete":       {Indonesian: "tidak ada segmen: catatan rilis tidak mencakup setiap responden", English: "no segments: the release record does not cover every respondent"},
		"unreadable":       {Indonesian: "tidak ada segmen: sebuah jawaban tersimpan tidak terbaca; jalankan berakhlak verify", English: "no segments: a stored answer could not be read; run berakhlak verify"},
		"too-many-answers": {Indonesian: "tidak ada segmen: pertanyaan ini punya terlalu banyak pilihan jawaban", English: "no segments: this question has too many answers to check"},
	},
	DriversEngagement: text{Indonesian: "Pendorong keterikatan: nilai yang makin dijalankan, makin terikat pegawainya", English: "Drivers of engagement: values that, lived more, go with more engaged staff"},
	DriversStay:       text{Indonesian: "Pendorong niat bertahan: makin dijalankan, makin pegawai ingin bertahan", English: "Drivers of staying: values that, lived more, go with staff who mean to stay"},
	NoDrivers:         text{Indonesian: "Pendorong tampil bila sedikitnya %d responden ASN menjawab butir nilai dan keterikatan.", English: "Drivers show once at least %d ASN respondents answered the value and engagement items."},
	Value:             text{Indonesian: "nilai", English: "value"},
	Index:             text{Indonesian: "indeks", English: "index"},
	CI95:              text{Indonesian: "KI 95%", English: "95% CI"},
	Quadrant:          text{Indonesian: "kuadran", English: "quadrant"},
	DriversLegend:     text{Indonesian: "↑ r: seberapa erat nilai berjalan bersama target (−1…1) · → indeks nilai · garis titik: median · keterkaitan, bukan sebab · t: keterikatan/niat bertahan · d: kembali ke tabel", English: "↑ r: how closely the value goes with the target (−1…1) · → the value's index · dotted: medians · a link, not a cause · t: engagement/intention to stay · d: back to the table"},
	HeatLeftOut:       text{Indonesian: "kolom %s tidak muat: perlebar jendela untuk melihatnya", English: "columns %s do not fit: widen the window to see them"},
	RowsShown:         text{Indonesian: "baris %d–%d dari %d · ↑/↓ untuk menggeser", English: "rows %d–%d of %d · ↑/↓ to move"},
	HeatLegend: text{Indonesian: "Pel…Kol: tujuh nilai BerAKHLAK · IB: Indeks BerAKHLAK · Bud: kesehatan budaya · Ket: keterikatan · Cit: citra pemberi kerja · pita A ≥ 75, B ≥ 50, C ≥ 25, D < 25 · —<k: kurang dari k responden · —†: disembunyikan agar kelompok yang lebih kecil tidak dapat dihitung · h: kembali ke tabel",
		English: "Pel…Kol: the seven BerAKHLAK values · IB: BerAKHLAK index · Bud: culture health · Ket: engagement · Cit: employer branding · band A ≥ 75, B ≥ 50, C ≥ 25, D < 25 · —<k: fewer than k respondents · —†: hidden so that a smaller group cannot be worked out · h: back to the table"},
	ScopedResponses: text{Indonesian: "respons unit ini: %d · ASN %d · publik %d", English: "this unit's responses: %d · ASN %d · public %d"},
	DirectlyIn:      text{Indonesian: "langsung di %s", English: "directly in %s"},
	Kiosks:          text{Indonesian: "diteruskan kios: ", English: "forwarded by kiosk: "},
	Problems:        text{Indonesian: "! %d catatan dikesampingkan atau ditahan (daftarnya: scores --national); pertama: %s", English: "! %d records left out or held back (listed by scores --national); first: %s"},
	NoSuchUnit:      text{Indonesian: "Unit %q (dari opsi unit= kunci Anda) tidak ada di pohon organisasi.", English: "Unit %q (from your key's unit= option) is not in the organisation tree."},
	Survey:          text{Indonesian: "survei", English: "survey"},
	Responses:       text{Indonesian: "respons: %d (hari ini %d) · ASN %d · publik %d", English: "responses: %d (today %d) · ASN %d · public %d"},
	WholeSurvey:     text{Indonesian: "seluruh survei", English: "whole survey"},
	Loading:         text{Indonesian: "memuat…", English: "loading…"},
	Error:           text{Indonesian: "galat: ", English: "error: "},
	Writing:         text{Indonesian: "menulis laporan…", English: "writing the report…"},
	Report:          text{Indonesian: "laporan: ", English: "report: "},
	ReportFailed:    text{Indonesian: "laporan gagal: ", English: "report failed: "},
	ReportRemote:    text{Indonesian: "dari komputer Anda: ssh admin@SERVER %s > laporan.html", English: "from your computer: ssh admin@SERVER %s > report.html"},
	FiguresMove:     text{Indonesian: "indeks berubah setelah ≥%d respons baru dalam kelompok (privasi); jumlah langsung", English: "indices move after ≥%d new responses in a group (privacy); counts at once"},
	FiguresStand:    text{Indonesian: "survei ditutup: angka tidak berubah lagi", English: "the survey is closed: its figures no longer change"},
	Closed:          text{Indonesian: "ditutup", English: "closed"},
	MoreBelow:       text{Indonesian: "↓ masih ada di bawah · pgdn atau roda tetikus", English: "↓ more below · pgdn or the mouse wheel"},
	Unit:            text{Indonesian: "unit", English: "unit"},
	Staff:           text{Indonesian: "pegawai", English: "staff"},
	Rate:            text{Indonesian: "partisipasi", English: "rate"},
	CultureHealth:   text{Indonesian: "budaya", English: "culture"},
	Engagement:      text{Indonesian: "keterikatan", English: "engagement"},
	Branding:        text{Indonesian: "citra", English: "branding"},
	ValueBars:       text{Indonesian: "Nilai BerAKHLAK (| = target)", English: "BerAKHLAK values (| = target)"},
	Target:          text{Indonesian: "target", English: "target"},
	Personal:        text{Indonesian: "pribadi", English: "personal"},
	Current:         text{Indonesian: "saat ini", English: "current"},
	Desired:         text{Indonesian: "diharapkan", English: "desired"},
	EntropyJumps:    text{Indonesian: "entropi %.1f (%s) · lompatan nilai terbesar (poin persen, diharapkan − saat ini): %s", English: "entropy %.1f (%s) · largest value jumps (percentage points, desired − current): %s"},
	NoJumps:         text{Indonesian: "tidak ada", English: "none"},
}

// entropyWords names the entropy bands.
var entropyWords = map[string]text{
	scoring.EntropyHealthy:     {Indonesian: "sehat", English: "healthy"},
	scoring.EntropyMinor:       {Indonesian: "ringan", English: "minor"},
	scoring.EntropySignificant: {Indonesian: "berarti", English: "significant"},
	scoring.EntropySerious:     {Indonesian: "serius", English: "serious"},
	scoring.EntropyCritical:    {Indonesian: "kritis", English: "critical"},
}
