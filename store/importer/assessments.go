package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"koroena/scoring"
	"koroena/store"
)

// assessmentDoc is one past assessment in an import file: the input of `koroena score`
// (instrument, figures, answers, options) plus whose it is and its state.
type assessmentDoc struct {
	NIK         *string           `json:"nik"`
	FiscalYear  *int              `json:"fiscal_year"`
	Status      string            `json:"status"`       // "final" (default) or "draft"
	Coach       string            `json:"coach"`        // the coach's name, optional
	FinalizedAt string            `json:"finalized_at"` // a date, optional
	ItemNotes   map[string]string `json:"item_notes"`

	Instrument json.RawMessage            `json:"instrument"`
	Figures    map[string]json.RawMessage `json:"figures"`
	Answers    map[string]json.RawMessage `json:"answers"`
	Options    map[string]json.RawMessage `json:"options"`
}

// docAt is a decoded document and the line it starts on.
type docAt struct {
	line int
	raw  json.RawMessage
}

// parsedAssessment is a document that passed every check that needs no store.
type parsedAssessment struct {
	line int
	nik  string
	a    store.Assessment
	// coach is the coach's name; the id is found or made when writing.
	coach string
}

// AssessmentResult says what an assessments import did or would do.
type AssessmentResult struct {
	File       string
	Documents  int
	Created    int
	NewCoaches []string
	Errors     []Message // Column is the field: "nik", "figures.kas", ...
}

// Assessments imports past assessments from a JSON file: one object, an array of
// objects, or JSON lines. Each has the cooperative's "nik" and "fiscal_year" beside the
// `koroena score` input ("instrument", "figures", "answers", "options"), and optionally
// "status" ("final", the default, or "draft"), "coach" (a name), "finalized_at" (a date)
// and "item_notes". Each is checked as `koroena score` checks an input and scored with
// reg; a final one must be complete. All or nothing, as Coops.
func Assessments(s *store.Store, reg *scoring.Registry, path string, opts Options) (
	AssessmentResult, error,
) {
	res := AssessmentResult{File: path}
	data, err := readInput(path)
	if err != nil {
		return res, err
	}
	docs, err := splitDocs(path, data)
	if err != nil {
		return res, err
	}
	res.Documents = len(docs)

	var parsed []parsedAssessment
	seen := map[string]int{}
	for _, d := range docs {
		p, msgs := parseAssessment(path, reg, d)
		res.Errors = append(res.Errors, msgs...)
		if len(msgs) > 0 {
			continue
		}
		key := fmt.Sprintf("%s/%d/%s", p.nik, p.a.FiscalYear, p.a.Status)
		if first, dup := seen[key]; dup {
			res.Errors = append(res.Errors, Message{File: path, Row: d.line,
				Column: "fiscal_year", Text: fmt.Sprintf("a %s assessment of "+
					"NIK %s for %d is also on line %d", p.a.Status, p.nik, p.a.FiscalYear, first)})
			continue
		}
		seen[key] = d.line
		if _, err := s.CooperativeByNIK(p.nik); errors.Is(err, store.ErrNotFound) {
			res.Errors = append(res.Errors, Message{File: path, Row: d.line, Column: "nik",
				Text: fmt.Sprintf("no stored cooperative has NIK %s (import the "+
					"registry first)", p.nik)})
			continue
		} else if err != nil {
			return res, err
		}
		parsed = append(parsed, p)
	}
	if len(res.Errors) > 0 {
		return res, ErrRefused
	}

	err = writeAssessments(s, parsed, opts, &res)
	switch {
	case errors.Is(err, errDryRun):
		return res, nil
	case err != nil && len(res.Errors) > 0:
		return res, ErrRefused
	case err != nil:
		return res, fmt.Errorf("import %s: %w", path, err)
	}
	return res, nil
}

// splitDocs splits a file into its JSON objects with their first lines: the elements of
// a top-level array, or a sequence of objects (one, or JSON lines).
func splitDocs(path string, data []byte) ([]docAt, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(data)
	dec := json.NewDecoder(bytes.NewReader(data))
	if len(trimmed) > 0 && trimmed[0] == '[' {
		if _, err := dec.Token(); err != nil {
			return nil, syntaxError(path, data, dec, err)
		}
	}
	var docs []docAt
	for dec.More() {
		start := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, syntaxError(path, data, dec, err)
		}
		start += int64(len(data[start:]) - len(bytes.TrimLeft(data[start:], " \t\r\n,")))
		docs = append(docs, docAt{line: lineOf(data, start), raw: raw})
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s: no assessments in it", path)
	}
	return docs, nil
}

// syntaxError places a JSON syntax error at its line.
func syntaxError(path string, data []byte, dec *json.Decoder, err error) error {
	off := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	return fmt.Errorf("%s:%d: malformed JSON: %w", path, lineOf(data, off), err)
}

