package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"koroena/store/demo"
)

// Regression: every command opened the data file for writing, so a file the user may only
// read (a colleague's copy, a read-only folder or stick) gave "open F: open F: permission
// denied" even to list and export. Reading commands now open such a file read-only, and a
// writing one says what is wrong and what still works. Root writes any file, so the test
// runs only for another user (e.g. setpriv --reuid=65534 on the compiled test binary).
func TestReadOnlyFile_ReadingCommandsWorkWritingOnesSayWhy(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "koroena.db")
	if _, err := demo.WriteFile(db, demo.Options{Coops: 5, Years: 1}); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	if f, err := os.OpenFile(db, os.O_RDWR, 0); err == nil {
		f.Close()
		t.Skip("this user writes read-only files (root); run the test as another user")
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}

	code, out, errOut := koroena(t, db, "list")
	if code != 0 || !strings.Contains(out, "Koperasi") {
		t.Errorf("list: exit %d, stderr %q, out %.200q", code, errOut, out)
	}
	code, _, errOut = koroena(t, db, "export", "--format", "json", "--out",
		filepath.Join(t.TempDir(), "x.jsonl"))
	if code != 0 {
		t.Errorf("export: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = koroena(t, db, "check")
	if code != 0 {
		t.Errorf("check: exit %d, stderr %q", code, errOut)
	}

	csv := filepath.Join(t.TempDir(), "reg.csv")
	registryCSV(t, csv, 3, 3576010100000000, nil)
	code, _, errOut = koroena(t, db, "import", "coops", csv)
	want := db + " cannot be opened for writing: permission denied"
	if code != 1 || !strings.Contains(errOut, want) || strings.Count(errOut, db) != 1 {
		t.Errorf("import: exit %d, stderr %q, want one line with %q", code, errOut, want)
	}
	after, err := os.ReadFile(db)
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the read-only file changed (%v)", err)
	}
}
