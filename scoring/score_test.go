package scoring

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// The values of ksp-2016's rules, named so that a failing sum says which rule moved.
var (
	msTA20to40     = skorOf(PointsOf(50), PointsOf(6))  // ms_ta in [20, 40): 50 × 6
	msPDBcapped    = skorOf(PointsOf(100), PointsOf(6)) // ms_pdb ≥ 100: capped at 100
	kmsAtLeast8    = skorOf(PointsOf(100), PointsOf(3))
	volAtLeast75   = skorOf(PointsOf(100), PointsOf(10))
	rpmUpTo10      = skorOf(PointsOf(80), PointsOf(5))
	cadangan90     = skorOf(PointsOf(90), PointsOf(5)) // 87.18 rounds up to the next ten
	pberBelow21    = skorOf(PointsOf(100), PointsOf(5))
	boaBelow90     = skorOf(PointsOf(100), PointsOf(4))
	buShuk40to60   = skorOf(PointsOf(75), PointsOf(4))
	efisBelow5     = skorOf(PointsOf(100), PointsOf(2))
	kas10to15      = skorOf(PointsOf(100), PointsOf(10))
	ldrAtLeast80   = skorOf(PointsOf(100), PointsOf(5))
	roaBelow5      = skorOf(PointsOf(25), PointsOf(3))
	roeAtLeast5    = skorOf(PointsOf(100), PointsOf(3))
	mandiriAbove   = skorOf(PointsOf(100), PointsOf(4))
	pbAtLeast75    = skorOf(PointsOf(100), PointsOf(7))
	peaAtLeast10   = skorOf(PointsOf(100), PointsOf(3))
	perYaUmum      = Points{u: 2500} // 0.25
	perYaLembaga   = Points{u: 5000} // 0.5
	perYaModal     = Points{u: 6000} // 0.6
	perYaAktiva    = Points{u: 3000} // 0.3
	perYaLikuidita = Points{u: 6000} // 0.6
)

func times(n int64, p Points) Points { return Points{u: n * p.u} }

func sum(ps ...Points) Points {
	var s Points
	for _, p := range ps {
		s.u += p.u
	}
	return s
}

// fullInput is the complete, healthy KSP of the shared vector full-ksp-sehat.
func fullInput(t testing.TB) Input {
	t.Helper()
	data := `{"instrument":"ksp-2016","figures":{
	"kas":150000000,"bank":350000000,"simpanan_di_lembaga_lain":200000000,"surat_berharga":0,
	"pinjaman_anggota":4200000000,"pinjaman_non_anggota":300000000,"penyertaan":50000000,
	"pendapatan_ymh_diterima":40000000,"aktiva_tetap":210000000,"total_aset":5500000000,
	"kewajiban_lancar":3600000000,"tabungan":2100000000,"simpanan_berjangka":1200000000,
	"beban_ymh_dibayar":60000000,"kewajiban_dana_diterima":240000000,"kewajiban_lain":0,
	"simpanan_pokok":120000000,"simpanan_wajib":980000000,"simpanan_lain_sejenis":0,
	"modal_penyetaraan":0,"modal_penyertaan":100000000,"hibah":30000000,
	"cadangan_umum":420000000,"cadangan_tujuan_risiko":90000000,"shu_belum_dibagi":160000000,
	"pinjaman_berisiko":900000000,"pinjaman_kurang_lancar":120000000,
	"pinjaman_diragukan":60000000,"pinjaman_macet":90000000,
	"penyisihan_penghapusan_pinjaman":80000000,"volume_pinjaman_anggota":5100000000,
	"volume_pinjaman":5600000000,"partisipasi_bruto":820000000,"beban_pokok":260000000,
	"beban_usaha":300000000,"beban_perkoperasian":40000000,"shu_kotor":560000000,
	"biaya_karyawan":180000000,"shu_sebelum_pajak":240000000,"shu_bagian_anggota":96000000,
	"pendapatan_non_anggota":60000000,"mepp":40000000},"answers":{}}`
	inp, _, err := ParseInput([]byte(data), Default())
	if err != nil {
		t.Fatal(err)
	}
	// 10 of mu, 5 of mk, 4 of mp, 8 of ma, 4 of ml answered ya, the rest tidak.
	ya := map[string]int{"mu": 10, "mk": 5, "mp": 4, "ma": 8, "ml": 4}
	for _, q := range mustKSP2016(t).Questions {
		if q.Component == AdjustmentComponent {
			continue
		}
		p := q.ID[:2]
		inp.Answers[q.ID] = ya[p] > 0
		ya[p]--
	}
	return inp
}

