package store

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The save benchmarks of issue #8: one checklist answer saved through the store against a
// raw bbolt update of the same size on the same kind of file (goal: at most 1.25 times).

// saveBenchCoops is how many cooperatives the file holds besides the draft, so that its
// trees have a town's depth rather than a test's.
const saveBenchCoops = 2000

// halfDoneDraft starts a draft of a stored cooperative with the figures of a whole balance
// sheet and income statement typed in and most of the checklist answered, as a coach's
// draft is near the end of a visit.
func halfDoneDraft(tb testing.TB, s *Store) Assessment {
	tb.Helper()
	c, err := s.CreateCooperative(Cooperative{Name: "KSP Benchmark", Active: true})
	if err != nil {
		tb.Fatal(err)
	}
	a := Assessment{CoopID: c.ID, Instrument: "ksp-2016", Version: 1, FiscalYear: 2025,
		Figures: map[string]string{}, Answers: map[string]bool{},
		ItemNotes: map[string]string{"kas": "Menunggu rekening koran bulan Desember."}}
	for i := range 40 {
		a.Figures[fmt.Sprintf("figure_%02d", i)] = fmt.Sprintf("%d.50", 1_000_000+i*7_919_113)
	}
	for i := range 40 {
		a.Answers[fmt.Sprintf("q%02d", i)] = i%3 != 0
	}
	a, err = s.CreateAssessment(a)
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// saveBenchFile makes a store file of saveBenchCoops cooperatives and one draft, closed,
// and returns its path, the draft's id and the size of the draft's stored value.
func saveBenchFile(b *testing.B) (path, draftID string, valueSize int) {
	b.Helper()
	path = filepath.Join(b.TempDir(), "save.db")
	s, err := Open(path, Options{Actor: "bench", Now: func() time.Time { return fixedNow }})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	fillCity(b, s, saveBenchCoops)
	a := halfDoneDraft(b, s)
	err = s.view(func(tx *bolt.Tx) error {
		key, _ := idKey(a.ID)
		valueSize = len(tx.Bucket(bucketAssessments).Get(key))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return path, a.ID, valueSize
}

// BenchmarkSaveAnswer saves one checklist answer of a draft durably through the store:
// the assessment, its audit event and the audit index in one committed transaction.
func BenchmarkSaveAnswer(b *testing.B) {
	path, id, size := saveBenchFile(b)
	s, err := Open(path, Options{Actor: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()

	ya := false
	cpu := startCPU()
	for b.Loop() {
		ya = !ya // an answer that does not change is not written
		if _, err := s.SetAnswer(id, "q01", &ya); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
	b.ReportMetric(float64(size), "value-B")
}

// BenchmarkRawBoltCommit is the floor for BenchmarkSaveAnswer: one bbolt update putting a
// value of the draft's size in the draft's place (same bucket, same key), on the same
// file opened with the store's own bbolt options (fsync on every commit, as the store).
func BenchmarkRawBoltCommit(b *testing.B) {
	path, id, size := saveBenchFile(b)
	db, err := openBolt(path, DefaultTimeout, false)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()

	key, _ := idKey(id)
	value := make([]byte, size)
	for i := range value {
		value[i] = byte('a' + i%26)
	}
	i := 0
	cpu := startCPU()
	for b.Loop() {
		i++
		value[0] = byte(i) // a value that differs, as an edited answer does
		err := db.Update(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketAssessments).Put(key, value)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
	b.ReportMetric(float64(size), "value-B")
}

// cpuClock measures the processor time (user and system) of the process, which a shared
// machine's load changes far less than the wall time: the benchmarks report it per
// operation as cpu-µs/op beside ns/op.
type cpuClock struct{ start time.Duration }

func startCPU() cpuClock { return cpuClock{processCPU()} }

// report adds the processor time per operation since start to b's results.
func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64((processCPU()-c.start).Microseconds())/float64(b.N), "cpu-µs/op")
}
