package diagnosis

import (
	"fmt"
	"math/big"
	"strings"

	"koroena/scoring"
)

// test is a parsed interval of the band notation: each side open, closed or unbounded.
type test struct {
	text           string
	lo, hi         *big.Rat // nil: unbounded
	loOpen, hiOpen bool
}

// parseTest reads "< 40", "<= 0", "> 5", ">= 60", "= 0", "[20, 40)", "(0, 10]" and the
// like.
func parseTest(s string) (test, error) {
	t := test{text: strings.TrimSpace(s)}
	str := t.text
	num := func(v string) (*big.Rat, error) {
		r, ok := new(big.Rat).SetString(strings.TrimSpace(v))
		if !ok {
			return nil, fmt.Errorf("%q is not a number", strings.TrimSpace(v))
		}
		return r, nil
	}
	var err error
	switch {
	case strings.HasPrefix(str, "<="):
		t.hi, err = num(str[2:])
	case strings.HasPrefix(str, ">="):
		t.lo, err = num(str[2:])
	case strings.HasPrefix(str, "<"):
		t.hi, err = num(str[1:])
		t.hiOpen = true
	case strings.HasPrefix(str, ">"):
		t.lo, err = num(str[1:])
		t.loOpen = true
	case strings.HasPrefix(str, "="):
		t.lo, err = num(str[1:])
		t.hi = t.lo
	case len(str) >= 5 && strings.ContainsAny(str[:1], "[(") &&
		strings.ContainsAny(str[len(str)-1:], "])"):
		a, b, ok := strings.Cut(str[1:len(str)-1], ",")
		if !ok {
			return t, fmt.Errorf("test %q: an interval needs two bounds", s)
		}
		if t.lo, err = num(a); err == nil {
			t.hi, err = num(b)
		}
		t.loOpen, t.hiOpen = str[0] == '(', str[len(str)-1] == ')'
		if err == nil && t.lo.Cmp(t.hi) > 0 {
			return t, fmt.Errorf("test %q: the lower bound is above the upper", s)
		}
	default:
		return t, fmt.Errorf("test %q: write it as \"< 40\", \">= 60\", \"= 0\" or "+
			"\"[20, 40)\"", s)
	}
	if err != nil {
		return t, fmt.Errorf("test %q: %w", s, err)
	}
	return t, nil
}

// holds reports whether x lies in the interval.
func (t test) holds(x *big.Rat) bool {
	if t.lo != nil {
		c := x.Cmp(t.lo)
		if c < 0 || (c == 0 && t.loOpen) {
			return false
		}
	}
	if t.hi != nil {
		c := x.Cmp(t.hi)
		if c > 0 || (c == 0 && t.hiOpen) {
			return false
		}
	}
	return true
}

// ratOf is the exact value of p.
func ratOf(p scoring.Points) *big.Rat {
	r, ok := new(big.Rat).SetString(p.String())
	if !ok {
		return new(big.Rat)
	}
	return r
}

// intRat is n as a rational.
func intRat(n int) *big.Rat { return new(big.Rat).SetInt64(int64(n)) }

// pointsOf turns an exact rational back into Points, rounded to 4 decimals.
func pointsOf(r *big.Rat) scoring.Points {
	p, err := scoring.ParsePoints(r.FloatString(4))
	if err != nil {
		return scoring.Points{}
	}
	return p
}
