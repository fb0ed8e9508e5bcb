package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"koroena/scoring"
	"koroena/tui"
)

// runTUI opens the data file (or a fresh demo city with --demo) and runs the screens
// until the user quits.
func (a *app) runTUI(_ *cobra.Command) error {
	// The screens need a terminal on both ends; say so plainly rather than fail inside.
	if !isTTY(a.stdin) || !isTTY(a.stdout) {
		return &exitError{code: 1, msg: "the screens need a terminal; " +
			"for plain output use `koroena list`"}
	}

	// Resolve where the data lives; --demo writes a fresh city first and says where.
	path, err := a.dataFile()
	if a.demo {
		path, err = a.freshDemoFile()
		if err == nil {
			fmt.Fprintf(a.stdout, "Opening the demo city in %s\n", path)
		}
	}
	if err != nil {
		return err
	}

	// Open the store before the screens take the terminal, so errors print plainly.
	logger, closeLog, err := a.debugLogger()
	if err != nil {
		return err
	}
	defer closeLog()
	st, err := a.openStore(path, openWrite) // damage and lock messages; the daily backup
	if err != nil {
		return err
	}
	defer st.Close()

	lang, err := tui.ResolveLanguage(a.lang, st, a.getenv)
	if err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	logger.Info("start", "db", path, "lang", lang)

	reg, cat := a.loadInstruments(), a.loadConditions()
	m := tui.New(st, tui.Options{
		Lang:        lang,
		Logger:      logger,
		AspectLabel: aspectLabeller(reg),
		Instruments: reg,
		Report:      reportWriter(st, reg, cat), // report.go
		Import:      registryImporter(st),       // import.go
		Conditions:  cat,
		ExportDir:   exportDir(),
	})
	p := tea.NewProgram(m, tea.WithInput(a.stdin), tea.WithOutput(a.stdout))
	if _, err := p.Run(); err != nil {
		return fmt.Errorf("run screens: %w", err)
	}
	return nil
}

// debugLogger opens the debug log ($XDG_STATE_HOME/koroena/koroena.log) when --debug or
// KOROENA_DEBUG asks for it; otherwise records are discarded. The screens own the
// terminal, so nothing may go to stdout or stderr while they run.
func (a *app) debugLogger() (*slog.Logger, func(), error) {
	if !a.debug && a.getenv("KOROENA_DEBUG") == "" {
		return slog.New(slog.NewTextHandler(io.Discard, nil)), func() {}, nil
	}
	base := a.getenv("XDG_STATE_HOME")
	if base == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, nil, fmt.Errorf("find state folder: %w", err)
		}
		base = filepath.Join(home, ".local", "state")
	}
	dir := filepath.Join(base, "koroena")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("create log folder: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "koroena.log"),
		os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("open debug log: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return logger, func() { _ = f.Close() }, nil
}

// exportDir is where the screens write exports such as the training CSV: the folder
// koroena was started in, or none if it cannot be known.
func exportDir() string {
	d, err := os.Getwd()
	if err != nil {
		return ""
	}
	return d
}

// aspectLabeller names aspects from the instruments' own metadata.
func aspectLabeller(reg *scoring.Registry) func(tui.Language, string, int, string) (string, bool) {
	return func(lang tui.Language, instrument string, version int, aspect string) (string, bool) {
		in, err := reg.Lookup(instrument + "@" + strconv.Itoa(version))
		if err != nil {
			return "", false
		}
		for _, asp := range in.Aspects {
			if asp.ID == aspect {
				return asp.Label.In(string(lang)), true
			}
		}
		return "", false
	}
}

// isTTY reports whether v (a reader or a writer) is a file open on a terminal.
func isTTY(v any) bool {
	f, ok := v.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}
