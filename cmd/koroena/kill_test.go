package main

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"koroena/scoring"
	"koroena/store"
	"koroena/store/importer"
)

// helperArgsEnv carries the arguments of koroena run as a child by TestHelperKoroena.
const helperArgsEnv = "KOROENA_TEST_ARGS"

// TestHelperKoroena is not a test: re-executed by other tests with the arguments in
// helperArgsEnv, it is the koroena command, and exits with its status.
func TestHelperKoroena(t *testing.T) {
	raw := os.Getenv(helperArgsEnv)
	if raw == "" {
		t.Skip("only runs as a child process")
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		t.Fatal(err)
	}
	os.Exit(run(args, os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// koroenaChild starts koroena with args in a child process.
func koroenaChild(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	raw, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperKoroena$")
	cmd.Env = append(os.Environ(), helperArgsEnv+"="+string(raw), "HOME="+t.TempDir())
	return cmd
}

// A large import killed with SIGKILL at random moments leaves either nothing or
// everything, and check passes. 50 kills; 10 with -short (CI), which keeps the package
// within seconds. The kill moments spread over the whole run, daily backup included.
func TestImportCoops_KilledLeavesNothingOrEverything(t *testing.T) {
	kills, rows := 50, 2000
	if testing.Short() {
		kills = 10
	}
	dir := t.TempDir()
	base := seeded(t)
	csv := filepath.Join(dir, "large.csv")
	registryCSV(t, csv, rows, 3576010000000000, nil)

	// Time one whole run to know when to kill.
	db := filepath.Join(dir, "timing.db")
	copyFile(t, base, db)
	start := time.Now()
	whole := koroenaChild(t, "--db", db, "import", "coops", csv)
	if out, err := whole.CombinedOutput(); err != nil {
		t.Fatalf("whole import: %v\n%s", err, out)
	}
	took := time.Since(start)

	r := rand.New(rand.NewPCG(6, 2026))
	var nothing, everything int
	for i := range kills {
		db := filepath.Join(dir, "k.db")
		_ = os.RemoveAll(filepath.Join(dir, "backups"))
		copyFile(t, base, db)
		cmd := koroenaChild(t, "--db", db, "import", "coops", csv)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int64N(int64(took) * 11 / 10)))
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()

		n := countAndCheck(t, db)
		switch n {
		case 5:
			nothing++
		case 5 + rows:
			everything++
		default:
			t.Fatalf("kill %d: %d cooperatives, want 5 or %d", i, n, 5+rows)
		}
	}
	t.Logf("%d kills in %v runs: %d left nothing, %d everything", kills, took, nothing,
		everything)
}

// countAndCheck opens a data file, runs the full check and counts its cooperatives.
func countAndCheck(t *testing.T, db string) int {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer st.Close()
	problems, err := st.Check(importer.Rescorer(scoring.Default()))
	if err != nil || len(problems) > 0 {
		var lines []string
		for _, p := range problems {
			lines = append(lines, p.String())
		}
		t.Fatalf("check after kill: %v\n%s", err, strings.Join(lines, "\n"))
	}
	sums, err := st.CooperativeSummaries()
	if err != nil {
		t.Fatal(err)
	}
	return len(sums)
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
