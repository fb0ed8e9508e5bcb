package scoringtest

import (
	"strings"
	"testing"
)

// TestCheck: only listed keys are checked, numbers to Tolerance, and every difference
// is named by its path.
func TestCheck(t *testing.T) {
	result := []byte(`{"complete":false,"total":3,"predicate":null,"aspects":[{"id":"p",` +
		`"skor":3,"components":[{"id":"ms_ta","status":"scored","ratio":20,"nilai":50}]}],` +
		`"derived":{"ms":19995}}`)
	if d := Check(result, []byte(`{"complete":false,"total":3.004,"components":{"ms_ta":`+
		`{"ratio":20.0,"status":"scored"}},"aspects":{"p":3},"derived":{"ms":19995}}`)); d != nil {
		t.Errorf("matching expectation: %v", d)
	}
	d := Check(result, []byte(`{"complete":true,"total":3.006,"predicate":"sehat",`+
		`"components":{"ms_ta":{"nilai":25},"kms":{}},"aspects":{"q":1},"derived":{"ms":1}}`))
	want := []string{"aspects.q: absent", "complete: got false", "components.kms: absent",
		"components.ms_ta.nilai: got 50, want 25", "derived.ms: got 19995, want 1",
		"predicate: got <nil>, want sehat", "total: got 3, want 3.006"}
	if len(d) != len(want) {
		t.Fatalf("got %d differences, want %d: %v", len(d), len(want), d)
	}
	for i, w := range want {
		if !strings.HasPrefix(d[i], w) {
			t.Errorf("difference %d: %q, want %q", i, d[i], w)
		}
	}
}

// TestCheck_AspectObject: an aspect's expectation may list its fields, null included.
func TestCheck_AspectObject(t *testing.T) {
	result := []byte(`{"complete":true,"total":77.45,"predicate":"cukup_sehat","aspects":[` +
		`{"id":"tk","skor":51,"score":75,"predicate":null,"components":[]}]}`)
	if d := Check(result, []byte(`{"aspects":{"tk":{"score":75,"predicate":null}}}`)); d != nil {
		t.Errorf("matching expectation: %v", d)
	}
	d := Check(result, []byte(`{"aspects":{"tk":{"score":75.01,"predicate":"sehat"}}}`))
	if len(d) != 2 || !strings.HasPrefix(d[0], "aspects.tk.predicate: got <nil>") ||
		!strings.HasPrefix(d[1], "aspects.tk.score: got 75, want 75.01") {
		t.Errorf("differences %q", d)
	}
}
