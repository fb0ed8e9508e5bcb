package export

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"
	bolt "go.etcd.io/bbolt"

	"koroena/scoring"
	"koroena/store"
	"koroena/store/demo"
	"koroena/store/importer"
)

var fixedNow = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func mustOpen(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "koroena.db"),
		store.Options{Actor: "tester", Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// demoStore is a small demo city.
func demoStore(t testing.TB, lean bool) *store.Store {
	t.Helper()
	s := mustOpen(t)
	if _, err := demo.Write(s, demo.Options{Coops: 30, Lean: lean}); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestWrite_XLSXNumbersAreNumbers(t *testing.T) {
	s := demoStore(t, true)
	path := filepath.Join(t.TempDir(), "out.xlsx")
	if _, err := Write(s, FormatXLSX, path, Options{Registry: scoring.Default()}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{SheetCooperatives, SheetAssessments, SheetTreatments, SheetVisits,
		SheetCoaches}
	if diff := cmp.Diff(want, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}

	// The header is frozen and bold; year, total and every skor are numbers.
	panes, err := f.GetPanes(SheetAssessments)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v, %v; want the header row frozen", panes, err)
	}
	rows, _ := f.GetRows(SheetAssessments)
	header := rows[0]
	col := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in %q", name, header)
		return -1
	}
	checked := 0
	for _, name := range []string{"tahun_buku", "total", "skor.permodalan",
		"skor.permodalan.ms_ta"} {
		cell, _ := excelize.CoordinatesToCellName(col(name)+1, 2)
		typ, err := f.GetCellType(SheetAssessments, cell)
		if err != nil || typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s (%s) has type %v, want a number", name, cell, typ)
		}
		raw, _ := f.GetCellValue(SheetAssessments, cell, excelize.Options{RawCellValue: true})
		if _, err := strconv.ParseFloat(raw, 64); err != nil {
			t.Errorf("%s (%s) = %q, want a number", name, cell, raw)
		}
		checked++
	}
	if checked != 4 {
		t.Errorf("checked %d columns", checked)
	}

	// NIK and phone stay text.
	nikCell, _ := excelize.CoordinatesToCellName(3, 2)
	if typ, _ := f.GetCellType(SheetCooperatives, nikCell); typ != excelize.CellTypeSharedString &&
		typ != excelize.CellTypeInlineString {
		t.Errorf("NIK cell type %v, want text", typ)
	}
}

// An exported registry imports into a new file as the same cooperatives.
func TestWrite_RoundTripRegistry(t *testing.T) {
	src := demoStore(t, true)
	for _, format := range []string{FormatXLSX, FormatCSV} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out."+format)
			paths, err := Write(src, format, out, Options{})
			if err != nil {
				t.Fatal(err)
			}
			dst := mustOpen(t)
			file := paths[0]
			res, err := importer.Coops(dst, file, importer.Options{})
			if err != nil {
				t.Fatalf("import: %v %v", err, res.Errors)
			}
			if len(res.Warnings) != 0 || len(res.Skipped) != 0 {
				t.Errorf("warnings %v skipped %v", res.Warnings, res.Skipped)
			}
			want, _ := src.CooperativeSummaries()
			got, _ := dst.CooperativeSummaries()
			opts := []cmp.Option{
				cmpopts.IgnoreFields(store.Cooperative{}, "CoachID", "CreatedAt", "UpdatedAt"),
				cmpopts.IgnoreFields(store.CoopSummary{}, "Latest", "LastVisit", "HasDraft"),
				cmpopts.SortSlices(func(a, b store.CoopSummary) bool { return a.ID < b.ID }),
			}
			if diff := cmp.Diff(want, got, opts...); diff != "" {
				t.Errorf("cooperatives (-exported +imported):\n%s", diff)
			}
		})
	}
}

