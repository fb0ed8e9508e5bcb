package scoring

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func embeddedKSP(t *testing.T) string {
	t.Helper()
	data, err := embedded.ReadFile("instruments/ksp-2016.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestLoad_LocalOverride: a local file with a higher version is used, the embedded one
// stays reachable by version, and broken files are reported by name and field.
func TestLoad_LocalOverride(t *testing.T) {
	src := embeddedKSP(t)
	v2 := strings.Replace(src, "version: 1", "version: 2", 1)
	v2 = strings.Replace(v2, "Ada visi, misi, tujuan tertulis yang jelas.", "Visi tertulis.", 1)
	local := fstest.MapFS{
		"ksp-2016.yaml": {Data: []byte(v2)},
		"same.yaml":     {Data: []byte(src)},
		"bobot.yaml": {Data: []byte(strings.Replace(strings.Replace(src, "version: 1",
			"version: 3", 1), "bobot: 6", "bobot: 7", 1))},
		"typo.yaml": {Data: []byte(strings.Replace(strings.Replace(src, "version: 1",
			"version: 4", 1), "  - {when: \"[20, 40)\", nilai: 50}",
			"  - {when: \"[20, 40]\", nilai: 50}", 1))},
		"field.yaml": {Data: []byte(strings.Replace(src, "formula:", "formla:", 1))},
		"notes.txt":  {Data: []byte("not an instrument")},
	}
	reg, errs := Load(local)
	wantErrs := []string{
		"bobot.yaml: aspects[permodalan].max: is 15 but its components' bobot add up to 16",
		"field.yaml: line ",
		"same.yaml: version: ksp-2016@1 is already embedded",
		"typo.yaml: components[ms_ta].bands: bands [20, 40] and [40, 60) leave a gap or overlap",
	}
	if len(errs) != len(wantErrs) {
		t.Fatalf("got %d errors, want %d: %v", len(errs), len(wantErrs), errors.Join(errs...))
	}
	for i, w := range wantErrs {
		if !strings.HasPrefix(errs[i].Error(), w) {
			t.Errorf("error %d: %q, want it to start with %q", i, errs[i], w)
		}
	}
	if !strings.Contains(errs[1].Error(), `unknown field "formla"`) {
		t.Errorf("error %q does not name the field", errs[1])
	}

	in, err := reg.Lookup("ksp-2016")
	if err != nil || in.Version != 2 || in.Source != "ksp-2016.yaml" {
		t.Fatalf("Lookup: %v %v, want version 2 from ksp-2016.yaml", in, err)
	}
	if q, _ := in.Question("mu01"); q.Text.ID != "Visi tertulis." {
		t.Errorf("mu01 reads %q, want the local wording", q.Text.ID)
	}
	if old, err := reg.Lookup("ksp-2016@1"); err != nil || old.Source != SourceEmbedded {
		t.Errorf("ksp-2016@1: %v %v, want the embedded version", old, err)
	}
	vs := reg.Versions("ksp-2016")
	if len(vs) != 2 || vs[0].Active || !vs[1].Active {
		t.Errorf("versions %+v, want 1 (embedded) and 2 (active)", vs)
	}
}

// TestRegistry_Lookup covers unknown ids and versions.
func TestRegistry_Lookup(t *testing.T) {
	reg := Default()
	tests := []struct{ ref, want string }{
		{"ksp-2061", `unknown instrument "ksp-2061" (did you mean "ksp-2021"?)`},
		{"ksp-2106", `unknown instrument "ksp-2106" (did you mean "ksp-2016"?)`},
		{"ksp-2016@9", `unknown instrument version "9" of ksp-2016 (known: 1)`},
		{"ksp-2016@x", `unknown instrument version "x"`},
		{"", `unknown instrument ""`},
	}
	for _, tt := range tests {
		_, err := reg.Lookup(tt.ref)
		if err == nil || !errors.Is(err, ErrUnknownInstrument) ||
			!strings.Contains(err.Error(), tt.want) {
			t.Errorf("Lookup(%q): %v, want %q", tt.ref, err, tt.want)
		}
	}
	var refs []string
	for _, in := range reg.Instruments() {
		refs = append(refs, in.Ref())
	}
	if strings.Join(refs, " ") != "ksp-2016@1 ksp-2021@1" {
		t.Errorf("Instruments: %v, want ksp-2016@1 and ksp-2021@1", refs)
	}
}

// TestKSP2016_Shape pins what the instrument page lists: ids, counts and weights.
func TestKSP2016_Shape(t *testing.T) {
	in := mustKSP2016(t)
	if len(in.Components) != 22 {
		t.Errorf("%d components, want 22", len(in.Components))
	}
	var total Points
	for _, a := range in.Aspects {
		total.u += a.Max.u
	}
	if total != PointsOf(100) {
		t.Errorf("aspects add up to %s, want 100", total)
	}
	counts := map[string]int{}
	for _, q := range in.Questions {
		counts[q.Component]++
		if q.Text.ID == "" || q.Text.EN == "" {
			t.Errorf("%s: wording missing in a language", q.ID)
		}
	}
	want := map[string]int{"manajemen_umum": 12, "kelembagaan": 6, "manajemen_permodalan": 5,
		"manajemen_aktiva": 10, "manajemen_likuiditas": 5, AdjustmentComponent: 9}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%s: %d questions, want %d", k, counts[k], n)
		}
	}
	negative := []string{}
	for _, f := range in.Figures {
		if f.Negative {
			negative = append(negative, f.ID)
		}
		if f.Label.ID == "" || f.Label.EN == "" {
			t.Errorf("figure %s: label missing in a language", f.ID)
		}
	}
	if got := strings.Join(negative, ","); got != "shu_belum_dibagi,shu_kotor,"+
		"shu_sebelum_pajak,modal_sendiri,partisipasi_neto" {
		t.Errorf("figures that may be negative: %s", got)
	}
	for _, id := range []string{"wording_provisional", "adjustments_unconfirmed"} {
		found := false
		for _, n := range in.Notes {
			found = found || n.ID == id
		}
		if !found {
			t.Errorf("note %s missing", id)
		}
	}
	if len(in.Figures) != 52 || len(in.Options) != 6 {
		t.Errorf("%d figures and %d options, want 52 and 6", len(in.Figures), len(in.Options))
	}
}

