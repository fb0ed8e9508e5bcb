package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"koroena/store"
)

// compactCmd rewrites the data file without its free pages.
func (a *app) compactCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "compact",
		Short: "Rewrite the data file without its free space, keeping the original",
		Long: "Write a compacted copy of the data file and swap it in atomically (a\n" +
			"rename). The original is kept in backups/ beside the data file, named\n" +
			"...-precompact.db. Refused while another koroena has the file open.",
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error { return a.runCompact() },
	}
}

func (a *app) runCompact() error {
	path, err := a.dataFile()
	if err != nil {
		return err
	}
	before, err := os.Stat(path)
	if err != nil {
		return &exitError{code: 1, msg: fmt.Sprintf("no data file at %s", path)}
	}
	original, err := store.Compact(path, time.Now())
	switch {
	case errors.Is(err, store.ErrAlreadyCompact):
		fmt.Fprintf(a.stdout, "%s is compact already (%s); it was left as it was.\n", path,
			size(before.Size()))
		return nil
	case errors.Is(err, store.ErrLocked):
		return &exitError{code: 1, msg: fmt.Sprintf("compact refused: %s is open in another "+
			"koroena; close it first", path)}
	case errors.Is(err, store.ErrDamaged):
		return &exitError{code: 1, msg: damagedMessage(path, err)}
	case err != nil:
		return err
	}
	after, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Compacted %s: %s → %s\nThe original is kept as %s\n", path,
		size(before.Size()), size(after.Size()), original)
	return nil
}

// size writes a byte count for people.
func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
