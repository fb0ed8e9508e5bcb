package diagnosis

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"koroena/scoring"
)

// TestCatalogue_CoversEveryComponent fails when a component or adjustment factor of any
// instrument (ksp-2016, and every instrument added later) has no condition.
func TestCatalogue_CoversEveryComponent(t *testing.T) {
	cat := Default()
	for _, in := range scoring.Default().Instruments() {
		for _, c := range in.Components {
			if !cat.Covers(in, c.ID) {
				t.Errorf("%s: component %s has no condition", in.Ref(), c.ID)
			}
		}
		for _, q := range in.QuestionsOf(scoring.AdjustmentComponent) {
			if !cat.Covers(in, q.ID) {
				t.Errorf("%s: adjustment factor %s has no condition", in.Ref(), q.ID)
			}
		}
	}
}

// TestDefault_NamesOnlyKnownItems checks that every trigger names a component, aspect or
// question some instrument has, so that a typo cannot silently never fire.
func TestDefault_NamesOnlyKnownItems(t *testing.T) {
	if _, errs := Load(nil); len(errs) > 0 {
		t.Fatalf("embedded catalogue: %v", errs)
	}
	ins := scoring.Default().Instruments()
	for _, cd := range Default().Conditions() {
		for i, tr := range cd.Triggers {
			found := false
			for _, in := range ins {
				if tr.Instrument != "" && tr.Instrument != in.ID {
					continue
				}
				_, c := in.Component(tr.Component)
				_, q := in.Question(tr.Question)
				a := slices.ContainsFunc(in.Aspects, func(a scoring.Aspect) bool {
					return a.ID == tr.Aspect
				})
				found = found || (tr.Question != "" && q) || (tr.Question == "" && (c || a))
			}
			if !found {
				t.Errorf("%s: triggers[%d] names nothing any instrument has", cd.ID, i)
			}
		}
	}
}

// score scores figures (rupiah) and answers with ksp-2016.
func score(t *testing.T, figures map[string]string, answers map[string]bool) (
	*scoring.Instrument, scoring.Result, scoring.Input,
) {
	t.Helper()
	in, err := scoring.Default().Lookup("ksp-2016")
	if err != nil {
		t.Fatal(err)
	}
	inp, err := scoring.NewInput(in, figures, answers, nil)
	if err != nil {
		t.Fatal(err)
	}
	return in, in.Score(inp), inp
}

// findingIDs lists the findings' condition ids in order.
func findingIDs(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Condition.ID
	}
	return out
}

func TestDiagnose_OrderEvidenceAndSeverity(t *testing.T) {
	in, res, inp := score(t, map[string]string{
		"modal_sendiri": "15", "total_aset": "100", // ms_ta 15 %: nilai 25 of bobot 6
		"kas": "20", "bank": "5", "kewajiban_lancar": "100", // rasio_kas 25 %: nilai 25 of 10
	}, nil)
	got := Default().Diagnose(in, res, inp)
	if ids := findingIDs(got); !slices.Equal(ids, []string{"kas_menganggur", "modal_kurang"}) {
		t.Fatalf("findings = %v, want [kas_menganggur modal_kurang]", ids)
	}
	kas, modal := got[0], got[1]
	if kas.Lost.String() != "7.5" || kas.Severity != Sedang {
		t.Errorf("kas_menganggur lost %s %s, want 7.5 sedang", kas.Lost, kas.Severity)
	}
	if modal.Lost.String() != "4.5" || modal.Severity != Sedang {
		t.Errorf("modal_kurang lost %s %s, want 4.5 sedang", modal.Lost, modal.Severity)
	}
	ev := modal.Evidence[0]
	if ev.Component != "ms_ta" || ev.Ratio.String() != "15" || ev.Band != "(0, 20)" ||
		ev.Nilai.String() != "25" || ev.Test != "< 40" {
		t.Errorf("evidence = %+v", ev)
	}
	var inputs []string
	for _, x := range ev.Inputs {
		inputs = append(inputs, x.ID+"="+x.Value.String())
	}
	if want := []string{"modal_sendiri=15", "total_aset=100"}; !slices.Equal(inputs, want) {
		t.Errorf("inputs = %v, want %v", inputs, want)
	}
	var tids []string
	for _, tr := range modal.Treatments {
		tids = append(tids, tr.ID)
	}
	if slices.Contains(tids, "awas.rencana_penyehatan") || len(tids) != 4 {
		t.Errorf("sedang treatments = %v, want the 4 without the berat step", tids)
	}
}

