package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"koroena/store"
	"koroena/store/demo"
)

// demoFlags are the options of `koroena demo`.
type demoFlags struct {
	coops int
	years int
	seed  uint64
	lean  bool
}

// leanAbove is the size of city from which `koroena demo` writes lean final assessments
// (demo.Options.Lean) unless --lean=false says otherwise: a country of 130,000
// cooperatives and 10 years takes about half the disk without the engine's output.
const leanAbove = 20_000

// demoCmd writes the demo city (domain/CITY.md) into a new data file.
func (a *app) demoCmd() *cobra.Command {
	var f demoFlags
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Write the demo city into a new data file",
		Long: "Write the demo city into a new data file: 187 active cooperatives of an " +
			"invented city with their coaches, visits and\nassessments, the same every " +
			"time. --db names the file, which must be new or empty; without it a fresh\n" +
			"file is made in the user's cache folder.",
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error { return a.runDemo(f) },
	}
	fl := cmd.Flags()
	fl.IntVar(&f.coops, "coops", demo.DefaultCoops, "active cooperatives to generate")
	fl.IntVar(&f.years, "years", demo.DefaultYears, "fiscal years of assessments, at most")
	fl.Uint64Var(&f.seed, "seed", demo.DefaultSeed, "seed of the generator")
	fl.BoolVar(&f.lean, "lean", false, fmt.Sprintf("leave the scoring engine's full output "+
		"out of final assessments (default above %d cooperatives)", leanAbove))
	cmd.PreRun = func(cmd *cobra.Command, _ []string) {
		if !cmd.Flags().Changed("lean") {
			f.lean = f.coops > leanAbove
		}
	}
	return cmd
}

// runDemo writes the city where --db says, or into a fresh file, and reports it.
func (a *app) runDemo(f demoFlags) error {
	// Zero means "the default" to the generator; on the command line it is a mistake.
	opts := demo.Options{Coops: f.coops, Years: f.years, Seed: f.seed, Lean: f.lean}
	if err := opts.Validate(); err != nil || f.coops < 1 || f.years < 1 {
		return &exitError{code: 1, msg: fmt.Sprintf(
			"demo: --coops must be 1 to %d and --years 1 to %d, not %d and %d",
			demo.MaxCoops, demo.MaxYears, f.coops, f.years)}
	}
	if f.coops > 2000 && isTerminal(a.stderr) {
		opts.Progress = func(done, total int) {
			fmt.Fprintf(a.stderr, "\rwriting %d of %d cooperatives", done, total)
			if done == total {
				fmt.Fprintln(a.stderr)
			}
		}
	}
	path, isNew, err := a.demoTarget()
	if err != nil {
		return err
	}

	start := time.Now()
	n, err := writeDemo(path, opts)
	if err != nil && isNew {
		os.Remove(path) // a half-written city is no use to anyone
	}
	if errors.Is(err, demo.ErrNotEmpty) {
		return &exitError{code: 1, msg: fmt.Sprintf(
			"demo: %s already has data; the demo city goes only into a new file", path)}
	}
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	a.reportDemo(path, n, time.Since(start))
	return nil
}

// isTerminal reports whether w is a terminal, where a progress line can overwrite itself.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// demoTarget is the file the demo city goes into: --db, else a fresh file in the cache
// folder. isNew reports that the file did not exist before.
func (a *app) demoTarget() (path string, isNew bool, err error) {
	if a.dbPath == "" {
		path, err = a.newDemoPath()
		return path, true, err
	}
	if err := os.MkdirAll(filepath.Dir(a.dbPath), 0o700); err != nil {
		return "", false, fmt.Errorf("create data folder: %w", err)
	}
	_, err = os.Stat(a.dbPath)
	return a.dbPath, errors.Is(err, os.ErrNotExist), nil
}

