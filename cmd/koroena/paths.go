package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// dataFile resolves the data file, once, for every command that opens the store: --db,
// else KOROENA_DB, else koroena.db in the user's data directory (dataDir). It creates the
// file's directory (0700) when missing; the store creates the file itself (0600).
func (a *app) dataFile() (string, error) {
	path := a.dbPath
	if path == "" {
		path = a.getenv("KOROENA_DB")
	}
	if path == "" {
		dir, err := a.dataDir()
		if err != nil {
			return "", err
		}
		path = filepath.Join(dir, "koroena.db")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", fmt.Errorf("create data folder: %w", err)
	}
	return path, nil
}

// dataDir is koroena's folder in the user's data directory: $XDG_DATA_HOME/koroena when
// that is an absolute path (the XDG rule), else ~/.local/share/koroena on Linux and the
// BSDs, ~/Library/Application Support/koroena on macOS, %LOCALAPPDATA%\koroena on Windows.
// The environment is read through a.getenv so tests can point it at a temp dir.
func (a *app) dataDir() (string, error) {
	if x := a.getenv("XDG_DATA_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, "koroena"), nil
	}
	if runtime.GOOS == "windows" {
		if l := a.getenv("LOCALAPPDATA"); l != "" {
			return filepath.Join(l, "koroena"), nil
		}
	}
	home := a.getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find data folder: %w (set --db or KOROENA_DB)", err)
		}
		home = h
	}
	if !filepath.IsAbs(home) {
		return "", errors.New("find data folder: HOME is not an absolute path " +
			"(set --db or KOROENA_DB)")
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Application Support", "koroena"), nil
	}
	return filepath.Join(home, ".local", "share", "koroena"), nil
}
