package scoring

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// scale is the number of units in one: amounts and points are kept as integers of
// 1/10 000, so that sen (2 decimals) times a weight with 2 decimals stays exact.
const scale = 10_000

// MaxAmount is the largest figure the engine accepts, Rp 100 trillion: far above any
// cooperative's balance sheet, and small enough that sums of a hundred figures cannot
// overflow the engine's exact integer arithmetic.
var MaxAmount = Amount{u: 100_000_000_000_000 * scale}

// Amount is an exact amount of rupiah. Input figures have at most 2 decimals (sen);
// derived aggregates may carry up to 4 (half of an odd sen). The zero value is Rp 0.
type Amount struct{ u int64 }

// Points is an exact decimal with up to 4 decimals, used for ratios (in percent), nilai,
// skor and totals. Ratios and totals are already rounded to 2 decimals.
type Points struct{ u int64 }

// Errors of ParseAmount, for errors.Is.
var (
	ErrNotNumber    = errors.New("not a number")
	ErrTooPrecise   = errors.New("more than 2 decimals")
	ErrAmountTooBig = errors.New("more than Rp 100 trillion")
)

// ParseAmount reads an amount in the contract's form: an optional minus sign, digits, and
// at most 2 decimals after a point, e.g. "1234567.50". Thousands separators, a comma as
// the decimal mark and exponents are rejected.
func ParseAmount(s string) (Amount, error) {
	u, err := parseFixed(s, 2)
	if err != nil {
		return Amount{}, err
	}
	if u > MaxAmount.u || u < -MaxAmount.u {
		return Amount{}, ErrAmountTooBig
	}
	return Amount{u: u}, nil
}

// MustAmount is ParseAmount for literals in tests and examples; it panics on a bad literal.
func MustAmount(s string) Amount {
	a, err := ParseAmount(s)
	if err != nil {
		panic(fmt.Sprintf("scoring.MustAmount(%q): %v", s, err))
	}
	return a
}

// AmountOf returns an amount of whole rupiah.
func AmountOf(rupiah int64) Amount { return Amount{u: rupiah * scale} }

