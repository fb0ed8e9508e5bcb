package report

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"koroena/store"
	"koroena/store/demo"
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
		"## Catatan kunjungan", "### Temuan (penyakit)", "Total " + strings.ReplaceAll(c.Latest.Total, ".", ",")} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
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