// lineOf is the 1-based line of a byte offset.
func lineOf(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// parseAssessment checks one document and scores it.
func parseAssessment(path string, reg *scoring.Registry, d docAt) (parsedAssessment,
	[]Message,
) {
	var msgs []Message
	bad := func(field, format string, args ...any) {
		msgs = append(msgs, Message{File: path, Row: d.line, Column: field,
			Text: fmt.Sprintf(format, args...)})
	}
	var doc assessmentDoc
	dec := json.NewDecoder(bytes.NewReader(d.raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		bad("document", "%v (an assessment has nik, fiscal_year, instrument, figures, "+
			"answers, options, status, coach, finalized_at, item_notes)", err)
		return parsedAssessment{}, msgs
	}

	p := parsedAssessment{line: d.line, coach: strings.TrimSpace(doc.Coach)}
	switch {
	case doc.NIK == nil:
		bad("nik", "missing: the cooperative's 16-digit NIK")
	default:
		nik, err := parseNIK(cell{text: *doc.NIK})
		if err != nil {
			bad("nik", "%v", err)
		}
		p.nik = nik
	}
	switch {
	case doc.FiscalYear == nil:
		bad("fiscal_year", "missing (e.g. 2021)")
	case *doc.FiscalYear < 1900 || *doc.FiscalYear > 9999:
		bad("fiscal_year", "%d is not a year", *doc.FiscalYear)
	default:
		p.a.FiscalYear = *doc.FiscalYear
	}
	switch doc.Status {
	case "", "final":
		p.a.Status = store.StatusFinal
	case "draft":
		p.a.Status = store.StatusDraft
	default:
		bad("status", "%s is neither final nor draft", quoted(doc.Status))
	}
	if doc.FinalizedAt != "" {
		t, err := parseDateOrTime(doc.FinalizedAt)
		if err != nil {
			bad("finalized_at", "%v", err)
		}
		p.a.FinalizedAt = t
	}
	p.a.ItemNotes = doc.ItemNotes

	// The scoring part, checked and scored as `koroena score` does.
	input, _ := json.Marshal(struct {
		Instrument json.RawMessage            `json:"instrument,omitempty"`
		Figures    map[string]json.RawMessage `json:"figures,omitempty"`
		Answers    map[string]json.RawMessage `json:"answers,omitempty"`
		Options    map[string]json.RawMessage `json:"options,omitempty"`
	}{doc.Instrument, doc.Figures, doc.Answers, doc.Options})
	in, inst, err := scoring.ParseInput(input, reg)
	var ie *scoring.InputError
	if errors.As(err, &ie) {
		for _, pr := range ie.Problems {
			bad(cmpOr(pr.Field, "document"), "%s", pr.Msg)
		}
	} else if err != nil {
		bad("document", "%v", err)
	}
	if len(msgs) > 0 {
		return p, msgs
	}
	fill(&p.a, inst, in)
	if p.a.Status == store.StatusFinal {
		res := inst.Score(in)
		if !res.Complete {
			bad("figures", "a final assessment must be complete; %s",
				strings.Join(res.Notes, "; "))
			return p, msgs
		}
		r, err := StoreResult(res)
		if err != nil {
			bad("document", "%v", err)
		}
		p.a.Result = &r
	}
	return p, msgs
}

// fill copies a checked input into the assessment in the store's form.
func fill(a *store.Assessment, inst *scoring.Instrument, in scoring.Input) {
	a.Instrument, a.Version = inst.ID, inst.Version
	a.Figures = map[string]string{}
	for id, v := range in.Figures {
		a.Figures[id] = v.String()
	}
	a.Answers = in.Answers
	if len(in.Options) > 0 {
		a.Options = in.Options
	}
}

func cmpOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// parseDateOrTime reads an RFC 3339 time or a date in the forms the registry import
// takes.
func parseDateOrTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return parseDate(cell{text: s})
}

// writeAssessments stores the assessments in one bulk transaction.
func writeAssessments(s *store.Store, docs []parsedAssessment, opts Options,
	res *AssessmentResult,
) error {
	coaches, err := coachesByName(s)
	if err != nil {
		return err
	}
	return s.Bulk(func(b *store.Bulk) error {
		for i, p := range docs {
			if msg, ok := writeAssessment(b, res.File, p, coaches, res); !ok {
				res.Errors = append(res.Errors, msg)
			}
			if opts.Progress != nil && (i+1)%max(1, len(docs)/progressSteps) == 0 {
				opts.Progress(i+1, len(docs))
			}
		}
		switch {
		case len(res.Errors) > 0:
			return ErrRefused
		case opts.DryRun:
			return errDryRun
		}
		return nil
	})
}

// writeAssessment stores one assessment; ok is false with a message on a problem.
func writeAssessment(b *store.Bulk, file string, p parsedAssessment,
	coaches map[string]string, res *AssessmentResult,
) (Message, bool) {
	msg := func(field string, err error) (Message, bool) {
		return Message{File: file, Row: p.line, Column: field, Text: err.Error()}, false
	}
	c, found, err := b.CooperativeByNIK(p.nik)
	if err != nil {
		return msg("nik", err)
	}
	if !found {
		return msg("nik", fmt.Errorf("no stored cooperative has NIK %s (import the "+
			"registry first)", p.nik))
	}
	if p.coach != "" {
		id, ok := coaches[strings.ToLower(p.coach)]
		if !ok {
			nc, err := b.AddCoach(store.Coach{Name: p.coach, Active: true})
			if err != nil {
				return msg("coach", err)
			}
			id, coaches[strings.ToLower(p.coach)] = nc.ID, nc.ID
			res.NewCoaches = append(res.NewCoaches, p.coach)
		}
		p.a.CoachID = id
	}
	p.a.CoopID = c.ID
	if _, err := b.AddAssessment(p.a); err != nil {
		return msg("fiscal_year", err)
	}
	res.Created++
	return Message{}, true
}
