package scoring

import (
	"bytes"
	"encoding/json"
)

// duplicateKeys finds the object keys that data, a valid JSON document, gives more than
// once, by their dotted path ("figures.kas"). encoding/json keeps the last of them without
// a word, so {"figures":{…},"figures":{…}} would silently drop the first set of figures.
func duplicateKeys(data []byte) []Problem {
	type frame struct {
		object bool
		path   string
		seen   map[string]bool
		key    string // the key whose value comes next; "" before it
		inKey  bool   // the next string is a key
	}
	var problems []Problem
	var stack []*frame
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	child := func() string { // the path of the value about to start
		if len(stack) == 0 {
			return ""
		}
		top := stack[len(stack)-1]
		if !top.object {
			return top.path
		}
		if top.path == "" {
			return top.key
		}
		return top.path + "." + top.key
	}
	afterValue := func() {
		if len(stack) > 0 && stack[len(stack)-1].object {
			stack[len(stack)-1].inKey = true
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return problems // end of input (data was checked to be valid before)
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				stack = append(stack, &frame{object: t == '{', path: child(),
					seen: map[string]bool{}, inKey: t == '{'})
			case '}', ']':
				stack = stack[:len(stack)-1]
				afterValue()
			}
		case string:
			if top := len(stack) - 1; top >= 0 && stack[top].object && stack[top].inKey {
				f := stack[top]
				f.key, f.inKey = t, false
				if f.seen[t] {
					problems = append(problems, Problem{child(), "given more than once; " +
						"give each id once"})
				}
				f.seen[t] = true
				continue
			}
			afterValue()
		default:
			afterValue()
		}
	}
}
