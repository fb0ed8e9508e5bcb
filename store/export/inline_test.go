package export

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"koroena/store"
)

// Regression test for issue #8: the audit events of draft edits are kept beside their
// draft in the store's assessments bucket; the export still holds each assessment once
// and nothing else under that kind.
func TestWrite_DraftEditsExportAssessmentsOnly(t *testing.T) {
	s := mustOpen(t)
	c, err := s.CreateCooperative(store.Cooperative{Name: "KSP Sumber Rejeki", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, year := range []int{2024, 2025} {
		a, err := s.CreateAssessment(store.Assessment{CoopID: c.ID, Instrument: "ksp-2016",
			Version: 1, FiscalYear: year})
		if err != nil {
			t.Fatal(err)
		}
		for i, q := range []string{"mu01", "mu02", "mu03", "mu01"} {
			ya := i%2 == 0
			if _, err := s.SetAnswer(a.ID, q, &ya); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.SetFigure(a.ID, "kas", "1500000.50"); err != nil {
			t.Fatal(err)
		}
		want = append(want, a.ID)
	}

	path := filepath.Join(t.TempDir(), "out.jsonl")
	if _, err := Write(s, FormatJSON, path, Options{}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var line struct {
			Kind   string
			Record store.Assessment
		}
		if err := json.Unmarshal([]byte(l), &line); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		if line.Kind != store.KindAssessment {
			continue
		}
		if line.Record.Figures["kas"] != "1500000.50" || len(line.Record.Answers) != 3 {
			t.Errorf("exported assessment %+v, want its figure and three answers", line.Record)
		}
		got = append(got, line.Record.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("exported assessments %q, want %q", got, want)
	}
}
