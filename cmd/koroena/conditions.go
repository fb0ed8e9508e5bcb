package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"koroena/scoring/diagnosis"
)

// conditionsDir is where local diagnosis catalogue files live: <config>/koroena/conditions.
func (a *app) conditionsDir() string {
	d, err := a.configDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "conditions")
}

// loadConditions builds the diagnosis catalogue from the embedded files and the local
// folder. A broken local file or entry is reported on stderr and left out; the rest of
// the catalogue stays usable.
func (a *app) loadConditions() *diagnosis.Catalogue {
	dir := a.conditionsDir()
	var local fs.FS
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		local = os.DirFS(dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(a.stderr, "koroena: warning: local conditions: %v\n", err)
	}
	cat, errs := diagnosis.Load(local)
	for _, err := range errs {
		fmt.Fprintf(a.stderr, "koroena: local conditions: %s: %s\n", dir,
			strings.TrimSpace(err.Error()))
	}
	return cat
}
