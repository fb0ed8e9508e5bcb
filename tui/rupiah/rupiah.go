// Package rupiah reads and writes rupiah amounts the way people in Indonesia write them:
// "1.234.567", "Rp 1.234.567,50", "250 jt", "1,5 miliar", "Rp 500.000,-".
//
// Amounts travel between this package and the rest of koroena in the scoring contract's
// form: a plain decimal string with a point and at most two decimals ("1234567.50"), so
// nothing here touches binary floating point.
package rupiah

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"unicode"
)

// Kind says what is wrong with an entry, so a screen can explain it in its own language.
type Kind int

// The kinds of unreadable entry.
const (
	// Empty: nothing but spaces (or only "Rp").
	Empty Kind = iota + 1
	// Syntax: characters or separators that do not make an amount.
	Syntax
	// Precision: more than two decimals (sen) once the unit is applied.
	Precision
	// UnknownUnit: a word after the number that is not a unit of rupiah.
	UnknownUnit
	// TooLarge: more digits than any cooperative's books could hold.
	TooLarge
)

// Error is an entry that could not be read as rupiah.
type Error struct {
	Kind  Kind
	Input string
	// Detail names the offending part (a character, a unit word), when there is one.
	Detail string
}

func (e *Error) Error() string {
	switch e.Kind {
	case Empty:
		return "empty amount"
	case Precision:
		return fmt.Sprintf("%q has more than 2 decimals (sen)", e.Input)
	case UnknownUnit:
		return fmt.Sprintf("%q: unknown unit %q (use rb, jt, M or T)", e.Input, e.Detail)
	case TooLarge:
		return fmt.Sprintf("%q is too large", e.Input)
	default:
		if e.Detail != "" {
			return fmt.Sprintf("%q is not an amount (at %q)", e.Input, e.Detail)
		}
		return fmt.Sprintf("%q is not an amount", e.Input)
	}
}

// Accepted describes, in each language, what an amount field takes; screens show it
// beside an entry they could not read.
var Accepted = map[string]string{
	"id": "contoh: 1.234.567 · Rp 1.234.567,50 · 250 jt · 1,5 M · -75.000",
	"en": "e.g. 1.234.567 · Rp 1.234.567,50 · 250 jt · 1,5 M · -75.000",
}

// maxDigits bounds the integer part: 10^18 rupiah is far beyond any balance sheet, and the
// bound keeps a pasted wall of digits from becoming a huge number.
const maxDigits = 18

// units maps a unit word (lower case, without a trailing dot) to its power of ten.
var units = map[string]int{
	"rb": 3, "ribu": 3, "rib": 3, "k": 3, "thousand": 3,
	"jt": 6, "juta": 6, "million": 6, "mio": 6,
	"m": 9, "miliar": 9, "milyar": 9, "billion": 9, "bn": 9,
	"t": 12, "triliun": 12, "trilyun": 12, "trillion": 12,
}

// Parse reads an amount as people write it and returns it in contract form ("1234567.5"
// becomes "1234567.50"; whole amounts have no decimals). The sign is kept; whether a
// negative amount is allowed is for the caller to decide.
//
// Dots group thousands and a comma starts the sen, as in id-ID ("1.234.567,50"). Entries
// typed the English way are read where they cannot mean anything else: "1234.50" (a single
// dot followed by one or two digits) and "1,234,567" (several commas grouping thousands).
func Parse(s string) (string, error) {
	in := s
	neg, body, err := splitSign(strings.TrimSpace(s))
	if err != nil {
		return "", &Error{Kind: Syntax, Input: in, Detail: err.Error()}
	}
	if b := stripCurrency(body); b != body && !neg {
		// "Rp -5.000": the sign may follow the currency.
		if neg, body, err = splitSign(b); err != nil {
			return "", &Error{Kind: Syntax, Input: in, Detail: err.Error()}
		}
	} else {
		body = b
	}
	body = strings.TrimSuffix(body, ",-")
	body = strings.TrimSpace(body)
	if body == "" {
		return "", &Error{Kind: Empty, Input: in}
	}

	num, unit := splitUnit(body)
	shift := 0
	if unit != "" {
		p, ok := units[strings.ToLower(strings.TrimSuffix(unit, "."))]
		if !ok {
			return "", &Error{Kind: UnknownUnit, Input: in, Detail: unit}
		}
		shift = p
	}

	intPart, frac, err := splitNumber(num)
	if err != nil {
		return "", &Error{Kind: Syntax, Input: in, Detail: err.Error()}
	}
	if len(strings.TrimLeft(intPart, "0")) > maxDigits {
		return "", &Error{Kind: TooLarge, Input: in}
	}

	// Apply the unit by moving the decimal point, then demand at most two decimals.
	digits := intPart + frac
	point := len(intPart) + shift
	for len(digits) < point {
		digits += "0"
	}
	whole, sen := digits[:point], strings.TrimRight(digits[point:], "0")
	if len(sen) > 2 {
		return "", &Error{Kind: Precision, Input: in}
	}
	if len(strings.TrimLeft(whole, "0")) > maxDigits {
		return "", &Error{Kind: TooLarge, Input: in}
	}
	return contract(neg, whole, sen), nil
}