func TestWrite_CSVHasBOMAndJSONLines(t *testing.T) {
	s := demoStore(t, false)
	sums, _ := s.CooperativeSummaries()
	if _, err := s.AddTreatment(store.Treatment{CoopID: sums[0].ID, Title: "Susun SOP kredit",
		Type: "aksi", Owner: "board", Due: fixedNow.AddDate(0, 1, 0)}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "csv")
	paths, err := Write(s, FormatCSV, dir, Options{Separator: ';'})
	if err != nil || len(paths) != 5 {
		t.Fatalf("paths %v, %v", paths, err)
	}
	data, _ := os.ReadFile(paths[0])
	if !strings.HasPrefix(string(data), "\ufeffid;nama;nik;") {
		t.Errorf("CSV starts %q, want a BOM and ;-separated header", data[:min(len(data), 30)])
	}
	data, _ = os.ReadFile(filepath.Join(dir, "koroena-treatments.csv"))
	if !strings.Contains(string(data), ";Susun SOP kredit;aksi;board;2026-12-30;planned;true;") {
		t.Errorf("treatments CSV lacks the plan item:\n%s", data)
	}

	jl := filepath.Join(t.TempDir(), "out.jsonl")
	if _, err := Write(s, FormatJSON, jl, Options{}); err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(jl)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	kinds := map[string]int{}
	for _, l := range lines {
		var line struct{ Kind string }
		if err := json.Unmarshal([]byte(l), &line); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		kinds[line.Kind]++
	}
	if kinds[store.KindCooperative] == 0 || kinds[store.KindAssessment] == 0 ||
		kinds[store.KindCoach] == 0 || kinds[store.KindVisit] == 0 ||
		kinds[store.KindTreatment] == 0 {
		t.Errorf("kinds %v, want every kind", kinds)
	}
}

// Every export format is readable by its owner only: the files hold NIKs and phone
// numbers.
func TestWrite_FilesAreOwnerOnly(t *testing.T) {
	s := demoStore(t, true)
	for _, format := range []string{FormatXLSX, FormatCSV, FormatJSON} {
		out := filepath.Join(t.TempDir(), "export."+format)
		if _, err := Write(s, format, out, Options{}); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		_ = filepath.Walk(out, func(p string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() && fi.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s: %s has mode %v", format, p, fi.Mode().Perm())
			}
			return nil
		})
	}
}

