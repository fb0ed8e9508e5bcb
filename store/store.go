package store

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/user"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// DefaultTimeout is how long Open waits for another koroena to release the file lock.
const DefaultTimeout = time.Second

// Options tune Open. The zero value is ready to use.
type Options struct {
	// Timeout is how long to wait for the file lock; DefaultTimeout when zero.
	Timeout time.Duration
	// Actor names who writes, for the audit events; the OS user when empty.
	Actor string
	// Now is the clock; time.Now when nil. Tests pin it.
	Now func() time.Time
	// Logger receives debug and migration logs; discarded when nil.
	Logger *slog.Logger
	// ReadOnly opens the file with a shared lock and refuses every write with ErrReadOnly.
	// A file that needs a migration cannot be opened read-only.
	ReadOnly bool
}

// Store is an open koroena data file. Its methods are safe for concurrent use; each call
// is one bbolt transaction.
type Store struct {
	db       *bolt.DB
	path     string
	actor    string
	now      func() time.Time
	log      *slog.Logger
	readOnly bool
	drafts   draftCache // the last draft edited, decoded (draftcache.go)
}

// Open opens the data file at path, creating it (mode 0600) when it does not exist. The
// directory must exist. Open waits at most opts.Timeout for the file lock and then returns
// an error wrapping ErrLocked that names the file. A file at an older schema version is
// copied to "<path>.schema<N>-<time>.bak" and migrated; a damaged or foreign file gives
// ErrDamaged.
func Open(path string, opts Options) (*Store, error) {
	s := &Store{path: path, actor: opts.Actor, now: opts.Now, log: opts.Logger,
		readOnly: opts.ReadOnly}
	if s.actor == "" {
		s.actor = osUser()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}

	db, err := openBolt(path, timeout, opts.ReadOnly)
	if err != nil {
		return nil, err
	}
	s.db = db

	// Check the schema, back up and migrate, create missing buckets.
	if err := s.prepare(); err != nil {
		db.Close()
		return nil, err
	}
	s.log.Debug("store opened", "path", path, "read_only", opts.ReadOnly)
	return s, nil
}

// openBolt opens the bbolt file and turns its errors into the store's sentinels. bbolt can
// panic, or fault on its memory map, on some damaged files; that is turned into ErrDamaged
// too.
func openBolt(path string, timeout time.Duration, readOnly bool) (db *bolt.DB, err error) {
	if err := checkLength(path); err != nil {
		return nil, err
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, fmt.Errorf("open %s: %w (%v)", path, ErrDamaged, r)
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout, ReadOnly: readOnly,
		InitialMmapSize: initialMmapSize})
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("open %s: %w", path, ErrLocked)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch),
		errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrInvalidMapping):
		return nil, fmt.Errorf("open %s: %w: %w", path, ErrDamaged, err)
	default:
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
}

// osUser names the OS user for audit events.
func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if name := os.Getenv("USER"); name != "" {
		return name
	}
	return "unknown"
}

// Close releases the file and its lock.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// Path is the data file's path as given to Open.
func (s *Store) Path() string { return s.path }

// Actor is who the audit events of this store's writes name.
func (s *Store) Actor() string { return s.actor }

// view runs fn in a read transaction, turning a bbolt panic on a damaged page into
// ErrDamaged.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("read %s: %w (%v)", s.path, ErrDamaged, r)
		}
	}()
	return s.db.View(fn)
}

// update runs fn in a write transaction; an error from fn rolls everything back.
func (s *Store) update(fn func(w *writer) error) (err error) {
	if s.readOnly {
		return ErrReadOnly
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("write %s: %w (%v)", s.path, ErrDamaged, r)
		}
	}()
	return s.db.Update(func(tx *bolt.Tx) error {
		return fn(&writer{tx: tx, actor: s.actor, now: s.now().UTC()})
	})
}
