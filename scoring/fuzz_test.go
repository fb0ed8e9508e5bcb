package scoring

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"strings"
	"testing"
)

// inputFromBytes spreads fuzz bytes over an instrument's figures, answers and options:
// per figure a presence byte and 8 value bytes, then one byte per question, then one per
// option. Values range over the whole accepted span, negatives included.
func inputFromBytes(in *Instrument, data []byte) Input {
	inp := Input{Figures: map[string]Amount{}, Answers: map[string]bool{},
		Options: map[string]string{}}
	next := func(n int) []byte {
		if len(data) < n {
			data = append(data, make([]byte, n-len(data))...)
		}
		b := data[:n]
		data = data[n:]
		return b
	}
	for _, f := range in.Figures {
		mode := next(1)[0]
		v := int64(binary.LittleEndian.Uint64(next(8)))
		switch mode % 4 {
		case 0: // absent
		case 1: // small, whole rupiah
			inp.Figures[f.ID] = Amount{u: (v % 1_000_000) * scale}
		case 2: // any amount with sen
			inp.Figures[f.ID] = Amount{u: (v % MaxAmount.u) / 100 * 100}
		case 3:
			inp.Figures[f.ID] = Amount{}
		}
	}
	for _, q := range in.Questions {
		if b := next(1)[0]; b%3 != 0 {
			inp.Answers[q.ID] = b%3 == 1
		}
	}
	for _, o := range in.Options {
		b := next(1)[0]
		inp.Options[o.ID] = o.Choices[int(b)%len(o.Choices)].ID
	}
	return inp
}

// FuzzScore checks the engine's invariants on random figures and answers: no panic, a
// total within [0, 100] equal to the sum of skor, each skor within [0, bobot], a
// predicate exactly when complete, and the same output for the same input.
func FuzzScore(f *testing.F) {
	f.Add([]byte{})
	f.Add(bytes.Repeat([]byte{1, 0x40, 0x42, 0x0f, 0, 0, 0, 0, 0, 0}, 60))
	f.Add(bytes.Repeat([]byte{2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}, 60))
	f.Add(bytes.Repeat([]byte{3, 0, 0, 0, 0, 0, 0, 0, 0x80, 1}, 60))
	in := mustKSP2016(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		inp := inputFromBytes(in, data)
		res := in.Score(inp)
		var sumSkor Points
		for _, c := range res.Components {
			if c.Skor.u < 0 || c.Skor.u > c.Bobot.u {
				t.Fatalf("%s: skor %s outside [0, %s]", c.ID, c.Skor, c.Bobot)
			}
			if c.Status != StatusScored && c.Skor.u != 0 {
				t.Fatalf("%s: %s but skor %s", c.ID, c.Status, c.Skor)
			}
			sumSkor.u += c.Skor.u
		}
		if res.Total.u < 0 || res.Total.u > 100*scale {
			t.Fatalf("total %s outside [0, 100]", res.Total)
		}
		if res.Total != sumSkor.Round2() {
			t.Fatalf("total %s, sum of skor %s", res.Total, sumSkor)
		}
		if res.Complete != (res.Predicate != "") {
			t.Fatalf("complete %v with predicate %q", res.Complete, res.Predicate)
		}
		a, _ := json.Marshal(res)
		b, _ := json.Marshal(in.Score(inp))
		if !bytes.Equal(a, b) {
			t.Fatalf("two scorings differ:\n%s\n%s", a, b)
		}
		if !json.Valid(a) {
			t.Fatalf("result is not valid JSON: %s", a)
		}
	})
}

// FuzzParseInput feeds arbitrary bytes to the JSON reader: it must not panic, every
// problem must be one non-empty line naming its field, and what it accepts must score.
func FuzzParseInput(f *testing.F) {
	f.Add([]byte(`{"instrument":"ksp-2016","figures":{"kas":1,"bank":"2.50"},` +
		`"answers":{"mu01":true},"options":{"ms_pdb":"linear"}}`))
	f.Add([]byte(`{"instrument":"ksp-2016@1","figures":{"kass":-1,"tabungan":1.005}}`))
	f.Add([]byte(`{"instrument":"ksp-2061"}`))
	f.Add([]byte(`{"instrument":"ksp-2016","answers":{"mu01":"ya"},"x":1}`))
	f.Add([]byte(`{"instrument":"ksp-2016","figures":{"kas":1e400}}`))
	f.Add([]byte(`[`))
	reg := Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		inp, in, err := ParseInput(data, reg)
		if err != nil {
			ie, ok := err.(*InputError)
			if !ok || len(ie.Problems) == 0 {
				t.Fatalf("error %T %v is not an InputError with problems", err, err)
			}
			for _, p := range ie.Problems {
				if p.Msg == "" || strings.Contains(p.String(), "\n") {
					t.Fatalf("problem %q is not one line", p.String())
				}
			}
			return
		}
		res := in.Score(inp)
		if out, _ := json.Marshal(res); !json.Valid(out) {
			t.Fatalf("result is not valid JSON: %s", out)
		}
		for id, a := range inp.Figures {
			if f, _ := in.Figure(id); a.Sign() < 0 && !f.Negative {
				t.Fatalf("negative %s accepted", id)
			}
		}
	})
}

// FuzzParseAmount checks that an accepted amount prints back to itself.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"0", "1234567.50", "-1.5", "0.01", "100000000000000", "1,5",
		"1e5", "007", "-0", ".5", "5."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAmount(s)
		if err != nil {
			return
		}
		b, err := ParseAmount(a.String())
		if err != nil || b != a {
			t.Fatalf("%q → %s → %v, %v", s, a, b, err)
		}
	})
}

// BenchmarkScoreKSP2016 scores one complete assessment.
func BenchmarkScoreKSP2016(b *testing.B) {
	in := mustKSP2016(b)
	inp := fullInput(b)
	b.ReportAllocs()
	for b.Loop() {
		res := in.Score(inp)
		if !res.Complete {
			b.Fatal("incomplete")
		}
	}
}
