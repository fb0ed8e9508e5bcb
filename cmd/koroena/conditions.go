package main

import (
	"fmt"
	"strings"

	"koroena/scoring/diagnosis"
)

// conditionsDir is where local diagnosis catalogue files live: <config>/koroena/conditions.
func (a *app) conditionsDir() string { return a.configSubdir("conditions") }

// loadConditions builds the diagnosis catalogue from the embedded files and the local
// folder. A broken local file or entry is reported on stderr and left out; the rest of
// the catalogue stays usable.
func (a *app) loadConditions() *diagnosis.Catalogue {
	dir := a.conditionsDir()
	cat, errs := diagnosis.Load(a.localFS(dir, "conditions"))
	for _, err := range errs {
		fmt.Fprintf(a.stderr, "koroena: local conditions: %s: %s\n", dir,
			strings.TrimSpace(err.Error()))
	}
	return cat
}