// reportDemo says where the city went and what it holds.
func (a *app) reportDemo(path string, n demo.Counts, took time.Duration) {
	fmt.Fprintf(a.stdout, "Wrote the demo city to %s in %.1fs:\n", path, took.Seconds())
	fmt.Fprintf(a.stdout, "  %d cooperatives (%d active, %d inactive), %d coaches\n",
		n.Cooperatives, n.Active, n.Cooperatives-n.Active, n.Coaches)
	fmt.Fprintf(a.stdout, "  %d final assessments, %d draft, %d visits\n",
		n.Assessments, n.Drafts, n.Visits)
	fmt.Fprintf(a.stdout, "  latest year: %d Sehat, %d Cukup Sehat, %d Dalam Pengawasan, "+
		"%d Dalam Pengawasan Khusus\n", n.Latest["sehat"], n.Latest["cukup_sehat"],
		n.Latest["dalam_pengawasan"], n.Latest["dalam_pengawasan_khusus"])
}

// writeDemo opens the file at path, writes the city of opts into it and closes it. The
// audit events carry the demo's fixed today and the actor "demo".
func writeDemo(path string, opts demo.Options) (demo.Counts, error) {
	s, err := store.Open(path, store.Options{
		Actor: "demo",
		Now:   func() time.Time { return demo.DefaultToday },
	})
	if err != nil {
		return demo.Counts{}, err
	}
	n, err := demo.Write(s, opts)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// freshDemoFile writes the default demo city into a new file in the user's cache folder
// and returns the file's path: `koroena --demo` opens the screens on it. Each call makes
// a new file, so nothing a user tried in an earlier demo carries over.
func (a *app) freshDemoFile() (path string, err error) {
	path, err = a.newDemoPath()
	if err != nil {
		return "", err
	}
	if _, err := writeDemo(path, demo.Options{}); err != nil {
		os.Remove(path)
		return "", fmt.Errorf("write demo city: %w", err)
	}
	return path, nil
}

// newDemoPath makes a new, empty file for a demo city in <cache>/koroena/demo and returns
// its path; the store fills an empty file as a new data file.
func (a *app) newDemoPath() (string, error) {
	dir := a.demoDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create demo folder: %w", err)
	}
	pruneDemoFiles(dir, keepDemoFiles, time.Now())
	name := "demo-" + time.Now().Format("20060102-150405") + "-*.db"
	f, err := os.CreateTemp(dir, name)
	if err != nil {
		return "", fmt.Errorf("create demo file: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("create demo file: %w", err)
	}
	return f.Name(), nil
}

// keepDemoFiles is how many earlier demo cities --demo keeps in its folder.
const keepDemoFiles = 5

// pruneDemoFiles removes the demo cities of dir beyond the keep newest, with their
// backups, so that each `koroena --demo` does not leave another 16 MB behind for good.
// A file changed within the last hour is kept, as another koroena may have it open;
// what cannot be removed is left alone.
func pruneDemoFiles(dir string, keep int, now time.Time) {
	files, err := filepath.Glob(filepath.Join(dir, "demo-*.db"))
	if err != nil || len(files) <= keep {
		return
	}
	slices.Sort(files) // the names start with the time they were made
	for _, f := range files[:len(files)-keep] {
		if st, err := os.Stat(f); err != nil || now.Sub(st.ModTime()) < time.Hour {
			continue
		}
		if os.Remove(f) != nil {
			continue
		}
		base := strings.TrimSuffix(filepath.Base(f), ".db")
		backups, _ := filepath.Glob(filepath.Join(store.BackupDir(f), base+"-*.db"))
		for _, b := range backups {
			os.Remove(b)
		}
	}
}

// demoDir is where fresh demo files go: $XDG_CACHE_HOME/koroena/demo when set, else the
// platform's cache folder (os.UserCacheDir), else the temporary folder.
func (a *app) demoDir() string {
	base := a.getenv("XDG_CACHE_HOME")
	if base == "" {
		d, err := os.UserCacheDir()
		if err != nil {
			d = os.TempDir()
		}
		base = d
	}
	return filepath.Join(base, "koroena", "demo")
}
