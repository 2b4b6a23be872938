package report

import "github.com/berakhlak/berakhlak/questionnaire"

// texts returns the report's words in one language.
func texts(lang string) map[string]string {
	if lang == questionnaire.LangEN {
		return en
	}
	return id
}

var id = map[string]string{
	"title": "Laporan Survei BerAKHLAK", "whole": "seluruh survei", "summary": "Ringkasan",
	"implementation": "Indeks BerAKHLAK (implementasi)", "health": "Indeks kesehatan budaya", "engagement": "Indeks engagement",
	"branding": "Indeks employer branding", "index": "Indeks", "value": "Nilai", "band": "Kategori", "n": "n",
	"target": "Target (capaian)", "stats": "Statistik", "respondents": "Responden",
	"bandA": "Sehat", "bandB": "Cukup Sehat", "bandC": "Tidak Sehat", "bandD": "Sangat Tidak Sehat",
	"values": "Nilai-nilai BerAKHLAK", "valueChart": "Indeks per nilai", "targetLegend": " (garis hitam = target)",
	"v.pelayanan": "Berorientasi Pelayanan", "v.akuntabel": "Akuntabel", "v.kompeten": "Kompeten", "v.harmonis": "Harmonis",
	"v.loyal": "Loyal", "v.adaptif": "Adaptif", "v.kolaboratif": "Kolaboratif",
	"s.pelayanan": "Pelayanan", "s.akuntabel": "Akuntabel", "s.kompeten": "Kompeten", "s.harmonis": "Harmonis",
	"s.loyal": "Loyal", "s.adaptif": "Adaptif", "s.kolaboratif": "Kolaboratif",
	"culture": "Budaya organisasi", "personal": "Nilai pribadi", "current": "Budaya saat ini", "desired": "Budaya yang diharapkan",
	"match": "✓ = juga ada di daftar sebelah (kecocokan)", "entropy": "Entropi budaya", "balance": "Indeks keseimbangan",
	"entropy.healthy": "sehat", "entropy.minor": "masalah kecil", "entropy.significant": "masalah berarti", "entropy.serious": "masalah serius", "entropy.critical": "kritis",
	"jumps":           "Lompatan nilai terbesar (diharapkan − saat ini, poin persentase)",
	"withheld":        "— ditahan (kelompok kecil)",
	"engagementTitle": "Engagement ASN", "engaged": "Engaged", "notEngaged": "Tidak engaged", "disengaged": "Disengaged",
	"recommend": "Rekomendasi tempat kerja", "promoters": "promotor", "detractors": "detraktor", "retention": "Niat bertahan 3 tahun",
	"engChart": "Konstruk engagement", "c.vigor": "Semangat", "c.dedication": "Dedikasi", "c.absorption": "Absorpsi",
	"brandingTitle": "Employer branding (non-ASN)", "attractiveness": "Daya tarik", "intention": "Niat melamar", "highIntention": "Niat melamar tinggi",
	"brandChart": "Dimensi daya tarik", "d.interest": "Minat", "d.social": "Sosial", "d.economic": "Ekonomi", "d.development": "Pengembangan",
	"d.application": "Penerapan", "d.safety": "Keamanan", "reasons": "Alasan", "share": "Persentase",
	"units": "Unit kerja", "unit": "Unit", "rate": "Tingkat respons", "suppressed": "disembunyikan (kurang dari k responden)",
	"suppressedComplementary":      "disembunyikan agar kelompok yang lebih kecil tidak dapat dihitung",
	"suppressedGroupComplementary": "Kelompok ini disembunyikan agar kelompok yang lebih kecil tidak dapat dihitung dengan pengurangan. Tidak ada angka yang ditampilkan.",
	"asOf":                         "Angka mencakup %d dari %d responden: angka bergerak hanya setelah sedikitnya k respons baru dalam kelompok, agar tidak ada jawaban perorangan yang terbaca dari perubahan.",
	"change":                       "Perubahan dibanding survei sebelumnya", "significant": "signifikan", "notSignificant": "tidak signifikan", "notTested": "— (tidak diuji)", "reached": "tercapai", "notReached": "belum tercapai",
	"suppressedGroup": "Kelompok ini memiliki kurang dari k responden dalam angkanya. Tidak ada angka yang ditampilkan.",
	"methods":         "Catatan metode",
	"methodsText":     "Setiap pertanyaan skala 1–5 diubah ke 0–100 (1 = 0, 5 = 100). Indeks suatu nilai adalah rata-rata skor responden; Indeks BerAKHLAK adalah rata-rata ketujuh nilai. Kategori: A Sehat ≥ 75, B Cukup Sehat 50–75, C Tidak Sehat 25–50, D Sangat Tidak Sehat < 25. Entropi budaya adalah persentase pilihan \"budaya saat ini\" yang jatuh pada nilai yang menghambat; makin kecil makin sehat. Keselarasan = 10 × jumlah nilai yang sama di dua daftar 10 teratas. Rentang kepercayaan 95% (CI) menunjukkan seberapa pasti angka rata-rata: dengan sampel lain, angkanya kemungkinan besar berada di rentang ini (ditampilkan bila n ≥ 30). Alfa Cronbach (α) menunjukkan apakah butir-butir satu skala mengukur hal yang sama; di atas 0,7 dianggap baik. Perubahan dianggap signifikan bila lebih besar dari yang bisa terjadi karena kebetulan saja. Kelompok dengan kurang dari k responden tidak ditampilkan agar jawaban perorangan tidak dapat dikenali; angka bergerak hanya per sedikitnya k responden, dan persentase (kelas engagement, niat bertahan, alasan, rekomendasi) kelompok di bawah 2k responden ditahan.",
	"generated":       "Dibuat",
}

