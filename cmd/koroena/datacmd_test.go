package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"koroena/store"
	"koroena/store/importer"
	"koroena/tui"
)

// koroena runs the command with --db path and returns its exit status and output.
func koroena(t *testing.T, db string, args ...string) (int, string, string) {
	t.Helper()
	return runWithEnv(t, map[string]string{"HOME": t.TempDir()},
		append([]string{"--db", db}, args...)...)
}

// registryCSV writes a registry of n cooperatives with NIKs from base+1; bad, when not
// nil, changes the line of a row.
func registryCSV(t testing.TB, path string, n int, base int64,
	bad func(row int, line string) string,
) {
	t.Helper()
	var b strings.Builder
	b.WriteString("nama,nik,jenis,kelurahan,kecamatan,anggota,aktif\n")
	for i := 1; i <= n; i++ {
		line := fmt.Sprintf("Koperasi Uji %d,%d,KSP,Kauman,Prajurit Kulon,%d,Aktif", i,
			base+int64(i), 10+i)
		if bad != nil {
			line = bad(i, line)
		}
		b.WriteString(line + "\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// dump is every key and value of a data file, read without writing to it.
func dump(t testing.TB, path string) string {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b bytes.Buffer
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, bk *bolt.Bucket) error {
			return bk.ForEach(func(k, v []byte) error {
				fmt.Fprintf(&b, "%s %x %x\n", name, k, v)
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// seeded is a data file holding a few cooperatives, closed.
func seeded(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "koroena.db")
	csv := filepath.Join(t.TempDir(), "seed.csv")
	registryCSV(t, csv, 5, 3576099900000000, nil)
	if code, _, errOut := koroena(t, db, "import", "coops", csv); code != 0 {
		t.Fatalf("seed: exit %d: %s", code, errOut)
	}
	return db
}

// An error at row 900 of 1000, found while reading or only by the store while writing,
// leaves the file as it was.
func TestImportCoops_ErrorAtRow900LeavesFileUnchanged(t *testing.T) {
	db := seeded(t)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first, _ := st.CooperativeByNIK("3576099900000001")
	st.Close()

	tests := []struct {
		name string
		bad  func(row int, line string) string
		want string
	}{
		{"read error", func(row int, line string) string {
			if row == 900 {
				return strings.Replace(line, ",KSP,", ",Perikanan,", 1)
			}
			return line
		}, ":901:C: jenis: \"Perikanan\""},
		{"store error", func(row int, line string) string {
			if row == 900 { // the id of one cooperative with the NIK of another
				return strings.Replace(line, "3576010000000900", "3576099900000002", 1)
			}
			return line
		}, ":901:C: nik: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			csv := filepath.Join(t.TempDir(), "reg.csv")
			registryCSV(t, csv, 1000, 3576010000000000, tt.bad)
			if tt.name == "store error" {
				data, _ := os.ReadFile(csv)
				lines := strings.Split(string(data), "\n")
				lines[0] = "id," + lines[0]
				for i := 1; i < len(lines)-1; i++ {
					id := ""
					if i == 900 {
						id = first.ID
					}
					lines[i] = id + "," + lines[i]
				}
				_ = os.WriteFile(csv, []byte(strings.Join(lines, "\n")), 0o600)
			}
			before := dump(t, db)
			code, _, errOut := koroena(t, db, "import", "coops", csv)
			if code != 1 || !strings.Contains(errOut, csv+tt.want) ||
				!strings.Contains(errOut, "nothing was written") {
				t.Errorf("exit %d, stderr:\n%s\nwant 1 and %q", code, errOut, tt.want)
			}
			if dump(t, db) != before {
				t.Error("the data file changed")
			}
		})
	}
}

func TestImportCoops_DryRunAndUpdate(t *testing.T) {
	db := seeded(t)
	csv := filepath.Join(t.TempDir(), "reg.csv")
	registryCSV(t, csv, 8, 3576099900000000, func(row int, line string) string {
		return strings.Replace(line, fmt.Sprintf(",%d,Aktif", 10+row), ",99,Aktif", 1)
	})
	before := dump(t, db)
	code, out, errOut := koroena(t, db, "import", "coops", "--dry-run", csv)
	if code != 0 || !strings.Contains(out, "would import: 3 new, 5 updated, 0 unchanged") {
		t.Errorf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	if dump(t, db) != before {
		t.Error("a dry run changed the file")
	}
	code, out, errOut = koroena(t, db, "import", "coops", csv)
	if code != 0 || !strings.Contains(out, "Imported: 3 new, 5 updated, 0 unchanged") {
		t.Errorf("import: exit %d\n%s%s", code, out, errOut)
	}
}

func TestImportAssessments_ThenCheck(t *testing.T) {
	db := filepath.Join(t.TempDir(), "koroena.db")
	fixtures := filepath.Join("..", "..", "testdata", "import")
	if code, _, errOut := koroena(t, db, "import", "coops",
		filepath.Join(fixtures, "coops-good.csv")); code != 0 {
		t.Fatalf("coops: %s", errOut)
	}
	bad := filepath.Join(fixtures, "assessments-bad.jsonl")
	code, _, errOut := koroena(t, db, "import", "assessments", bad)
	if code != 1 || !strings.Contains(errOut, bad+":2:nik: no stored cooperative") {
		t.Errorf("bad: exit %d, stderr:\n%s", code, errOut)
	}
	code, out, errOut := koroena(t, db, "import", "assessments",
		filepath.Join(fixtures, "assessments-good.jsonl"))
	if code != 0 || !strings.Contains(out, "Imported 3 of 3 assessments") {
		t.Errorf("good: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = koroena(t, db, "check")
	if code != 0 || !strings.Contains(out, "no problems found") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
}

func TestCheck_ReportsAWrongTotal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "koroena.db")
	fixtures := filepath.Join("..", "..", "testdata", "import")
	koroena(t, db, "import", "coops", filepath.Join(fixtures, "coops-good.csv"))
	koroena(t, db, "import", "assessments", filepath.Join(fixtures, "assessments-good.jsonl"))

	// Change one final assessment's stored total behind the store's back.
	raw, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = raw.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("assessments"))
		k, v := b.Cursor().First()
		return b.Put(bytes.Clone(k), bytes.Replace(v, []byte(`"total":"`),
			[]byte(`"total":"1`), 1))
	})
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := koroena(t, db, "check")
	if code != 1 || !strings.Contains(out, "stored total is 1") ||
		!strings.Contains(out, "index head disagrees with the record") ||
		!strings.Contains(errOut, "2 problems found") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

func TestBackupRestore(t *testing.T) {
	db := seeded(t)
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if code, out, errOut := koroena(t, db, "backup", "--out", copyPath); code != 0 ||
		!strings.Contains(out, copyPath) {
		t.Fatalf("backup: exit %d\n%s%s", code, out, errOut)
	}
	csv := filepath.Join(t.TempDir(), "more.csv")
	registryCSV(t, csv, 3, 3576088800000000, nil)
	koroena(t, db, "import", "coops", csv)

	code, out, errOut := koroena(t, db, "restore", copyPath)
	if code != 0 || !strings.Contains(out, "-replaced.db") {
		t.Fatalf("restore: exit %d\n%s%s", code, out, errOut)
	}
	_, out, _ = koroena(t, db, "list", "--json")
	if n := strings.Count(out, `"id"`); n != 5 {
		t.Errorf("after restore %d cooperatives, want the 5 of the backup", n)
	}
}

// A damaged data file gets a message naming the newest backup and the restore command;
// following it brings the data back.
func TestDamagedFile_NamesTheNewestBackup(t *testing.T) {
	db := seeded(t)
	code, _, _ := koroena(t, db, "backup")
	backups, _ := store.Backups(db)
	if code != 0 || len(backups) == 0 {
		t.Fatalf("backup: exit %d, backups %v", code, backups)
	}

	f, err := os.OpenFile(db, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteAt(make([]byte, 8192), 0) // both meta pages
	f.Close()
	for _, cmd := range [][]string{{"list"}, {"check"}, {"export", "--out",
		filepath.Join(t.TempDir(), "x.xlsx")}} {
		code, _, errOut := koroena(t, db, cmd...)
		if code != 1 || !strings.Contains(errOut, "is damaged") ||
			!strings.Contains(errOut, "koroena restore "+backups[0].Path+" --db "+db) {
			t.Errorf("%s: exit %d, stderr:\n%s", cmd[0], code, errOut)
		}
	}
	if code, _, errOut := koroena(t, db, "restore", backups[0].Path); code != 0 {
		t.Fatalf("restore: %s", errOut)
	}
	if code, out, _ := koroena(t, db, "check"); code != 0 {
		t.Errorf("check after restore: exit %d\n%s", code, out)
	}
}

func TestCompact(t *testing.T) {
	db := seeded(t)
	code, out, errOut := koroena(t, db, "compact")
	if code != 0 || !strings.Contains(out, "-precompact.db") {
		t.Fatalf("compact: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := koroena(t, db, "check"); code != 0 {
		t.Errorf("check after compact: exit %d\n%s", code, out)
	}
	// A second compact finds nothing to gain and leaves the file alone.
	code, out, errOut = koroena(t, db, "compact")
	if code != 0 || !strings.Contains(out, "compact already") {
		t.Errorf("second compact: exit %d\n%s%s", code, out, errOut)
	}
}

func TestExportReport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "koroena.db")
	fixtures := filepath.Join("..", "..", "testdata", "import")
	koroena(t, db, "import", "coops", filepath.Join(fixtures, "coops-good.csv"))
	koroena(t, db, "import", "assessments", filepath.Join(fixtures, "assessments-good.jsonl"))
	dir := t.TempDir()

	out := filepath.Join(dir, "all.xlsx")
	if code, _, errOut := koroena(t, db, "export", "--out", out); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	res, err := importer.Coops(mustStore(t, filepath.Join(dir, "again.db")), out,
		importer.Options{})
	if err != nil || res.Created != 5 {
		t.Errorf("re-import of the export: %d created, %v %v", res.Created, err, res.Errors)
	}

	pdf := filepath.Join(dir, "r.pdf")
	code, stdout, errOut := koroena(t, db, "--lang", "en", "report", "sumber rejeki",
		"--out", pdf)
	if code != 0 || !strings.Contains(stdout, "KSP Sumber Rejeki") {
		t.Fatalf("report: exit %d\n%s%s", code, stdout, errOut)
	}
	data, _ := os.ReadFile(pdf)
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("report is not a PDF")
	}
	if code, _, errOut := koroena(t, db, "report", "Kop"); code != 1 ||
		!strings.Contains(errOut, "more than one cooperative matches") {
		t.Errorf("ambiguous: exit %d %s", code, errOut)
	}
}

func mustStore(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// A refused import into a data file that did not exist leaves no file behind, and an
// accepted one keeps the file it made.
func TestImportCoops_RefusedIntoNewFileLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "new.db")
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("nama,nik\nKSP A,123\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := koroena(t, db, "import", "coops", bad)
	if code != 1 || !strings.Contains(errOut, "import refused: 1 error in") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a refused import left %s behind (%v)", db, err)
	}

	good := filepath.Join(dir, "good.csv")
	registryCSV(t, good, 3, 3576010000000000, nil)
	if code, out, errOut := koroena(t, db, "import", "coops", good); code != 0 {
		t.Fatalf("exit %d:\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("an accepted import left no file: %v", err)
	}
}

// The first registry import can be dry-run: against a data file that does not exist yet,
// a dry run checks against an empty city and writes nothing at the path, nor leaves its
// temporary city behind; the real import into the same path then works.
func TestImportCoops_DryRunIntoNewFile(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir := t.TempDir()
	db := filepath.Join(dir, "new.db")
	good := filepath.Join(dir, "reg.csv")
	registryCSV(t, good, 3, 3576010000000000, nil)
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("nama,nik\nKSP A,123\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := koroena(t, db, "import", "coops", good, "--dry-run")
	if code != 0 || !strings.Contains(out, "would import: 3 new, 0 updated, 0 unchanged") {
		t.Errorf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	code, _, errOut = koroena(t, db, "import", "coops", bad, "--dry-run")
	if code != 1 || !strings.Contains(errOut, bad+":2:B: nik: ") {
		t.Errorf("dry run of a bad file: exit %d\n%s", code, errOut)
	}
	code, _, errOut = koroena(t, db, "import", "assessments", "--dry-run",
		filepath.Join("..", "..", "testdata", "import", "assessments-good.jsonl"))
	if code != 1 || !strings.Contains(errOut, ":1:nik: no stored cooperative has NIK") {
		t.Errorf("dry run of assessments: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a dry run wrote %s (%v)", db, err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("a dry run left %d files in the temporary folder", len(left))
	}

	code, out, errOut = koroena(t, db, "import", "coops", good)
	if code != 0 || !strings.Contains(out, "Imported: 3 new") {
		t.Errorf("import: exit %d\n%s%s", code, out, errOut)
	}
}

// An import reads no more than its cap: /dev/zero, which never ends, is refused with the
// size instead of running forever.
func TestImportAssessments_EndlessFileRefused(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	db := filepath.Join(t.TempDir(), "koroena.db")
	code, _, errOut := koroena(t, db, "import", "assessments", "/dev/zero", "--dry-run")
	if code != 1 || !strings.Contains(errOut, "/dev/zero: the file is larger than 64 MiB") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}

// --out - prints the record instead of writing a file named "-".
func TestReport_ToStandardOutput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "koroena.db")
	fixtures := filepath.Join("..", "..", "testdata", "import")
	koroena(t, db, "import", "coops", filepath.Join(fixtures, "coops-good.csv"))
	t.Chdir(t.TempDir())
	code, out, errOut := koroena(t, db, "--lang", "en", "report", "sumber rejeki",
		"--format", "md", "--out", "-")
	if code != 0 || !strings.HasPrefix(out, "# ") || !strings.Contains(out, "KSP Sumber Rejeki") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat("-"); !os.IsNotExist(err) {
		t.Errorf("a file named - was written")
	}
}

// A second import of a registry whose rows partly lack a NIK matches those rows to the
// cooperatives the first made, and says how; the screens' importer hands every error on.
func TestImportCoops_AgainMatchesRowsWithoutNIK(t *testing.T) {
	db := filepath.Join(t.TempDir(), "koroena.db")
	reg := filepath.Join("..", "..", "testdata", "import", "registry-200.xlsx")
	if code, _, errOut := koroena(t, db, "import", "coops", reg); code != 0 {
		t.Fatalf("first import: %s", errOut)
	}
	code, out, errOut := koroena(t, db, "import", "coops", reg)
	if code != 0 || !strings.Contains(out, "0 new") ||
		!strings.Contains(out, "rows without NIK matched:") {
		t.Errorf("second import: exit %d\n%s%s", code, out, errOut)
	}

	st := mustStore(t, filepath.Join(t.TempDir(), "screens.db"))
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("nama,nik\nA,1\nB,2\nC,3\nD,4\nE,5\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := registryImporter(st)(bad)
	var refused *tui.ImportRefusedError
	if !errors.As(err, &refused) || len(refused.Problems) != 5 {
		t.Errorf("refused import: %v, want every one of 5 errors", err)
	}
}
