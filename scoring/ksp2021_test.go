package scoring

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The skor of each nilai of a rated ksp-2021 indicator: skor = 5 − nilai.
var (
	skorSehat       = PointsOf(4) // nilai 1
	skorCukupSehat  = PointsOf(3) // nilai 2
	skorKurangSehat = PointsOf(2) // nilai 3
	skorTidakSehat  = PointsOf(1) // nilai 4
)

func mustKSP2021(t testing.TB) *Instrument {
	t.Helper()
	in, err := Default().Lookup("ksp-2021@1")
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// TestKSP2021_Shape pins what docs/instruments/ksp-2021.md lists: indicators per aspect,
// items per questionnaire, weights and the eligibility questions.
func TestKSP2021_Shape(t *testing.T) {
	in := mustKSP2021(t)
	n := map[string]int{}
	for _, c := range in.Components {
		n[c.Aspect]++
		if c.Bobot != skorSehat {
			t.Errorf("%s: bobot %s, want the highest skor 4", c.ID, c.Bobot)
		}
	}
	want := map[string]int{"tata_kelola": 17, "profil_risiko": 21, "kinerja_keuangan": 18,
		"permodalan": 4}
	for a, w := range want {
		if n[a] != w {
			t.Errorf("%s: %d indicators, want %d", a, n[a], w)
		}
	}
	weights := map[string]int64{"tata_kelola": 30, "profil_risiko": 15,
		"kinerja_keuangan": 40, "permodalan": 15}
	for _, a := range in.Aspects {
		if a.Weight == nil || *a.Weight != PointsOf(weights[a.ID]) ||
			a.Max != PointsOf(int64(4*want[a.ID])) {
			t.Errorf("%s: weight %v max %s, want %d and %d", a.ID, a.Weight, a.Max,
				weights[a.ID], 4*want[a.ID])
		}
	}
	items := map[string]int{}
	for _, q := range in.Questions {
		items[q.Component]++
	}
	tk := 0
	for id, k := range items {
		if strings.HasPrefix(id, "tk_") {
			tk += k
		}
	}
	if tk != 77 {
		t.Errorf("tata kelola has %d items, want 77", tk)
	}
	sizes := map[string]int{"tk_p2": 5, "tk_k3": 17, "pr_lk3": 5, "kpmr_kr_b": 3,
		"kpmr_op_b": 3, "kpmr_kp_b": 4, "kpmr_lk_b": 5, "kpmr_lk_c": 4, "eligibility": 4}
	for id, w := range sizes {
		if items[id] != w {
			t.Errorf("%s: %d items, want %d", id, items[id], w)
		}
	}
	if !in.Weighted() || !in.exact || len(in.Options) != 14 {
		t.Errorf("weighted %v exact %v, %d options; want weighted, exact, 14 options",
			in.Weighted(), in.exact, len(in.Options))
	}
}

// TestKSP2021_SharedFigureIDs: figures typed once serve both instruments, so every figure
// id the two share must mean the same thing in both (same statement group and sign rule).
func TestKSP2021_SharedFigureIDs(t *testing.T) {
	old, in := mustKSP2016(t), mustKSP2021(t)
	shared := 0
	for _, f := range in.Figures {
		g, ok := old.Figure(f.ID)
		if !ok {
			continue
		}
		shared++
		if g.Group != f.Group || g.Negative != f.Negative {
			t.Errorf("%s: group %s/%s negative %v/%v differ between the instruments", f.ID,
				g.Group, f.Group, g.Negative, f.Negative)
		}
	}
	if shared < 30 {
		t.Errorf("only %d figure ids shared with ksp-2016", shared)
	}
}

// kspBands are ksp-2021's tables (ksp-2021.md §4–§6), probed at every edge and beside
// it, written from the specification rather than from the data file. The ratio here is
// the exact, unrounded one.
var kspBands = map[string][]edge{
	"pr_ik1": {{"0", 1}, {"95", 1}, {"95.01", 2}, {"97", 2}, {"97.01", 3}, {"99", 3},
		{"99.01", 4}},
	"pr_ik2": {{"0", 1}, {"75", 1}, {"75.01", 2}, {"85", 2}, {"85.01", 3}, {"95", 3},
		{"95.01", 4}},
	"pr_lk1": {{"15.01", 1}, {"15", 2}, {"10.5", 2}, {"10", 3}, {"5.01", 3}, {"5", 4},
		{"0", 4}},
	"pr_lk2": {{"21.01", 1}, {"21", 2}, {"14.5", 2}, {"14", 3}, {"7.5", 3}, {"7", 4}},
	"kk_r1":  {{"7", 1}, {"6.99", 2}, {"5", 2}, {"4.99", 3}, {"3", 3}, {"2.99", 4}, {"-1", 4}},
	"kk_r2":  {{"10", 1}, {"9.99", 2}, {"7.5", 2}, {"7.49", 3}, {"5", 3}, {"4.99", 4}},
	"kk_r3": {{"120", 1}, {"119.99", 2}, {"110", 2}, {"109.99", 3}, {"100.01", 3},
		{"100", 4}, {"80", 4}},
	"kk_e1": {{"79.99", 1}, {"80", 2}, {"89.99", 2}, {"90", 3}, {"99.99", 3}, {"100", 4}},
	"kk_e2": {{"39.99", 1}, {"40", 2}, {"59.99", 2}, {"60", 3}, {"79.99", 3}, {"80", 4}},
	"kk_a1": {{"75", 1}, {"74.99", 2}, {"50", 2}, {"49.99", 3}, {"25", 3}, {"24.99", 4}},
	"kk_a2": {{"0", 1}, {"4.99", 1}, {"5", 2}, {"9.99", 2}, {"10", 3}, {"15", 3},
		{"15.01", 4}},
	"kk_a3": {{"75", 1}, {"74.99", 2}, {"50", 2}, {"49.99", 3}, {"25", 3}, {"24.99", 4}},
	"kk_l1": {{"20", 1}, {"19.99", 2}, {"15", 2}, {"14.99", 3}, {"10", 3}, {"9.99", 4}},
	"kk_l2": {{"90", 1}, {"89.99", 2}, {"75", 2}, {"74.99", 3}, {"60", 3}, {"59.99", 4}},
	"kk_l3": {{"125", 1}, {"124.99", 2}, {"100", 2}, {"99.99", 3}, {"75", 3},
		{"74.99", 4}},
	"kk_g1": {{"10", 1}, {"9.99", 2}, {"7", 2}, {"6.99", 3}, {"4", 3}, {"3.99", 4},
		{"-5", 4}},
	"kk_g2": {{"10", 1}, {"9.99", 2}, {"7", 2}, {"6.99", 3}, {"4", 3}, {"3.99", 4}},
	"kk_g3": {{"10", 1}, {"9.99", 2}, {"7", 2}, {"6.99", 3}, {"4", 3}, {"3.99", 4}},
	"kk_g4": {{"5", 1}, {"4.99", 2}, {"3", 2}, {"2.99", 3}, {"1", 3}, {"0.99", 4}},
	"kk_j1": {{"85", 1}, {"84.99", 2}, {"60", 2}, {"59.99", 3}, {"35", 3}, {"34.99", 4}},
	"kk_j2": {{"30", 1}, {"29.99", 2}, {"20", 2}, {"19.99", 3}, {"10", 3}, {"9.99", 4}},
	"kk_j3": {{"75", 1}, {"74.99", 2}, {"50", 2}, {"49.99", 3}, {"25", 3}, {"24.99", 4}},
	"pm_1":  {{"30", 1}, {"29.99", 2}, {"20", 2}, {"19.99", 3}, {"10", 3}, {"9.99", 4}},
	"pm_2":  {{"8", 1}, {"7.99", 2}, {"6", 2}, {"5.99", 3}, {"4", 3}, {"3.99", 4}},
	"pm_3":  {{"30", 1}, {"29.99", 2}, {"20", 2}, {"19.99", 3}, {"10", 3}, {"9.99", 4}},
	"pm_4": {{"100", 1}, {"100.01", 2}, {"125", 2}, {"125.01", 3}, {"150", 3},
		{"150.01", 4}},
	// The questionnaire table, including shares no questionnaire can reach (75.01 %).
	"kuesioner": {{"100", 1}, {"76", 1}, {"75.01", 1}, {"75", 2}, {"60", 2}, {"50.01", 2},
		{"50", 3}, {"40", 3}, {"25.01", 3}, {"25", 4}, {"20", 4}, {"0", 4}},
}

// exactRatio is x % as a fraction num / den, so the exact lookup sees x itself.
func exactRatio(t *testing.T, x string) (int64, int64) {
	t.Helper()
	p := mustPoints(t, x)
	return p.u, 100 * scale
}

// TestBands_KSP2021 probes every table of ksp-2021 on both sides of every edge.
func TestBands_KSP2021(t *testing.T) {
	in := mustKSP2021(t)
	for _, c := range in.Components {
		id := c.ID
		if c.Checklist != nil {
			id = "kuesioner"
		}
		cases, ok := kspBands[id]
		if !ok {
			t.Errorf("%s: no edge cases", c.ID)
			continue
		}
		for _, e := range cases {
			num, den := exactRatio(t, e.x)
			if got := in.rules[in.compIdx[c.ID]].nilaiExact(num, den); got != PointsOf(e.nilai) {
				t.Errorf("%s at %s %%: nilai %s, want %d", c.ID, e.x, got, e.nilai)
			}
		}
	}
}

// TestBands_KSP2021Exact: ksp-2021 compares the unrounded ratio with its edges, so a ratio
// just below an edge stays below it even when it would print as the edge.
func TestBands_KSP2021Exact(t *testing.T) {
	in := mustKSP2021(t)
	tests := []struct {
		comp     string
		num, den int64
		ratio    string // as printed, rounded to 2 decimals
		nilai    int64
	}{
		{"kk_r1", 6996, 100000, "7", 2},      // 6.996 % prints 7.00 but is below 7
		{"kk_r1", 7000, 100000, "7", 1},      // exactly 7 %
		{"pr_lk1", 150001, 1000000, "15", 1}, // 15.0001 % is above 15
		{"pm_4", 1000001, 1000000, "100", 2}, // 100.0001 % is above 100
		{"kk_a2", 49999, 1000000, "5", 1},    // 4.9999 % is below 5
	}
	for _, tt := range tests {
		c := ComponentResult{Bobot: skorSehat}
		in.lookup(&c, in.rules[in.compIdx[tt.comp]], tt.num, tt.den)
		if c.Ratio != mustPoints(t, tt.ratio) || c.Nilai != PointsOf(tt.nilai) {
			t.Errorf("%s %d/%d: ratio %s nilai %s, want %s and %d", tt.comp, tt.num, tt.den,
				c.Ratio, c.Nilai, tt.ratio, tt.nilai)
		}
	}
}

// TestBands_KSP2021Options probes each named alternative where it differs from the
// default.
func TestBands_KSP2021Options(t *testing.T) {
	in := mustKSP2021(t)
	tests := []struct {
		option, choice, comp string
		cases                []edge
	}{
		{"kuesioner_tepi", "tepi_tercetak", "tk_p1", []edge{{"76", 1}, {"75.99", 2},
			{"51", 2}, {"50.99", 3}, {"26", 3}, {"25.99", 4}}},
		{"kuesioner_tepi", "tepi_tercetak", "kpmr_lk_b", []edge{{"75", 2}, {"80", 1}}},
		{"lk2_tepi", "15_8", "pr_lk2", []edge{{"21.01", 1}, {"15.01", 2}, {"15", 3},
			{"8.01", 3}, {"8", 4}}},
		{"roe_tengah", "7", "kk_r2", []edge{{"7", 2}, {"6.99", 3}, {"7.49", 2}}},
		{"kemandirian_100", "nilai_3", "kk_r3", []edge{{"100", 3}, {"99.99", 4}}},
		{"pinjaman_bermasalah_tepi", "sampai_dengan", "kk_a2", []edge{{"5", 1}, {"5.01", 2},
			{"10", 2}, {"10.01", 3}, {"15", 3}, {"15.01", 4}}},
		{"partisipasi_simpanan_75", "nilai_2", "kk_j3", []edge{{"75", 2}, {"75.01", 1},
			{"50", 2}}},
		{"ekuitas_aset_tepi", "eksklusif", "pm_1", []edge{{"30", 2}, {"30.01", 1}, {"20", 3},
			{"10", 4}}},
	}
	for _, tt := range tests {
		o := in.optIdx[tt.option]
		r := in.choiceRules[o][in.Options[o].choice(tt.choice)].rules[in.compIdx[tt.comp]]
		if r == nil {
			t.Fatalf("%s=%s: no rule for %s", tt.option, tt.choice, tt.comp)
		}
		for _, e := range tt.cases {
			num, den := exactRatio(t, e.x)
			if got := r.nilaiExact(num, den); got != PointsOf(e.nilai) {
				t.Errorf("%s=%s %s at %s %%: nilai %s, want %d", tt.option, tt.choice,
					tt.comp, e.x, got, e.nilai)
			}
		}
	}
}

// ksp2021Input reads the synthetic full case of the ksp-2021 vectors.
func ksp2021Input(t testing.TB) Input {
	t.Helper()
	data, err := embeddedVector("ksp-2021", "synthetic-ksp-full")
	if err != nil {
		t.Fatal(err)
	}
	inp, _, err := ParseInput(data, Default())
	if err != nil {
		t.Fatal(err)
	}
	return inp
}

// TestScore_KSP2021AsNamedRules writes the synthetic cooperative's aspect scores as sums
// of the skor of each nilai, and the total as their weighted sum, so that a failure names
// the indicator and the rule that moved.
func TestScore_KSP2021AsNamedRules(t *testing.T) {
	in := mustKSP2021(t)
	res := in.Score(ksp2021Input(t))
	s1, s2, s3, s4 := skorSehat, skorCukupSehat, skorKurangSehat, skorTidakSehat
	want := map[string]Points{
		"tk_p1": s1, "tk_p2": s1, "tk_p3": s2, "tk_p4": s2, "tk_p5": s1, "tk_p6": s3,
		"tk_p7": s4, "tk_k1": s1, "tk_k2": s2, "tk_k3": s1, "tk_k4": s2, "tk_k5": s1,
		"tk_m1": s2, "tk_m2": s2, "tk_m3": s2, "tk_m4": s3, "tk_m5": s4,
		"pr_ik1": s1, "pr_ik2": s2, "pr_op1": s1, "pr_op2": s3, "pr_kp1": s1, "pr_kp2": s2,
		"pr_lk1": s2, "pr_lk2": s1, "pr_lk3": s3,
		"kpmr_kr_a": s2, "kpmr_kr_b": s3, "kpmr_kr_c": s3, "kpmr_op_a": s2, "kpmr_op_b": s3,
		"kpmr_op_c": s3, "kpmr_kp_a": s1, "kpmr_kp_b": s2, "kpmr_kp_c": s3, "kpmr_lk_a": s2,
		"kpmr_lk_b": s3, "kpmr_lk_c": s4,
		"kk_r1": s4, "kk_r2": s1, "kk_r3": s1, "kk_e1": s1, "kk_e2": s3, "kk_a1": s1,
		"kk_a2": s2, "kk_a3": s2, "kk_l1": s1, "kk_l2": s2, "kk_l3": s1, "kk_g1": s2,
		"kk_g2": s2, "kk_g3": s2, "kk_g4": s1, "kk_j1": s1, "kk_j2": s2, "kk_j3": s1,
		"pm_1": s2, "pm_2": s1, "pm_3": s1, "pm_4": s1,
	}
	sums := map[string]Points{}
	for _, c := range res.Components {
		if c.Status != StatusScored || c.Skor != want[c.ID] {
			t.Errorf("%s: %s skor %s, want %s", c.ID, c.Status, c.Skor, want[c.ID])
		}
		if cat, _ := in.Category(c.Nilai); c.Category != cat.ID || c.Category == "" {
			t.Errorf("%s: category %q for nilai %s", c.ID, c.Category, c.Nilai)
		}
		comp, _ := in.Component(c.ID)
		sums[comp.Aspect] = sum(sums[comp.Aspect], want[c.ID])
	}
	// TK 51/68 = 75, PR 58/84, KK 60/72, PM 15/16; total 30·TK + 15·PR + 40·KK + 15·PM.
	wantScore := map[string]string{"tata_kelola": "75", "profil_risiko": "69.05",
		"kinerja_keuangan": "83.33", "permodalan": "93.75"}
	for _, a := range res.Aspects {
		if a.Skor != sums[a.ID] || a.Score != mustPoints(t, wantScore[a.ID]) {
			t.Errorf("%s: skor %s score %s, want %s and %s", a.ID, a.Skor, a.Score,
				sums[a.ID], wantScore[a.ID])
		}
	}
	if res.Total != mustPoints(t, "80.25") || res.Predicate != "sehat" || !res.Complete {
		t.Errorf("total %s predicate %q complete %v, want 80.25 sehat", res.Total,
			res.Predicate, res.Complete)
	}
	if res.Eligibility == nil || !res.Eligibility.Met {
		t.Errorf("eligibility %+v, want met", res.Eligibility)
	}
}

// TestScore_KSP2021SpecialCases covers ksp-2021.md §2.6 and §5.3: zero and negative
// denominators, growth from nothing or from a loss.
func TestScore_KSP2021SpecialCases(t *testing.T) {
	in := mustKSP2021(t)
	check := func(name string, figs map[string]int64, opts map[string]string, comp string,
		st Status, nilai int64, note string,
	) {
		t.Helper()
		f := map[string]Amount{}
		for id, v := range figs {
			f[id] = AmountOf(v)
		}
		res := in.Score(Input{Figures: f, Options: opts})
		c, _ := res.Component(comp)
		if c.Status != st || c.Nilai != PointsOf(nilai) || !strings.Contains(c.Note, note) {
			t.Errorf("%s: %s %s nilai %s note %q; want %s %d %q", name, comp, c.Status,
				c.Nilai, c.Note, st, nilai, note)
		}
	}
	check("no problem loans", map[string]int64{"cadangan_risiko": 5, "pinjaman_bermasalah": 0},
		nil, "kk_a3", StatusScored, 1, "no problem loans")
	check("no current liabilities", map[string]int64{"kas_bank": 5, "kewajiban_lancar": 0},
		nil, "kk_l1", StatusScored, 1, "best case")
	check("… or undefined", map[string]int64{"kas_bank": 5, "kewajiban_lancar": 0},
		map[string]string{"penyebut_nol": "tidak_terdefinisi"}, "kk_l1", StatusUndefined, 0,
		"no current liabilities")
	check("negative equity", map[string]int64{"shu_setelah_pajak": -50, "ekuitas": -100},
		nil, "kk_r2", StatusScored, 4, "equity is negative")
	check("zero equity", map[string]int64{"kewajiban_jangka_panjang": 5, "ekuitas": 0},
		nil, "pm_4", StatusScored, 4, "equity is zero")
	check("growth from nothing", map[string]int64{"total_aset": 5, "total_aset_lalu": 0},
		nil, "kk_g1", StatusScored, 1, "grew from nothing")
	check("nothing from nothing", map[string]int64{"total_aset": 0, "total_aset_lalu": 0},
		nil, "kk_g1", StatusScored, 4, "worst case")
	// A loss of 100 last year and a surplus of 50 now: (50 + 100) / |−100| = 150 %.
	check("growth from a loss", map[string]int64{"shu_setelah_pajak": 50,
		"shu_setelah_pajak_lalu": -100}, nil, "kk_g4", StatusScored, 1, "")
	check("growth from a loss, undefined", map[string]int64{"shu_setelah_pajak": 50,
		"shu_setelah_pajak_lalu": -100},
		map[string]string{"pertumbuhan_dasar": "tidak_terdefinisi"}, "kk_g4", StatusUndefined,
		0, "a loss last year")
	check("no core business", map[string]int64{"beban_pokok": 5, "beban_usaha_anggota": 0,
		"beban_perkoperasian": 0, "partisipasi_bruto": 0}, nil, "kk_e1", StatusScored, 4,
		"no gross participation")
	check("a gross loss", map[string]int64{"beban_usaha": 5, "shu_kotor": -10}, nil,
		"kk_e2", StatusScored, 4, "gross loss")
	check("a loss", map[string]int64{"shu_setelah_pajak": -10, "total_aset": 100}, nil,
		"kk_r1", StatusScored, 4, "")
	check("short-term liabilities", map[string]int64{"kewajiban_lancar": 130,
		"kewajiban_jangka_panjang": 1, "ekuitas": 100},
		map[string]string{"pm4_kewajiban": "jangka_pendek"}, "pm_4", StatusScored, 3, "")
}

// TestScore_KSP2021Options checks the options that are not a table: net earning assets
// and strict predicate edges.
func TestScore_KSP2021Options(t *testing.T) {
	in := mustKSP2021(t)
	figs := map[string]Amount{"pinjaman_diberikan": AmountOf(96),
		"penyisihan_penghapusan_pinjaman": AmountOf(2), "total_aset": AmountOf(100)}
	res := in.Score(Input{Figures: figs})
	gross, _ := res.Component("pr_ik1")
	res = in.Score(Input{Figures: figs, Options: map[string]string{"aset_produktif": "neto"}})
	net, _ := res.Component("pr_ik1")
	if gross.Nilai != PointsOf(2) || net.Nilai != PointsOf(1) {
		t.Errorf("pr_ik1 gross nilai %s, net %s; want 2 (96 %%) and 1 (94 %%)", gross.Nilai,
			net.Nilai)
	}

	at80 := Input{AspectScores: map[string]Points{"tata_kelola": PointsOf(80),
		"profil_risiko": PointsOf(80), "kinerja_keuangan": PointsOf(80),
		"permodalan": PointsOf(80)}}
	if r := in.Score(at80); r.Predicate != "sehat" || r.Aspects[0].Predicate != "sehat" {
		t.Errorf("80 with lower-inclusive edges: %s, aspect %s; want sehat", r.Predicate,
			r.Aspects[0].Predicate)
	}
	at80.Options = map[string]string{"predikat_tepi": "atas_inklusif"}
	if r := in.Score(at80); r.Predicate != "cukup_sehat" ||
		r.Aspects[0].Predicate != "cukup_sehat" {
		t.Errorf("80 with upper-inclusive edges: %s, aspect %s; want cukup_sehat",
			r.Predicate, r.Aspects[0].Predicate)
	}
}

// TestScore_KSP2021ExactTotal: the total meets the predicate edge unrounded. Aspect
// scores of 79.996 everywhere print as a total of 80.00 but stay below Sehat.
func TestScore_KSP2021ExactTotal(t *testing.T) {
	in := mustKSP2021(t)
	inp := Input{AspectScores: map[string]Points{"tata_kelola": mustPoints(t, "80"),
		"profil_risiko": mustPoints(t, "79.99"), "kinerja_keuangan": mustPoints(t, "80"),
		"permodalan": mustPoints(t, "79.99")}}
	// 0.30·80 + 0.15·79.99 + 0.40·80 + 0.15·79.99 = 79.997, printed 80.
	r := in.Score(inp)
	if r.Total != PointsOf(80) || r.Predicate != "cukup_sehat" {
		t.Errorf("total %s predicate %s, want 80 (printed) and cukup_sehat", r.Total,
			r.Predicate)
	}
}

// TestScore_Eligibility: an unmet or unanswered precondition flags the result and says so
// in the notes; the score is unchanged.
func TestScore_Eligibility(t *testing.T) {
	in := mustKSP2021(t)
	inp := ksp2021Input(t)
	inp.Answers["el_rat"] = false
	delete(inp.Answers, "el_laporan")
	res := in.Score(inp)
	el := res.Eligibility
	if el == nil || el.Met || !slices.Equal(el.Unmet, []string{"el_rat"}) ||
		!slices.Equal(el.Unanswered, []string{"el_laporan"}) {
		t.Fatalf("eligibility %+v, want el_rat unmet and el_laporan unanswered", el)
	}
	notes := strings.Join(res.Notes, "\n")
	if !strings.Contains(notes, "not eligible: precondition el_rat unmet") ||
		!strings.Contains(notes, "not yet confirmed: el_laporan") {
		t.Errorf("notes %q", notes)
	}
	if res.Total != mustPoints(t, "80.25") || res.Predicate != "sehat" {
		t.Errorf("total %s %s, want the score unchanged", res.Total, res.Predicate)
	}
	out, _ := json.Marshal(res)
	if !strings.Contains(string(out), `"eligibility":{"met":false,"unmet":["el_rat"],`+
		`"unanswered":["el_laporan"]}`) {
		t.Errorf("JSON lacks the eligibility block: %s", out[len(out)-200:])
	}
	if old, _ := json.Marshal(mustKSP2016(t).Score(fullInput(t))); strings.Contains(
		string(old), "eligibility") {
		t.Error("ksp-2016 has no preconditions, so its result has no eligibility block")
	}
}

// TestScore_EnteredAspects: entered aspect scores replace their indicators; the others
// are computed, and the result is complete only when every aspect is.
func TestScore_EnteredAspects(t *testing.T) {
	in := mustKSP2021(t)
	inp := ksp2021Input(t)
	inp.AspectScores = map[string]Points{"tata_kelola": mustPoints(t, "92.06")}
	res := in.Score(inp)
	// 0.30·92.06 + 0.15·58/84·100 + 0.40·60/72·100 + 0.15·15/16·100 = 85.3706…
	if res.Total != mustPoints(t, "85.37") || !res.Aspects[0].Entered ||
		res.Aspects[0].Score != mustPoints(t, "92.06") {
		t.Errorf("total %s, tata_kelola score %s entered %v; want 85.37, 92.06 entered",
			res.Total, res.Aspects[0].Score, res.Aspects[0].Entered)
	}
	res = in.Score(Input{AspectScores: map[string]Points{"permodalan": PointsOf(90)}})
	if res.Complete || res.Predicate != "" || res.Aspects[3].Predicate != "sehat" ||
		res.Aspects[0].Predicate != "" {
		t.Errorf("one aspect entered: complete %v predicate %q, aspects %q %q", res.Complete,
			res.Predicate, res.Aspects[0].Predicate, res.Aspects[3].Predicate)
	}
}

// TestAspectFormula checks score = Σ skor / (N × 4) × 100 for the source's cases,
// including three indicators at nilai 2 (75), on a small rated instrument.
func TestAspectFormula(t *testing.T) {
	for _, tt := range []struct {
		nilai []int
		want  string
	}{
		{[]int{1, 1, 1, 1}, "100"}, {[]int{4, 4, 4, 4}, "25"}, {[]int{1, 2, 3, 4}, "62.5"},
		{[]int{2, 2, 2}, "75"},
	} {
		in := ratedInstrument(t, len(tt.nilai))
		figs := map[string]Amount{"d": AmountOf(100)}
		for i, n := range tt.nilai {
			figs[fmt.Sprintf("f%d", i)] = AmountOf(int64(n)) // ratio n % gives nilai n
		}
		res := in.Score(Input{Figures: figs})
		if !res.Complete || res.Aspects[0].Score != mustPoints(t, tt.want) ||
			res.Total != mustPoints(t, tt.want) {
			t.Errorf("nilai %v: aspect %s total %s complete %v, want %s", tt.nilai,
				res.Aspects[0].Score, res.Total, res.Complete, tt.want)
		}
	}
}

// ratedInstrument is a one-aspect rated instrument with n indicators fi / d, whose ratio
// in percent is the nilai (1 to 4).
func ratedInstrument(t *testing.T, n int) *Instrument {
	t.Helper()
	var b strings.Builder
	b.WriteString(`id: t
version: 1
lookup: exact
rating:
  min: 1
  max: 4
  skor: {base: 5, slope: -1}
  categories:
    - {nilai: 1, id: a}
    - {nilai: 2, id: b}
    - {nilai: 3, id: c}
    - {nilai: 4, id: d}
aspects: [{id: x, weight: 100}]
tables:
  t: [{when: "< 2", nilai: 1}, {when: "[2, 3)", nilai: 2}, {when: "[3, 4)", nilai: 3},
      {when: ">= 4", nilai: 4}]
figures:
  - {id: d, group: assets}
`)
	for i := range n {
		fmt.Fprintf(&b, "  - {id: f%d, group: assets}\n", i)
	}
	b.WriteString("components:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {id: c%d, aspect: x, ratio: {num: [f%d], den: [d]}, table: t}\n",
			i, i)
	}
	b.WriteString("predicates: [{id: ok, min: 50}, {id: weak}]\n")
	in, err := ParseInstrument([]byte(b.String()), "test")
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// TestParseInstrument_RatedProblems: the new fields are checked and named when wrong.
func TestParseInstrument_RatedProblems(t *testing.T) {
	src, err := embedded.ReadFile("instruments/ksp-2021.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ from, to, want string }{
		{"weight: 40", "weight: 41", "aspects: weights add up to 101, not 100"},
		{"lookup: exact", "lookup: exactly", `lookup: "exactly" is not rounded or exact`},
		{"table: naik_30_20_10", "table: naik_30", `components[kk_j2].table: unknown table`},
		{`{when: ">= 30", nilai: 1}`, `{when: ">= 30", nilai: 0}`,
			"must be a whole number within 1 and 4"},
		{"previous: total_aset", "previous: total_asset", `unknown figure "total_asset"`},
		{"predicate_edges: exclusive", "predicate_edges: strict",
			`predicate_edges: "strict" is not inclusive or exclusive`},
		{"    - {nilai: 4, id: tidak_sehat", "    - {nilai: 3, id: tidak_sehat",
			"rating.categories: nilai 3"},
		{"    table: kuesioner\n", "    table: kuesioner\n    bobot: 4\n",
			"a rated indicator has no bobot"},
	}
	for _, tt := range tests {
		if !strings.Contains(string(src), tt.from) {
			t.Fatalf("%q is not in ksp-2021.yaml", tt.from)
		}
		_, err := ParseInstrument([]byte(strings.Replace(string(src), tt.from, tt.to, 1)),
			"x.yaml")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s → %s: %v, want %q", tt.from, tt.to, err, tt.want)
		}
	}
}