// TestParseInstrument_Problems: a bad local file is reported with the file, the place
// and the field.
func TestParseInstrument_Problems(t *testing.T) {
	src := embeddedKSP(t)
	tests := []struct{ old, new, want string }{
		{"    bobot: 6\n", "    bobot: enam\n",
			`x.yaml: line 259, column 12: components[0].bobot: "enam" is not a plain number`},
		{"min: 66}", "min: 85}", "x.yaml: predicates[cukup_sehat].min: must be below"},
		{"set: dalam_pengawasan_khusus", "set: dpk",
			`x.yaml: adjustments[pengawasan_khusus].set: unknown predicate "dpk"`},
		{"den: [total_aset]", "den: [total_asset]", `x.yaml: components[ms_ta].ratio.den[0]: ` +
			`unknown figure "total_asset"`},
		{"    derive: [pinjaman_anggota, pinjaman_non_anggota]",
			"    derive: [pinjaman_anggota, modal_sendiri]",
			`x.yaml: figures[pinjaman_diberikan].derive[1]: unknown figure "modal_sendiri" ` +
				`(or listed after the aggregate it derives)`},
		{"  - {when: \">= 80\", nilai: 25}", "  - {when: \">= 80\", nilai: 125}",
			"x.yaml: components[ms_ta].bands[5].nilai: must be within 0 and 100"},
		{"applies_to: manajemen", "applies_to: manajmen",
			`x.yaml: notes[0].applies_to: "manajmen" is neither an aspect id nor "adjustments"`},
	}
	for _, tt := range tests {
		if !strings.Contains(src, tt.old) {
			t.Fatalf("%q not in the data file", tt.old)
		}
		_, err := ParseInstrument([]byte(strings.Replace(src, tt.old, tt.new, 1)), "x.yaml")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s → %s: %v, want %q", tt.old, tt.new, err, tt.want)
		}
	}
}
