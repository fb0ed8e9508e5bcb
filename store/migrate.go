package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// schemaVersion is the layout of the file as a whole: its buckets and index formats. It is
// kept in the meta bucket and raised by migrations.
//
//	1: records, indexes and audit, without the per-cooperative summary
//	2: adds coop_summary, the compact rows of the cooperative list
//	3: adds treatments and treatments_by_coop, the treatment plans
//	4: adds coops_by_name and the list counts, the list's first screen (listhead.go)
const schemaVersion = 4

// migrations[i] takes a file from schema version i+1 to i+2. Each step is idempotent and
// runs inside the single transaction that also raises the version.
var migrations = []func(tx *bolt.Tx) error{
	migrateBuildSummaries, // 1 → 2
	migrateAddTreatments,  // 2 → 3
	migrateListHead,       // 3 → 4
}

// prepare reads the file's schema version, initializes a new file, and migrates an older
// one after a backup copy.
func (s *Store) prepare() error {
	var version int
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		version, err = readVersion(tx)
		return err
	})
	if err != nil {
		return fmt.Errorf("open %s: %w", s.path, err)
	}

	// Refuse what this code cannot write, and leave an up-to-date file alone.
	switch {
	case version > schemaVersion:
		return fmt.Errorf("open %s: schema %d, this koroena knows up to %d: %w",
			s.path, version, schemaVersion, ErrTooNew)
	case version == schemaVersion:
		return nil
	case s.readOnly && version == 0:
		return fmt.Errorf("open %s: it holds no koroena data yet, and a read-only open "+
			"cannot set it up: %w", s.path, ErrReadOnly)
	case s.readOnly:
		return fmt.Errorf("open %s: schema %d needs a migration, which a read-only open "+
			"cannot do: %w", s.path, version, ErrReadOnly)
	}

	// Back up a file that holds data before changing its layout.
	if version > 0 {
		if err := s.backup(version); err != nil {
			return err
		}
	}

	// Create the buckets, run the missing steps and raise the version, all or nothing.
	err = s.db.Update(func(tx *bolt.Tx) error {
		if version > 0 {
			for v := version; v < schemaVersion; v++ {
				s.log.Info("migrating data file", "path", s.path, "from", v, "to", v+1)
				if err := migrations[v-1](tx); err != nil {
					return fmt.Errorf("migrate schema %d to %d: %w", v, v+1, err)
				}
			}
		}
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		return writeVersion(tx, schemaVersion)
	})
	if err != nil {
		return fmt.Errorf("open %s: %w", s.path, err)
	}
	return nil
}

// readVersion returns the file's schema version, 0 for a new empty file. A file with
// buckets but no meta bucket belongs to some other program.
func readVersion(tx *bolt.Tx) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		foreign := tx.ForEach(func([]byte, *bolt.Bucket) error { return ErrDamaged })
		if foreign != nil {
			return 0, fmt.Errorf("it has no koroena meta bucket: %w", ErrDamaged)
		}
		return 0, nil
	}
	v := meta.Get(keySchemaVersion)
	if len(v) != 8 {
		return 0, fmt.Errorf("schema version unreadable: %w", ErrDamaged)
	}
	n := binary.BigEndian.Uint64(v)
	if n == 0 || n > 1<<20 {
		return 0, fmt.Errorf("schema version %d: %w", n, ErrDamaged)
	}
	return int(n), nil
}

// writeVersion stores the schema version as 8 bytes big-endian.
func writeVersion(tx *bolt.Tx, version int) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	return meta.Put(keySchemaVersion, binary.BigEndian.AppendUint64(nil, uint64(version)))
}

// backup copies the file, consistently, to "<path>.schema<N>-<time>.bak" (mode 0600).
func (s *Store) backup(version int) error {
	dst := fmt.Sprintf("%s.schema%d-%s.bak", s.path, version,
		s.now().UTC().Format("20060102T150405Z"))
	err := s.db.View(func(tx *bolt.Tx) error { return tx.CopyFile(dst, 0o600) })
	if err != nil {
		return fmt.Errorf("back up %s before migrating: %w", s.path, err)
	}
	s.log.Info("backed up data file", "path", s.path, "backup", dst)
	return nil
}

// migrateBuildSummaries (1 → 2) builds the compact row of every cooperative from its
// record, its assessments and its visits.
func migrateBuildSummaries(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(bucketCoopSummary); err != nil {
		return err
	}
	coops := tx.Bucket(bucketCoops)
	if coops == nil {
		return nil
	}
	return coops.ForEach(func(k, v []byte) error {
		var rec coopRecord
		if err := decodeJSON(v, &rec); err != nil {
			return fmt.Errorf("cooperative %s: %w", idText(k), err)
		}
		return rebuildSummary(tx, k, rec.Cooperative)
	})
}
