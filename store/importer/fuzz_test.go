package importer

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"koroena/store"
)

// FuzzCoopsCSV imports arbitrary bytes as a registry CSV (issue #8): it never panics; a
// refused file names a row and says what is wrong in every error and writes nothing; and
// a file that imports leaves a store that passes its own check with one cooperative per
// created row.
func FuzzCoopsCSV(f *testing.F) {
	for _, name := range []string{"coops-good.csv", "coops-bad.csv"} {
		data, err := os.ReadFile(fixture(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("Nama Koperasi,NIK\nKSP A,3576010100000001\n"))
	f.Add([]byte("nama\tnik\taktif\n\"KSP \"\"A\"\"\"\t1\tya\n"))

	dir := f.TempDir()
	dry := mustOpen(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "registry.csv")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		res, err := Coops(dry, path, Options{DryRun: true})
		if errors.Is(err, ErrRefused) {
			checkMessages(t, path, res.Errors)
		}
		if sums, _ := dry.CooperativeSummaries(); len(sums) != 0 {
			t.Fatalf("a dry run wrote %d cooperatives", len(sums))
		}
		if err != nil {
			return
		}

		// What a dry run accepts, a real import writes, consistently.
		s, err := store.Open(filepath.Join(t.TempDir(), "real.db"),
			store.Options{Actor: "fuzz", Now: func() time.Time { return fixedNow }})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		res, err = Coops(s, path, Options{})
		if err != nil {
			t.Fatalf("dry run accepted, import: %v %v", err, messages(res.Errors))
		}
		problems, err := s.Check(nil)
		if err != nil || len(problems) > 0 {
			t.Fatalf("after import: %v %v", err, problems)
		}
		if sums, _ := s.CooperativeSummaries(); len(sums) != res.Created {
			t.Fatalf("%d cooperatives stored, %d created", len(sums), res.Created)
		}
	})
}

// checkMessages fails when an error does not name the file and a row, or says nothing.
func checkMessages(t *testing.T, path string, ms []Message) {
	t.Helper()
	if len(ms) == 0 {
		t.Fatal("refused without an error")
	}
	for _, m := range ms {
		if m.File != path || m.Row < 1 || m.Text == "" {
			t.Errorf("error without a place or a text: %+v", m)
		}
	}
}
