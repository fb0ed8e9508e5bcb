package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"koroena/scoring"
)

// configDir returns the user's configuration folder for koroena: $XDG_CONFIG_HOME/koroena
// when set, else the platform's (os.UserConfigDir).
func (a *app) configDir() (string, error) {
	base := a.getenv("XDG_CONFIG_HOME")
	if base == "" {
		d, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find config folder: %w", err)
		}
		base = d
	}
	return filepath.Join(base, "koroena"), nil
}

// instrumentsDir is where local instrument files live: <config>/koroena/instruments.
func (a *app) instrumentsDir() string { return a.configSubdir("instruments") }

// configSubdir names a folder inside the config folder, or "" when there is none.
func (a *app) configSubdir(name string) string {
	d, err := a.configDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, name)
}

// localFS opens a local override folder, or returns nil when it does not exist. Any other
// failure to read it is a warning naming what was being loaded: the embedded files still
// serve.
func (a *app) localFS(dir, what string) fs.FS {
	st, err := os.Stat(dir)
	switch {
	case err == nil && st.IsDir():
		return os.DirFS(dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(a.stderr, "koroena: warning: local %s: %v\n", what, err)
	}
	return nil
}

// loadInstruments builds the registry from the embedded instruments and the local folder.
// A broken local file is reported on stderr, naming the file and the field; the rest of
// the registry stays usable.
func (a *app) loadInstruments() *scoring.Registry {
	dir := a.instrumentsDir()
	reg, errs := scoring.Load(a.localFS(dir, "instruments"))
	for _, err := range errs {
		for line := range strings.Lines(err.Error()) {
			fmt.Fprintf(a.stderr, "koroena: local instrument ignored: %s\n",
				filepath.Join(dir, strings.TrimSpace(line)))
		}
	}
	return reg
}

// sourceText shows where an instrument version comes from: "embedded" or the local
// file's full path.
func (a *app) sourceText(source string) string {
	if source == scoring.SourceEmbedded {
		return source
	}
	return filepath.Join(a.instrumentsDir(), source)
}
