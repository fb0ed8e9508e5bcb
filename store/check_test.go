package store

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// checkFixture is a small consistent file: a cooperative with a NIK, a visit and a final
// assessment.
type checkFixture struct {
	s      *Store
	coop   Cooperative
	visit  Visit
	assess Assessment
}

func newCheckFixture(t *testing.T) checkFixture {
	t.Helper()
	s := mustOpen(t)
	f := checkFixture{s: s, coop: mustCoop(t, s, "KSP Sumber Rejeki", "3573010000000001")}
	var err error
	f.visit, err = s.AddVisit(Visit{CoopID: f.coop.ID, Date: fixedNow, Purpose: "rutin"})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Bulk(func(b *Bulk) error {
		f.assess, err = b.AddAssessment(Assessment{CoopID: f.coop.ID, Instrument: "ksp-2016",
			Version: 1, FiscalYear: 2025, Status: StatusFinal,
			Result: &Result{Complete: true, Total: "80.00", Predicate: "sehat"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// storedTotal is a rescorer that agrees with every stored total.
func storedTotal(a Assessment) (string, error) { return a.Result.Total, nil }

func TestCheck_CleanFile(t *testing.T) {
	f := newCheckFixture(t)
	problems, err := f.s.Check(storedTotal)
	if err != nil || len(problems) != 0 {
		t.Errorf("Check = %v, %v; want no problems", problems, err)
	}
}

// Each kind of inconsistency, injected behind the store's back, is found and named.
func TestCheck_FindsInjectedInconsistencies(t *testing.T) {
	tests := []struct {
		name    string
		inject  func(t *testing.T, f checkFixture, tx *bolt.Tx) error
		rescore Rescorer
		want    string
	}{
		{"NIK index points at a missing cooperative", func(_ *testing.T, _ checkFixture,
			tx *bolt.Tx) error {
			k, _, _ := newID()
			return tx.Bucket(bucketCoopsByNIK).Put([]byte("3573019999999999"), k)
		}, nil, "coops_by_nik 3573019999999999: points at missing cooperative"},
		{"cooperative's NIK is not indexed", func(_ *testing.T, f checkFixture,
			tx *bolt.Tx) error {
			return tx.Bucket(bucketCoopsByNIK).Delete([]byte(f.coop.NIK))
		}, nil, "NIK of cooperative " + "%coop" + " is not indexed"},
		{"cooperative without list row", func(_ *testing.T, f checkFixture, tx *bolt.Tx) error {
			k, _ := idKey(f.coop.ID)
			return tx.Bucket(bucketCoopSummary).Delete(k)
		}, nil, "coop_summary %coop: cooperative has no list row"},
		{"visit index points at a missing visit", func(_ *testing.T, f checkFixture,
			tx *bolt.Tx) error {
			k, _ := idKey(f.visit.ID)
			return tx.Bucket(bucketVisits).Delete(k)
		}, nil, "visits_by_coop %visit: points at a missing visit"},
		{"assessment of a missing cooperative", func(t *testing.T, f checkFixture,
			tx *bolt.Tx) error {
			a := f.assess
			k, id, _ := newID()
			a.ID, a.CoopID = id, "01900000-0000-7000-8000-000000000000"
			return putJSON(tx.Bucket(bucketAssessments), k, assessmentRecord{valueVersion, a})
		}, nil, "cooperative 01900000-0000-7000-8000-000000000000 does not exist"},
		{"assessment not indexed", func(_ *testing.T, f checkFixture, tx *bolt.Tx) error {
			coop, _ := idKey(f.coop.ID)
			k, _ := idKey(f.assess.ID)
			return tx.Bucket(bucketAssessByCoop).Delete(assessIndexKey(coop, 2025, k))
		}, nil, "assessments_by_coop %assess: assessment is not indexed"},
		{"assessment index points at a missing assessment", func(_ *testing.T, f checkFixture,
			tx *bolt.Tx) error {
			k, _ := idKey(f.assess.ID)
			return tx.Bucket(bucketAssessments).Delete(k)
		}, nil, "assessments_by_coop %assess: points at a missing assessment"},
		{"final total does not re-score", nil, func(a Assessment) (string, error) {
			return "79.95", nil
		}, "assessments %assess: re-scores to 79.95 with ksp-2016@1, stored total is 80.00"},
		{"index head's total disagrees with the record", func(_ *testing.T, f checkFixture,
			tx *bolt.Tx) error {
			coop, _ := idKey(f.coop.ID)
			k, _ := idKey(f.assess.ID)
			h := headOf(f.assess)
			h.Total = "90.00"
			return putJSON(tx.Bucket(bucketAssessByCoop), assessIndexKey(coop, 2025, k),
				headRecord{valueVersion, h})
		}, nil, "assessments_by_coop %assess: index head disagrees with the record"},
		{"list row disagrees with the records", func(_ *testing.T, f checkFixture,
			tx *bolt.Tx) error {
			k, _ := idKey(f.coop.ID)
			sum, err := getSummary(tx, k)
			if err != nil {
				return err
			}
			sum.Latest.Total = "90.00"
			return putSummary(tx, k, &sum)
		}, nil, "coop_summary %coop: list row disagrees with the cooperative's records"},
		{"audit index points at a missing event", func(_ *testing.T, f checkFixture,
			tx *bolt.Tx) error {
			c := tx.Bucket(bucketAudit).Cursor()
			k, _ := c.First()
			return tx.Bucket(bucketAudit).Delete(k)
		}, nil, "points at a missing event"},
		{"coach of a cooperative is missing", func(_ *testing.T, f checkFixture,
			tx *bolt.Tx) error {
			c := f.coop
			c.CoachID = "01900000-0000-7000-8000-0000000000aa"
			k, _ := idKey(c.ID)
			return putJSON(tx.Bucket(bucketCoops), k, coopRecord{valueVersion, c})
		}, nil, "coach 01900000-0000-7000-8000-0000000000aa does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newCheckFixture(t)
			if tt.inject != nil {
				err := f.s.db.Update(func(tx *bolt.Tx) error { return tt.inject(t, f, tx) })
				if err != nil {
					t.Fatal(err)
				}
			}
			rescore := tt.rescore
			if rescore == nil {
				rescore = storedTotal
			}
			problems, err := f.s.Check(rescore)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.NewReplacer("%coop", f.coop.ID, "%visit", f.visit.ID,
				"%assess", f.assess.ID).Replace(tt.want)
			var lines []string
			found := false
			for _, p := range problems {
				lines = append(lines, p.String())
				found = found || strings.Contains(p.String(), want)
			}
			if !found {
				t.Errorf("problems:\n%s\nwant one containing %q", strings.Join(lines, "\n"),
					want)
			}
		})
	}
}
