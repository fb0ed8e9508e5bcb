package scoring

import (
	"errors"
	"strings"
	"testing"
)

// TestParseInput_Problems: every problem is reported, one line each, with its field.
func TestParseInput_Problems(t *testing.T) {
	tests := []struct {
		name, json string
		want       []string
	}{
		{"malformed", `{"instrument": "ksp-2016",`, []string{"malformed JSON"}},
		{"syntax", "{\n\"instrument\" \"x\"}", []string{"malformed JSON at line 2, column"}},
		{"empty", ``, []string{"malformed JSON: the input is empty"}},
		{"cut off", "{\n\"instrument\": \"ksp-2016\",",
			[]string{"malformed JSON: the input ends early at line 2, column 26"}},
		{"not an object", `[1]`, []string{"malformed input at line 1"}},
		{"two values", `{"instrument":"ksp-2016"} {}`,
			[]string{"malformed JSON: more than one value"}},
		{"no instrument", `{}`, []string{"instrument: missing"}},
		{"unknown key", `{"instrument":"ksp-2016","figure":{}}`,
			[]string{"figure: unknown key"}},
		{"unknown instrument", `{"instrument":"ksp2016"}`,
			[]string{`instrument: unknown instrument "ksp2016" (did you mean "ksp-2016"?)`}},
		{"figures", `{"instrument":"ksp-2016","figures":{"kass":1,"bank":"1.234,5",` +
			`"tabungan":1.005,"kewajiban_lancar":-5,"shu_kotor":-3,"hibah":1e5,` +
			`"kas":"200000000000000"}}`, []string{
			`figures.bank: "1.234,5" is not an amount`,
			`figures.hibah: 1e5 is not an amount`,
			`figures.kas: "200000000000000" is more than Rp 100 trillion`,
			`figures.kass: unknown figure id (did you mean "kas"?)`,
			`figures.kewajiban_lancar: -5 is negative, but kewajiban_lancar cannot be below zero`,
			`figures.tabungan: 1.005 has more than 2 decimals`,
		}},
		{"answers", `{"instrument":"ksp-2016","answers":{"mu01":"ya","mu1":true,"ma02":1}}`,
			[]string{`answers.ma02: 1 is not an answer`, `answers.mu01: "ya" is not an answer`,
				`answers.mu1: unknown question id (did you mean "mu01"?)`}},
		{"options", `{"instrument":"ksp-2016","options":{"ms_pdb":"lin","msp_db":"x"}}`,
			[]string{`options.ms_pdb: "lin" is not a choice of this option (choose step or linear)`,
				`options.msp_db: unknown option (did you mean "ms_pdb"?)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ParseInput([]byte(tt.json), Default())
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got %v, want an InputError", err)
			}
			if len(ie.Problems) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(ie.Problems), len(tt.want), err)
			}
			for i, w := range tt.want {
				if got := ie.Problems[i].String(); !strings.HasPrefix(got, w) {
					t.Errorf("problem %d: %q, want it to start with %q", i, got, w)
				}
			}
		})
	}
}

// TestParseInput_Accepts numbers and strings, negative losses and pinned versions.
func TestParseInput_Accepts(t *testing.T) {
	inp, in, err := ParseInput([]byte(`{"instrument":"ksp-2016@1","figures":{"kas":150000000,`+
		`"bank":"350000000.50","shu_kotor":-3,"modal_sendiri":"-1.5"},"answers":{"af01":false},`+
		`"options":{"ms_pdb":"linear"}}`), Default())
	if err != nil {
		t.Fatal(err)
	}
	if in.Ref() != "ksp-2016@1" || inp.Figures["bank"].String() != "350000000.5" ||
		inp.Figures["modal_sendiri"] != MustAmount("-1.50") || inp.Options["ms_pdb"] != "linear" {
		t.Errorf("got %+v", inp)
	}
}

// TestNewInput builds an input from the store's string figures.
func TestNewInput(t *testing.T) {
	in := mustKSP2016(t)
	inp, err := NewInput(in, map[string]string{"kas": "1234567.50"},
		map[string]bool{"mu01": true}, nil)
	if err != nil || inp.Figures["kas"] != MustAmount("1234567.5") || !inp.Answers["mu01"] {
		t.Errorf("got %+v, %v", inp, err)
	}
	_, err = NewInput(in, map[string]string{"kas": "1.234.567,50", "bnak": "1"},
		map[string]bool{"zz99": true}, map[string]string{"rpm": "x"})
	if err == nil || strings.Count(err.Error(), "\n") != 3 {
		t.Errorf("got %v, want four problems", err)
	}
	if _, err := in.CheckFigure("total_aset", "-1"); err == nil {
		t.Errorf("CheckFigure accepted a negative total_aset")
	}
}

// TestAmount_Text covers the contract's number form.
func TestAmount_Text(t *testing.T) {
	tests := []struct{ in, out, err string }{
		{"0", "0", ""}, {"1234567.50", "1234567.5", ""}, {"-0.01", "-0.01", ""},
		{"007", "7", ""}, {"1.005", "", "more than 2 decimals"}, {"1,5", "", "not a number"},
		{"", "", "not a number"}, {"1.", "", "not a number"}, {".5", "", "not a number"},
		{"+1", "", "not a number"}, {"100000000000000", "100000000000000", ""},
		{"100000000000000.01", "", "more than Rp 100 trillion"},
		{"99999999999999999999", "", "more than Rp 100 trillion"},
	}
	for _, tt := range tests {
		a, err := ParseAmount(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseAmount(%q): %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || a.String() != tt.out {
			t.Errorf("ParseAmount(%q) = %s, %v; want %s", tt.in, a, err, tt.out)
		}
	}
	for in, want := range map[string]string{"89.5": "89.50", "3": "3.00", "0.125": "0.13",
		"-0.125": "-0.13", "2.4": "2.40"} {
		if got := mustPoints(t, in).Fixed2(); got != want {
			t.Errorf("Fixed2(%s) = %s, want %s", in, got, want)
		}
	}
	var a Amount
	if err := a.UnmarshalJSON([]byte(`"12.30"`)); err != nil || a.String() != "12.3" {
		t.Errorf("UnmarshalJSON string: %s %v", a, err)
	}
	if b, _ := MustAmount("0.5").MarshalJSON(); string(b) != "0.5" {
		t.Errorf("MarshalJSON: %s", b)
	}
}

// TestRatioRounding: half-up at the second decimal, exact for huge operands.
func TestRatioRounding(t *testing.T) {
	tests := []struct {
		num, den int64
		want     int64 // hundredths of a percent
	}{
		{19995, 100000, 2000}, {19994, 100000, 1999}, {-19995, 100000, -2000},
		{1, 3, 3333}, {2, 3, 6667}, {MaxAmount.u, 3, 0},
	}
	for _, tt := range tests {
		got, err := mulDivRound(tt.num, 100*100, tt.den)
		if tt.want == 0 {
			if err == nil {
				t.Errorf("%d/%d: no overflow error", tt.num, tt.den)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%d/%d: %d %v, want %d", tt.num, tt.den, got, err, tt.want)
		}
	}
}
