package scoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Problem is one thing wrong with an input, and where: Field is a path such as
// "figures.kas", "answers.mu01" or "instrument" (empty for the document as a whole).
type Problem struct {
	Field string
	Msg   string
}

// String returns "field: message", on one line: a field holding a control character (an
// id typed with a line break) is written quoted.
func (p Problem) String() string {
	if p.Field == "" {
		return p.Msg
	}
	field := p.Field
	if strings.ContainsFunc(field, unicode.IsControl) {
		field = strconv.Quote(field)
	}
	return field + ": " + p.Msg
}

// InputError lists every problem of an input.
type InputError struct {
	Problems []Problem
}

// Error returns one line per problem.
func (e *InputError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func (e *InputError) add(field, format string, args ...any) {
	e.Problems = append(e.Problems, Problem{field, fmt.Sprintf(format, args...)})
}

func (e *InputError) orNil() error {
	if len(e.Problems) == 0 {
		return nil
	}
	return e
}

// rawInput is the JSON form of an input before validation.
type rawInput struct {
	Instrument *string                    `json:"instrument"`
	Figures    map[string]json.RawMessage `json:"figures"`
	Answers    map[string]json.RawMessage `json:"answers"`
	Options    map[string]json.RawMessage `json:"options"`
	// AspectScores is accepted only by instruments that weigh their aspects.
	AspectScores map[string]json.RawMessage `json:"aspect_scores"`
}

// ParseInput reads an assessment in the JSON form of `koroena score`, finds its instrument
// in reg and checks every id and value. The error is an *InputError listing every problem.
func ParseInput(data []byte, reg *Registry) (Input, *Instrument, error) {
	var raw rawInput
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return Input{}, nil, &InputError{[]Problem{{"", jsonProblem(data, err)}}}
	}
	if dec.More() {
		return Input{}, nil, &InputError{[]Problem{{"", "malformed JSON: more than one " +
			"value; give one assessment object"}}}
	}
	if dups := duplicateKeys(data); len(dups) > 0 {
		return Input{}, nil, &InputError{dups}
	}
	if raw.Instrument == nil {
		return Input{}, nil, &InputError{[]Problem{{"instrument", "missing (e.g. \"ksp-2016\")"}}}
	}
	in, err := reg.Lookup(*raw.Instrument)
	if err != nil {
		return Input{}, nil, &InputError{[]Problem{{"instrument", err.Error()}}}
	}

	e := &InputError{}
	inp := Input{Instrument: *raw.Instrument}
	inp.Figures = make(map[string]Amount, len(raw.Figures))
	for _, id := range sortedKeys(raw.Figures) {
		if a, ok := in.checkFigure(e, id, raw.Figures[id]); ok {
			inp.Figures[id] = a
		}
	}
	inp.Answers = make(map[string]bool, len(raw.Answers))
	for _, id := range sortedKeys(raw.Answers) {
		field := "answers." + id
		if _, ok := in.qIdx[id]; !ok {
			e.add(field, "unknown question id%s", suggest(id, in.questionIDs()))
			continue
		}
		var b bool
		if err := json.Unmarshal(raw.Answers[id], &b); err != nil {
			e.add(field, "%s is not an answer: use true (ya) or false (tidak)",
				clip(raw.Answers[id]))
			continue
		}
		inp.Answers[id] = b
	}
	inp.Options = make(map[string]string, len(raw.Options))
	for _, id := range sortedKeys(raw.Options) {
		if c, ok := in.checkOption(e, id, raw.Options[id]); ok {
			inp.Options[id] = c
		}
	}
	if len(raw.AspectScores) > 0 {
		inp.AspectScores = in.checkAspectScores(e, raw.AspectScores)
	}
	return inp, in, e.orNil()
}

// checkAspectScores reads aspect scores given directly: numbers from 0 to 100 with at most
// 2 decimals, for the aspects of an instrument that weighs them.
func (in *Instrument) checkAspectScores(e *InputError, raw map[string]json.RawMessage,
) map[string]Points {
	if !in.weighted {
		e.add("aspect_scores", "%s adds up its components; its aspect scores cannot be "+
			"entered", in.ID)
		return nil
	}
	out := make(map[string]Points, len(raw))
	for _, id := range sortedKeys(raw) {
		field := "aspect_scores." + id
		known := false
		ids := make([]string, len(in.Aspects))
		for i, a := range in.Aspects {
			ids[i] = a.ID
			known = known || a.ID == id
		}
		if !known {
			e.add(field, "unknown aspect id%s", suggest(id, ids))
			continue
		}
		s := string(bytes.TrimSpace(raw[id]))
		u, err := parseFixed(strings.Trim(s, `"`), 2)
		if err != nil || u < 0 || u > 100*scale {
			e.add(field, "%s is not a score from 0 to 100 with at most 2 decimals", clip(raw[id]))
			continue
		}
		out[id] = Points{u: u}
	}
	return out
}

