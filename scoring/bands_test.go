package scoring

import (
	"testing"
)

// edge is one probe of a scale: a ratio (already rounded) and the nilai the rubric gives.
type edge struct {
	x     string
	nilai int64
}

// bandCases are the ksp-2016 tables of section 3, probed at every edge and 0.01 on
// either side of it, written from the specification rather than from the data file.
var bandCases = map[string][]edge{
	"ms_ta": {{"-0.01", 0}, {"0", 0}, {"0.01", 25}, {"19.99", 25}, {"20", 50}, {"39.99", 50},
		{"40", 100}, {"59.99", 100}, {"60", 50}, {"79.99", 50}, {"80", 25}, {"80.01", 25},
		{"80.99", 25}},
	"ms_pdb": {{"-5", 0}, {"0", 0}, {"9.99", 0}, {"10", 10}, {"10.01", 10}, {"19.99", 10},
		{"20", 20}, {"99.99", 90}, {"100", 100}, {"100.01", 100}, {"205.56", 100}},
	"kms": {{"3.99", 0}, {"4", 50}, {"4.01", 50}, {"5.99", 50}, {"6", 75}, {"7.99", 75},
		{"8", 100}, {"8.01", 100}},
	"vol_anggota": {{"24.99", 0}, {"25", 50}, {"49.99", 50}, {"50", 75}, {"74.99", 75},
		{"75", 100}, {"75.01", 100}},
	"rpm": {{"0", 100}, {"0.01", 80}, {"9.99", 80}, {"10", 80}, {"10.01", 60}, {"20", 60},
		{"20.01", 40}, {"30", 40}, {"30.01", 20}, {"40", 20}, {"40.01", 10}, {"44.99", 10},
		{"45", 0}, {"45.01", 0}},
	"cadangan_rpm": {{"0", 0}, {"0.01", 10}, {"9.99", 10}, {"10", 10}, {"10.01", 20},
		{"30.1", 40}, {"89.99", 90}, {"90", 90}, {"90.01", 100}, {"100", 100}, {"250", 100}},
	"pinjaman_berisiko": {{"20.99", 100}, {"21", 75}, {"21.01", 75}, {"25.99", 75},
		{"26", 50}, {"29.99", 50}, {"30", 50}, {"30.01", 25}},
	"boa_pb": {{"89.99", 100}, {"90", 75}, {"94.99", 75}, {"95", 50}, {"99.99", 50},
		{"100", 25}, {"100.01", 25}},
	"bu_shuk": {{"39.99", 100}, {"40", 100}, {"40.01", 75}, {"60", 75}, {"60.01", 50},
		{"80", 50}, {"80.01", 25}},
	"efisiensi_pelayanan": {{"4.99", 100}, {"5", 75}, {"9.99", 75}, {"10", 50}, {"15", 50},
		{"15.01", 25}},
	"rasio_kas": {{"0", 25}, {"9.99", 25}, {"10", 25}, {"10.01", 100}, {"15", 100},
		{"15.01", 50}, {"20", 50}, {"20.01", 25}},
	"ldr": {{"59.99", 25}, {"60", 50}, {"69.99", 50}, {"70", 75}, {"79.99", 75}, {"80", 100},
		{"80.01", 100}},
	"roa": {{"-3", 25}, {"4.99", 25}, {"5", 50}, {"7.49", 50}, {"7.5", 75}, {"9.99", 75},
		{"10", 100}, {"10.01", 100}},
	"roe": {{"2.99", 25}, {"3", 50}, {"3.99", 50}, {"4", 75}, {"4.99", 75}, {"5", 100},
		{"5.01", 100}},
	"kemandirian_operasional": {{"-1", 0}, {"99.99", 0}, {"100", 0}, {"100.01", 100}},
	"partisipasi_bruto": {{"24.99", 25}, {"25", 50}, {"49.99", 50}, {"50", 75},
		{"74.99", 75}, {"75", 100}, {"75.01", 100}},
	"pea": {{"4.99", 0}, {"5", 50}, {"7.49", 50}, {"7.5", 75}, {"9.99", 75}, {"10", 100},
		{"10.01", 100}},
}

