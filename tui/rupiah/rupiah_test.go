package rupiah

import (
	"errors"
	"math/big"
	"testing"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		{"1234567", "1234567"},
		{"1.234.567", "1234567"},
		{"Rp 1.234.567,50", "1234567.50"},
		{"Rp1.234.567,5", "1234567.50"},
		{"rp. 500.000,-", "500000"},
		{"IDR 2.000", "2000"},
		{"1.234,00", "1234"},
		{"250 jt", "250000000"},
		{"250 juta", "250000000"},
		{"250jt", "250000000"},
		{"1,5 M", "1500000000"},
		{"1,5 miliar", "1500000000"},
		{"1,5 milyar", "1500000000"},
		{"2 T", "2000000000000"},
		{"75 rb", "75000"},
		{"1,25 rb", "1250"},
		{"0,015 jt", "15000"},
		{"1,2345678 M", "1234567800"},
		{"-75.000", "-75000"},
		{"- 75.000", "-75000"},
		{"−75.000", "-75000"},
		{"Rp -5.000", "-5000"},
		{"0,001 rb", "1"},
		{"(1.000)", "-1000"},
		{"+1.000", "1000"},
		{"0", "0"},
		{"-0", "0"},
		{"007", "7"},
		{",50", "0.50"},
		{"1 234 567", "1234567"},
		{"1234.50", "1234.50"},
		{"1234.5", "1234.50"},
		{"1,234,567", "1234567"},
		{"1,234,567.89", "1234567.89"},
		{"1,234.5", "1234.50"},
		{"  42  ", "42"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParse_Errors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		kind Kind
	}{
		{"", Empty},
		{"   ", Empty},
		{"Rp", Empty},
		{"abc", UnknownUnit},
		{"12abc", UnknownUnit},
		{"5 dolar", UnknownUnit},
		{"1,234", Precision},
		{"1,005", Precision},
		{"0,000001 rb", Precision},
		{"1.23.456", Syntax},
		{"1.2345", Syntax},
		{"12.34.56", Syntax},
		{"1,2,3", Syntax},
		{"1.234.567,50,1", Syntax},
		{"1e9", Syntax},
		{"1 2", Syntax},
		{"--5", Syntax},
		{"1_000", Syntax},
		{"1234567890123456789012", TooLarge},
		{"999999 T T", UnknownUnit},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%q) = %q, %v; want a %v error", tt.in, got, err, tt.kind)
			continue
		}
		if e.Kind != tt.kind {
			t.Errorf("Parse(%q): kind %v (%v), want %v", tt.in, e.Kind, e, tt.kind)
		}
		if e.Error() == "" {
			t.Errorf("Parse(%q): empty message", tt.in)
		}
	}
}

func TestFormat(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"0", "0"},
		{"7", "7"},
		{"999", "999"},
		{"1000", "1.000"},
		{"1234567", "1.234.567"},
		{"1234567.50", "1.234.567,50"},
		{"1234567.5", "1.234.567,50"},
		{"1234567.05", "1.234.567,05"},
		{"-75000", "-75.000"},
		{"5500000000", "5.500.000.000"},
		{"0.5", "0,50"},
		{"not a number", "not a number"},
		{"1.005", "1.005"}, // three decimals is not contract form: shown as stored
		{"1e3", "1e3"},
	}
	for _, tt := range tests {
		if got := Format(tt.in); got != tt.want {
			t.Errorf("Format(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzParse checks that any entry is either read or refused with an Error, never a panic,
// and that an amount read comes back the same after Format and Parse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"1.234.567", "Rp 1.234.567,50", "250 jt", "1,5 M", "-75.000", "(1.000)",
		"1234.50", "1,234,567", "0,001 jt", "", "Rp", "1e9", "1 234", "−5",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Parse(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q): error %T is not *Error", s, err)
			}
			return
		}
		if _, ok := new(big.Rat).SetString(got); !ok {
			t.Fatalf("Parse(%q) = %q, not a decimal", s, got)
		}
		back, err := Parse(Format(got))
		if err != nil {
			t.Fatalf("Parse(Format(%q)=%q): %v", got, Format(got), err)
		}
		if back != got {
			t.Fatalf("round trip of %q: %q -> %q -> %q", s, got, Format(got), back)
		}
	})
}
