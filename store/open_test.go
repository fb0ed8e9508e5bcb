package store

import (
	"bufio"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// lockHelperEnv names the file a child test process holds open for TestOpen_Locked.
const lockHelperEnv = "KOROENA_TEST_HOLD_LOCK"

// TestHelperHoldLock is not a test: run by TestOpen_Locked in a child process, it opens
// the file, says "ready" and holds the lock until its stdin closes.
func TestHelperHoldLock(t *testing.T) {
	path := os.Getenv(lockHelperEnv)
	if path == "" {
		t.Skip("only runs as TestOpen_Locked's child")
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	os.Stdout.WriteString("ready\n")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
}

// bbolt's flock is per open file description, so the second opener must be another
// process: the test binary re-executed.
func TestOpen_Locked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "koroena.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldLock$")
	cmd.Env = append(os.Environ(), lockHelperEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		t.Fatalf("child said %q, %v", line, err)
	}

	start := time.Now()
	s, err := Open(path, Options{Timeout: time.Second})
	elapsed := time.Since(start)
	if err == nil {
		s.Close()
		t.Fatal("second open succeeded, want ErrLocked")
	}
	if !errors.Is(err, ErrLocked) {
		t.Errorf("err = %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
	if elapsed > 2*time.Second {
		t.Errorf("gave up after %v, want within 2s", elapsed)
	}
}

func TestOpen_Damaged(t *testing.T) {
	tests := []struct {
		name    string
		content func(t *testing.T, path string)
	}{
		{"text file", func(t *testing.T, path string) {
			writeFile(t, path, []byte(strings.Repeat("not a database\n", 1000)))
		}},
		{"short file", func(t *testing.T, path string) { writeFile(t, path, []byte("bolt")) }},
		{"zeroed pages", func(t *testing.T, path string) {
			writeFile(t, path, make([]byte, 64<<10))
		}},
		{"truncated store", func(t *testing.T, path string) {
			s, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			// Keep the two meta pages and the first data page, cut the rest.
			if err := os.Truncate(path, 3*int64(os.Getpagesize())); err != nil {
				t.Fatal(err)
			}
		}},
		{"foreign bbolt file", func(t *testing.T, path string) {
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			db.Update(func(tx *bolt.Tx) error {
				_, err := tx.CreateBucket([]byte("someone else"))
				return err
			})
			db.Close()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "koroena.db")
			tt.content(t, path)
			s, err := Open(path, Options{Timeout: 100 * time.Millisecond})
			if err == nil {
				s.Close()
				t.Fatal("opened a damaged file")
			}
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), path) {
				t.Errorf("err = %v, want ErrDamaged naming the file", err)
			}
		})
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestOpen_TooNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "koroena.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error { return writeVersion(tx, schemaVersion+1) })
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{}); !errors.Is(err, ErrTooNew) {
		t.Errorf("err = %v, want ErrTooNew", err)
	}
}

// TestMigrate_FromSchema1 writes a file the way schema 1 laid it out (no coop_summary)
// and opens it with the current code: the file is backed up and the list rows are built.
func TestMigrate_FromSchema1(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "koroena.db")
	coopID, assessID := writeSchema1(t, path)

	s := mustOpenPath(t, path)
	sums, err := s.CooperativeSummaries()
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != 1 {
		t.Fatalf("%d summaries, want 1", len(sums))
	}
	got := sums[0]
	if got.ID != coopID || got.Name != "KSP Lama" || got.CoachName != "Wati" ||
		got.Latest == nil || got.Latest.ID != assessID || got.Latest.Total != "77.50" ||
		!got.LastVisit.Equal(time.Date(2023, 8, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("migrated summary = %+v, latest %+v", got, got.Latest)
	}

	// The backup is the schema-1 file as it was.
	backups, _ := filepath.Glob(path + ".schema1-*.bak")
	if len(backups) != 1 {
		t.Fatalf("backups = %v, want one", backups)
	}
	db, err := bolt.Open(backups[0], 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		if v, _ := readVersion(tx); v != 1 || tx.Bucket(bucketCoopSummary) != nil {
			t.Errorf("backup has schema %d, summary bucket %v", v,
				tx.Bucket(bucketCoopSummary) != nil)
		}
		return nil
	})

	// A second open finds nothing to migrate.
	s.Close()
	mustOpenPath(t, path)
	if backups, _ := filepath.Glob(path + ".schema*.bak"); len(backups) != 1 {
		t.Errorf("backups after reopening = %v", backups)
	}
}

// writeSchema1 builds a schema-1 file: one coach, one cooperative with a visit and a
// final assessment, with their indexes, and no coop_summary bucket.
func writeSchema1(t *testing.T, path string) (coopID, assessID string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	coachKey, coachID, _ := newID()
	coopKey, coopID, _ := newID()
	visitKey, visitID, _ := newID()
	assessKey, assessID, _ := newID()
	visitDate := time.Date(2023, 8, 1, 0, 0, 0, 0, time.UTC)
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if string(name) == string(bucketCoopSummary) {
				continue
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		put := func(bucket string, k []byte, v string) {
			if err := tx.Bucket([]byte(bucket)).Put(k, []byte(v)); err != nil {
				t.Fatal(err)
			}
		}
		put("meta", keySchemaVersion, string(binary.BigEndian.AppendUint64(nil, 1)))
		put("coaches", coachKey, `{"v":1,"id":"`+coachID+`","name":"Wati","active":true}`)
		put("coops", coopKey, `{"v":1,"id":"`+coopID+`","name":"KSP Lama","coach_id":"`+
			coachID+`","active":true,"notes":"catatan"}`)
		put("visits", visitKey, `{"v":1,"id":"`+visitID+`","coop_id":"`+coopID+
			`","date":"2023-08-01T00:00:00Z"}`)
		put("visits_by_coop", visitIndexKey(coopKey, visitDate, visitKey), "")
		put("assessments", assessKey, `{"v":1,"id":"`+assessID+`","coop_id":"`+coopID+
			`","instrument":"ksp-2016","instrument_version":1,"fiscal_year":2022,`+
			`"status":"final","result":{"complete":true,"total":"77.50"}}`)
		put("assessments_by_coop", assessIndexKey(coopKey, 2022, assessKey),
			`{"v":1,"id":"`+assessID+`","instrument":"ksp-2016","instrument_version":1,`+
				`"fiscal_year":2022,"status":"final","total":"77.50"}`)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return coopID, assessID
}

// The migration step is idempotent: running it twice builds the same rows.
func TestMigrate_BuildSummariesIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "koroena.db")
	writeSchema1(t, path)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var first, second []byte
	for _, out := range []*[]byte{&first, &second} {
		err := db.Update(func(tx *bolt.Tx) error {
			if err := migrateBuildSummaries(tx); err != nil {
				return err
			}
			_, v := tx.Bucket(bucketCoopSummary).Cursor().First()
			*out = append([]byte(nil), v...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if string(first) != string(second) || len(first) == 0 {
		t.Errorf("rows differ or are empty:\n%x\n%x", first, second)
	}
}

// A record written in a newer value layout is refused, not misread.
func TestStore_NewerValueLayout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "koroena.db")
	s := mustOpenPath(t, path)
	c := mustCoop(t, s, "KSP A", "")
	s.Close()

	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := idKey(c.ID)
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCoops).Put(key, []byte(`{"v":2,"name":"KSP A"}`))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s = mustOpenPath(t, path)
	if _, err := s.Cooperative(c.ID); !errors.Is(err, ErrTooNew) {
		t.Errorf("err = %v, want ErrTooNew", err)
	}
}
