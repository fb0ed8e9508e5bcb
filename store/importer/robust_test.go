package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"koroena/scoring"
)

// A quote that opens a cell and is never closed refuses the file at that cell: read
// leniently, it swallowed the rest of the file into one cell, and the import stored a
// cooperative named after the whole line, without its NIK.
func TestCoops_UnterminatedQuoteRefused(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ content, where string }{
		{"nama,nik,jenis\n\"KSP Uji,3576010100000127,KSP\n", ":2:A: "},
		{"nama,nik,jenis\n\"KSP Uji,3576010100000127,KSP", ":2:A: "},
		{"nama,nik,jenis\nKSP A,3576010100000001,KSP\nKSP B,3576010100000002,\"KSP\n" +
			"KSP C,3576010100000003,KSP\n", ":3:C: "},
		{"nama;nik;jenis\nKSP A;3576010100000001;\"KSP \"\"A\"\"\n", ":2:C: "},
	} {
		path := filepath.Join(dir, "q.csv")
		writeFile(t, path, tc.content)
		s := mustOpen(t)
		_, err := Coops(s, path, Options{})
		if err == nil || !strings.Contains(err.Error(), path+tc.where+
			"this cell opens a quote") {
			t.Errorf("%q: err = %v, want one at %s naming the open quote", tc.content, err,
				tc.where)
		}
		if sums, _ := s.CooperativeSummaries(); len(sums) != 0 {
			t.Errorf("%q: %d cooperatives written", tc.content, len(sums))
		}
	}
}

// Quotes that close, even oddly, still import: a quoted cell over two lines, a doubled
// quote, a stray quote inside an unquoted cell and a quoted last cell at the end of the
// file without a line break.
func TestCoops_ClosedQuotesImport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ok.csv")
	writeFile(t, path, "nama,nik,alamat\n"+
		"\"KSP \"\"Maju\"\"\",3576010100000001,\"Jl. Mawar 3\nRT 2\"\n"+
		"KSP \"Baru\" Jaya,3576010100000002,Jl. Melati\n"+
		"KSP Tiga,3576010100000003,\"Jl. Anggrek\"")
	s := mustOpen(t)
	res, err := Coops(s, path, Options{})
	if err != nil || res.Created != 3 {
		t.Fatalf("created %d, %v %v; want 3", res.Created, err, messages(res.Errors))
	}
	for nik, want := range map[string]string{"3576010100000001": `KSP "Maju"`,
		"3576010100000002": `KSP "Baru" Jaya`, "3576010100000003": "KSP Tiga"} {
		if c, err := s.CooperativeByNIK(nik); err != nil || c.Name != want {
			t.Errorf("%s: name %q, %v; want %q", nik, c.Name, err, want)
		}
	}
}

// utf16File writes text as UTF-16 (little-endian, as Excel's "Unicode Text" writes it),
// with or without the byte-order mark.
func utf16File(t *testing.T, path, text string, bom bool) {
	t.Helper()
	var b []byte
	if bom {
		b = append(b, 0xff, 0xfe)
	}
	for _, u := range utf16.Encode([]rune(text)) {
		b = append(b, byte(u), byte(u>>8))
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// A UTF-16 file is named as such, with what to do, instead of "no header row" (CSV) or a
// JSON syntax error; a UTF-8 byte-order mark stays accepted.
func TestImports_UTF16NamedUTF8BOMAccepted(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t)
	for _, bom := range []bool{true, false} {
		csvPath := filepath.Join(dir, "reg.csv")
		utf16File(t, csvPath, "nama,nik\r\nKSP A,3576010100000001\r\n", bom)
		_, err := Coops(s, csvPath, Options{})
		if err == nil || !strings.Contains(err.Error(), "UTF-16LE text") ||
			!strings.Contains(err.Error(), "save it as UTF-8") {
			t.Errorf("CSV, BOM %v: err = %v, want UTF-16 named", bom, err)
		}
		jsonPath := filepath.Join(dir, "a.json")
		utf16File(t, jsonPath, `{"nik": "3576010100000001", "fiscal_year": 2021}`, bom)
		_, err = Assessments(s, scoring.Default(), jsonPath, Options{})
		if err == nil || !strings.Contains(err.Error(), "UTF-16LE text") ||
			!strings.Contains(err.Error(), "save it as UTF-8") {
			t.Errorf("JSON, BOM %v: err = %v, want UTF-16 named", bom, err)
		}
	}

	csvPath := filepath.Join(dir, "bom.csv")
	writeFile(t, csvPath, "\xef\xbb\xbfnama,nik\nKSP A,3576010100000001\n")
	if res, err := Coops(s, csvPath, Options{}); err != nil || res.Created != 1 {
		t.Errorf("UTF-8 BOM CSV: created %d, %v", res.Created, err)
	}
	jsonPath := filepath.Join(dir, "bom.json")
	writeFile(t, jsonPath, "\xef\xbb\xbf{\"nik\": \"3576010100000001\", \"fiscal_year\": "+
		"2021, \"status\": \"draft\", \"instrument\": \"ksp-2016\"}\n")
	res, err := Assessments(s, scoring.Default(), jsonPath, Options{DryRun: true})
	if err != nil || res.Created != 1 {
		t.Errorf("UTF-8 BOM JSON: created %d, %v %v", res.Created, err, messages(res.Errors))
	}
}

// An import reads at most maxInput bytes, and says so of a larger file, which without the
// bound a device like /dev/zero never ends.
func TestImports_InputCapped(t *testing.T) {
	defer func(old int64) { maxInput = old }(maxInput)
	maxInput = 1 << 20
	dir := t.TempDir()
	big := "nama,nik\n" + strings.Repeat("KSP A,\n", (1<<20)/7+1)
	s := mustOpen(t)
	for _, name := range []string{"big.csv", "big.json"} {
		path := filepath.Join(dir, name)
		writeFile(t, path, big)
		var err error
		if name == "big.csv" {
			_, err = Coops(s, path, Options{})
		} else {
			_, err = Assessments(s, scoring.Default(), path, Options{})
		}
		if err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") {
			t.Errorf("%s: err = %v, want it refused as larger than 1 MiB", name, err)
		}
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		_, err := Assessments(s, scoring.Default(), "/dev/zero", Options{DryRun: true})
		if err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") {
			t.Errorf("/dev/zero: err = %v, want it refused as larger than 1 MiB", err)
		}
	}
}

// Messages sort by row, then by column as spreadsheets order them (Z before AA), a
// message about a whole row first; two about one cell keep their order.
func TestSortMessages(t *testing.T) {
	ms := []Message{{Row: 3, Column: "AA", Text: "1"}, {Row: 2, Column: "B", Text: "2"},
		{Row: 3, Column: "Z", Text: "3"}, {Row: 3, Text: "4"}, {Row: 3, Column: "Z", Text: "5"},
		{Row: 1, Column: "C", Text: "6"}}
	sortMessages(ms)
	var got []string
	for _, m := range ms {
		got = append(got, m.Text)
	}
	if want := "6 2 4 3 5 1"; strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}
