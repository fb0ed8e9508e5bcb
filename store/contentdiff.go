package store

import (
	"encoding/json"
	"maps"
	"slices"
)

// contentDiff is diff(contentOf(old), contentOf(new)) computed from the maps themselves:
// the same JSON object of "figures.kas": [old, new] pairs, byte for byte, without encoding
// both assessments' contents and decoding them again. Saving one answer spent a third of
// its time in that round trip (issue #8).
func contentDiff(old, new Assessment) (json.RawMessage, error) {
	changes := map[string][2]json.RawMessage{}
	if err := diffMaps(changes, "figures", old.Figures, new.Figures); err != nil {
		return nil, err
	}
	if err := diffMaps(changes, "answers", old.Answers, new.Answers); err != nil {
		return nil, err
	}
	if err := diffMaps(changes, "options", old.Options, new.Options); err != nil {
		return nil, err
	}
	if err := diffMaps(changes, "item_notes", old.ItemNotes, new.ItemNotes); err != nil {
		return nil, err
	}
	return json.Marshal(changes)
}

// diffMaps adds an entry "prefix.key": [old, new] for every key whose value differs
// between a and b, an absent value being null.
func diffMaps[V comparable](changes map[string][2]json.RawMessage, prefix string,
	a, b map[string]V,
) error {
	for _, k := range slices.Sorted(maps.Keys(a)) {
		va := a[k]
		vb, inB := b[k]
		if inB && va == vb {
			continue
		}
		if err := addChange(changes, prefix+"."+k, va, true, vb, inB); err != nil {
			return err
		}
	}
	for k, vb := range b {
		if _, inA := a[k]; !inA {
			var zero V
			if err := addChange(changes, prefix+"."+k, zero, false, vb, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// addChange encodes one changed value pair; a value that is not there is null.
func addChange[V any](changes map[string][2]json.RawMessage, name string, a V, hasA bool,
	b V, hasB bool,
) error {
	pair := [2]json.RawMessage{json.RawMessage("null"), json.RawMessage("null")}
	var err error
	if hasA {
		if pair[0], err = json.Marshal(a); err != nil {
			return err
		}
	}
	if hasB {
		if pair[1], err = json.Marshal(b); err != nil {
			return err
		}
	}
	changes[name] = pair
	return nil
}
