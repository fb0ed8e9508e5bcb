package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Settings read by the backup functions and the printed record.
const (
	// SettingBackupKeep is how many automatic backups AutoBackup keeps (default
	// DefaultBackupKeep).
	SettingBackupKeep = "backup.keep"
	// SettingOfficeName is the cooperative office's name, printed on reports.
	SettingOfficeName = "office.name"
)

// DefaultBackupKeep is how many automatic backups are kept when the setting is absent.
const DefaultBackupKeep = 10

// BackupInterval is how old the newest backup may get before AutoBackup makes another.
const BackupInterval = 24 * time.Hour

// Kinds of backup, as the suffix of their file names says.
const (
	BackupAuto       = "auto"       // made by AutoBackup; pruned to the last N
	BackupPreCompact = "precompact" // the original of a compacted file
	BackupReplaced   = "replaced"   // a data file that a restore replaced
)

// stampLayout is the UTC time in backup file names.
const stampLayout = "20060102T150405Z"

// Backup is one file in the backups folder beside a data file.
type Backup struct {
	Path string
	Time time.Time // when it was made, from its name
	Kind string    // BackupAuto, BackupPreCompact or BackupReplaced
}

// BackupDir is the backups folder beside a data file.
func BackupDir(dataPath string) string {
	return filepath.Join(filepath.Dir(dataPath), "backups")
}

// backupPath names a new backup of dataPath made at t: "<dir>/backups/<base>-<stamp>.db",
// with "-<kind>" before ".db" for the kinds other than BackupAuto.
func backupPath(dataPath string, t time.Time, kind string) string {
	base := strings.TrimSuffix(filepath.Base(dataPath), filepath.Ext(dataPath))
	name := base + "-" + t.UTC().Format(stampLayout)
	if kind != BackupAuto {
		name += "-" + kind
	}
	return filepath.Join(BackupDir(dataPath), name+".db")
}

// NewBackupPath is where a backup of dataPath made at t goes in its backups folder, as an
// automatic one (kept among the last SettingBackupKeep).
func NewBackupPath(dataPath string, t time.Time) string {
	return backupPath(dataPath, t, BackupAuto)
}

// Backups lists the backups of dataPath in its backups folder, newest first. A missing
// folder is no backups.
func Backups(dataPath string) ([]Backup, error) {
	dir := BackupDir(dataPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	base := strings.TrimSuffix(filepath.Base(dataPath), filepath.Ext(dataPath))
	var out []Backup
	for _, e := range entries {
		if b, ok := parseBackupName(base, e.Name()); ok && e.Type().IsRegular() {
			b.Path = filepath.Join(dir, e.Name())
			out = append(out, b)
		}
	}
	slices.SortFunc(out, func(a, b Backup) int { return b.Time.Compare(a.Time) })
	return out, nil
}

// parseBackupName reads the time and kind out of a backup's file name.
func parseBackupName(base, name string) (Backup, bool) {
	rest, ok := strings.CutPrefix(name, base+"-")
	if !ok {
		return Backup{}, false
	}
	rest, ok = strings.CutSuffix(rest, ".db")
	if !ok || len(rest) < len(stampLayout) {
		return Backup{}, false
	}
	t, err := time.Parse(stampLayout, rest[:len(stampLayout)])
	if err != nil {
		return Backup{}, false
	}
	kind := BackupAuto
	switch rest[len(stampLayout):] {
	case "":
	case "-" + BackupPreCompact:
		kind = BackupPreCompact
	case "-" + BackupReplaced:
		kind = BackupReplaced
	default:
		return Backup{}, false
	}
	return Backup{Time: t, Kind: kind}, true
}

// NewestBackup is the newest backup of dataPath that can be restored (a replaced file may
// be the damaged one, so it is left out); ok is false when there is none.
func NewestBackup(dataPath string) (Backup, bool) {
	list, err := Backups(dataPath)
	if err != nil {
		return Backup{}, false
	}
	for _, b := range list {
		if b.Kind != BackupReplaced {
			return b, true
		}
	}
	return Backup{}, false
}

// WriteBackup writes a consistent copy of the open file to path (mode 0600) while others
// may keep reading and writing: the copy is the state of one read transaction. It goes to
// a temporary file first and is renamed into place, so path never holds half a copy.
func (s *Store) WriteBackup(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	tmp := path + ".part"
	err := s.view(func(tx *bolt.Tx) error { return tx.CopyFile(tmp, 0o600) })
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	return nil
}

// AutoBackup makes the backup a writing session starts with: when the newest backup in
// the backups folder is older than BackupInterval (or there is none), it writes a new
// one there and removes the oldest automatic ones beyond the SettingBackupKeep setting.
// A file without cooperatives is not backed up. It returns the new backup's path, or ""
// when none was due.
func (s *Store) AutoBackup(now time.Time) (string, error) {
	if newest, ok := NewestBackup(s.path); ok && now.Sub(newest.Time) < BackupInterval {
		return "", nil
	}
	empty := true
	err := s.view(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketCoops).Cursor().First()
		empty = k == nil
		return nil
	})
	if err != nil || empty {
		return "", err
	}

	path := backupPath(s.path, now, BackupAuto)
	if err := s.WriteBackup(path); err != nil {
		return "", err
	}
	s.log.Info("automatic backup", "path", path)
	return path, s.pruneBackups()
}

