package diagnosis

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"koroena/scoring"
)

// TestDiagnose_KSP2021 diagnoses the synthetic ksp-2021 cooperative: its Tidak Sehat
// indicators are berat findings (ROA 2.4 %, tk_p7 and tk_m5 one item of four, kpmr_lk_c),
// and a Sehat indicator fires nothing.
func TestDiagnose_KSP2021(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "vectors", "ksp-2021",
		"synthetic-ksp-full.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v struct{ Input json.RawMessage }
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	inp, in, err := scoring.ParseInput(v.Input, scoring.Default())
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]Severity{}
	fired := map[string]bool{}
	for _, f := range Default().Diagnose(in, in.Score(inp), inp) {
		found[f.Condition.ID] = f.Severity
		for _, e := range f.Evidence {
			fired[e.Component] = true
		}
	}
	for id, want := range map[string]Severity{"rentabilitas_rendah": Berat,
		"tata_kelola_lemah": Berat, "manajemen_likuiditas_lemah": Berat,
		"kompetensi_sdm_kurang": Sedang} {
		if found[id] != want {
			t.Errorf("%s: severity %v, want %v (found %v)", id, found[id], want, found)
		}
	}
	for _, c := range []string{"kk_r1", "tk_p7", "tk_m5", "kpmr_lk_c", "kk_a2"} {
		if !fired[c] {
			t.Errorf("%s (below Sehat) fired no trigger", c)
		}
	}
	for _, c := range []string{"kk_r2", "pm_2", "tk_p1"} {
		if fired[c] {
			t.Errorf("%s is Sehat but fired a trigger", c)
		}
	}
}
