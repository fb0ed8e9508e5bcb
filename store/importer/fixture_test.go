package importer

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// update rewrites the generated XLSX fixtures in testdata/import.
var update = flag.Bool("update", false, "rewrite the generated XLSX fixtures")

// The city's blocks of the 200-row registry: kecamatan and their kelurahan.
var registryBlocks = []struct {
	kecamatan string
	kelurahan []string
}{
	{"Prajurit Kulon", []string{"Blooto", "Kauman", "Mentikan", "Prajurit Kulon", "Pulorejo",
		"Surodinawan"}},
	{"Magersari", []string{"Balongsari", "Gedongan", "Gunung Gedangan", "Kedundung",
		"Magersari", "Wates"}},
	{"Kranggan", []string{"Jagalan", "Kranggan", "Meri", "Miji", "Purwotengah", "Sentanan"}},
}

// The three rows the broken registry spoils, by running number, and how.
const (
	brokenNIKRow  = 17  // NIK typed as a number
	brokenDateRow = 88  // 31 February
	brokenTypeRow = 150 // a type no one knows
)

// writeRegistry writes a registry as offices keep them: two title rows (the first
// merged across), a header with abbreviations, a block per kecamatan with its name
// merged down the block, blank rows between blocks, dates as Excel dates and as text,
// member counts as numbers, a total row with a formula, and a second sheet of totals.
// broken spoils three rows.
func writeRegistry(path string, broken bool) error {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Data Koperasi"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	set := func(cell string, v any) { _ = f.SetCellValue(sh, cell, v) }
	set("A1", "DATA KOPERASI AKTIF KOTA MOJOKERTO")
	_ = f.MergeCell(sh, "A1", "P1")
	set("A2", "TAHUN 2021")
	header := []string{"No", "Nama Koperasi", "NIK", "No. BH", "Tgl. BH", "Jenis Koperasi",
		"Alamat", "Desa/Kel", "Kec.", "No. HP", "Nama Ketua", "Pengelola", "Jml Anggota",
		"Status", "Keterangan", "Sektor"}
	_ = f.SetSheetRow(sh, "A4", &header)
	text, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	_ = f.SetColStyle(sh, "C", text)
	_ = f.SetColStyle(sh, "J", text)

	kinds := []string{"KSP", "KPRI", "KSU", "Kopwan", "Karyawan", "Pasar", "Konsumen",
		"KSPPS", "Produsen", "Jasa"}
	statuses := []string{"Aktif", "AKTIF", "Aktif", "Tdk Aktif", "Aktif", "Pasif"}
	row, n := 5, 0
	for b, block := range registryBlocks {
		first := row
		for i := range 67 - b/2 {
			n++
			r := fmt.Sprint(row)
			k := block.kelurahan[i%len(block.kelurahan)]
			set("A"+r, n)
			set("B"+r, fmt.Sprintf("%s %s %d", kinds[n%len(kinds)], k, n))
			if n%4 != 0 { // many rows have no NIK yet
				_ = f.SetCellStr(sh, "C"+r, fmt.Sprintf("3576%02d%010d", b+1, n))
			}
			set("D"+r, fmt.Sprintf("518/%d/BH/XVI.22/%d", 100+n, 1990+n%30))
			legal := time.Date(1990+n%30, time.Month(1+n%12), 1+n%28, 0, 0, 0, 0, time.UTC)
			if n%3 == 0 {
				set("E"+r, fmt.Sprintf("%d %s %d", legal.Day(), monthsID[legal.Month()-1],
					legal.Year()))
			} else {
				set("E"+r, legal)
				_ = f.SetCellStyle(sh, "E"+r, "E"+r, date)
			}
			set("F"+r, kinds[n%len(kinds)])
			set("G"+r, fmt.Sprintf("Jl. Merdeka %d", n))
			set("H"+r, k)
			_ = f.SetCellStr(sh, "J"+r, fmt.Sprintf("08%010d", 1234500000+n))
			set("K"+r, fmt.Sprintf("Ketua %d", n))
			set("L"+r, fmt.Sprintf("Pengelola %d", n))
			set("M"+r, 20+n*7)
			set("N"+r, statuses[n%len(statuses)])
			set("P"+r, "Simpan pinjam")
			if broken {
				switch n {
				case brokenNIKRow:
					_ = f.SetCellStyle(sh, "C"+r, "C"+r, 0)
					set("C"+r, 3576011000000017)
				case brokenDateRow:
					set("E"+r, "31/02/2019")
				case brokenTypeRow:
					set("F"+r, "Simpan Pinjem")
				}
			}
			row++
		}
		// The kecamatan is written once, merged down its block.
		set(fmt.Sprintf("I%d", first), block.kecamatan)
		_ = f.MergeCell(sh, fmt.Sprintf("I%d", first), fmt.Sprintf("I%d", row-1))
		row++ // a blank row between blocks
	}
	set(fmt.Sprintf("B%d", row), "JUMLAH")
	_ = f.SetCellFormula(sh, fmt.Sprintf("M%d", row), fmt.Sprintf("SUM(M5:M%d)", row-2))

	if _, err := f.NewSheet("Rekap"); err != nil {
		return err
	}
	_ = f.SetCellValue("Rekap", "A1", "Rekap per kecamatan")
	_ = f.SetCellValue("Rekap", "A2", "Kecamatan")
	_ = f.SetCellValue("Rekap", "B2", "Jumlah")
	return f.SaveAs(path)
}