// pruneBackups removes the oldest automatic backups beyond the kept number.
func (s *Store) pruneBackups() error {
	keep := DefaultBackupKeep
	if v, ok, err := s.Setting(SettingBackupKeep); err == nil && ok {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 1 {
			keep = n
		}
	}
	list, err := Backups(s.path)
	if err != nil {
		return err
	}
	n := 0
	for _, b := range list {
		if b.Kind != BackupAuto {
			continue
		}
		if n++; n > keep {
			if err := os.Remove(b.Path); err != nil {
				return fmt.Errorf("remove old backup: %w", err)
			}
		}
	}
	return nil
}

// VerifyFile opens a koroena data file read-only and runs bbolt's consistency check on it:
// a file that is not bbolt, fails the check or has no koroena meta bucket gives ErrDamaged.
func VerifyFile(path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("verify %s: %w", path, err)
	}
	db, err := openBolt(path, DefaultTimeout, true)
	if err != nil {
		return err
	}
	defer db.Close()
	s := &Store{db: db, path: path}
	return s.view(func(tx *bolt.Tx) error {
		var first error
		for err := range tx.Check() { // read them all: the checker blocks until then
			if first == nil {
				first = err
			}
		}
		if first != nil {
			return fmt.Errorf("verify %s: %w: %w", path, ErrDamaged, first)
		}
		if v, err := readVersion(tx); err != nil || v == 0 {
			return fmt.Errorf("verify %s: %w: no koroena data in it", path, ErrDamaged)
		}
		return nil
	})
}

// Restore puts a backup in the place of the data file at dataPath. The backup must pass
// VerifyFile. It refuses with ErrLocked while another koroena has the data file open. The
// file it replaces (when there is one) is kept in the backups folder as a BackupReplaced
// backup, whose path it returns. The new file is written beside the old and renamed over
// it, so the data file is always whole.
func Restore(backup, dataPath string, now time.Time) (replaced string, err error) {
	if err := VerifyFile(backup); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	unlock, err := lockFile(dataPath)
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	defer unlock()

	// Keep the file being replaced.
	if _, err := os.Stat(dataPath); err == nil {
		replaced = backupPath(dataPath, now, BackupReplaced)
		if err := os.MkdirAll(BackupDir(dataPath), 0o700); err != nil {
			return "", fmt.Errorf("restore: %w", err)
		}
		if err := copyFile(dataPath, replaced); err != nil {
			return "", fmt.Errorf("restore: keep the replaced file: %w", err)
		}
	}

	// Copy the backup beside the data file, then swap it in.
	tmp := dataPath + ".restore"
	if err := copyFile(backup, tmp); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	if err := os.Rename(tmp, dataPath); err != nil {
		_ = os.Remove(tmp)
		return "", fmt.Errorf("restore: %w", err)
	}
	return replaced, syncDir(filepath.Dir(dataPath))
}

// copyFile copies src to a new file dst (mode 0600) and syncs it.
func copyFile(src, dst string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			_ = os.Remove(dst)
		}
	}()
	if _, err := io.Copy(out, in); err != nil {
		return err
	}
	return out.Sync()
}

// syncFile flushes a written file to the disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir flushes a folder's entries (a rename) to the disk where the system allows it.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	_ = d.Sync() // not supported on every system; the rename itself is done
	return nil
}
