package store

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The store's value decoding under fuzzing (issue #8): whatever bytes a value holds, a
// read never panics, and what it cannot read is ErrDamaged (or ErrTooNew for a newer
// layout).

// decodeTargets are fresh values of every JSON record kind the store decodes.
func decodeTargets() map[string]versioned {
	return map[string]versioned{
		"coop": &coopRecord{}, "coach": &coachRecord{}, "visit": &visitRecord{},
		"assessment": &assessmentRecord{}, "audit": &auditRecord{},
		"setting": &settingRecord{}, "head": &headRecord{},
	}
}

// FuzzDecodeValue decodes arbitrary bytes as every kind of stored record.
func FuzzDecodeValue(f *testing.F) {
	f.Add([]byte(`{"v":1,"id":"0190aaaa-0000-7000-8000-000000000001","name":"KSP"}`))
	f.Add([]byte(`{"v":2}`))
	f.Add([]byte(`{"v":1,"figures":{"kas":"1.50"},"answers":{"mu01":true},` +
		`"result":{"complete":true,"total":"89.45","output":{"total":89.45}}}`))
	f.Add([]byte(`{"v":1,"at":"2026-01-02T03:04:05Z","change":{"a":["1","2"]}}`))
	f.Add([]byte(`[]`))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		for kind, dst := range decodeTargets() {
			err := decodeJSON(data, dst)
			if err != nil && !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrTooNew) {
				t.Errorf("%s: err = %v, want ErrDamaged or ErrTooNew", kind, err)
			}
		}
	})
}

// fuzzFile is a small store with one record of every kind, for FuzzStoredValue.
type fuzzFile struct {
	s                             *Store
	coop, assess, draft, visit, c string // ids
}

