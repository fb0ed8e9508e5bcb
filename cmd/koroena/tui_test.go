package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Without a terminal the screens refuse at once with a plain message, and leave no data
// file behind.
func TestRunTUI_NeedsTerminal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	code, out, errOut := runWithEnv(t, nil, "--db", db)
	if code != 1 {
		t.Errorf("exit status: got %d, want 1", code)
	}
	if !strings.Contains(errOut, "the screens need a terminal") || out != "" {
		t.Errorf("stdout %q, stderr %q", out, errOut)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("data file made without a terminal: %v", err)
	}
}
