package store_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"koroena/store"
)

// Example walks a cooperative through its first assessment: a draft edited figure by
// figure, finalized with the scoring result, then shown in the list.
func Example() {
	dir, _ := os.MkdirTemp("", "koroena-example")
	defer os.RemoveAll(dir)
	s, err := store.Open(filepath.Join(dir, "koroena.db"), store.Options{Actor: "siti"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	c, _ := s.CreateCooperative(store.Cooperative{Name: "KSP Sumber Rejeki",
		BusinessType: "ksp", Kecamatan: "Lowokwaru", Active: true})
	a, _ := s.CreateAssessment(store.Assessment{CoopID: c.ID, Instrument: "ksp-2016",
		Version: 1, FiscalYear: 2024})
	ya := true
	_, _ = s.SetFigure(a.ID, "kas", "150000000.50")
	_, _ = s.SetAnswer(a.ID, "mu01", &ya)
	_, err = s.FinalizeAssessment(a.ID, store.Finalization{
		Result: store.Result{Complete: true, Total: "81.25", Predicate: "sehat"}})
	fmt.Println("finalized:", err == nil)
	_, err = s.SetFigure(a.ID, "kas", "1")
	fmt.Println("edit after finalizing is refused:", errors.Is(err, store.ErrFinal))

	rows, _ := s.CooperativeSummaries()
	for _, r := range rows {
		fmt.Println(r.Name, r.Latest.FiscalYear, r.Latest.Total, r.Latest.Predicate)
	}
	// Output:
	// finalized: true
	// edit after finalizing is refused: true
	// KSP Sumber Rejeki 2024 81.25 sehat
}
