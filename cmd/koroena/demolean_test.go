package main

import (
	"path/filepath"
	"testing"

	"koroena/store"
)

// outputs counts the final assessments of the file at path with and without the
// engine's output.
func outputs(t *testing.T, path string) (with, without int) {
	t.Helper()
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sums, err := st.CooperativeSummaries()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums {
		all, err := st.AssessmentsOf(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range all {
			switch {
			case a.Result == nil:
			case len(a.Result.Output) > 0:
				with++
			default:
				without++
			}
		}
	}
	return with, without
}

// koroena demo --lean leaves the engine's output out of the finals (issue #8); a city of
// the default size keeps it.
func TestDemo_Lean(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		lean bool
	}{
		{"default", nil, false},
		{"lean", []string{"--lean"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "city.db")
			args := append([]string{"demo", "--coops", "30", "--years", "2"}, tc.args...)
			if code, _, errOut := koroena(t, db, args...); code != 0 {
				t.Fatalf("demo: exit %d: %s", code, errOut)
			}
			with, without := outputs(t, db)
			if tc.lean && (with != 0 || without == 0) || !tc.lean && (with == 0 || without != 0) {
				t.Errorf("%d finals with the engine's output, %d without; lean %v", with,
					without, tc.lean)
			}
		})
	}
}