// splitSign removes a leading minus (ASCII or typographic) or accounting parentheses.
func splitSign(s string) (neg bool, body string, err error) {
	switch {
	case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
		return true, strings.TrimSpace(s[1 : len(s)-1]), nil
	case strings.HasPrefix(s, "-"):
		return true, strings.TrimSpace(s[1:]), nil
	case strings.HasPrefix(s, "−"): // U+2212 MINUS SIGN
		return true, strings.TrimSpace(s[len("−"):]), nil
	case strings.HasPrefix(s, "+"):
		return false, strings.TrimSpace(s[1:]), nil
	}
	return false, s, nil
}

// stripCurrency removes a leading "Rp", "Rp." or "IDR" in any case, and a minus that
// follows it ("Rp -5.000").
func stripCurrency(s string) string {
	lower := strings.ToLower(s)
	for _, p := range []string{"rp.", "rp", "idr"} {
		if strings.HasPrefix(lower, p) {
			return strings.TrimSpace(s[len(p):])
		}
	}
	return s
}

// splitUnit separates the number from a trailing unit word ("250 jt", "1,5M").
func splitUnit(s string) (num, unit string) {
	i := strings.LastIndexFunc(s, func(r rune) bool {
		return unicode.IsDigit(r) || r == '.' || r == ','
	})
	if i < 0 {
		return "", s
	}
	return strings.TrimSpace(s[:i+1]), strings.TrimSpace(s[i+1:])
}

// splitNumber reads the digits and separators of a number into its integer digits and
// fractional digits.
func splitNumber(s string) (intPart, frac string, err error) {
	if s == "" {
		return "", "", errors.New("no digits")
	}
	for _, r := range s {
		if r != '.' && r != ',' && r != ' ' && (r < '0' || r > '9') {
			return "", "", fmt.Errorf("%c", r)
		}
	}
	// Spaces may group thousands too ("1 234 567"), but only between digits.
	if strings.Contains(s, " ") {
		if !groupsOf3(strings.Split(s, " ")) {
			return "", "", errors.New(" ")
		}
		s = strings.ReplaceAll(s, " ", "")
	}

	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	switch {
	case commas == 0 && dots == 0:
		return s, "", nil
	case dots == 1 && commas == 0 && len(s)-strings.Index(s, ".") <= 3:
		// "1234.50" typed the English way: a single dot and one or two digits after it.
		whole, f, _ := strings.Cut(s, ".")
		return digitsOrErr(whole, f)
	case commas <= 1 && (dots == 0 || groupedBefore(s, ",", ".")):
		// id-ID: "1.234.567,50", "1234,5", "1.234".
		whole, f, _ := strings.Cut(s, ",")
		if dots > 0 && !groupsOf3(strings.Split(whole, ".")) {
			return "", "", errors.New(".")
		}
		return digitsOrErr(strings.ReplaceAll(whole, ".", ""), f)
	case (dots == 0 && commas > 1) || (dots == 1 && strings.LastIndex(s, ",") < strings.Index(s, ".")):
		// "1,234,567" or "1,234,567.50" typed the English way.
		whole, f, _ := strings.Cut(s, ".")
		if !groupsOf3(strings.Split(whole, ",")) {
			return "", "", errors.New(",")
		}
		return digitsOrErr(strings.ReplaceAll(whole, ",", ""), f)
	}
	return "", "", errors.New(",")
}

// groupedBefore reports whether every sep in s comes before dec (or dec is absent), as in
// "1.234,50".
func groupedBefore(s, dec, sep string) bool {
	d := strings.Index(s, dec)
	return d < 0 || strings.LastIndex(s, sep) < d
}

// groupsOf3 reports whether parts look like thousands groups: a first group of 1–3 digits
// and every later group of exactly 3.
func groupsOf3(parts []string) bool {
	if len(parts[0]) < 1 || len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}

// digitsOrErr checks that both parts are plain digits and that there is at least one.
func digitsOrErr(whole, frac string) (string, string, error) {
	if whole == "" && frac == "" {
		return "", "", errors.New("no digits")
	}
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return "", "", fmt.Errorf("%c", r)
		}
	}
	if whole == "" {
		whole = "0"
	}
	return whole, frac, nil
}

// contract writes a sign, whole digits and up to two sen digits in contract form.
func contract(neg bool, whole, sen string) string {
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	out := whole
	if sen != "" {
		out += "." + (sen + "0")[:2]
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out
}

// Format writes a contract-form amount ("-1234567.5") the id-ID way ("-1.234.567,50").
// Sen are shown only when the amount has them. An amount that is not in contract form is
// returned unchanged, so a screen never hides what is stored.
func Format(amount string) string {
	r, ok := new(big.Rat).SetString(amount)
	if !ok || strings.ContainsAny(amount, "eE/") {
		return amount
	}
	neg := r.Sign() < 0
	r.Abs(r)

	// Work in sen so the two decimals stay exact.
	sen := new(big.Rat).Mul(r, big.NewRat(100, 1))
	if !sen.IsInt() {
		return amount
	}
	n := sen.Num()
	hundred := big.NewInt(100)
	whole, rest := new(big.Int).QuoRem(n, hundred, new(big.Int))

	out := group(whole.String())
	if rest.Sign() != 0 {
		out += fmt.Sprintf(",%02d", rest.Int64())
	}
	if neg {
		out = "-" + out
	}
	return out
}

// group puts a dot between every three digits from the right.
func group(digits string) string {
	var b strings.Builder
	lead := len(digits) % 3
	if lead == 0 {
		lead = 3
	}
	b.WriteString(digits[:lead])
	for i := lead; i < len(digits); i += 3 {
		b.WriteByte('.')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
