package importer

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"koroena/scoring"
	"koroena/store"
)

var fixedNow = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

// fixture is the path of a file in the repository's testdata/import.
func fixture(name string) string {
	return filepath.Join("..", "..", "testdata", "import", name)
}

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

func messages(ms []Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.String()
	}
	return out
}

func TestCoops_GoodCSV(t *testing.T) {
	s := mustOpen(t)
	res, err := Coops(s, fixture("coops-good.csv"), Options{})
	if err != nil {
		t.Fatalf("Coops: %v\n%s", err, strings.Join(messages(res.Errors), "\n"))
	}
	if res.Created != 5 || res.HeaderRow != 4 || res.Rows != 5 {
		t.Errorf("created %d rows %d header row %d, want 5, 5, 4", res.Created, res.Rows,
			res.HeaderRow)
	}
	if got := messages(res.Skipped); len(got) != 1 || !strings.Contains(got[0], ":11: ") {
		t.Errorf("skipped %q, want the total row 11", got)
	}

	c, err := s.CooperativeByNIK("3576010100000001")
	if err != nil {
		t.Fatal(err)
	}
	want := store.Cooperative{ID: c.ID, Name: "KSP Sumber Rejeki", NIK: "3576010100000001",
		LegalNumber: "518/123/BH/XVI.22/2009", LegalDate: date(2009, 3, 4),
		LegalType: "simpan_pinjam", BusinessType: "ksp", Address: "Jl. Mawar 3",
		Kelurahan: "Kauman", Kecamatan: "Prajurit Kulon", Phone: "081234567890",
		Chair: "Siti Aminah", Manager: "Budi Santoso", Members: 1234, Active: true,
		CreatedAt: fixedNow, UpdatedAt: fixedNow}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("cooperative (-want +got):\n%s", diff)
	}

	// Each date form and status form.
	checks := []struct {
		nik    string
		date   time.Time
		active bool
	}{
		{"3576010100000002", date(1996, 3, 4), true},
		{"3576010100000004", date(2001, 3, 4), false},
		{"3576010100000005", date(2018, 3, 4), true},
	}
	for _, tc := range checks {
		c, err := s.CooperativeByNIK(tc.nik)
		if err != nil {
			t.Fatal(err)
		}
		if !c.LegalDate.Equal(tc.date) || c.Active != tc.active {
			t.Errorf("%s: date %v active %v, want %v %v", tc.nik, c.LegalDate, c.Active,
				tc.date, tc.active)
		}
	}
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestCoops_BadCSV(t *testing.T) {
	s := mustOpen(t)
	file := fixture("coops-bad.csv")
	res, err := Coops(s, file, Options{})
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("err = %v, want ErrRefused", err)
	}
	want := []string{
		file + `:3:B: nik: "35760101000000" is not 16 digits`,
		file + `:4:C: tgl_badan_hukum: "31/02/2021" is not a real date ` +
			`(day 31, month 2, year 2021)`,
		file + `:5:D: jenis: "Perikanan" is not a known type (KSP, KSU, KPRI, KSPPS, ` +
			`Karyawan, Wanita, Pasar, Konsumen, Produsen, Jasa, Pemasaran)`,
		file + `:6:A: nama: the cooperative's name is empty`,
		file + `:7:B: nik: 3576010100000011 is also on row 2`,
		file + `:7:E: anggota: "1.5" is not a whole number (write 1234 or 1.234)`,
		file + `:7:F: aktif: "entah" is not a status (Aktif, Tidak Aktif, Pasif or Bubar)`,
		file + `:8:B: nik: "3.57601E+15" is stored as a number, so its last digits cannot be ` +
			`trusted (a spreadsheet keeps 15); format the column as text and type the NIK again`,
		file + `:8:C: tgl_badan_hukum: "4 Maretz 2021": no month is called "Maretz"`,
	}
	// In file order: by row, then by column.
	if diff := cmp.Diff(want, messages(res.Errors)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	sums, _ := s.CooperativeSummaries()
	if len(sums) != 0 {
		t.Errorf("%d cooperatives written, want none", len(sums))
	}
}

