package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// jsonAlphabet holds strings that take every path of appendJSONString: plain ASCII, the
// characters JSON or HTML escaping changes, non-ASCII, invalid UTF-8 and line separators.
var jsonAlphabet = []string{"", "kas", "1234567.50", `x"y`, `a\b`, "<&>", "ü", "Rp 5.000",
	"baris\nbaru", "\t", "\x7f", "\xff", "\u2028", "\x00", "catatan panjang: ya/tidak"}

// randomDraft draws a record from jsonAlphabet, with nil, empty and full maps, zero and
// set times, and now and then a result (the json.Marshal path).
func randomDraft(r *rand.Rand) assessmentRecord {
	str := func() string { return jsonAlphabet[r.IntN(len(jsonAlphabet))] }
	strs := func() map[string]string {
		switch r.IntN(4) {
		case 0:
			return nil
		case 1:
			return map[string]string{}
		}
		m := map[string]string{}
		for range r.IntN(8) {
			m[str()] = str()
		}
		return m
	}
	when := func() time.Time {
		if r.IntN(3) == 0 {
			return time.Time{}
		}
		t := time.Unix(r.Int64N(4e9), r.Int64N(1e9)).UTC()
		if r.IntN(4) == 0 {
			t = t.In(time.FixedZone("WIB", 7*3600))
		}
		return t
	}
	a := Assessment{ID: str(), CoopID: str(), Instrument: str(), Version: r.IntN(5) - 1,
		FiscalYear: 1990 + r.IntN(50), Figures: strs(), Options: strs(), ItemNotes: strs(),
		Status: AssessmentStatus(str()), Replaces: str(), AmendedBy: str(),
		AmendReason: str(), CoachID: str(), CreatedAt: when(), UpdatedAt: when(),
		FinalizedAt: when(), FinalizedBy: str()}
	if r.IntN(4) > 0 {
		a.Answers = map[string]bool{}
		for range r.IntN(8) {
			a.Answers[str()] = r.IntN(2) == 0
		}
	}
	if r.IntN(10) == 0 {
		a.Result = &Result{Complete: true, Total: "81.25", Predicate: str()}
	}
	return assessmentRecord{V: r.IntN(3), Assessment: a}
}

// Regression test for issue #8: the draft encoder writes exactly what json.Marshal writes,
// whatever keys it is given as a hint: none, those of the record before (every other
// time with one entry changed, added or removed), or those of an unrelated record.
func TestEncodeDraft_SameAsMarshal(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 25))
	var prev assessmentRecord
	var prevKeys draftKeys
	for i := range 20000 {
		rec := randomDraft(r)
		hint := prevKeys
		switch i % 4 {
		case 0:
			hint = draftKeys{}
		case 1, 2:
			rec = prev
			rec.Assessment = cloneAssessment(prev.Assessment)
			k := jsonAlphabet[r.IntN(len(jsonAlphabet))]
			rec.Figures = setOrClear(rec.Figures, k, "1.50", i%2 == 0)
			rec.Answers = setOrClear(rec.Answers, k, r.IntN(2) == 0, r.IntN(3) == 0)
		}
		want, wantErr := json.Marshal(rec)
		got, keys, err := encodeDraft(rec, hint)
		if (err != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("record %+v\nhint %q\ngot  %s (%v)\nwant %s (%v)", rec, hint, got, err,
				want, wantErr)
		}
		if rec.Result == nil && err == nil {
			for j, m := range []map[string]string{rec.Figures, nil, rec.Options,
				rec.ItemNotes} {
				if j != 1 && !slices.Equal(keys[j], sortedKeys(m)) {
					t.Fatalf("keys[%d] = %q, want %q", j, keys[j], sortedKeys(m))
				}
			}
			if !slices.Equal(keys[1], sortedKeys(rec.Answers)) {
				t.Fatalf("answer keys = %q, want %q", keys[1], sortedKeys(rec.Answers))
			}
		}
		prev, prevKeys = rec, keys
	}
}