// TestScore_FullAsNamedRules writes the healthy KSP's total as the sum of the rules that
// score it, so a failure names the rule that changed.
func TestScore_FullAsNamedRules(t *testing.T) {
	in := mustKSP2016(t)
	res := in.Score(fullInput(t))
	want := map[string]Points{
		"ms_ta":                   msTA20to40,
		"ms_pdb":                  msPDBcapped,
		"kms":                     kmsAtLeast8,
		"vol_anggota":             volAtLeast75,
		"rpm":                     rpmUpTo10,
		"cadangan_rpm":            cadangan90,
		"pinjaman_berisiko":       pberBelow21,
		"manajemen_umum":          times(10, perYaUmum),
		"kelembagaan":             times(5, perYaLembaga),
		"manajemen_permodalan":    times(4, perYaModal),
		"manajemen_aktiva":        times(8, perYaAktiva),
		"manajemen_likuiditas":    times(4, perYaLikuidita),
		"boa_pb":                  boaBelow90,
		"bu_shuk":                 buShuk40to60,
		"efisiensi_pelayanan":     efisBelow5,
		"rasio_kas":               kas10to15,
		"ldr":                     ldrAtLeast80,
		"roa":                     roaBelow5,
		"roe":                     roeAtLeast5,
		"kemandirian_operasional": mandiriAbove,
		"partisipasi_bruto":       pbAtLeast75,
		"pea":                     peaAtLeast10,
	}
	var all []Points
	for _, c := range res.Components {
		if c.Status != StatusScored {
			t.Errorf("%s: status %s (%v %s)", c.ID, c.Status, c.Missing, c.Note)
		}
		if c.Skor != want[c.ID] {
			t.Errorf("%s: skor %s, want %s", c.ID, c.Skor, want[c.ID])
		}
		all = append(all, want[c.ID])
	}
	if total := sum(all...).Round2(); res.Total != total {
		t.Errorf("total %s, want %s", res.Total, total)
	}
	if !res.Complete || res.Predicate != "sehat" {
		t.Errorf("complete %v predicate %q, want true sehat", res.Complete, res.Predicate)
	}
}

// TestScore_Adjustments checks the (unconfirmed) adjustment rules: af01–af05 one step
// down, not cumulative; af06–af09 set dalam_pengawasan_khusus.
func TestScore_Adjustments(t *testing.T) {
	in := mustKSP2016(t)
	tests := []struct {
		name string
		yes  []string
		want string
		n    int
	}{
		{"none", nil, "sehat", 0},
		{"one step", []string{"af01"}, "cukup_sehat", 1},
		{"not cumulative", []string{"af01", "af03", "af05"}, "cukup_sehat", 1},
		{"special supervision", []string{"af08"}, "dalam_pengawasan_khusus", 1},
		{"both", []string{"af02", "af09"}, "dalam_pengawasan_khusus", 2},
		{"tidak changes nothing", nil, "sehat", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inp := fullInput(t)
			for _, q := range tt.yes {
				inp.Answers[q] = true
			}
			if tt.name == "tidak changes nothing" {
				inp.Answers["af01"], inp.Answers["af06"] = false, false
			}
			res := in.Score(inp)
			if res.Predicate != tt.want || len(res.Adjustments) != tt.n {
				t.Errorf("predicate %q with %d adjustments, want %q with %d: %+v",
					res.Predicate, len(res.Adjustments), tt.want, tt.n, res.Adjustments)
			}
		})
	}
}