func TestCoops_UpdateBySameNIK(t *testing.T) {
	s := mustOpen(t)
	if _, err := Coops(s, fixture("coops-good.csv"), Options{}); err != nil {
		t.Fatal(err)
	}
	c, _ := s.CooperativeByNIK("3576010100000002")

	path := filepath.Join(t.TempDir(), "update.csv")
	writeFile(t, path, "Nama,NIK,Jumlah Anggota\nKPRI Bhakti Guru,3576010100000002,400\n"+
		"KSP Sumber Rejeki,3576010100000001,1.234\n")
	res, err := Coops(s, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 0 || res.Updated != 1 || res.Unchanged != 1 {
		t.Errorf("created %d updated %d unchanged %d, want 0 1 1", res.Created, res.Updated,
			res.Unchanged)
	}
	got, _ := s.CooperativeByNIK("3576010100000002")
	if got.ID != c.ID || got.Members != 400 || got.Chair != "Drs. Hadi" {
		t.Errorf("updated = %+v, want same id, 400 members, chair kept", got)
	}
	events, _ := s.AuditOf(c.ID)
	if last := events[len(events)-1]; last.Action != store.ActionUpdate ||
		!strings.Contains(string(last.Change), `"members":[312,400]`) {
		t.Errorf("last audit event %s %s, want an update of members", last.Action, last.Change)
	}
	sums, _ := s.CooperativeSummaries()
	if len(sums) != 5 {
		t.Errorf("%d cooperatives, want 5 (no duplicate)", len(sums))
	}
}

func TestCoops_DryRunWritesNothing(t *testing.T) {
	s := mustOpen(t)
	res, err := Coops(s, fixture("coops-good.csv"), Options{DryRun: true})
	if err != nil || res.Created != 5 {
		t.Fatalf("dry run: created %d, %v; want 5, nil", res.Created, err)
	}
	if sums, _ := s.CooperativeSummaries(); len(sums) != 0 {
		t.Errorf("dry run wrote %d cooperatives", len(sums))
	}
}

func TestCoops_UnknownKelurahanWarns(t *testing.T) {
	s := mustOpen(t)
	if err := s.SetSetting(SettingKelurahan, "Kauman, Wates\nMeri,Miji,Sentanan"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kel.csv")
	writeFile(t, path, "nama,kelurahan\nKSP A,kauman\nKSP B,Atlantis\n")
	res, err := Coops(s, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{path + `:3:B: kelurahan: "Atlantis" is not a kelurahan the city knows`}
	if diff := cmp.Diff(want, messages(res.Warnings)); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	sums, _ := s.CooperativeSummaries()
	for _, c := range sums {
		if c.Name == "KSP A" && c.Kelurahan != "Kauman" {
			t.Errorf("kelurahan %q, want the city's spelling Kauman", c.Kelurahan)
		}
	}
}

func TestAssessments_Good(t *testing.T) {
	s := mustOpen(t)
	if _, err := Coops(s, fixture("coops-good.csv"), Options{}); err != nil {
		t.Fatal(err)
	}
	res, err := Assessments(s, scoring.Default(), fixture("assessments-good.jsonl"), Options{})
	if err != nil {
		t.Fatalf("Assessments: %v\n%s", err, strings.Join(messages(res.Errors), "\n"))
	}
	if res.Created != 3 || len(res.NewCoaches) != 1 {
		t.Errorf("created %d, new coaches %q; want 3 and one", res.Created, res.NewCoaches)
	}
	c, _ := s.CooperativeByNIK("3576010100000001")
	list, err := s.AssessmentsOf(c.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("assessments %d, %v; want 2", len(list), err)
	}
	final := list[1]
	if final.Status != store.StatusFinal || final.FiscalYear != 2020 || final.Version != 1 ||
		final.Result == nil || final.Result.Predicate != "sehat" ||
		!final.FinalizedAt.Equal(date(2021, 4, 15)) || final.CoachID == "" {
		t.Errorf("final = %+v", final)
	}
	if list[0].Status != store.StatusDraft || list[0].Figures["kas"] != "150000000.5" {
		t.Errorf("draft = %+v", list[0])
	}
	problems, err := s.Check(Rescorer(scoring.Default()))
	if err != nil || len(problems) != 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

func TestAssessments_Bad(t *testing.T) {
	s := mustOpen(t)
	if _, err := Coops(s, fixture("coops-good.csv"), Options{}); err != nil {
		t.Fatal(err)
	}
	file := fixture("assessments-bad.jsonl")
	res, err := Assessments(s, scoring.Default(), file, Options{})
	if !errors.Is(err, ErrRefused) {
		t.Fatalf("err = %v, want ErrRefused", err)
	}
	got := strings.Join(messages(res.Errors), "\n")
	for _, want := range []string{
		file + ":1:figures.kas: ",
		file + ":2:nik: no stored cooperative has NIK 3576010100000099",
		file + ":3:nik: missing",
		file + ":3:instrument: ",
		file + ":4:figures.kass: unknown figure id",
		file + ":4:answers.mu01: ",
		file + ":5:figures: a final assessment must be complete",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
	// The field is named once, in the place: not again at the start of the text.
	for _, m := range res.Errors {
		if strings.HasPrefix(m.Text, m.Column+":") {
			t.Errorf("the field is repeated: %s", m)
		}
	}
	c, _ := s.CooperativeByNIK("3576010100000001")
	if list, _ := s.AssessmentsOf(c.ID); len(list) != 0 {
		t.Errorf("%d assessments written, want none", len(list))
	}
}