func TestDiagnose_TwoDirections(t *testing.T) {
	tests := []struct {
		name, modal string
		want        []string
		sev         Severity
	}{
		{"idle equity", "70", []string{"modal_menganggur"}, Ringan},
		{"healthy", "50", nil, 0},
		{"too little", "30", []string{"modal_kurang"}, Ringan},
		{"none", "0", []string{"modal_kurang"}, Berat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, res, inp := score(t, map[string]string{
				"modal_sendiri": tt.modal, "total_aset": "100",
			}, nil)
			got := Default().Diagnose(in, res, inp)
			if ids := findingIDs(got); !slices.Equal(ids, tt.want) {
				t.Fatalf("findings = %v, want %v", ids, tt.want)
			}
			if len(got) > 0 && got[0].Severity != tt.sev {
				t.Errorf("severity = %s, want %s", got[0].Severity, tt.sev)
			}
		})
	}
}

func TestDiagnose_BeratAddsItsTreatments(t *testing.T) {
	in, res, inp := score(t, map[string]string{"modal_sendiri": "0", "total_aset": "100"}, nil)
	got := Default().Diagnose(in, res, inp)
	last := got[0].Treatments[len(got[0].Treatments)-1]
	if last.ID != "awas.rencana_penyehatan" {
		t.Errorf("last treatment = %s, want awas.rencana_penyehatan", last.ID)
	}
}

func TestDiagnose_ChecklistAndQuestions(t *testing.T) {
	answers := map[string]bool{
		"mk01": true, "mk02": true, "mk03": true, "mk04": true, "mk05": false, "mk06": false,
		"af06": true,
	}
	in, res, inp := score(t, nil, answers)
	got := Default().Diagnose(in, res, inp)
	byID := map[string]Finding{}
	for _, f := range got {
		byID[f.Condition.ID] = f
	}
	k, ok := byID["kelembagaan_lemah"]
	if !ok || k.Severity != Sedang || k.Lost.String() != "1" {
		t.Fatalf("kelembagaan_lemah = %+v, want sedang, 1 point lost", k)
	}
	if ev := k.Evidence[0]; ev.Ya != 4 || ev.Of != 6 || !slices.Equal(ev.No, []string{"mk05", "mk06"}) {
		t.Errorf("checklist evidence = %+v", ev)
	}
	if p := byID["pengawas_tidak_efektif"]; p.Lost.String() != "0.5" {
		t.Errorf("pengawas_tidak_efektif lost %s, want 0.5 (mk05's points)", p.Lost)
	}
	s, ok := byID["sengketa_internal"]
	if !ok || s.Severity != Berat || s.Lost.Cmp(scoring.Points{}) != 0 {
		t.Errorf("sengketa_internal = %+v, want berat with no points lost", s)
	}
	if _, ok := byID["kompetensi_sdm_kurang"]; !ok {
		t.Error("mk06 tidak: kompetensi_sdm_kurang missing")
	}
	if got[0].Condition.ID != "kelembagaan_lemah" {
		t.Errorf("first = %s, want kelembagaan_lemah (most points lost)", got[0].Condition.ID)
	}
}

func TestDiagnose_UnscoredComponentFiresNothing(t *testing.T) {
	in, res, inp := score(t, map[string]string{"total_aset": "100"}, nil)
	if got := Default().Diagnose(in, res, inp); len(got) != 0 {
		t.Errorf("findings = %v, want none without modal_sendiri", findingIDs(got))
	}
}

