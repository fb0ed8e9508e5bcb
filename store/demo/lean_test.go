package demo

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A lean city is the full city without the engine's output in its final assessments:
// the same records, ids, figures, answers, totals and aspect scores (issue #8).
func TestBuild_LeanDropsOnlyTheEngineOutput(t *testing.T) {
	opts := Options{Coops: 40, Years: 3}
	full, err := Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.Lean = true
	lean, err := Build(opts)
	if err != nil {
		t.Fatal(err)
	}

	finals := 0
	for i := range full.Bundles {
		for j := range full.Bundles[i].Assessments {
			a := &full.Bundles[i].Assessments[j]
			if a.Result == nil {
				continue
			}
			if len(a.Result.Output) == 0 {
				t.Fatalf("full city: %s has no engine output", a.ID)
			}
			if out := lean.Bundles[i].Assessments[j].Result.Output; len(out) != 0 {
				t.Fatalf("lean city: %s keeps %d bytes of engine output", a.ID, len(out))
			}
			a.Result.Output = nil
			finals++
		}
	}
	if finals == 0 {
		t.Fatal("no final assessments to compare")
	}
	if diff := cmp.Diff(full, lean); diff != "" {
		t.Errorf("lean city differs beyond the output (-full +lean):\n%s", diff)
	}
}