// damagedExport writes one cooperative, changes its record in the coops bucket behind
// the store's back with damage(bucket, key, id), and exports the file: the error.
func damagedExport(t *testing.T, damage func(b *bolt.Bucket, key []byte, id string) error,
) error {
	t.Helper()
	path := filepath.Join(t.TempDir(), "koroena.db")
	s, err := store.Open(path, store.Options{Actor: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateCooperative(store.Cooperative{Name: "KSP Rusak", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := uuid.Parse(c.ID)
	err = db.Update(func(tx *bolt.Tx) error {
		return damage(tx.Bucket([]byte("coops")), key[:], c.ID)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = Write(s, FormatCSV, filepath.Join(t.TempDir(), "out"), Options{})
	return err
}

// A list row that names a cooperative the file does not hold is damage, reported as
// store.ErrDamaged (so the command names the backup to restore), not as "not found".
func TestWrite_ListRowWithoutRecordIsDamage(t *testing.T) {
	err := damagedExport(t, func(b *bolt.Bucket, key []byte, _ string) error {
		return b.Delete(key)
	})
	if !errors.Is(err, store.ErrDamaged) {
		t.Errorf("err = %v, want ErrDamaged", err)
	}
}

// A cooperative record whose id was damaged (a byte flipped inside its value) leads the
// export to an id the file does not know: that is damage too, not "not found".
func TestWrite_DamagedIDInsideARecordIsDamage(t *testing.T) {
	err := damagedExport(t, func(b *bolt.Bucket, key []byte, id string) error {
		return b.Put(key, []byte(strings.Replace(string(b.Get(key)), id[:8], id[:7]+"\xf6",
			1)))
	})
	if !errors.Is(err, store.ErrDamaged) {
		t.Errorf("err = %v, want ErrDamaged", err)
	}
}

// The created, changed and finalized times are date-time cells in a workbook, in UTC as
// the CSV's ISO text is, and that text is unchanged.
func TestWrite_TimesAreDateTimeCells(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Date(2026, 11, 30, 16, 15, 42, 0, wib)
	s, err := store.Open(filepath.Join(t.TempDir(), "koroena.db"), store.Options{
		Actor: "tester", Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := demo.Write(s, demo.Options{Coops: 5}); err != nil {
		t.Fatal(err)
	}
	sums, _ := s.CooperativeSummaries()
	if _, err := s.AddTreatment(store.Treatment{CoopID: sums[0].ID, Title: "Susun SOP kredit",
		Type: "aksi", Owner: "board"}); err != nil {
		t.Fatal(err)
	}
	coop, _ := s.Cooperative(sums[0].ID)
	plan, _ := s.TreatmentsOf(coop.ID)
	var final store.Assessment
	for _, sum := range sums {
		as, _ := s.AssessmentsOf(sum.ID)
		for _, a := range as {
			if !a.FinalizedAt.IsZero() {
				final = a
			}
		}
	}
	if coop.CreatedAt.IsZero() || coop.UpdatedAt.IsZero() || len(plan) == 0 ||
		final.ID == "" {
		t.Fatal("the demo city lacks a stamped cooperative, plan item or final assessment")
	}
	checks := []struct {
		sheet, id, col string
		want           time.Time
	}{
		{SheetCooperatives, coop.ID, "dibuat", coop.CreatedAt},
		{SheetCooperatives, coop.ID, "diubah", coop.UpdatedAt},
		{SheetAssessments, final.ID, "difinalkan", final.FinalizedAt},
		{SheetTreatments, plan[0].ID, "dibuat", plan[0].CreatedAt},
		{SheetTreatments, plan[0].ID, "diubah", plan[0].UpdatedAt},
	}

	path := filepath.Join(t.TempDir(), "out.xlsx")
	if _, err := Write(s, FormatXLSX, path, Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, c := range checks {
		cell := cellOf(t, f, c.sheet, c.id, c.col)
		name := c.sheet + "." + c.col + " (" + cell + ")"
		if typ, _ := f.GetCellType(c.sheet, cell); typ != excelize.CellTypeNumber &&
			typ != excelize.CellTypeUnset {
			t.Errorf("%s has type %v, want a number", name, typ)
		}
		raw, _ := f.GetCellValue(c.sheet, cell, excelize.Options{RawCellValue: true})
		serial, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			t.Errorf("%s = %q, want a date-time serial number", name, raw)
			continue
		}
		got, err := excelize.ExcelDateToTime(serial, false)
		if d := got.Sub(c.want.UTC()); err != nil || d < -time.Second || d > time.Second {
			t.Errorf("%s reads back as %v, %v; want %v", name, got, err, c.want.UTC())
		}
		style, _ := f.GetCellStyle(c.sheet, cell)
		st, err := f.GetStyle(style)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "yyyy-mm-dd hh:mm:ss" {
			t.Errorf("%s has style %+v, %v; want the number format yyyy-mm-dd hh:mm:ss",
				name, st, err)
		}
		shown, _ := f.GetCellValue(c.sheet, cell)
		if want := c.want.UTC().Format("2006-01-02 15:04:05"); shown != want {
			t.Errorf("%s shows %q, want %q", name, shown, want)
		}
	}

	// CSV keeps the ISO text.
	dir := filepath.Join(t.TempDir(), "csv")
	if _, err := Write(s, FormatCSV, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "koroena-"+SheetCooperatives+".csv"))
	if want := "," + coop.CreatedAt.UTC().Format(time.RFC3339) + ","; !strings.Contains(
		string(data), want) || !strings.Contains(string(data), "2026-11-30T09:15:42Z") {
		t.Errorf("cooperatives CSV lacks %q as text:\n%s", want, data)
	}
}

// cellOf is the cell of column col in the row of sheet whose id is id.
func cellOf(t *testing.T, f *excelize.File, sheet, id, col string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	c := slices.Index(rows[0], col)
	for r, row := range rows {
		if r > 0 && len(row) > 0 && row[0] == id && c >= 0 {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			return cell
		}
	}
	t.Fatalf("sheet %s has no column %q or no row %s", sheet, col, id)
	return ""
}