// parseFixed reads a plain decimal with at most maxDec decimals into units of 1/scale.
func parseFixed(s string, maxDec int) (int64, error) {
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" || (hasPoint && frac == "") || !allDigits(whole) || !allDigits(frac) {
		return 0, ErrNotNumber
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > maxDec {
		return 0, ErrTooPrecise
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 15 {
		return 0, ErrAmountTooBig
	}
	w, _ := strconv.ParseInt("0"+whole, 10, 64)
	f, _ := strconv.ParseInt(frac+strings.Repeat("0", 4-len(frac)), 10, 64)
	u := w*scale + f
	if neg {
		u = -u
	}
	return u, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// formatFixed writes u/scale with as few decimals as needed, but at least minDec when
// there is a fraction at all.
func formatFixed(u int64, minDec int) string {
	var b [32]byte
	return string(appendFixed(b[:0], u, minDec))
}

func appendFixed(b []byte, u int64, minDec int) []byte {
	if u < 0 {
		b = append(b, '-')
	}
	a := uint64(u)
	if u < 0 {
		a = uint64(-u)
	}
	b = strconv.AppendUint(b, a/scale, 10)
	f := a % scale
	if f == 0 {
		return b
	}
	digits := [4]byte{}
	for i := 3; i >= 0; i-- {
		digits[i] = byte('0' + f%10)
		f /= 10
	}
	n := 4
	for n > minDec && digits[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, digits[:n]...)
}

// String returns the amount in the contract's form, e.g. "1234567.5" for Rp 1 234 567,50
// and "1234567" for a whole amount.
func (a Amount) String() string { return formatFixed(a.u, 0) }

// Cmp compares two amounts: -1 if a < b, 0 if equal, +1 if a > b.
func (a Amount) Cmp(b Amount) int { return cmpInt(a.u, b.u) }

// Sign returns -1, 0 or +1.
func (a Amount) Sign() int { return cmpInt(a.u, 0) }

// IsZero reports whether the amount is Rp 0.
func (a Amount) IsZero() bool { return a.u == 0 }

// MarshalJSON writes the amount as an exact JSON number.
func (a Amount) MarshalJSON() ([]byte, error) { return appendFixed(nil, a.u, 0), nil }

// UnmarshalJSON reads a JSON number or a decimal string in the contract's form.
func (a *Amount) UnmarshalJSON(data []byte) error {
	v, err := amountFromJSON(data)
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// amountFromJSON reads a figure's raw JSON value: a number or a string holding one.
func amountFromJSON(data []byte) (Amount, error) {
	s := string(data)
	if strings.HasPrefix(s, `"`) {
		uq, err := strconv.Unquote(s)
		if err != nil {
			return Amount{}, ErrNotNumber
		}
		s = strings.TrimSpace(uq)
	} else if strings.ContainsAny(s, "eE") {
		return Amount{}, fmt.Errorf("%w (write it without an exponent)", ErrNotNumber)
	}
	return ParseAmount(s)
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// PointsOf returns a whole number of points.
func PointsOf(n int64) Points { return Points{u: n * scale} }

// ParsePoints reads a plain decimal with at most 4 decimals, e.g. "0.25" or "-2".
func ParsePoints(s string) (Points, error) {
	u, err := parseFixed(s, 4)
	return Points{u: u}, err
}

// String returns the value with as few decimals as needed, e.g. "2.5" or "89.45".
func (p Points) String() string { return formatFixed(p.u, 0) }

// Fixed2 returns the value rounded to exactly 2 decimals, e.g. "89.50", the form the
// store keeps totals in.
func (p Points) Fixed2() string {
	r := p.Round2()
	s := formatFixed(r.u, 2)
	if !strings.Contains(s, ".") {
		s += ".00"
	}
	return s
}

// Cmp compares two values: -1 if p < q, 0 if equal, +1 if p > q.
func (p Points) Cmp(q Points) int { return cmpInt(p.u, q.u) }

// Float64 returns the value as a float for charts and layout; never use it to score.
func (p Points) Float64() float64 { return float64(p.u) / scale }

// Round2 rounds half away from zero to 2 decimals.
func (p Points) Round2() Points { return Points{u: roundDiv(p.u, 100) * 100} }

// MarshalJSON writes the value as a JSON number rounded to 2 decimals.
func (p Points) MarshalJSON() ([]byte, error) { return appendFixed(nil, p.Round2().u, 0), nil }

// UnmarshalJSON reads a JSON number with at most 4 decimals.
func (p *Points) UnmarshalJSON(data []byte) error {
	v, err := ParsePoints(strings.Trim(string(data), `"`))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// roundDiv divides a by positive d, rounding half away from zero.
func roundDiv(a, d int64) int64 {
	q, r := a/d, a%d
	if r < 0 {
		r = -r
	}
	if 2*r >= d {
		if a < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

// errOverflow reports arithmetic beyond the engine's exact range.
var errOverflow = errors.New("numbers too large to compute exactly")

// addChecked returns a+b or errOverflow.
func addChecked(a, b int64) (int64, error) {
	s := a + b
	if (s > a) != (b > 0) {
		return 0, errOverflow
	}
	return s, nil
}

// mulDivRound returns a*b/d rounded half away from zero, exactly, with a 128-bit
// intermediate product; d must be non-zero.
func mulDivRound(a, b, d int64) (int64, error) {
	neg := (a < 0) != (b < 0) != (d < 0)
	hi, lo := bits.Mul64(absU(a), absU(b))
	ud := absU(d)
	if hi >= ud {
		return 0, errOverflow
	}
	q, r := bits.Div64(hi, lo, ud)
	if r >= ud-r { // 2r >= d without overflow
		q++
	}
	if q > math.MaxInt64 {
		return 0, errOverflow
	}
	if neg {
		return -int64(q), nil
	}
	return int64(q), nil
}

func absU(a int64) uint64 {
	if a < 0 {
		return uint64(-a)
	}
	return uint64(a)
}
