package scoring

import (
	"slices"
	"testing"
)

// A key given twice at any depth is a problem named by its path; the same key in
// different objects, or in objects inside an array, is not.
func TestDuplicateKeys(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`{"instrument":"ksp-2016","figures":{"kas":1},"figures":{"bank":2}}`,
			[]string{"figures"}},
		{`{"figures":{"kas":1,"bank":2,"kas":"3"}}`, []string{"figures.kas"}},
		{`{"answers":{"a":true},"options":{"a":"x"},"figures":{"a":1}}`, nil},
		{`{"x":[{"a":1},{"a":2}],"y":{"z":{"a":1,"a":2}}}`, []string{"y.z.a"}},
		{`{"a":{"b":[1,{"c":1}]},"a":2}`, []string{"a"}},
		{`[1,2,{"k":1,"k":2}]`, []string{"k"}},
		{`{}`, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range duplicateKeys([]byte(tt.in)) {
			got = append(got, p.Field)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("duplicateKeys(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// koroena score refuses an input that gives "figures" twice instead of dropping one.
func TestParseInput_DuplicateKeyRefused(t *testing.T) {
	_, _, err := ParseInput([]byte(
		`{"instrument":"ksp-2016","figures":{"kas":1},"figures":{"bank":2}}`), Default())
	if err == nil || err.Error() != "figures: given more than once; give each id once" {
		t.Errorf("err = %v", err)
	}
}
