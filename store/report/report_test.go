package report

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"koroena/scoring"
	"koroena/store"
	"koroena/store/demo"
	"koroena/store/importer"
)

var fixedNow = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func demoStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "koroena.db"),
		store.Options{Actor: "tester", Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := demo.Write(s, demo.Options{Coops: 20}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(store.SettingOfficeName,
		"Dinas Koperasi dan Usaha Mikro Kota Mojokerto"); err != nil {
		t.Fatal(err)
	}
	return s
}

// assessedCoop is a cooperative of s with at least two final assessments and a visit.
func assessedCoop(t testing.TB, s *store.Store) store.CoopSummary {
	t.Helper()
	sums, _ := s.CooperativeSummaries()
	for _, c := range sums {
		heads, _ := s.AssessmentHeadsOf(c.ID)
		visits, _ := s.VisitsOf(c.ID)
		finals := 0
		for _, h := range heads {
			if h.Status == store.StatusFinal {
				finals++
			}
		}
		if finals >= 2 && len(visits) > 0 {
			return c
		}
	}
	t.Fatal("no cooperative with two final assessments and a visit")
	return store.CoopSummary{}
}

var pageCount = regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`)

// checkPDF checks that data is a whole PDF and returns its /Count of pages.
func checkPDF(t *testing.T, data []byte) int {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-1.")) {
		t.Fatalf("starts %q, want %%PDF-1.", data[:min(len(data), 8)])
	}
	if !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
		t.Fatal("no EOF marker at the end")
	}
	if !bytes.Contains(data, []byte("startxref")) || !bytes.Contains(data, []byte("/Root")) {
		t.Fatal("no cross-reference table or catalog")
	}
	m := pageCount.FindSubmatch(data)
	if m == nil {
		t.Fatal("no page tree")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func TestRender_PDF(t *testing.T) {
	s := demoStore(t)
	c := assessedCoop(t, s)
	for _, lang := range []string{"id", "en"} {
		t.Run(lang, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "r.pdf")
			pages, err := Render(s, c.ID, path, Options{Lang: lang,
				Now: func() time.Time { return fixedNow }})
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := checkPDF(t, data); got != pages || pages < 2 {
				t.Errorf("page tree counts %d, Render said %d; want the same, at least 2",
					got, pages)
			}
		})
	}
}

// A long visit log flows onto more pages.
func TestRender_PDFGrowsWithTheVisitLog(t *testing.T) {
	s := demoStore(t)
	c := assessedCoop(t, s)
	path := filepath.Join(t.TempDir(), "r.pdf")
	before, err := Render(s, c.ID, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 120 {
		_, err := s.AddVisit(store.Visit{CoopID: c.ID, Date: fixedNow.AddDate(0, 0, -i),
			Purpose: "Pendampingan rutin", Notes: strings.Repeat("Catatan panjang. ", 8)})
		if err != nil {
			t.Fatal(err)
		}
	}
	after, err := Render(s, c.ID, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if got := checkPDF(t, data); got != after || after < before+3 {
		t.Errorf("pages %d before, %d after (tree %d); want at least 3 more", before, after, got)
	}
}

func TestRender_Markdown(t *testing.T) {
	s := demoStore(t)
	c := assessedCoop(t, s)
	if _, err := s.AddTreatment(store.Treatment{CoopID: c.ID, Title: "Susun SOP kredit",
		Type: "aksi", Owner: "board", Due: fixedNow.AddDate(0, -1, 0)}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.md")
	if _, err := Render(s, c.ID, path, Options{Format: FormatMarkdown,
		Now: func() time.Time { return fixedNow }}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	md := string(data)
	for _, want := range []string{"# Rekam Medis Koperasi: " + c.Name,
		"Dinas Koperasi dan Usaha Mikro Kota Mojokerto · Dibuat 30 November 2026",
		"## Profil", "## Skor dari tahun ke tahun", "## Diagnosis terakhir",
		"| Aspek | Komponen | Rasio | Nilai | Bobot | Skor |", "## Rencana pengobatan",
		"| Susun SOP kredit | Pengurus | 30 Oktober 2026 | Direncanakan (lewat tenggat) |",
		"## Catatan kunjungan", "### Temuan (penyakit)",
		"### Catatan tentang instrumen ksp-2016@1", "anggap sementara.",
		"Total " + strings.ReplaceAll(c.Latest.Total, ".", ",")} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	// The demo scores every year with ksp-2016: the years compare, and no note says
	// otherwise.
	if !strings.Contains(md, "Dibanding tahun buku ") || !strings.Contains(md, "  ksp-2016  ") {
		t.Errorf("no comparison with the year before, or no instrument in the chart:\n%s", md)
	}
	if strings.Contains(md, "Rubrik berbeda") || strings.Contains(md, "rubrik yang berbeda") {
		t.Errorf("one instrument throughout, yet a note on different rubrics:\n%s", md)
	}
}

func TestFind(t *testing.T) {
	s := demoStore(t)
	sums, _ := s.CooperativeSummaries()
	c := sums[3]
	for _, q := range []string{c.ID, c.NIK, c.Name, strings.ToUpper(c.Name)} {
		got, err := Find(s, q)
		if err != nil || got.ID != c.ID {
			t.Errorf("Find(%q) = %s, %v; want %s", q, got.ID, err, c.ID)
		}
	}
	if _, err := Find(s, "Koperasi Yang Tidak Ada"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown: %v, want ErrNotFound", err)
	}
	if _, err := Find(s, "a"); !errors.Is(err, ErrAmbiguous) {
		t.Errorf("\"a\": %v, want ErrAmbiguous", err)
	}
}

// importKSP2021 writes a file importing a complete ksp-2021 final (a scoring vector's
// input) for the cooperative with nik and fiscal year fy, and imports it into s.
func importKSP2021(t *testing.T, s *store.Store, nik string, fy int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "scoring", "testdata", "vectors",
		"ksp-2021", "synthetic-ksp-full.json"))
	if err != nil {
		t.Fatal(err)
	}
	var vec struct {
		Input map[string]any `json:"input"`
	}
	if err := json.Unmarshal(data, &vec); err != nil {
		t.Fatal(err)
	}
	vec.Input["nik"], vec.Input["fiscal_year"] = nik, fy
	doc, err := json.Marshal(vec.Input)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "a.json")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := importer.Assessments(s, scoring.Default(), path, importer.Options{})
	if err != nil || res.Created != 1 {
		t.Fatalf("import: %v, %+v", err, res)
	}
}

// latestFinal is the newest final assessment of coopID.
func latestFinal(t *testing.T, s *store.Store, coopID string) store.Assessment {
	t.Helper()
	as, err := s.AssessmentsOf(coopID)
	if err != nil {
		t.Fatal(err)
	}
	var out store.Assessment
	for _, a := range as {
		if a.Status == store.StatusFinal && a.FiscalYear > out.FiscalYear {
			out = a
		}
	}
	if out.Result == nil {
		t.Fatalf("%s has no scored final assessment", coopID)
	}
	return out
}

// pdfStrings is the text a PDF's page streams show, one string per text operator, with
// fpdf's escapes undone; compressed streams are inflated.
func pdfStrings(t *testing.T, data []byte) string {
	t.Helper()
	streams := regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`).FindAllSubmatch(data, -1)
	show := regexp.MustCompile(`\(((?:\\.|[^\\)])*)\)\s*Tj`)
	unescape := strings.NewReplacer(`\\`, `\`, `\(`, `(`, `\)`, `)`, `\r`, "\r")
	var parts []string
	for _, m := range streams {
		body := m[1]
		if zr, err := zlib.NewReader(bytes.NewReader(body)); err == nil {
			if inflated, err := io.ReadAll(zr); err == nil {
				body = inflated
			}
		}
		for _, s := range show.FindAllSubmatch(body, -1) {
			parts = append(parts, unescape.Replace(string(s[1])))
		}
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// render writes the record of coopID in format and lang and returns the Markdown, or
// the PDF's shown text.
func render(t *testing.T, s *store.Store, coopID, format, lang string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r."+format)
	if _, err := Render(s, coopID, path, Options{Format: format, Lang: lang,
		Now: func() time.Time { return fixedNow }}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if format == FormatPDF {
		checkPDF(t, data)
		return pdfStrings(t, data)
	}
	return string(data)
}

// Issue 7: a ksp-2021 total is never subtracted from a ksp-2016 one; the report says the
// rubrics differ, names each year's instrument and keeps the two apart in the chart.
// Totals of one instrument still compare.
func TestRender_DifferentRubricsDoNotCompare(t *testing.T) {
	s := demoStore(t)
	c := assessedCoop(t, s)
	old := latestFinal(t, s, c.ID)
	if old.Instrument != "ksp-2016" {
		t.Fatalf("demo's latest final is %s, want ksp-2016", old.Instrument)
	}
	fy := old.FiscalYear + 1
	importKSP2021(t, s, c.NIK, fy)
	now := latestFinal(t, s, c.ID)
	if now.Instrument != "ksp-2021" || now.FiscalYear != fy {
		t.Fatalf("latest is %s %d, want ksp-2021 %d", now.Instrument, now.FiscalYear, fy)
	}
	num := func(s, lang string) string {
		if lang == "id" {
			return strings.ReplaceAll(s, ".", ",")
		}
		return s
	}
	y := strconv.Itoa(old.FiscalYear)
	for _, tc := range []struct {
		lang                          string
		other, differs, note, compare string
	}{
		{"id", "Tahun buku " + y + " dinilai dengan ksp-2016 (",
			"rubrik yang berbeda dari ksp-2021: skornya tidak sebanding",
			"Rubrik berbeda (ksp-2016, ksp-2021): skornya tidak sebanding.",
			"Dibanding tahun buku"},
		{"en", "Fiscal year " + y + " was scored with ksp-2016 (",
			"a different rubric from ksp-2021: the scores do not compare",
			"Different rubrics (ksp-2016, ksp-2021): their scores do not compare.",
			"Compared with fiscal year"},
	} {
		for _, format := range []string{FormatMarkdown, FormatPDF} {
			t.Run(tc.lang+"/"+format, func(t *testing.T) {
				got := render(t, s, c.ID, format, tc.lang)
				oldTotal := num(fixed2(t, old.Result.Total), tc.lang)
				for _, want := range []string{tc.other + oldTotal, tc.differs, tc.note} {
					if !strings.Contains(got, want) {
						t.Errorf("lacks %q:\n%s", want, got)
					}
				}
				if strings.Contains(got, tc.compare) {
					t.Errorf("compares with another rubric (%q):\n%s", tc.compare, got)
				}
				if format == FormatMarkdown {
					// Each year names its instrument; a blank line parts the two.
					for _, want := range []string{y + "  ksp-2016  ",
						strconv.Itoa(fy) + "  ksp-2021  "} {
						if !strings.Contains(got, want) {
							t.Errorf("chart lacks %q:\n%s", want, got)
						}
					}
					if !regexp.MustCompile(y + `  ksp-2016 [^\n]*\n\n` + strconv.Itoa(fy) +
						`  ksp-2021`).MatchString(got) {
						t.Errorf("the two rubrics are not separate series:\n%s", got)
					}
				} else if n := strings.Count(got, "ksp-2016"); n < 3 {
					// Under each ksp-2016 bar, in the note and in the comparison.
					t.Errorf("PDF names ksp-2016 %d times, want each bar, note and "+
						"comparison:\n%s", n, got)
				}
			})
		}
	}

	// A later ksp-2021 year compares with this one, and the earlier rubric is not said
	// again in the comparison.
	importKSP2021(t, s, c.NIK, fy+1)
	for _, format := range []string{FormatMarkdown, FormatPDF} {
		got := render(t, s, c.ID, format, "id")
		want := "Dibanding tahun buku " + strconv.Itoa(fy) + " (ksp-2021: " +
			num(fixed2(t, now.Result.Total), "id") + ", Sehat): tetap"
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %q:\n%s", format, want, got)
		}
		if strings.Contains(got, "dinilai dengan ksp-2016") {
			t.Errorf("%s speaks of another rubric though the year before is ksp-2021", format)
		}
	}
}

// fixed2 writes a stored total with two decimals, as the report does.
func fixed2(t *testing.T, total string) string {
	t.Helper()
	p, err := scoring.ParsePoints(total)
	if err != nil {
		t.Fatal(err)
	}
	return p.Fixed2()
}

// earlier skips a year of another instrument to find the one to compare with, and names
// the skipped year only when it is the latest before.
func TestEarlier(t *testing.T) {
	years := []yearScore{{year: 2022, instrument: "ksp-2021"},
		{year: 2023, instrument: "ksp-2016"}, {year: 2024, instrument: "ksp-2021"}}
	prev, other := earlier(years, store.Assessment{FiscalYear: 2024, Instrument: "ksp-2021"})
	if prev == nil || prev.year != 2022 || other == nil || other.year != 2023 {
		t.Errorf("2024: previous %v, other %v; want 2022 and 2023", prev, other)
	}
	prev, other = earlier(years, store.Assessment{FiscalYear: 2023, Instrument: "ksp-2016"})
	if prev != nil || other == nil || other.year != 2022 {
		t.Errorf("2023: previous %v, other %v; want none and 2022", prev, other)
	}
	prev, other = earlier(years, store.Assessment{FiscalYear: 2025, Instrument: "ksp-2021"})
	if prev == nil || prev.year != 2024 || other != nil {
		t.Errorf("2025: previous %v, other %v; want 2024 and none", prev, other)
	}
}