// TestScore_MissingAndUndefined covers section 4 of the ksp-2016 page.
func TestScore_MissingAndUndefined(t *testing.T) {
	in := mustKSP2016(t)
	res := in.Score(Input{Figures: map[string]Amount{
		"modal_sendiri": AmountOf(-50), "total_aset": AmountOf(1000), // negative equity
		"modal_tertimbang": AmountOf(10), "atmr": AmountOf(0), // zero denominator
		"kas": AmountOf(5), "kewajiban_lancar": AmountOf(0), // bank absent
		"shu_sebelum_pajak": AmountOf(-10), // a loss
	}, Answers: map[string]bool{"mu01": true}})
	check := func(id string, st Status, nilai int64, note string, missing ...string) {
		t.Helper()
		c, _ := res.Component(id)
		if c.Status != st || c.Nilai != PointsOf(nilai) || !strings.Contains(c.Note, note) ||
			!slices.Equal(c.Missing, missing) {
			t.Errorf("%s: got %s nilai %s note %q missing %v; want %s %d %q %v", id,
				c.Status, c.Nilai, c.Note, c.Missing, st, nilai, note, missing)
		}
	}
	check("ms_ta", StatusScored, 0, "")
	check("ms_pdb", StatusMissing, 0, "", "pinjaman_berisiko")
	check("kms", StatusUndefined, 0, "atmr is zero")
	check("rasio_kas", StatusMissing, 0, "", "bank")
	check("roa", StatusScored, 25, "a loss")
	c, _ := res.Component("manajemen_umum")
	if c.Status != StatusMissing || len(c.Missing) != 11 || c.Missing[0] != "mu02" {
		t.Errorf("manajemen_umum: %s missing %v, want the 11 unanswered", c.Status, c.Missing)
	}
	if res.Complete || res.Predicate != "" {
		t.Errorf("complete %v predicate %q, want an incomplete result without predicate",
			res.Complete, res.Predicate)
	}

	// With bank entered, no current liabilities scores rasio_kas 25 with a note.
	res = in.Score(Input{Figures: map[string]Amount{"kas": AmountOf(5), "bank": AmountOf(0),
		"kewajiban_lancar": AmountOf(0)}})
	c, _ = res.Component("rasio_kas")
	if c.Status != StatusScored || c.Nilai != PointsOf(25) || c.Note == "" {
		t.Errorf("rasio_kas without liabilities: %+v, want scored 25 with a note", c)
	}
}

// TestScore_Options checks that a choice replaces a scale or a derivation.
func TestScore_Options(t *testing.T) {
	in := mustKSP2016(t)
	figs := map[string]Amount{"simpanan_pokok": AmountOf(100), "shu_belum_dibagi": AmountOf(50),
		"pinjaman_berisiko": AmountOf(100)}
	def := in.Score(Input{Figures: figs})
	alt := in.Score(Input{Figures: figs, Options: map[string]string{
		"shu_belum_dibagi_ms": "excluded", "ms_pdb": "linear"}})
	d, _ := def.Component("ms_pdb")
	a, _ := alt.Component("ms_pdb")
	if d.Ratio != PointsOf(150) || d.Nilai != PointsOf(100) {
		t.Errorf("default ms_pdb: ratio %s nilai %s, want 150 and 100", d.Ratio, d.Nilai)
	}
	if a.Ratio != PointsOf(100) || a.Nilai != PointsOf(100) {
		t.Errorf("alternative ms_pdb: ratio %s nilai %s, want 100 and 100", a.Ratio, a.Nilai)
	}
	alt = in.Score(Input{Figures: map[string]Amount{"modal_sendiri": AmountOf(425),
		"pinjaman_berisiko": AmountOf(1000)}, Options: map[string]string{"ms_pdb": "linear"}})
	a, _ = alt.Component("ms_pdb")
	if a.Nilai != (Points{u: 425_000}) {
		t.Errorf("linear ms_pdb at 42.5: nilai %s, want 42.5", a.Nilai)
	}
}

// TestScore_DerivedExact: aggregates keep fractions of a rupiah, and an entered aggregate
// wins over its parts.
func TestScore_DerivedExact(t *testing.T) {
	in := mustKSP2016(t)
	res := in.Score(Input{Figures: map[string]Amount{
		"pinjaman_kurang_lancar": MustAmount("0.01"), "pinjaman_diragukan": MustAmount("0.01"),
		"simpanan_pokok": AmountOf(1), "modal_sendiri": AmountOf(7),
	}})
	got := map[string]string{}
	for _, d := range res.Derived {
		got[d.ID] = d.Value.String()
	}
	if got["risiko_pinjaman_bermasalah"] != "0.0125" || got["modal_sendiri"] != "7" {
		t.Errorf("derived %v, want RPM 0.0125 and the entered modal_sendiri 7", got)
	}
}

// TestResult_JSON pins the contract's shape of one component and the whole.
func TestResult_JSON(t *testing.T) {
	in := mustKSP2016(t)
	res := in.Score(Input{Figures: map[string]Amount{"modal_sendiri": AmountOf(19995),
		"total_aset": AmountOf(100000)}})
	c, _ := res.Component("ms_ta")
	b, _ := json.Marshal(c)
	want := `{"id":"ms_ta","status":"scored","ratio":20,"nilai":50,"bobot":6,"skor":3}`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
	out, _ := json.Marshal(res)
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("result is not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"instrument", "complete", "total", "predicate", "aspects",
		"derived", "adjustments", "notes"} {
		if _, ok := m[k]; !ok {
			t.Errorf("result lacks %q", k)
		}
	}
	if m["predicate"] != nil || m["instrument"] != "ksp-2016@1" {
		t.Errorf("predicate %v instrument %v, want null and ksp-2016@1", m["predicate"],
			m["instrument"])
	}
}