var monthsID = []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// The registry fixtures: 200 cooperatives, as an office keeps them; the broken one has
// three bad rows. Run with -update to write them again.
func TestRegistry200(t *testing.T) {
	broken, fixed := fixture("registry-200-broken.xlsx"), fixture("registry-200.xlsx")
	if *update {
		if err := writeRegistry(broken, true); err != nil {
			t.Fatal(err)
		}
		if err := writeRegistry(fixed, false); err != nil {
			t.Fatal(err)
		}
	}

	s := mustOpen(t)
	res, err := Coops(s, broken, Options{})
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("broken registry: %v, want ErrRefused", err)
	}
	// Rows in the sheet: 4 rows above the data, a blank row after each block of 67/67/66.
	want := []string{
		broken + `:21:C: nik: "3576011000000017" is stored as a number, so its last digits ` +
			`cannot be trusted (a spreadsheet keeps 15); format the column as text and type ` +
			`the NIK again`,
		broken + `:93:E: tgl_badan_hukum: "31/02/2019" is not a real date (day 31, month 2, ` +
			`year 2019)`,
		broken + `:156:F: jenis: "Simpan Pinjem" is not a known type (KSP, KSU, KPRI, KSPPS, ` +
			`Karyawan, Wanita, Pasar, Konsumen, Produsen, Jasa, Pemasaran)`,
	}
	if diff := cmp.Diff(want, messages(res.Errors)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if sums, _ := s.CooperativeSummaries(); len(sums) != 0 {
		t.Fatalf("%d cooperatives written from a refused file", len(sums))
	}

	res, err = Coops(s, fixed, Options{})
	if err != nil {
		t.Fatalf("fixed registry: %v\n%s", err, strings.Join(messages(res.Errors), "\n"))
	}
	if res.Created != 200 || res.Sheet != "Data Koperasi" || res.HeaderRow != 4 {
		t.Errorf("created %d from sheet %q header row %d; want 200, Data Koperasi, 4",
			res.Created, res.Sheet, res.HeaderRow)
	}
	if got := messages(res.Skipped); len(got) != 1 || !strings.Contains(got[0], "total row") {
		t.Errorf("skipped %q, want the total row", got)
	}
	if diff := cmp.Diff([]string{"P (Sektor)"}, res.Ignored); diff != "" {
		t.Errorf("ignored columns (-want +got):\n%s", diff)
	}

	// The merged kecamatan reached every row of its block; Excel dates and text dates
	// both read; phones keep their leading zero.
	sums, _ := s.CooperativeSummaries()
	byKec := map[string]int{}
	for _, c := range sums {
		byKec[c.Kecamatan]++
		if !strings.HasPrefix(c.Phone, "08") || c.LegalDate.IsZero() {
			t.Errorf("%s: phone %q legal date %v", c.Name, c.Phone, c.LegalDate)
		}
	}
	if diff := cmp.Diff(map[string]int{"Prajurit Kulon": 67, "Magersari": 67,
		"Kranggan": 66}, byKec); diff != "" {
		t.Errorf("cooperatives by kecamatan (-want +got):\n%s", diff)
	}
}
