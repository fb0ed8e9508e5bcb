package importer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"koroena/scoring"
	"koroena/store"
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

// A cell longer than its field allows is refused at its column with its length and the
// limit, never quoted whole (a 2 MB name printed the whole 2 MB); a value a message quotes
// is cut to maxQuoted characters.
func TestCoops_LongCellsRefusedAndClipped(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "huge.csv")
	writeFile(t, path, "nama,nik,jenis,keterangan\n"+
		"KSP "+strings.Repeat("A", 2<<20)+",3576010100000001,KSP,\n"+
		"KSP B,3576010100000002,"+strings.Repeat("Perikanan ", 100)+","+
		strings.Repeat("catatan ", 600)+"\n")
	s := mustOpen(t)
	res, err := Coops(s, path, Options{})
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("err = %v, want ErrRefused", err)
	}
	want := []string{
		path + ":2:A: nama: 2097156 characters long, more than the 200 allowed",
		path + `:3:C: jenis: "` + strings.Repeat("Perikanan ", 5) + `Perikanan…" is not a ` +
			`known type (KSP, KSU, KPRI, KSPPS, Karyawan, Wanita, Pasar, Konsumen, Produsen, ` +
			`Jasa, Pemasaran)`,
		path + ":3:D: keterangan: 4799 characters long, more than the 4000 allowed",
	}
	if diff := cmp.Diff(want, messages(res.Errors)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

// Every text field at the importer's limit is accepted by the store, and a store error
// about a long value (here a control character in the notes) quotes it cut.
func TestCoops_AtLimitsStoredStoreErrorsClipped(t *testing.T) {
	long := func(f field) string { return strings.Repeat("x", maxLength[f]) }
	header := "nama,nik,no_badan_hukum,alamat,kelurahan,kecamatan,telepon,ketua,manajer," +
		"pendamping,keterangan\n"
	line := strings.Join([]string{long(fName), "3576010100000001", long(fLegalNumber),
		long(fAddress), long(fKelurahan), long(fKecamatan), long(fPhone), long(fChair),
		long(fManager), long(fCoach), long(fNotes)}, ",")
	path := filepath.Join(t.TempDir(), "limits.csv")
	writeFile(t, path, header+line+"\n")
	s := mustOpen(t)
	if res, err := Coops(s, path, Options{}); err != nil || res.Created != 1 {
		t.Fatalf("created %d, %v %v; want every field at its limit stored", res.Created, err,
			messages(res.Errors))
	}

	notes := strings.Repeat("n", 3000) + "\x1b[2J"
	writeFile(t, path, "nama,nik,keterangan\n"+long(fName)+",3576010100000002,"+notes+"\n")
	res, err := Coops(s, path, Options{})
	if !errors.Is(err, ErrRefused) || len(res.Errors) != 1 {
		t.Fatalf("err = %v %v, want one error", err, messages(res.Errors))
	}
	got := res.Errors[0].String()
	if !strings.Contains(got, "control character") || len(got) > 400 ||
		!strings.Contains(got, strings.Repeat("n", 20)+"…") {
		t.Errorf("error %d bytes, want the control character named and values cut:\n%s",
			len(got), clip(got, 400))
	}
}

// The store refuses an over-long text field with its name, length and limit, whatever
// calls it.
func TestStoreRefusesLongFields(t *testing.T) {
	s := mustOpen(t)
	for _, c := range []store.Cooperative{
		{Name: strings.Repeat("A", 201)},
		{Name: "KSP A", Notes: strings.Repeat("é", 4001)},
		{Name: "KSP A", Phone: strings.Repeat("0", 51)},
	} {
		_, err := s.CreateCooperative(c)
		if !errors.Is(err, store.ErrInvalid) || !strings.Contains(err.Error(),
			"characters long, more than the") {
			t.Errorf("err = %v, want ErrInvalid naming the length", clip(fmt.Sprint(err), 300))
		}
	}
	if _, err := s.CreateCooperative(store.Cooperative{Name: strings.Repeat("A", 200),
		Notes: strings.Repeat("é", 4000)}); err != nil {
		t.Errorf("at the limits: %v", err)
	}
}