// newFuzzFile writes a cooperative with a coach, a visit, a final and a draft assessment
// (with an answer, whose audit event is kept beside it) and a setting into a new file.
func newFuzzFile(tb testing.TB) fuzzFile {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), "fuzz.db"), Options{Actor: "fuzz",
		Now: func() time.Time { return fixedNow }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	coach, err := s.PutCoach(Coach{Name: "Sri Wahyuni", Active: true})
	if err != nil {
		tb.Fatal(err)
	}
	c, err := s.CreateCooperative(Cooperative{Name: "KSP Fuzz", NIK: "3573010000000001",
		CoachID: coach.ID, Active: true})
	if err != nil {
		tb.Fatal(err)
	}
	v, err := s.AddVisit(Visit{CoopID: c.ID, CoachID: coach.ID, Date: fixedNow})
	if err != nil {
		tb.Fatal(err)
	}
	var final Assessment
	err = s.Bulk(func(b *Bulk) error {
		final, err = b.AddAssessment(Assessment{CoopID: c.ID, Instrument: "ksp-2016",
			Version: 1, FiscalYear: 2024, Status: StatusFinal,
			Figures: map[string]string{"kas": "1.50"},
			Result:  &Result{Complete: true, Total: "81.25", Predicate: "sehat"}})
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	draft, err := s.CreateAssessment(Assessment{CoopID: c.ID, Instrument: "ksp-2016",
		Version: 1, FiscalYear: 2025})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := s.SetAnswer(draft.ID, "mu01", ptr(true)); err != nil {
		tb.Fatal(err)
	}
	if err := s.SetSetting("target", "20"); err != nil {
		tb.Fatal(err)
	}
	return fuzzFile{s: s, coop: c.ID, assess: final.ID, draft: draft.ID, visit: v.ID,
		c: coach.ID}
}

// readAll calls every reader of the store, for their errors only.
func (ff fuzzFile) readAll() []error {
	s := ff.s
	var errs []error
	note := func(err error) { errs = append(errs, err) }
	_, err := s.Cooperative(ff.coop)
	note(err)
	_, err = s.CooperativeByNIK("3573010000000001")
	note(err)
	_, err = s.CooperativeSummaries()
	note(err)
	_, err = s.CooperativeSummary(ff.coop)
	note(err)
	_, err = s.Assessment(ff.assess)
	note(err)
	_, err = s.AssessmentsOf(ff.coop)
	note(err)
	_, err = s.AssessmentHeadsOf(ff.coop)
	note(err)
	_, err = s.VisitsOf(ff.coop)
	note(err)
	_, err = s.Coaches()
	note(err)
	_, err = s.Coach(ff.c)
	note(err)
	_, _, err = s.Setting("target")
	note(err)
	_, err = s.AuditOf(ff.coop)
	note(err)
	_, err = s.AuditOf(ff.draft)
	note(err)
	_, err = s.Assessment(ff.draft)
	note(err)
	_, err = s.Check(nil)
	note(err)
	return errs
}

// fuzzBuckets are the buckets FuzzStoredValue damages, with the key of the record in each.
func (ff fuzzFile) fuzzKeys() []struct{ bucket, key []byte } {
	id := func(s string) []byte { k, _ := idKey(s); return k }
	coop := id(ff.coop)
	var headKey, auditKey, inlineKey []byte
	_ = ff.s.db.View(func(tx *bolt.Tx) error {
		headKey, _ = tx.Bucket(bucketAssessByCoop).Cursor().First()
		auditKey, _ = tx.Bucket(bucketAudit).Cursor().First()
		headKey, auditKey = bytes.Clone(headKey), bytes.Clone(auditKey)
		draft := id(ff.draft)
		inlineKey, _ = tx.Bucket(bucketAssessments).Cursor().Seek(append(draft, 0))
		inlineKey = bytes.Clone(inlineKey)
		return nil
	})
	return []struct{ bucket, key []byte }{
		{bucketCoops, coop}, {bucketCoopSummary, coop}, {bucketCoaches, id(ff.c)},
		{bucketVisits, id(ff.visit)}, {bucketAssessments, id(ff.assess)},
		{bucketAssessByCoop, headKey}, {bucketSettings, []byte("target")},
		{bucketAudit, auditKey}, {bucketMeta, keySchemaVersion},
		{bucketAssessments, inlineKey},
	}
}

// FuzzStoredValue puts arbitrary bytes in place of one stored record (chosen by which) and
// calls every reader: none may panic, and their errors must say the file is damaged (or
// too new, or a record is not found when its index no longer matches).
func FuzzStoredValue(f *testing.F) {
	f.Add(byte(0), []byte(`{"v":1,"id":"x"}`))
	f.Add(byte(1), []byte{1, 3, 'a'})
	f.Add(byte(1), []byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff})
	f.Add(byte(4), []byte(`{"v":1,"status":"final","result":{"total":"x"}}`))
	f.Add(byte(5), []byte(`{"v":9}`))
	f.Add(byte(8), []byte{0, 0, 0, 0, 0, 0, 0, 99})
	f.Add(byte(8), []byte{1})
	ff := newFuzzFile(f)
	ff.s.db.NoSync = true // the file is thrown away; what matters is what readers see
	keys := ff.fuzzKeys()
	f.Fuzz(func(t *testing.T, which byte, data []byte) {
		k := keys[int(which)%len(keys)]
		var old []byte
		err := ff.s.db.Update(func(tx *bolt.Tx) error {
			b := tx.Bucket(k.bucket)
			old = bytes.Clone(b.Get(k.key))
			return b.Put(k.key, data)
		})
		if err != nil {
			t.Fatal(err)
		}
		defer func() {
			err := ff.s.db.Update(func(tx *bolt.Tx) error {
				return tx.Bucket(k.bucket).Put(k.key, old)
			})
			if err != nil {
				t.Fatal(err)
			}
		}()

		for i, err := range ff.readAll() {
			if err != nil && !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrTooNew) &&
				!errors.Is(err, ErrNotFound) {
				t.Errorf("reader %d with %s damaged: %v", i, k.bucket, err)
			}
		}
	})
}
