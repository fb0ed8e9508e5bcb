package store

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"
)

// draftKeys holds the sorted keys of a draft's maps, in the order figures, answers,
// options, item notes, as encodeDraft wrote them.
type draftKeys [4][]string

// encodeDraft encodes an assessment record exactly as json.Marshal does, byte for byte,
// without reflection: every draft save encodes its whole draft, and json.Marshal's
// reflection and sorting of map keys took about 30 µs of it (issue #8). It returns the
// sorted keys it wrote; given those of an earlier version of the draft as hint, it
// sorts again only a map whose set of keys has changed since. A record with a result (a
// final one) is left to json.Marshal. TestEncodeDraft_SameAsMarshal holds the two
// together and fails when Assessment gains a field this does not write.
func encodeDraft(rec assessmentRecord, hint draftKeys) ([]byte, draftKeys, error) {
	a := &rec.Assessment
	var keys draftKeys
	if a.Result != nil {
		data, err := json.Marshal(rec)
		return data, keys, err
	}
	b := make([]byte, 0, 256+48*(len(a.Figures)+len(a.Answers)+len(a.Options)+
		len(a.ItemNotes)))
	b = append(b, `{"v":`...)
	b = strconv.AppendInt(b, int64(rec.V), 10)
	b = appendJSONField(b, "id", a.ID)
	b = appendJSONField(b, "coop_id", a.CoopID)
	b = appendJSONField(b, "instrument", a.Instrument)
	b = append(b, `,"instrument_version":`...)
	b = strconv.AppendInt(b, int64(a.Version), 10)
	b = append(b, `,"fiscal_year":`...)
	b = strconv.AppendInt(b, int64(a.FiscalYear), 10)
	b, keys[0] = appendJSONMap(b, "figures", a.Figures, hint[0], appendJSONString)
	b, keys[1] = appendJSONMap(b, "answers", a.Answers, hint[1], strconv.AppendBool)
	b, keys[2] = appendJSONMap(b, "options", a.Options, hint[2], appendJSONString)
	b, keys[3] = appendJSONMap(b, "item_notes", a.ItemNotes, hint[3], appendJSONString)
	b = appendJSONField(b, "status", string(a.Status))
	for _, f := range []struct{ name, value string }{
		{"replaces", a.Replaces}, {"amended_by", a.AmendedBy},
		{"amend_reason", a.AmendReason}, {"coach_id", a.CoachID},
	} {
		if f.value != "" {
			b = appendJSONField(b, f.name, f.value)
		}
	}
	for _, f := range []struct {
		name string
		t    time.Time
	}{{"created_at", a.CreatedAt}, {"updated_at", a.UpdatedAt}, {"finalized_at", a.FinalizedAt}} {
		var ok bool
		if b, ok = appendJSONTime(b, f.name, f.t); !ok {
			data, err := json.Marshal(rec) // with json.Marshal's own error
			return data, draftKeys{}, err
		}
	}
	if a.FinalizedBy != "" {
		b = appendJSONField(b, "finalized_by", a.FinalizedBy)
	}
	return append(b, '}'), keys, nil
}

// appendJSONField appends `,"name":"value"`.
func appendJSONField(b []byte, name, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendJSONString(b, value)
}

// appendJSONMap appends `,"name":{…}` with the keys sorted, or nothing for an empty map
// (omitempty), and returns the sorted keys. hint, sorted distinct keys, is used as they
// are when they are as many as m's and all in m, that is exactly m's keys: a draft edit
// changes a value far more often than which keys there are.
func appendJSONMap[V any](b []byte, name string, m map[string]V, hint []string,
	value func([]byte, V) []byte,
) ([]byte, []string) {
	if len(m) == 0 {
		return b, nil
	}
	keys := hint
	if len(keys) != len(m) {
		keys = sortedKeys(m)
	}
	start := len(b)
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':', '{')
	for i, k := range keys {
		v, ok := m[k]
		if !ok { // a stale hint: sort afresh
			return appendJSONMap(b[:start], name, m, sortedKeys(m), value)
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = value(b, v)
	}
	return append(b, '}'), keys
}

// sortedKeys returns m's keys sorted.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// appendJSONTime appends `,"name":"<RFC 3339>"`, or nothing for the zero time
// (omitzero); ok is false for a time that has no JSON form (a year past 9999).
func appendJSONTime(b []byte, name string, t time.Time) (_ []byte, ok bool) {
	if t.IsZero() {
		return b, true
	}
	text, err := t.MarshalJSON()
	if err != nil {
		return b, false
	}
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return append(b, text...), true
}

// appendJSONString appends s as a JSON string the way json.Marshal writes it. Plain
// printable ASCII, what ids, figures and most notes are, is copied; anything else
// (quotes, control characters, <, >, &, non-ASCII) goes through json.Marshal, which
// escapes it as it always has.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' ||
			c == '>' || c == '&' {
			quoted, _ := json.Marshal(s) // a string always encodes
			return append(b, quoted...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