func TestLoad_LocalFiles(t *testing.T) {
	local := fstest.MapFS{
		"mine.yaml": {Data: []byte(`conditions:
  - id: modal_kurang
    name: {id: Modal tipis, en: Thin capital}
    triggers: [{component: ms_ta, ratio: "< 30"}]
    treatments: [latih.permodalan_shu]
  - id: rpm_any
    name: {id: Ada tunggakan, en: Any arrears}
    triggers:
      - {instrument: ksp-2016, component: rpm, nilai: "<= 80", levels: {berat: "<= 40"}}
    treatments: [latih.baru]
treatments:
  - {id: latih.baru, type: latih, owner: office, due_days: 30, name: {id: Baru, en: New}}
`)},
		"broken.yaml": {Data: []byte("conditions:\n  - id: x\n    triggers: [{ratio: \"<< 1\"}]\n")},
		"dangling.yaml": {Data: []byte(`conditions:
  - id: dangling
    name: {id: A, en: A}
    triggers: [{component: ms_ta, ratio: "< 1"}]
    treatments: [aksi.nowhere]
`)},
	}
	cat, errs := Load(local)
	if len(errs) != 2 {
		t.Fatalf("errors = %v, want one for broken.yaml and one for dangling.yaml", errs)
	}
	joined := errs[0].Error() + "\n" + errs[1].Error()
	if !strings.Contains(joined, "broken.yaml") || !strings.Contains(joined, "aksi.nowhere") {
		t.Errorf("errors do not name the file and the treatment: %s", joined)
	}
	mk, _ := cat.Condition("modal_kurang")
	if mk.Name.EN != "Thin capital" || mk.Source != "mine.yaml" {
		t.Errorf("modal_kurang = %+v, want the local one", mk)
	}
	if _, ok := cat.Condition("dangling"); ok {
		t.Error("a condition with an unknown treatment was kept")
	}

	// A nilai trigger, the form ksp-2021's indicators use, fires and grades.
	in, res, inp := score(t, map[string]string{
		"risiko_pinjaman_bermasalah": "35", "pinjaman_diberikan": "100",
	}, nil)
	got := cat.Diagnose(in, res, inp)
	i := slices.IndexFunc(got, func(f Finding) bool { return f.Condition.ID == "rpm_any" })
	if i < 0 || got[i].Severity != Berat {
		t.Fatalf("findings = %v, want rpm_any berat (rpm 35 %%: nilai 20)", findingIDs(got))
	}
}

func TestParseTest(t *testing.T) {
	tests := []struct {
		in      string
		yes, no []string
	}{
		{"< 40", []string{"39.99", "-5"}, []string{"40", "41"}},
		{"<= 0", []string{"0", "-1"}, []string{"0.01"}},
		{"> 5", []string{"5.01"}, []string{"5"}},
		{">= 60", []string{"60"}, []string{"59.99"}},
		{"= 0", []string{"0"}, []string{"1"}},
		{"[20, 40)", []string{"20", "39.99"}, []string{"40", "19.99"}},
		{"(0, 10]", []string{"10", "0.01"}, []string{"0", "10.01"}},
	}
	for _, tt := range tests {
		tst, err := parseTest(tt.in)
		if err != nil {
			t.Fatalf("%q: %v", tt.in, err)
		}
		for _, s := range tt.yes {
			if p, _ := scoring.ParsePoints(s); !tst.holds(ratOf(p)) {
				t.Errorf("%q does not hold %s", tt.in, s)
			}
		}
		for _, s := range tt.no {
			if p, _ := scoring.ParsePoints(s); tst.holds(ratOf(p)) {
				t.Errorf("%q holds %s", tt.in, s)
			}
		}
	}
	for _, bad := range []string{"", "<< 1", "[5, 1]", "about 4", "[1 2]"} {
		if _, err := parseTest(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
