package tui

import (
	"encoding/json"
	"os"
	"testing"

	"koroena/store"
)

// loadKSP2021 reads the synthetic full ksp-2021 case from the scoring vectors.
func loadKSP2021(t *testing.T) sehatVector {
	t.Helper()
	data, err := os.ReadFile("../scoring/testdata/vectors/ksp-2021/synthetic-ksp-full.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Input sehatVector `json:"input"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v.Input
}

// Issue 7: choosing ksp-2021 on the start screen works end to end. The synthetic
// cooperative typed through the assessment screen reaches 80.25 Sehat, finalizes, and the
// diagnosis shows the same; the store keeps the 2021 result.
func TestAssess_KSP2021TypeFinalizeDiagnose(t *testing.T) {
	fx := mustAssessStore(t)
	v := loadKSP2021(t)
	d := newAssessDriver(t, fx.st, Indonesian, 120, 40)

	d.keys("enter")
	d.keys("n")
	chooseInstrument(t, d, "ksp-2021@1")
	d.keys("enter")
	if d.m.focused() != focusAssess || !d.m.as.assess.loaded {
		t.Fatalf("enter did not open a new assessment:\n%s", d.screen())
	}

	typeAssessment(t, d, v)
	if os.Getenv("DUMP") != "" {
		d.keys("home")
		t.Log(d.screen())
	}
	d.requireContains("Skor 80,25 · Sehat (sementara)")
	if n := d.m.as.assess.unsaved(); n != 0 {
		t.Fatalf("%d changes unsaved", n)
	}

	d.keys("F")
	d.requireContains("80,25, Sehat?")
	d.keys("y")
	id := d.m.as.assess.a.ID
	if d.m.as.assess.a.Status != store.StatusFinal {
		t.Fatalf("status %s after finalizing:\n%s", d.m.as.assess.a.Status, d.screen())
	}

	d.keys("d")
	if d.m.focused() != focusDiagnosis {
		t.Fatalf("d did not open the diagnosis:\n%s", d.screen())
	}
	d.requireContains("Skor 80,25 / 100")
	if got := fixed2(d.m.as.diag.res.Total); got != "80.25" {
		t.Errorf("diagnosis total %s, want 80.25", got)
	}
	a, err := fx.st.Assessment(id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Instrument != "ksp-2021" || a.Result == nil || a.Result.Total != "80.25" ||
		a.Result.Predicate != "sehat" {
		t.Errorf("stored %s result %+v", a.Instrument, a.Result)
	}
	if os.Getenv("DUMP") != "" {
		t.Log(d.screen())
	}
}