var en = map[string]string{
	"title": "BerAKHLAK Survey Report", "whole": "whole survey", "summary": "Summary",
	"implementation": "BerAKHLAK index (implementation)", "health": "Culture health index", "engagement": "Engagement index",
	"branding": "Employer branding index", "index": "Index", "value": "Value", "band": "Band", "n": "n",
	"target": "Target (attainment)", "stats": "Statistics", "respondents": "Respondents",
	"bandA": "Healthy", "bandB": "Fairly healthy", "bandC": "Unhealthy", "bandD": "Very unhealthy",
	"values": "The BerAKHLAK values", "valueChart": "Index per value", "targetLegend": " (black line = target)",
	"v.pelayanan": "Service orientation", "v.akuntabel": "Accountable", "v.kompeten": "Competent", "v.harmonis": "Harmonious",
	"v.loyal": "Loyal", "v.adaptif": "Adaptive", "v.kolaboratif": "Collaborative",
	"s.pelayanan": "Service", "s.akuntabel": "Accountable", "s.kompeten": "Competent", "s.harmonis": "Harmonious",
	"s.loyal": "Loyal", "s.adaptif": "Adaptive", "s.kolaboratif": "Collaborative",
	"culture": "Organisational culture", "personal": "Personal values", "current": "Current culture", "desired": "Desired culture",
	"match": "✓ = also in the neighbouring list (a match)", "entropy": "Cultural entropy", "balance": "Balance index",
	"entropy.healthy": "healthy", "entropy.minor": "minor issues", "entropy.significant": "significant issues", "entropy.serious": "serious issues", "entropy.critical": "critical",
	"jumps":           "Largest value jumps (desired − current, percentage points)",
	"withheld":        "— withheld (small group)",
	"engagementTitle": "ASN engagement", "engaged": "Engaged", "notEngaged": "Not engaged", "disengaged": "Disengaged",
	"recommend": "Workplace recommendation", "promoters": "promoters", "detractors": "detractors", "retention": "Intends to stay 3 years",
	"engChart": "Engagement constructs", "c.vigor": "Vigour", "c.dedication": "Dedication", "c.absorption": "Absorption",
	"brandingTitle": "Employer branding (non-ASN)", "attractiveness": "Attractiveness", "intention": "Intention to apply", "highIntention": "High intention to apply",
	"brandChart": "Attractiveness dimensions", "d.interest": "Interest", "d.social": "Social", "d.economic": "Economic", "d.development": "Development",
	"d.application": "Application", "d.safety": "Safety", "reasons": "Reasons", "share": "Share",
	"units": "Work units", "unit": "Unit", "rate": "Response rate", "suppressed": "hidden (fewer than k respondents)",
	"suppressedComplementary":      "hidden so that a smaller group cannot be worked out",
	"suppressedGroupComplementary": "This group is hidden so that a smaller group cannot be worked out by subtraction. No figures are shown.",
	"asOf":                         "The figures include %d of %d respondents: they move only after at least k new responses in the group, so that no one's answers can be read from a change.",
	"change":                       "Change against the previous survey", "significant": "significant", "notSignificant": "not significant", "notTested": "— (not tested)", "reached": "reached", "notReached": "not reached",
	"suppressedGroup": "This group has fewer than k respondents in its figures. No figures are shown.",
	"methods":         "Methods note",
	"methodsText":     "Each 1–5 question is put on a 0–100 scale (1 = 0, 5 = 100). A value's index is the mean of respondents' scores; the BerAKHLAK index is the mean of the seven values. Bands: A Healthy ≥ 75, B Fairly healthy 50–75, C Unhealthy 25–50, D Very unhealthy < 25. Cultural entropy is the share of \"current culture\" choices that fall on limiting values; lower is healthier. Alignment = 10 × the number of values two top-10 lists share. The 95% confidence interval (CI) shows how sure an average is: with another sample it would most likely fall in this range (shown when n ≥ 30). Cronbach's alpha (α) shows whether the questions of one scale measure the same thing; above 0.7 is good. A change is marked significant when it is larger than chance alone would likely produce. Groups with fewer than k respondents are not shown, so that no one's answers can be recognised; figures move only in steps of at least k respondents, and shares (engagement classes, retention, reasons, recommendation) of groups under 2k respondents are withheld.",
	"generated":       "Made",
}
