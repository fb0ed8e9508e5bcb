// Package scoringtest checks scoring results against the shared test vectors
// (shared/domain/vectors), for the tests of scoring and of `koroena score`.
package scoringtest

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Vector is one test case: an input, the values expected of its result, and where the
// case comes from.
type Vector struct {
	// Name is the file name without ".json".
	Name string
	// Source and Note say where the case comes from.
	Source string `json:"source"`
	Note   string `json:"note"`
	// Input is the assessment in the form of `koroena score`.
	Input json.RawMessage `json:"input"`
	// Expect lists the values the result must show.
	Expect json.RawMessage `json:"expect"`
}

// Load reads every *.json vector in dir, sorted by name.
func Load(dir string) ([]Vector, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no vectors in %s", dir)
	}
	slices.Sort(names)
	vs := make([]Vector, 0, len(names))
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		var v Vector
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		v.Name = strings.TrimSuffix(filepath.Base(n), ".json")
		vs = append(vs, v)
	}
	return vs, nil
}

// Tolerance is how far a number may be from its expected value.
const Tolerance = 0.005

// Check compares a result in the contract's JSON form with a vector's expect block and
// returns one line per difference. Only the keys the expectation lists are checked:
// complete, total, predicate, components (by id: any of their fields), derived (by id) and
// aspects (by id: a number is the aspect's skor; an object lists any of its fields, such
// as score and predicate of a weighted instrument).
func Check(result []byte, expect json.RawMessage) []string {
	var got struct {
		Complete  bool             `json:"complete"`
		Total     float64          `json:"total"`
		Predicate *string          `json:"predicate"`
		Aspects   []map[string]any `json:"aspects"`
		Derived   map[string]any   `json:"derived"`
	}
	var want map[string]json.RawMessage
	if err := json.Unmarshal(result, &got); err != nil {
		return []string{"result is not JSON: " + err.Error()}
	}
	if err := json.Unmarshal(expect, &want); err != nil {
		return []string{"expect is not JSON: " + err.Error()}
	}
	comps, aspects, aspectSkor := map[string]any{}, map[string]any{}, map[string]any{}
	for _, a := range got.Aspects {
		aspects[a["id"].(string)] = map[string]any(a)
		aspectSkor[a["id"].(string)] = a["skor"]
		for _, c := range a["components"].([]any) {
			cm := c.(map[string]any)
			comps[cm["id"].(string)] = cm
		}
	}
	whole := map[string]any{"complete": got.Complete, "total": got.Total}
	if got.Predicate != nil {
		whole["predicate"] = *got.Predicate
	} else {
		whole["predicate"] = nil
	}

	var diffs []string
	for _, key := range sortedKeys(want) {
		var w any
		_ = json.Unmarshal(want[key], &w)
		switch key {
		case "components":
			diffs = append(diffs, compareMap("components", comps, w)...)
		case "derived":
			diffs = append(diffs, compareMap("derived", anyMap(got.Derived), w)...)
		case "aspects":
			diffs = append(diffs, compareAspects(aspects, aspectSkor, w)...)
		default:
			g, ok := whole[key]
			if !ok {
				diffs = append(diffs, key+": not a known expectation")
				continue
			}
			diffs = append(diffs, compare(key, g, w)...)
		}
	}
	return diffs
}

func anyMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// compareAspects compares each expected aspect: a number with its skor, an object with
// the fields it lists.
func compareAspects(aspects, skor map[string]any, want any) []string {
	wm, ok := want.(map[string]any)
	if !ok {
		return []string{"aspects: expectation is not an object"}
	}
	var diffs []string
	for _, k := range sortedKeys(wm) {
		got := skor
		if _, isObj := wm[k].(map[string]any); isObj {
			got = aspects
		}
		diffs = append(diffs, compareMap("aspects", got, map[string]any{k: wm[k]})...)
	}
	return diffs
}

func compareMap(path string, got map[string]any, want any) []string {
	wm, ok := want.(map[string]any)
	if !ok {
		return []string{path + ": expectation is not an object"}
	}
	var diffs []string
	for _, k := range sortedKeys(wm) {
		g, ok := got[k]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("%s.%s: absent from the result", path, k))
			continue
		}
		diffs = append(diffs, compare(path+"."+k, g, wm[k])...)
	}
	return diffs
}

func compare(path string, got, want any) []string {
	switch w := want.(type) {
	case map[string]any:
		gm, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: got %v, want an object", path, got)}
		}
		return compareMap(path, gm, w)
	case float64:
		g, ok := got.(float64)
		if !ok || math.Abs(g-w) > Tolerance {
			return []string{fmt.Sprintf("%s: got %v, want %v", path, got, w)}
		}
		return nil
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		return []string{fmt.Sprintf("%s: got %v, want %v", path, got, want)}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
