// Package export writes everything a koroena data file holds for spreadsheets and
// programs: XLSX (a sheet per kind of record), CSV (a file per kind) and JSON lines.
//
// The cooperatives sheet uses the column names that `koroena import coops` reads, so an
// exported registry imports again into the same cooperatives.
package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"koroena/scoring"
	"koroena/store"
	"koroena/store/importer"
)

// sheet is one kind of record as a table. A cell is a string, an int, a float64, a
// time.Time (a date), a moment (a date and time), a bool or nil (empty).
type sheet struct {
	name   string
	header []string
	rows   [][]any
}

// snapshot is what the store holds, read once for every format.
type snapshot struct {
	coops       []store.Cooperative
	coaches     map[string]string // id → name
	coachList   []store.Coach
	assessments []store.Assessment
	visits      []store.Visit
	treatments  []store.Treatment
}

// read collects every record of s.
func read(s *store.Store) (snapshot, error) {
	snap, err := readRecords(s)
	if errors.Is(err, store.ErrNotFound) && !errors.Is(err, store.ErrDamaged) {
		// Every id followed here came from the file itself: one that leads nowhere is a
		// damaged id (a flipped byte), so the command names the backup to restore.
		err = fmt.Errorf("%w: %w", store.ErrDamaged, err)
	}
	return snap, err
}

// readRecords is read, with a missing record reported as not found.
func readRecords(s *store.Store) (snapshot, error) {
	var snap snapshot
	sums, err := s.CooperativeSummaries()
	if err != nil {
		return snap, err
	}
	if snap.coachList, err = s.Coaches(); err != nil {
		return snap, err
	}
	snap.coaches = map[string]string{}
	for _, c := range snap.coachList {
		snap.coaches[c.ID] = c.Name
	}
	for _, sum := range sums {
		c, err := s.Cooperative(sum.ID)
		if errors.Is(err, store.ErrNotFound) {
			// The list row names a cooperative the file does not hold: the row or the
			// record was damaged (a flipped byte in an id), not merely missing.
			return snap, fmt.Errorf("the list row of cooperative %q has no record: %w",
				sum.ID, store.ErrDamaged)
		}
		if err != nil {
			return snap, err
		}
		snap.coops = append(snap.coops, c)
		as, err := s.AssessmentsOf(c.ID)
		if err != nil {
			return snap, err
		}
		slices.Reverse(as) // oldest year first
		snap.assessments = append(snap.assessments, as...)
		vs, err := s.VisitsOf(c.ID)
		if err != nil {
			return snap, err
		}
		slices.Reverse(vs)
		snap.visits = append(snap.visits, vs...)
		ts, err := s.TreatmentsOf(c.ID)
		if err != nil {
			return snap, err
		}
		snap.treatments = append(snap.treatments, ts...)
	}
	return snap, nil
}

// Sheet names, also the CSV files' suffixes.
const (
	SheetCooperatives = "cooperatives"
	SheetAssessments  = "assessments"
	SheetTreatments   = "treatments"
	SheetVisits       = "visits"
	SheetCoaches      = "coaches"
)

// coopSheet is the registry, in the columns `koroena import coops` reads.
func coopSheet(snap snapshot) sheet {
	sh := sheet{name: SheetCooperatives, header: []string{"id", "nama", "nik",
		"no_badan_hukum", "tgl_badan_hukum", "jenis", "jenis_badan_hukum", "alamat",
		"kelurahan", "kecamatan", "telepon", "ketua", "manajer", "anggota", "pendamping",
		"aktif", "akhir_tahun_buku", "rat_terakhir", "keterangan", "dibuat", "diubah"}}
	for _, c := range snap.coops {
		active := "Tidak Aktif"
		if c.Active {
			active = "Aktif"
		}
		sh.rows = append(sh.rows, []any{c.ID, c.Name, text(c.NIK), text(c.LegalNumber),
			day(c.LegalDate), text(c.BusinessType), text(c.LegalType), text(c.Address),
			text(c.Kelurahan), text(c.Kecamatan), text(c.Phone), text(c.Chair),
			text(c.Manager), c.Members, text(snap.coaches[c.CoachID]), active,
			text(c.FiscalYearEnd), day(c.LastRAT), text(c.Notes), stamp(c.CreatedAt),
			stamp(c.UpdatedAt)})
	}
	return sh
}

// assessmentSheet has one row per assessment: its year, instrument, status, total,
// predicate, and the skor of every aspect and component its result names.
func assessmentSheet(snap snapshot, reg *scoring.Registry) sheet {
	nik := map[string]string{}
	name := map[string]string{}
	for _, c := range snap.coops {
		nik[c.ID], name[c.ID] = c.NIK, c.Name
	}
	outputs := make([]resultOutput, len(snap.assessments))
	var cols []string
	seen := map[string]bool{}
	for i, a := range snap.assessments {
		outputs[i] = outputOf(a, reg)
		for _, k := range outputs[i].keys() {
			if !seen[k] {
				seen[k] = true
				cols = append(cols, k)
			}
		}
	}

	sh := sheet{name: SheetAssessments, header: append([]string{"id", "coop_id", "nik",
		"nama", "tahun_buku", "instrumen", "versi", "status", "lengkap", "total", "predikat",
		"pendamping", "difinalkan", "menggantikan", "alasan_koreksi"}, cols...)}
	for i, a := range snap.assessments {
		var total, complete any
		if a.Result != nil {
			total, complete = number(a.Result.Total), a.Result.Complete
		}
		row := []any{a.ID, a.CoopID, text(nik[a.CoopID]), name[a.CoopID], a.FiscalYear,
			a.Instrument, a.Version, string(a.Status), complete, total, text(predicate(a)),
			text(snap.coaches[a.CoachID]), stamp(a.FinalizedAt), text(a.Replaces),
			text(a.AmendReason)}
		for _, k := range cols {
			row = append(row, outputs[i].skor[k])
		}
		sh.rows = append(sh.rows, row)
	}
	return sh
}

