package scoring

import (
	"strconv"
)

// MarshalJSON writes the result in the form of SCORE-CONTRACT.md: aspects with their
// components, derived aggregates by id, adjustments and notes. Numbers are rounded to 2
// decimals; derived aggregates keep their exact value.
func (r Result) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 4096)
	b = append(b, `{"instrument":`...)
	b = appendString(b, r.Instrument)
	b = append(b, `,"complete":`...)
	b = strconv.AppendBool(b, r.Complete)
	b = append(b, `,"total":`...)
	b = appendFixed(b, r.Total.Round2().u, 0)
	b = append(b, `,"predicate":`...)
	if r.Predicate == "" {
		b = append(b, "null"...)
	} else {
		b = appendString(b, r.Predicate)
	}
	b = append(b, `,"aspects":[`...)
	for i, a := range r.Aspects {
		if i > 0 {
			b = append(b, ',')
		}
		b = a.appendJSON(b)
	}
	b = append(b, `],"derived":{`...)
	for i, d := range r.Derived {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, d.ID)
		b = append(b, ':')
		b = appendFixed(b, d.Value.u, 0)
	}
	b = append(b, `},"adjustments":[`...)
	for i, a := range r.Adjustments {
		if i > 0 {
			b = append(b, ',')
		}
		b = a.appendJSON(b)
	}
	b = append(b, `],"notes":`...)
	b = appendStrings(b, r.Notes)
	if e := r.Eligibility; e != nil {
		b = append(b, `,"eligibility":{"met":`...)
		b = strconv.AppendBool(b, e.Met)
		b = append(b, `,"unmet":`...)
		b = appendStrings(b, e.Unmet)
		b = append(b, `,"unanswered":`...)
		b = appendStrings(b, e.Unanswered)
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

func (a AspectResult) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, a.ID)
	b = append(b, `,"skor":`...)
	b = appendFixed(b, a.Skor.Round2().u, 0)
	b = append(b, `,"max":`...)
	b = appendFixed(b, a.Max.u, 0)
	if a.Weighted {
		b = append(b, `,"score":`...)
		b = appendFixed(b, a.Score.Round2().u, 0)
		b = append(b, `,"weight":`...)
		b = appendFixed(b, a.Weight.u, 0)
		b = append(b, `,"predicate":`...)
		if a.Predicate == "" {
			b = append(b, "null"...)
		} else {
			b = appendString(b, a.Predicate)
		}
		if a.Entered {
			b = append(b, `,"entered":true`...)
		}
	}
	b = append(b, `,"components":[`...)
	for j, c := range a.Components {
		if j > 0 {
			b = append(b, ',')
		}
		b = c.appendJSON(b)
	}
	return append(b, "]}"...)
}

func (a AdjustmentResult) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, a.ID)
	b = append(b, `,"questions":`...)
	b = appendStrings(b, a.Questions)
	b = append(b, `,"from":`...)
	b = appendString(b, a.From)
	b = append(b, `,"to":`...)
	b = appendString(b, a.To)
	return append(b, '}')
}

// MarshalJSON writes one component as the contract shows it.
func (c ComponentResult) MarshalJSON() ([]byte, error) { return c.appendJSON(nil), nil }

func (c ComponentResult) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, c.ID)
	b = append(b, `,"status":`...)
	b = appendString(b, string(c.Status))
	if c.HasRatio {
		b = append(b, `,"ratio":`...)
		b = appendFixed(b, c.Ratio.Round2().u, 0)
	}
	if c.Checklist && c.Status == StatusScored {
		b = append(b, `,"ya":`...)
		b = strconv.AppendInt(b, int64(c.Ya), 10)
	}
	if c.Status == StatusScored && (!c.Checklist || c.Rated) {
		b = append(b, `,"nilai":`...)
		b = appendFixed(b, c.Nilai.Round2().u, 0)
	}
	if c.Category != "" {
		b = append(b, `,"category":`...)
		b = appendString(b, c.Category)
	}
	b = append(b, `,"bobot":`...)
	b = appendFixed(b, c.Bobot.Round2().u, 0)
	b = append(b, `,"skor":`...)
	b = appendFixed(b, c.Skor.Round2().u, 0)
	if len(c.Missing) > 0 {
		b = append(b, `,"missing":`...)
		b = appendStrings(b, c.Missing)
	}
	if c.Note != "" {
		b = append(b, `,"note":`...)
		b = appendString(b, c.Note)
	}
	return append(b, '}')
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendString writes s as a JSON string. Unlike strconv.AppendQuote it never produces
// Go-only escapes such as \a or \x00, which JSON does not know.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
