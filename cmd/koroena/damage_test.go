package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"koroena/store"
	"koroena/store/demo"
)

// The damaged-file torture of issue #8: copies of a demo city cut short at many lengths,
// and copies with bytes flipped at random places, each given to the commands that read the
// file. None may panic; each either works, or says the file is damaged and names the
// newest backup with the command that restores it.

// damageRounds is how many flipped copies are tried: 2,000 with KOROENA_LONG=1.
func damageRounds() int {
	if os.Getenv("KOROENA_LONG") != "" {
		return 2000
	}
	return 60
}

// damageCity writes a small demo city and a backup of it, and returns the data file's path,
// its bytes and the backup's path.
func damageCity(t *testing.T) (db string, pristine []byte, backup string) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "koroena.db")
	if _, err := demo.WriteFile(db, demo.Options{Coops: 30, Years: 2}); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := koroena(t, db, "backup"); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	b, ok := store.NewestBackup(db)
	if !ok {
		t.Fatal("no backup after koroena backup")
	}
	pristine, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	return db, pristine, b.Path
}

// damageCommands are the commands that read the file without a terminal.
func damageCommands(t *testing.T) [][]string {
	out := filepath.Join(t.TempDir(), "export.xlsx")
	return [][]string{{"list"}, {"list", "--json"}, {"check"}, {"export", "--out", out}}
}

// runDamaged runs cmd on the damaged file at db and checks that it does not panic and that
// a failure says the file is damaged and names the backup.
func runDamaged(t *testing.T, db, backup, what string, cmd []string) (failed bool) {
	t.Helper()
	var code int
	var errOut string
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("%s: koroena %s panicked: %v", what, strings.Join(cmd, " "), r)
			}
		}()
		code, _, errOut = koroena(t, db, cmd...)
	}()
	if code == 0 {
		return false
	}
	restore := "koroena restore " + backup + " --db " + db
	if !strings.Contains(errOut, "is damaged") || !strings.Contains(errOut, restore) {
		t.Errorf("%s: koroena %s: exit %d without naming the backup:\n%s", what,
			strings.Join(cmd, " "), code, errOut)
	}
	return true
}

// write puts data at db.
func write(t *testing.T, db string, data []byte) {
	t.Helper()
	if err := os.WriteFile(db, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestDamagedFile_Truncated(t *testing.T) {
	db, pristine, backup := damageCity(t)
	n := len(pristine)
	cuts := []int{0, 1, 100, 4095, 4096, 8191, 8192, 12288, n / 4, n / 2, n - 4096, n - 1}
	failed := 0
	for _, cut := range cuts {
		write(t, db, pristine[:cut])
		for _, cmd := range damageCommands(t) {
			if runDamaged(t, db, backup, fmt.Sprintf("cut at %d of %d", cut, n), cmd) {
				failed++
			}
		}
	}
	if failed == 0 {
		t.Error("no truncated copy was refused: the test did not damage anything")
	}
}

func TestDamagedFile_FlippedBytes(t *testing.T) {
	db, pristine, backup := damageCity(t)
	r := rand.New(rand.NewPCG(8, 2026))
	rounds, refused := damageRounds(), 0
	for round := range rounds {
		data := append([]byte(nil), pristine...)
		// One to eight bytes, in the meta and root pages as often as anywhere else.
		var at []int
		for range 1 + r.IntN(8) {
			i := r.IntN(len(data))
			if r.IntN(3) == 0 {
				i = r.IntN(3 * 4096)
			}
			data[i] ^= byte(1 + r.IntN(255))
			at = append(at, i)
		}
		write(t, db, data)
		what := fmt.Sprintf("round %d, bytes flipped at %v", round, at)
		for _, cmd := range damageCommands(t) {
			if runDamaged(t, db, backup, what, cmd) {
				refused++
			}
		}
	}
	t.Logf("%d flipped copies, %d commands refused them", rounds, refused)
}

// Regression test for issue #8: `koroena check` listed the problems of a damaged file but
// named no backup to restore, unlike every other command on a damaged file.
func TestCheck_ProblemsNameTheNewestBackup(t *testing.T) {
	db, pristine, backup := damageCity(t)
	// Change the first digit of a stored total: the file still opens, and only the check
	// finds that the assessment no longer scores to it.
	i := strings.Index(string(pristine), `"total":"`)
	if i < 0 {
		t.Fatal("no stored total in the city")
	}
	data := append([]byte(nil), pristine...)
	j := i + len(`"total":"`)
	data[j] = map[bool]byte{true: '9', false: '1'}[data[j] == '1']
	write(t, db, data)
	if !runDamaged(t, db, backup, "a changed total", []string{"check"}) {
		t.Fatal("check passed a file whose stored total was changed")
	}
}

// Regression test for issue #8: a page element that claims a key of 1.8 GB killed
// `koroena check` with SIGBUS inside bbolt's checking goroutine (found by the flipped
// bytes torture: bbolt's check wrote the whole key in hex into its message, reading far
// past the end of the file, where no recover reaches). Now the check says the file is
// damaged and names the backup.
func TestCheck_HugeKeyOnABranchPage(t *testing.T) {
	db, pristine, backup := damageCity(t)

	// The assessments bucket's root is a branch page (header 16 bytes, then elements of 16:
	// pos, ksize, pgid). Its second element gets the first one's key, which sorts before
	// what the first child holds, and a size of 0x6d000010: bbolt's check reports the
	// order and writes the key into the message. The cursor walk that reads every record
	// first never reads branch keys.
	raw, err := bolt.Open(db, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var root uint64
	pageSize := raw.Info().PageSize
	err = raw.View(func(tx *bolt.Tx) error {
		root = uint64(tx.Bucket([]byte("assessments")).Root())
		return nil
	})
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	data := append([]byte(nil), pristine...)
	page := data[int(root)*pageSize:]
	if flags := binary.LittleEndian.Uint16(page[8:]); flags != 0x01 {
		t.Fatalf("the assessments root %d is not a branch page (flags %#x)", root, flags)
	}
	if count := binary.LittleEndian.Uint16(page[10:]); count < 2 {
		t.Fatalf("the assessments root has %d elements, want 2 or more", count)
	}
	e0, e1 := page[16:], page[32:]
	binary.LittleEndian.PutUint32(e1[0:], binary.LittleEndian.Uint32(e0[0:])-16)
	binary.LittleEndian.PutUint32(e1[4:], 0x6d000010)
	write(t, db, data)

	if !runDamaged(t, db, backup, "a huge branch key", []string{"check"}) {
		t.Fatal("check passed a branch page with a key of 1.8 GB")
	}
}

// A fault caught in a broken page is told as such, not as Go's runtime message.
func TestDamageReason(t *testing.T) {
	err := fmt.Errorf("open x.db: %w (runtime error: index out of range "+
		"[18446744073705070592])", store.ErrDamaged)
	got := damageReason(err)
	if strings.Contains(got, "runtime") || !strings.Contains(got, "a page of it cannot be read") ||
		!strings.Contains(got, "damaged") {
		t.Errorf("damageReason = %q", got)
	}
	if got := damageReason(errors.New("checksum error")); got != "checksum error" {
		t.Errorf("damageReason = %q", got)
	}
}
