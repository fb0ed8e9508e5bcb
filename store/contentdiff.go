package store

import (
	"encoding/json"
	"slices"
	"strings"
)

// contentDiff is diff(contentOf(old), contentOf(new)) computed from the maps themselves:
// the same JSON object of "figures.kas": [old, new] pairs, byte for byte, without encoding
// both assessments' contents and decoding them again. Saving one answer spent a third of
// its time in that round trip (issue #8). Only the changed entries are encoded and
// sorted; unchanged ones cost a map lookup each.
func contentDiff(old, new Assessment) (json.RawMessage, error) {
	var changes []changedEntry
	var err error
	if changes, err = diffMaps(changes, "figures", old.Figures, new.Figures); err != nil {
		return nil, err
	}
	if changes, err = diffMaps(changes, "answers", old.Answers, new.Answers); err != nil {
		return nil, err
	}
	if changes, err = diffMaps(changes, "options", old.Options, new.Options); err != nil {
		return nil, err
	}
	changes, err = diffMaps(changes, "item_notes", old.ItemNotes, new.ItemNotes)
	if err != nil {
		return nil, err
	}
	return encodeChanges(changes)
}

// changedEntry is one changed entry: its dotted name and its old and new values as JSON, null
// for a value that is not there.
type changedEntry struct {
	name     string
	old, new json.RawMessage
}

// diffMaps appends a change "prefix.key" for every key whose value differs between a and
// b, in no particular order.
func diffMaps[V comparable](changes []changedEntry, prefix string, a, b map[string]V) (
	[]changedEntry, error,
) {
	shared := 0 // keys of a that b has too
	for k, va := range a {
		vb, inB := b[k]
		if inB {
			shared++
			if va == vb {
				continue
			}
		}
		c, err := newChange(prefix+"."+k, va, true, vb, inB)
		if err != nil {
			return nil, err
		}
		changes = append(changes, c)
	}
	if shared == len(b) {
		return changes, nil // b has no key that a lacks
	}
	for k, vb := range b {
		if _, inA := a[k]; inA {
			continue
		}
		var zero V
		c, err := newChange(prefix+"."+k, zero, false, vb, true)
		if err != nil {
			return nil, err
		}
		changes = append(changes, c)
	}
	return changes, nil
}

// newChange encodes one changed entry; a value that is not there is null.
func newChange[V any](name string, a V, hasA bool, b V, hasB bool) (changedEntry, error) {
	c := changedEntry{name: name, old: json.RawMessage("null"), new: json.RawMessage("null")}
	var err error
	if hasA {
		if c.old, err = json.Marshal(a); err != nil {
			return c, err
		}
	}
	if hasB {
		if c.new, err = json.Marshal(b); err != nil {
			return c, err
		}
	}
	return c, nil
}

// encodeChanges writes the changes as one JSON object, names sorted, as json.Marshal
// writes a map of them.
func encodeChanges(changes []changedEntry) (json.RawMessage, error) {
	slices.SortFunc(changes, func(x, y changedEntry) int { return strings.Compare(x.name, y.name) })
	out := []byte{'{'}
	for i, c := range changes {
		if i > 0 {
			out = append(out, ',')
		}
		name, err := json.Marshal(c.name)
		if err != nil {
			return nil, err
		}
		out = append(out, name...)
		out = append(out, ":["...)
		out = append(out, c.old...)
		out = append(out, ',')
		out = append(out, c.new...)
		out = append(out, ']')
	}
	return append(out, '}'), nil
}