// TestResult_JSONRated pins the contract's shape of a rated indicator and a weighted
// aspect.
func TestResult_JSONRated(t *testing.T) {
	in := mustKSP2021(t)
	res := in.Score(ksp2021Input(t))
	c, _ := res.Component("kk_r1")
	b, _ := json.Marshal(c)
	want := `{"id":"kk_r1","status":"scored","ratio":2.4,"nilai":4,"category":"tidak_sehat",` +
		`"bobot":4,"skor":1}`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
	c, _ = res.Component("tk_p3")
	b, _ = json.Marshal(c)
	want = `{"id":"tk_p3","status":"scored","ratio":66.67,"ya":2,"nilai":2,` +
		`"category":"cukup_sehat","bobot":4,"skor":3}`
	if string(b) != want {
		t.Errorf("got %s\nwant %s", b, want)
	}
	out, _ := json.Marshal(res)
	if !strings.Contains(string(out), `{"id":"permodalan","skor":15,"max":16,"score":93.75,`+
		`"weight":15,"predicate":"sehat","components":[`) {
		t.Errorf("permodalan aspect not in the weighted form: %s", out)
	}
}

// embeddedVector returns the input of a vector in testdata/vectors.
func embeddedVector(instrument, name string) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join("testdata", "vectors", instrument, name+".json"))
	if err != nil {
		return nil, err
	}
	var v struct {
		Input json.RawMessage `json:"input"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	return v.Input, nil
}