func predicate(a store.Assessment) string {
	if a.Result == nil {
		return ""
	}
	return a.Result.Predicate
}

// resultOutput is the skor of each aspect ("skor.permodalan") and component
// ("skor.permodalan.ms_ta") of a stored result, in the result's order.
type resultOutput struct {
	order []string
	skor  map[string]any
}

func (r resultOutput) keys() []string { return r.order }

// outputOf reads the aspects and components out of a stored result's engine output; a
// result stored without it (a lean demo city) is scored again with reg.
func outputOf(a store.Assessment, reg *scoring.Registry) resultOutput {
	r := resultOutput{skor: map[string]any{}}
	if a.Result == nil {
		return r
	}
	output := a.Result.Output
	if len(output) == 0 && reg != nil {
		if res, err := importer.Rescore(reg, a); err == nil {
			output, _ = res.MarshalJSON()
		}
	}
	var out struct {
		Aspects []struct {
			ID         string      `json:"id"`
			Skor       json.Number `json:"skor"`
			Components []struct {
				ID   string      `json:"id"`
				Skor json.Number `json:"skor"`
			} `json:"components"`
		} `json:"aspects"`
	}
	if json.Unmarshal(output, &out) != nil {
		return r
	}
	for _, asp := range out.Aspects {
		k := "skor." + asp.ID
		r.order, r.skor[k] = append(r.order, k), number(asp.Skor.String())
		for _, c := range asp.Components {
			k := "skor." + asp.ID + "." + c.ID
			r.order, r.skor[k] = append(r.order, k), number(c.Skor.String())
		}
	}
	return r
}

// treatmentSheet has one row per item of the treatment plans.
func treatmentSheet(snap snapshot) sheet {
	sh := sheet{name: SheetTreatments, header: []string{"id", "coop_id", "nik", "nama",
		"judul", "jenis", "penanggung_jawab", "tenggat", "status", "terbuka", "kondisi",
		"pengobatan", "penilaian_id", "catatan", "dibuat", "diubah"}}
	nik, name := map[string]string{}, map[string]string{}
	for _, c := range snap.coops {
		nik[c.ID], name[c.ID] = c.NIK, c.Name
	}
	for _, t := range snap.treatments {
		sh.rows = append(sh.rows, []any{t.ID, t.CoopID, text(nik[t.CoopID]), name[t.CoopID],
			t.Title, text(t.Type), text(t.Owner), day(t.Due), string(t.Status), t.Open(),
			text(t.ConditionID), text(t.TreatmentID), text(t.AssessmentID), text(t.Notes),
			stamp(t.CreatedAt), stamp(t.UpdatedAt)})
	}
	return sh
}

// visitSheet has one row per visit.
func visitSheet(snap snapshot) sheet {
	sh := sheet{name: SheetVisits, header: []string{"id", "coop_id", "nama", "tanggal",
		"pendamping", "tujuan", "catatan"}}
	name := map[string]string{}
	for _, c := range snap.coops {
		name[c.ID] = c.Name
	}
	for _, v := range snap.visits {
		sh.rows = append(sh.rows, []any{v.ID, v.CoopID, name[v.CoopID], day(v.Date),
			text(snap.coaches[v.CoachID]), text(v.Purpose), text(v.Notes)})
	}
	return sh
}

// coachSheet lists the coaches.
func coachSheet(snap snapshot) sheet {
	sh := sheet{name: SheetCoaches, header: []string{"id", "nama", "telepon", "aktif"}}
	for _, c := range snap.coachList {
		sh.rows = append(sh.rows, []any{c.ID, c.Name, text(c.Phone), c.Active})
	}
	return sh
}

// text is a string cell, empty when the string is.
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// day is a date cell, empty for the zero time.
func day(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// moment is a cell holding a point in time in UTC: a date-time cell in a workbook, RFC
// 3339 text ("2026-11-30T09:00:00Z") in CSV.
type moment time.Time

// stamp is a date-and-time cell (UTC) for when a record was created, changed or
// finalized, empty for the zero time.
func stamp(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return moment(t.UTC())
}

// number is a stored decimal ("89.45") as a spreadsheet number; spreadsheets keep
// numbers as binary floating point, which holds 2 decimals of a score exactly enough to
// print them back.
func number(s string) any {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return text(s)
	}
	return f
}

// sheets is every table, in the order of the workbook.
func sheets(snap snapshot, reg *scoring.Registry) []sheet {
	return []sheet{coopSheet(snap), assessmentSheet(snap, reg), treatmentSheet(snap),
		visitSheet(snap), coachSheet(snap)}
}