// NewInput builds an Input from figures in the contract's string form, as the store keeps
// them ("1234567.50"), and checks every id and value against the instrument.
func NewInput(in *Instrument, figures map[string]string, answers map[string]bool,
	options map[string]string,
) (Input, error) {
	e := &InputError{}
	inp := Input{Instrument: in.Ref(), Figures: make(map[string]Amount, len(figures)),
		Answers: make(map[string]bool, len(answers)), Options: map[string]string{}}
	for _, id := range sortedKeys(figures) {
		q, _ := json.Marshal(figures[id])
		if a, ok := in.checkFigure(e, id, q); ok {
			inp.Figures[id] = a
		}
	}
	for _, id := range sortedKeys(answers) {
		if _, ok := in.qIdx[id]; !ok {
			e.add("answers."+id, "unknown question id%s", suggest(id, in.questionIDs()))
			continue
		}
		inp.Answers[id] = answers[id]
	}
	for _, id := range sortedKeys(options) {
		q, _ := json.Marshal(options[id])
		if c, ok := in.checkOption(e, id, q); ok {
			inp.Options[id] = c
		}
	}
	return inp, e.orNil()
}

// CheckFigure validates one figure in the contract's string form, for a screen's field.
func (in *Instrument) CheckFigure(id, value string) (Amount, error) {
	e := &InputError{}
	q, _ := json.Marshal(value)
	a, _ := in.checkFigure(e, id, q)
	return a, e.orNil()
}

func (in *Instrument) checkFigure(e *InputError, id string, raw json.RawMessage) (Amount, bool) {
	field := "figures." + id
	i, ok := in.figIdx[id]
	if !ok {
		e.add(field, "unknown figure id%s", suggest(id, in.figureIDs()))
		return Amount{}, false
	}
	a, err := amountFromJSON(bytes.TrimSpace(raw))
	switch {
	case errors.Is(err, ErrTooPrecise):
		e.add(field, "%s has more than 2 decimals (sen is the smallest unit)", clip(raw))
		return Amount{}, false
	case errors.Is(err, ErrAmountTooBig):
		e.add(field, "%s is more than Rp 100 trillion", clip(raw))
		return Amount{}, false
	case err != nil:
		e.add(field, "%s is not an amount: write digits and a point for sen, with no "+
			"separators or exponent, e.g. \"1234567.50\"", clip(raw))
		return Amount{}, false
	}
	if a.Sign() < 0 && !in.Figures[i].Negative {
		e.add(field, "%s is negative, but %s cannot be below zero", a, id)
		return Amount{}, false
	}
	return a, true
}

func (in *Instrument) checkOption(e *InputError, id string, raw json.RawMessage) (string, bool) {
	field := "options." + id
	oi, ok := in.optIdx[id]
	if !ok {
		ids := make([]string, len(in.Options))
		for i, o := range in.Options {
			ids[i] = o.ID
		}
		e.add(field, "unknown option%s", suggest(id, ids))
		return "", false
	}
	var c string
	o := in.Options[oi]
	ids := make([]string, len(o.Choices))
	for i, ch := range o.Choices {
		ids[i] = ch.ID
	}
	if err := json.Unmarshal(raw, &c); err != nil || o.choice(c) < 0 {
		e.add(field, "%s is not a choice of this option (choose %s)", clip(raw),
			strings.Join(ids, " or "))
		return "", false
	}
	return c, true
}

func (in *Instrument) figureIDs() []string {
	ids := make([]string, len(in.Figures))
	for i, f := range in.Figures {
		ids[i] = f.ID
	}
	return ids
}

func (in *Instrument) questionIDs() []string {
	ids := make([]string, len(in.Questions))
	for i, q := range in.Questions {
		ids[i] = q.ID
	}
	return ids
}

// jsonProblem turns a decoding error into one line with the line and column.
func jsonProblem(data []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		l, c := lineCol(data, se.Offset)
		return fmt.Sprintf("malformed JSON at line %d, column %d: %v", l, c, se)
	case errors.As(err, &te):
		l, c := lineCol(data, te.Offset)
		if te.Field == "" {
			return fmt.Sprintf("malformed input at line %d, column %d: expected an object "+
				"with instrument, figures, answers and options", l, c)
		}
		want := "an object"
		if te.Type != nil {
			if k := te.Type.Kind(); k == reflect.String || k == reflect.Pointer {
				want = "a string such as \"ksp-2016\""
			}
		}
		return fmt.Sprintf("%s (line %d, column %d): a JSON %s where %s belongs", te.Field,
			l, c, te.Value, want)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return fmt.Sprintf("%s: unknown key; an input has instrument, figures, answers, "+
			"options and, for some instruments, aspect_scores", strings.Trim(name, `"`))
	case errors.Is(err, io.EOF) || strings.Contains(err.Error(), "unexpected EOF"):
		if len(bytes.TrimSpace(data)) == 0 {
			return "malformed JSON: the input is empty"
		}
		l, c := lineCol(data, int64(len(bytes.TrimRight(data, " \t\r\n"))))
		return fmt.Sprintf("malformed JSON: the input ends early at line %d, column %d "+
			"(cut off?)", l, c)
	}
	return "malformed JSON: " + err.Error()
}

func lineCol(data []byte, off int64) (int, int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

func clip(raw []byte) string {
	s := string(raw)
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// suggest returns ` (did you mean "x"?)` for the known id nearest to id, or "" when none
// is near.
func suggest(id string, known []string) string {
	best, bestD := "", len(id)/2+2
	for _, k := range known {
		if d := editDistance(strings.ToLower(id), k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