// TestBands_KSP2016 probes every ratio component's table on both sides of every edge.
func TestBands_KSP2016(t *testing.T) {
	in := mustKSP2016(t)
	for _, c := range in.Components {
		if c.Checklist != nil {
			continue
		}
		cases, ok := bandCases[c.ID]
		if !ok {
			t.Errorf("%s: no edge cases", c.ID)
			continue
		}
		for _, e := range cases {
			got := in.rules[in.compIdx[c.ID]].nilai(mustPoints(t, e.x))
			if got != PointsOf(e.nilai) {
				t.Errorf("%s at %s %%: nilai %s, want %d", c.ID, e.x, got, e.nilai)
			}
		}
	}
}

// TestBands_Options probes the named alternatives of ksp-2016.
func TestBands_Options(t *testing.T) {
	in := mustKSP2016(t)
	tests := []struct {
		option, choice, comp string
		cases                []edge
	}{
		{"ms_pdb", "linear", "ms_pdb", []edge{{"-1", 0}, {"0", 0}, {"42.42", 0}, {"99", 99},
			{"100", 100}, {"150", 100}}},
		{"rpm", "linear_45", "rpm", []edge{{"0", 90}, {"10", 70}, {"45", 0}, {"50", 0}}},
		{"rpm", "linear_100", "rpm", []edge{{"0", 100}, {"4.49", 92}, {"4.5", 90},
			{"60", 0}}},
		{"cadangan_rpm", "linear", "cadangan_rpm", []edge{{"0", 0}, {"87", 87},
			{"120", 100}}},
		{"efisiensi_pelayanan", "0", "efisiensi_pelayanan", []edge{{"15", 50},
			{"15.01", 0}}},
	}
	for _, tt := range tests {
		o := in.optIdx[tt.option]
		r := in.choiceRules[o][in.Options[o].choice(tt.choice)].rules[in.compIdx[tt.comp]]
		if r == nil {
			t.Fatalf("%s=%s: no rule for %s", tt.option, tt.choice, tt.comp)
		}
		for _, e := range tt.cases {
			want := PointsOf(e.nilai)
			if tt.option == "ms_pdb" && e.x == "42.42" {
				want = mustPoints(t, "42.42")
			}
			if got := r.nilai(mustPoints(t, e.x)); got != want {
				t.Errorf("%s=%s at %s %%: nilai %s, want %s", tt.option, tt.choice, e.x,
					got, want)
			}
		}
	}
}

// TestInterval_Parse covers the notations of a band's "when".
func TestInterval_Parse(t *testing.T) {
	tests := []struct {
		when    string
		in, out []string
	}{
		{"[20, 40)", []string{"20", "39.99"}, []string{"19.99", "40"}},
		{"(0, 10]", []string{"0.01", "10"}, []string{"0", "10.01"}},
		{"<= 0", []string{"0", "-100"}, []string{"0.01"}},
		{"< 4", []string{"3.99"}, []string{"4"}},
		{"> 30", []string{"30.01"}, []string{"30"}},
		{">= 80", []string{"80"}, []string{"79.99"}},
		{"= 0", []string{"0"}, []string{"0.01", "-0.01"}},
	}
	for _, tt := range tests {
		iv, err := parseInterval(tt.when)
		if err != nil {
			t.Fatalf("%q: %v", tt.when, err)
		}
		for _, x := range tt.in {
			if !iv.contains(mustPoints(t, x).u) {
				t.Errorf("%q should contain %s", tt.when, x)
			}
		}
		for _, x := range tt.out {
			if iv.contains(mustPoints(t, x).u) {
				t.Errorf("%q should not contain %s", tt.when, x)
			}
		}
	}
	for _, bad := range []string{"", "[40, 20)", "[1, 1)", "20 to 40", "[a, 3)", "=> 3"} {
		if _, err := parseInterval(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func mustKSP2016(t testing.TB) *Instrument {
	t.Helper()
	in, err := Default().Lookup("ksp-2016@1")
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func mustPoints(t testing.TB, s string) Points {
	t.Helper()
	p, err := ParsePoints(s)
	if err != nil {
		t.Fatalf("ParsePoints(%q): %v", s, err)
	}
	return p
}
