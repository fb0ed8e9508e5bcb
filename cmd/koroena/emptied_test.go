package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fileSize is the length of the file at path.
func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// Regression: a data file cut to 0 bytes (a failed copy or sync) was opened as a new, empty
// city: `koroena list` printed an empty table with exit status 0 and wrote 16 MiB of empty
// database into the file, and the screens would then have taken daily backups of the empty
// city. With backups beside it, such a file is now damage that names the backup; without
// them, a reading command says the file is empty and leaves it alone.
func TestEmptiedFile_IsDamageWhenBackupsExist(t *testing.T) {
	db, _, backup := damageCity(t)
	write(t, db, nil)
	restore := "koroena restore " + backup + " --db " + db
	for _, cmd := range [][]string{{"list"}, {"check"}, {"export", "--format", "json", "--out",
		filepath.Join(t.TempDir(), "x.jsonl")}} {
		code, out, errOut := koroena(t, db, cmd...)
		if code != 1 || !strings.Contains(errOut, "is damaged (it is empty: 0 bytes") ||
			!strings.Contains(errOut, restore) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", cmd, code, out, errOut)
		}
	}
	csv := filepath.Join(t.TempDir(), "reg.csv")
	registryCSV(t, csv, 3, 3576010100000000, nil)
	if code, _, errOut := koroena(t, db, "import", "coops", csv); code != 1 ||
		!strings.Contains(errOut, restore) {
		t.Errorf("import: exit %d, stderr %q", code, errOut)
	}
	if n := fileSize(t, db); n != 0 {
		t.Errorf("the emptied file was written: %d bytes", n)
	}
	if code, _, errOut := koroena(t, db, "restore", backup); code != 0 {
		t.Fatalf("restore: exit %d, stderr %q", code, errOut)
	}
	if code, out, _ := koroena(t, db, "list"); code != 0 || !strings.Contains(out, "Koperasi") {
		t.Errorf("after the restore, list: exit %d, out %.200q", code, out)
	}
}

func TestEmptiedFile_WithoutBackupsOnlyAWritingSessionStartsIt(t *testing.T) {
	db := filepath.Join(t.TempDir(), "koroena.db")
	write(t, db, nil)
	code, out, errOut := koroena(t, db, "list")
	if code != 1 || !strings.Contains(errOut, db+" is empty (0 bytes)") || out != "" {
		t.Errorf("list: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if n := fileSize(t, db); n != 0 {
		t.Errorf("list wrote into the empty file: %d bytes", n)
	}
	csv := filepath.Join(t.TempDir(), "reg.csv")
	registryCSV(t, csv, 3, 3576010100000000, nil)
	if code, _, errOut := koroena(t, db, "import", "coops", csv); code != 0 {
		t.Fatalf("import into the empty file: exit %d, stderr %q", code, errOut)
	}
	code, out, _ = koroena(t, db, "list")
	if code != 0 || !strings.Contains(out, "Koperasi Uji 3") {
		t.Errorf("after the import, list: exit %d, out %.200q", code, out)
	}
}
