package store

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// compactTxSize is how many bytes bbolt's compactor copies per transaction.
const compactTxSize = 64 << 20

// Compact rewrites the data file at path without its free pages and swaps the copy in
// atomically (a rename). The original is kept in the backups folder as a
// BackupPreCompact backup, whose path it returns. It refuses with ErrLocked while another
// koroena has the file open, and with ErrDamaged when the file fails bbolt's check.
func Compact(path string, now time.Time) (original string, err error) {
	if err := VerifyFile(path); err != nil {
		return "", fmt.Errorf("compact: %w", err)
	}
	src, err := openBolt(path, DefaultTimeout, false) // the exclusive lock for the swap
	if err != nil {
		return "", fmt.Errorf("compact: %w", err)
	}
	defer src.Close()

	// Write the compacted copy beside the file.
	tmp := path + ".compact"
	_ = os.Remove(tmp)
	if err := compactInto(tmp, src); err != nil {
		_ = os.Remove(tmp)
		return "", fmt.Errorf("compact: %w", err)
	}
	// A file that is compact already (a fresh backup, say) may copy to a larger one:
	// then the original stays.
	if newer, err := os.Stat(tmp); err != nil {
		_ = os.Remove(tmp)
		return "", fmt.Errorf("compact: %w", err)
	} else if older, err := os.Stat(path); err == nil && newer.Size() >= older.Size() {
		_ = os.Remove(tmp)
		return "", ErrAlreadyCompact
	}

	// Keep the original (a hard link costs nothing; copy where links are not allowed),
	// then rename the copy over it.
	original = backupPath(path, now, BackupPreCompact)
	if err := os.MkdirAll(filepath.Dir(original), 0o700); err != nil {
		return "", fmt.Errorf("compact: %w", err)
	}
	if err := os.Link(path, original); err != nil {
		if err := copyFile(path, original); err != nil {
			_ = os.Remove(tmp)
			return "", fmt.Errorf("compact: keep the original: %w", err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return "", fmt.Errorf("compact: %w", err)
	}
	return original, syncDir(filepath.Dir(path))
}

// compactInto copies every bucket of src into a new file at dst.
func compactInto(dst string, src *bolt.DB) error {
	db, err := bolt.Open(dst, 0o600, &bolt.Options{Timeout: DefaultTimeout})
	if err != nil {
		return err
	}
	if err := bolt.Compact(db, src, compactTxSize); err != nil {
		db.Close()
		return err
	}
	if err := db.Sync(); err != nil {
		db.Close()
		return err
	}
	return db.Close()
}
