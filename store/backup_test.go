package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestAutoBackup_DailyAndKeepsTheLastN(t *testing.T) {
	s := mustOpen(t)
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)

	// An empty file is not backed up.
	if p, err := s.AutoBackup(now); err != nil || p != "" {
		t.Fatalf("empty file: %q, %v; want no backup", p, err)
	}
	mustCoop(t, s, "KSP Satu", "")
	if err := s.SetSetting(SettingBackupKeep, "3"); err != nil {
		t.Fatal(err)
	}

	// The first writing session makes one; another within a day does not.
	first, err := s.AutoBackup(now)
	if err != nil || first == "" {
		t.Fatalf("first: %q, %v", first, err)
	}
	if p, _ := s.AutoBackup(now.Add(23 * time.Hour)); p != "" {
		t.Errorf("backup %s within a day of the last", p)
	}
	for d := 1; d <= 4; d++ {
		if p, err := s.AutoBackup(now.Add(time.Duration(d) * 25 * time.Hour)); err != nil ||
			p == "" {
			t.Fatalf("day %d: %q, %v", d, p, err)
		}
	}
	list, err := Backups(s.Path())
	if err != nil || len(list) != 3 {
		t.Fatalf("backups %v, %v; want the last 3", list, err)
	}
	if _, err := os.Stat(first); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("oldest backup %s still there", first)
	}
	for _, b := range list {
		if err := VerifyFile(b.Path); err != nil {
			t.Errorf("backup %s: %v", b.Path, err)
		}
	}
	if newest, _ := NewestBackup(s.Path()); !newest.Time.Equal(now.Add(100 * time.Hour)) {
		t.Errorf("newest backup made %v, want %v", newest.Time, now.Add(100*time.Hour))
	}
}

func TestRestore_ReplacesAndKeepsTheOld(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "koroena.db")
	s := mustOpenPath(t, path)
	mustCoop(t, s, "KSP Satu", "3573010000000001")
	backup := filepath.Join(dir, "copy.db")
	if err := s.WriteBackup(backup); err != nil {
		t.Fatal(err)
	}
	mustCoop(t, s, "KSP Dua", "3573010000000002")

	// Refused while the file is open.
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	if _, err := Restore(backup, path, now); !errors.Is(err, ErrLocked) {
		t.Fatalf("restore while open: %v, want ErrLocked", err)
	}
	s.Close()

	replaced, err := Restore(backup, path, now)
	if err != nil {
		t.Fatal(err)
	}
	s = mustOpenPath(t, path)
	if sums, _ := s.CooperativeSummaries(); len(sums) != 1 || sums[0].Name != "KSP Satu" {
		t.Errorf("restored file holds %v, want only KSP Satu", sums)
	}
	s.Close()
	old := mustOpenPath(t, replaced)
	if sums, _ := old.CooperativeSummaries(); len(sums) != 2 {
		t.Errorf("replaced file holds %d cooperatives, want 2", len(sums))
	}
	if b, ok := NewestBackup(path); ok && b.Path == replaced {
		t.Errorf("the replaced file is offered as the backup to restore")
	}
}

func TestRestore_RefusesANonKoroenaFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.db")
	if err := os.WriteFile(bad, []byte("not a database at all, just text"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Restore(bad, filepath.Join(dir, "koroena.db"), time.Now())
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("restore of a text file: %v, want ErrDamaged", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "koroena.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a data file was made")
	}
}

func TestCompact_SwapsAndKeepsTheOriginal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "koroena.db")
	s := mustOpenPath(t, path)
	for i := range 300 {
		mustCoop(t, s, fmt.Sprintf("KSP %03d", i), "")
	}
	want, _ := s.CooperativeSummaries()
	s.Close()
	before, _ := os.Stat(path)

	original, err := Compact(path, time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if after.Size() >= before.Size() {
		t.Errorf("size %d → %d, want smaller", before.Size(), after.Size())
	}
	if err := VerifyFile(original); err != nil {
		t.Errorf("original %s: %v", original, err)
	}
	s = mustOpenPath(t, path)
	got, _ := s.CooperativeSummaries()
	if len(got) != len(want) {
		t.Errorf("%d cooperatives after compacting, want %d", len(got), len(want))
	}
	if problems, err := s.Check(nil); err != nil || len(problems) != 0 {
		t.Errorf("check after compacting: %v %v", problems, err)
	}
	if _, err := Compact(path, time.Now()); !errors.Is(err, ErrLocked) {
		t.Errorf("compact while open: %v, want ErrLocked", err)
	}
	s.Close()

	// Compacted already, the file is left as it is: no larger copy swapped in.
	before, _ = os.Stat(path)
	if _, err := Compact(path, time.Now()); !errors.Is(err, ErrAlreadyCompact) {
		t.Errorf("second compact: %v, want ErrAlreadyCompact", err)
	}
	if again, _ := os.Stat(path); again.Size() != before.Size() ||
		!again.ModTime().Equal(before.ModTime()) {
		t.Errorf("the compact file was changed")
	}
	if _, err := os.Stat(path + ".compact"); !os.IsNotExist(err) {
		t.Errorf("the larger copy was left behind: %v", err)
	}
}
