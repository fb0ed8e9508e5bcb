package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// Earlier demo cities beyond the newest five go, with their backups; one changed within
// the hour stays (another koroena may have it open), and other files are not touched.
func TestPruneDemoFiles(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	touch := func(name string, age time.Duration) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 8 {
		name := fmt.Sprintf("demo-20261204-0%d0000-%d", i, 100+i)
		age := time.Duration(9-i) * time.Hour
		if i == 1 {
			age = time.Minute // in use, though old by name
		}
		touch(name+".db", age)
		touch(filepath.Join("backups", name+"-20261204T000000Z.db"), age)
	}
	touch("notes.txt", 100*time.Hour)

	pruneDemoFiles(dir, 5, now)
	var left []string
	_ = filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			left = append(left, rel)
		}
		return nil
	})
	slices.Sort(left)
	var want []string
	for _, i := range []int{1, 3, 4, 5, 6, 7} {
		name := fmt.Sprintf("demo-20261204-0%d0000-%d", i, 100+i)
		want = append(want, filepath.Join("backups", name+"-20261204T000000Z.db"), name+".db")
	}
	want = append(want, "notes.txt")
	slices.Sort(want)
	if !slices.Equal(left, want) {
		t.Errorf("left\n%q\nwant\n%q", left, want)
	}
}