// A time json.Marshal refuses (year 10000) is refused by the draft encoder too.
func TestEncodeDraft_TimeOutOfRange(t *testing.T) {
	rec := assessmentRecord{V: 1, Assessment: Assessment{ID: "x",
		UpdatedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}
	if _, _, err := encodeDraft(rec, draftKeys{}); err == nil {
		t.Error("encodeDraft of year 10000: no error, json.Marshal gives one")
	}
}

// encodeDraft writes every field by hand: a field added to Assessment must be added there
// (and to randomDraft) before this count is raised.
func TestEncodeDraft_KnowsEveryField(t *testing.T) {
	const written = 19
	if n := reflect.TypeFor[Assessment]().NumField(); n != written {
		t.Errorf("Assessment has %d fields, encodeDraft writes %d: teach it the new ones",
			n, written)
	}
	if n := reflect.TypeFor[assessmentRecord]().NumField(); n != 2 {
		t.Errorf("assessmentRecord has %d fields, encodeDraft writes v and Assessment", n)
	}
}

// FuzzEncodeDraft compares the draft encoder with json.Marshal on arbitrary strings in
// every place a string goes.
func FuzzEncodeDraft(f *testing.F) {
	f.Add("kas", "1.50", "q01", "catatan <b>", "draft", int64(1773480600))
	f.Add("\xff\xfe", "\u2028", "", "\x00\x1f", `"`, int64(-62135596800))
	f.Fuzz(func(t *testing.T, key, value, question, note, status string, unix int64) {
		rec := assessmentRecord{V: 1, Assessment: Assessment{ID: value, CoopID: key,
			Instrument: note, Version: len(key), FiscalYear: len(value) + 2000,
			Figures: map[string]string{key: value, value: key}, Answers: map[string]bool{
				question: len(note)%2 == 0, note: true}, Options: map[string]string{status: ""},
			ItemNotes: map[string]string{question: note}, Status: AssessmentStatus(status),
			Replaces: note, AmendReason: question, CoachID: status,
			CreatedAt: time.Unix(unix, int64(len(note))).UTC(), UpdatedAt: time.Unix(unix, 0)}}
		want, wantErr := json.Marshal(rec)
		hint := draftKeys{sortedKeys(map[string]bool{key: true, question: true}),
			sortedKeys(map[string]bool{question: true, note: true})}
		got, _, err := encodeDraft(rec, hint)
		if (err != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("got  %s (%v)\nwant %s (%v)", got, err, want, wantErr)
		}
	})
}

// BenchmarkEncodeDraft compares the draft encoder with json.Marshal on the benchmark's
// half-done draft shape.
func BenchmarkEncodeDraft(b *testing.B) {
	a := Assessment{ID: "0190aaaa-0000-7000-8000-000000000001", CoopID: "c", Instrument: "i",
		Version: 1, FiscalYear: 2025, Figures: map[string]string{}, Answers: map[string]bool{},
		Status: StatusDraft, CreatedAt: fixedNow, UpdatedAt: fixedNow}
	for i := range 40 {
		a.Figures[fmt.Sprintf("figure_%02d", i)] = fmt.Sprintf("%d.50", 1_000_000+i*7_919_113)
		a.Answers[fmt.Sprintf("q%02d", i)] = i%3 != 0
	}
	rec := assessmentRecord{V: 1, Assessment: a}
	b.Run("encodeDraft", func(b *testing.B) {
		for b.Loop() {
			_, _, _ = encodeDraft(rec, draftKeys{})
		}
	})
	_, keys, _ := encodeDraft(rec, draftKeys{})
	b.Run("encodeDraft-hint", func(b *testing.B) {
		for b.Loop() {
			_, _, _ = encodeDraft(rec, keys)
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		for b.Loop() {
			_, _ = json.Marshal(rec)
		}
	})
}
