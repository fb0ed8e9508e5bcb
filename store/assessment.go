package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Finalization is what finalizing an assessment stamps on it: the coach who signs it, the
// instrument version it was scored with and the scoring result.
type Finalization struct {
	CoachID string // the signing coach; the assessment's coach when empty
	Version int    // the instrument version scored with; the assessment's when zero
	Result  Result // must be Complete, with a Total
}

// CreateAssessment starts a new draft for a stored cooperative. CoopID, Instrument,
// Version (≥ 1) and FiscalYear are required; Figures, Answers, Options, ItemNotes and
// CoachID may be given. Status is always draft. It returns ErrDuplicateDraft when the
// cooperative already has an open draft for that year, and ErrDuplicateFinal when it has
// a final one (amend that instead).
func (s *Store) CreateAssessment(a Assessment) (Assessment, error) {
	err := s.update(func(w *writer) error {
		a.ID, a.Status, a.Replaces, a.AmendedBy, a.AmendReason = "", StatusDraft, "", "", ""
		a.Result, a.FinalizedBy = nil, ""
		var err error
		a, err = w.addAssessment(a, false)
		return err
	})
	if err != nil {
		return Assessment{}, fmt.Errorf("create assessment: %w", err)
	}
	return a, nil
}

// Assessment returns the assessment with the given id, or ErrNotFound.
func (s *Store) Assessment(id string) (Assessment, error) {
	var rec assessmentRecord
	err := s.view(func(tx *bolt.Tx) error {
		return getByID(tx.Bucket(bucketAssessments), id, &rec)
	})
	if err != nil {
		return Assessment{}, fmt.Errorf("assessment %q: %w", id, err)
	}
	return rec.Assessment, nil
}

// AssessmentsOf returns all assessments of a cooperative, every revision included: newest
// fiscal year first, and within a year the newest revision first.
func (s *Store) AssessmentsOf(coopID string) ([]Assessment, error) {
	var out []Assessment
	err := s.view(func(tx *bolt.Tx) error {
		assessments := tx.Bucket(bucketAssessments)
		return eachHead(tx, coopID, func(k, _ []byte) error {
			var rec assessmentRecord
			found, err := getJSON(assessments, k[len(k)-idLen:], &rec)
			if err == nil && !found {
				err = fmt.Errorf("index names missing assessment %s: %w",
					idText(k[len(k)-idLen:]), ErrDamaged)
			}
			out = append(out, rec.Assessment)
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("assessments of cooperative %q: %w", coopID, err)
	}
	return out, nil
}

// AssessmentHeadsOf is AssessmentsOf reduced to heads, read from the index only.
func (s *Store) AssessmentHeadsOf(coopID string) ([]AssessmentHead, error) {
	var out []AssessmentHead
	err := s.view(func(tx *bolt.Tx) error {
		return eachHead(tx, coopID, func(_, v []byte) error {
			var h headRecord
			err := decodeJSON(v, &h)
			out = append(out, h.AssessmentHead)
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("assessments of cooperative %q: %w", coopID, err)
	}
	return out, nil
}

// eachHead calls fn on a stored cooperative's assessments_by_coop entries, newest first.
func eachHead(tx *bolt.Tx, coopID string, fn func(k, v []byte) error) error {
	coop, ok := idKey(coopID)
	if !ok || tx.Bucket(bucketCoops).Get(coop) == nil {
		return ErrNotFound
	}
	c := tx.Bucket(bucketAssessByCoop).Cursor()
	for k, v := lastWithPrefix(c, coop); k != nil && bytes.HasPrefix(k, coop); k, v = c.Prev() {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// SetFigure sets one figure of a draft to an exact decimal in contract form ("1234567.50",
// at most 2 decimals, a leading minus allowed); the empty value clears it.
func (s *Store) SetFigure(id, figure, value string) (Assessment, error) {
	value = strings.TrimSpace(value)
	return s.edit(id, "figure "+figure, func(a *Assessment) error {
		if figure == "" {
			return fmt.Errorf("figure id is empty: %w", ErrInvalid)
		}
		if value != "" && !isDecimal(value) {
			return fmt.Errorf("figure %s: %q is not a decimal with at most 2 decimals: %w",
				figure, value, ErrInvalid)
		}
		a.Figures = setOrClear(a.Figures, figure, value, value == "")
		return nil
	})
}

// SetAnswer sets one checklist answer of a draft to ya (true) or tidak (false); nil clears it.
func (s *Store) SetAnswer(id, question string, value *bool) (Assessment, error) {
	return s.edit(id, "answer "+question, func(a *Assessment) error {
		if question == "" {
			return fmt.Errorf("question id is empty: %w", ErrInvalid)
		}
		var v bool
		if value != nil {
			v = *value
		}
		a.Answers = setOrClear(a.Answers, question, v, value == nil)
		return nil
	})
}

// SetItemNote sets the coach's note on one figure or question of a draft; "" clears it.
func (s *Store) SetItemNote(id, item, note string) (Assessment, error) {
	note = strings.TrimSpace(note)
	return s.edit(id, "note on "+item, func(a *Assessment) error {
		if item == "" {
			return fmt.Errorf("item id is empty: %w", ErrInvalid)
		}
		a.ItemNotes = setOrClear(a.ItemNotes, item, note, note == "")
		return nil
	})
}

// SetOptions replaces the instrument options chosen for a draft; nil or empty means the
// instrument's defaults.
func (s *Store) SetOptions(id string, options map[string]string) (Assessment, error) {
	return s.edit(id, "options", func(a *Assessment) error {
		a.Options = nil
		if len(options) > 0 {
			a.Options = maps.Clone(options)
		}
		return nil
	})
}

// FinalizeAssessment locks a draft: it stamps the signing coach, the time and the actor,
// pins the instrument version and stores the result. Afterwards every edit returns
// ErrFinal. A revision made by AmendAssessment turns the assessment it replaces into
// StatusAmended in the same transaction. It returns ErrIncomplete for an incomplete result
// and ErrDuplicateFinal when another final exists for the cooperative and year.
func (s *Store) FinalizeAssessment(id string, f Finalization) (Assessment, error) {
	var a Assessment
	err := s.update(func(w *writer) error {
		var err error
		a, err = w.finalize(id, f)
		return err
	})
	if err != nil {
		return Assessment{}, fmt.Errorf("finalize assessment %q: %w", id, err)
	}
	return a, nil
}

// AmendAssessment starts a correction of a final assessment: a new draft revision with the
// same figures, answers, options and notes, its Replaces pointing at the old one and the
// given reason (required). The old one stays final, and counts as the cooperative's
// assessment, until the revision is finalized; then it becomes StatusAmended. It returns
// ErrNotFinal unless id is the current final, and ErrDuplicateDraft when a draft for that
// cooperative and year is already open.
func (s *Store) AmendAssessment(id, reason string) (Assessment, error) {
	var a Assessment
	err := s.update(func(w *writer) error {
		var old assessmentRecord
		if err := getByID(w.tx.Bucket(bucketAssessments), id, &old); err != nil {
			return err
		}
		if old.Status != StatusFinal {
			return fmt.Errorf("it is %s: %w", old.Status, ErrNotFinal)
		}
		if reason = strings.TrimSpace(reason); reason == "" {
			return fmt.Errorf("a reason is required: %w", ErrInvalid)
		}
		a = old.Assessment
		a.ID, a.Status, a.Replaces, a.AmendReason = "", StatusDraft, old.ID, reason
		a.AmendedBy, a.Result, a.FinalizedAt, a.FinalizedBy = "", nil, zeroTime, ""
		a.Figures, a.Answers = maps.Clone(a.Figures), maps.Clone(a.Answers)
		a.Options, a.ItemNotes = maps.Clone(a.Options), maps.Clone(a.ItemNotes)
		var err error
		a, err = w.addAssessment(a, false)
		return err
	})
	if err != nil {
		return Assessment{}, fmt.Errorf("amend assessment %q: %w", id, err)
	}
	return a, nil
}

// DeleteDraft removes a draft (never a final assessment: ErrFinal). Its audit event keeps
// the whole draft, and the events of its edits move to the audit bucket with it.
func (s *Store) DeleteDraft(id string) error {
	err := s.update(func(w *writer) error {
		var old assessmentRecord
		b := w.tx.Bucket(bucketAssessments)
		if err := getByID(b, id, &old); err != nil {
			return err
		}
		if old.Status != StatusDraft {
			return ErrFinal
		}
		key, _ := idKey(id)
		coop, _ := idKey(old.CoopID)
		if err := b.Delete(key); err != nil {
			return err
		}
		if err := w.moveInlineEvents(key); err != nil {
			return err
		}
		ik := assessIndexKey(coop, old.FiscalYear, key)
		if err := w.tx.Bucket(bucketAssessByCoop).Delete(ik); err != nil {
			return err
		}
		if err := summaryAssessments(w.tx, coop); err != nil {
			return err
		}
		whole, err := json.Marshal(old.Assessment)
		if err != nil {
			return err
		}
		return w.audit(KindAssessment, id, ActionDelete, whole)
	})
	if err != nil {
		return fmt.Errorf("delete draft %q: %w", id, err)
	}
	return nil
}

// edit applies one change to a draft in its own transaction, with an audit event of what
// changed, kept beside the draft (auditinline.go).
func (s *Store) edit(id, what string, fn func(a *Assessment) error) (Assessment, error) {
	var a Assessment
	var key, stored []byte
	var keys draftKeys
	err := s.update(func(w *writer) error {
		b := w.tx.Bucket(bucketAssessments)
		var ok bool
		if key, ok = idKey(id); !ok {
			return ErrNotFound
		}
		old, oldKeys, err := s.draft(b, key)
		if err != nil {
			return err
		}
		if old.Status != StatusDraft {
			return fmt.Errorf("it is %s: %w", old.Status, ErrFinal)
		}
		a = cloneDeep(old.Assessment) // old may be the cache's own: never change it
		if err := fn(&a); err != nil {
			return err
		}
		change, err := contentDiff(old.Assessment, a)
		if err != nil || string(change) == "{}" {
			a = cloneDeep(old.Assessment) // nothing changed: no write, no audit event
			return err
		}

		// Store the draft and its event; the encoded bytes go to the cache once committed.
		a.UpdatedAt = w.now
		stored, keys, err = encodeDraft(assessmentRecord{valueVersion, a}, oldKeys)
		if err != nil {
			return fmt.Errorf("encode assessment: %w", err)
		}
		if err := b.Put(key, stored); err != nil {
			return err
		}
		return w.auditInline(key, id, ActionUpdate, change)
	})
	if err != nil {
		return Assessment{}, fmt.Errorf("set %s of assessment %q: %w", what, id, err)
	}
	if stored != nil {
		s.drafts.put(key, stored, assessmentRecord{valueVersion, a}, keys)
	}
	return a, nil
}

// draft reads the assessment with the given key for an edit: from the cache, with the
// sorted keys of its maps, when the stored bytes are the ones it was made from; else
// decoded, without keys. The maps and keys it returns may be the cache's: read them, never
// change them.
func (s *Store) draft(b *bolt.Bucket, key []byte) (assessmentRecord, draftKeys, error) {
	v := b.Get(key)
	if v == nil {
		return assessmentRecord{}, draftKeys{}, ErrNotFound
	}
	if rec, keys, ok := s.drafts.get(key, v); ok {
		return rec, keys, nil
	}
	var rec assessmentRecord
	err := decodeJSON(v, &rec)
	return rec, draftKeys{}, err
}

// content is the part of an assessment the editing operations change, for audit diffs.
type content struct {
	Figures   map[string]string `json:"figures"`
	Answers   map[string]bool   `json:"answers"`
	Options   map[string]string `json:"options"`
	ItemNotes map[string]string `json:"item_notes"`
}

func contentOf(a Assessment) content {
	return content{a.Figures, a.Answers, a.Options, a.ItemNotes}
}

// cloneAssessment copies an assessment's maps so an edit never shares them.
func cloneAssessment(a Assessment) Assessment {
	a.Figures, a.Answers = maps.Clone(a.Figures), maps.Clone(a.Answers)
	a.Options, a.ItemNotes = maps.Clone(a.Options), maps.Clone(a.ItemNotes)
	return a
}

// setOrClear sets m[k] = v, or deletes k when clear; an emptied map becomes nil.
func setOrClear[V any](m map[string]V, k string, v V, clear bool) map[string]V {
	if clear {
		delete(m, k)
		if len(m) == 0 {
			return nil
		}
		return m
	}
	if m == nil {
		m = map[string]V{}
	}
	m[k] = v
	return m
}

// isDecimal reports whether s is a decimal in contract form: an optional minus, digits,
// and optionally a point with one or two digits.
func isDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" || !isDigits(whole, len(whole)) {
		return false
	}
	if !hasPoint {
		return true
	}
	return (len(frac) == 1 || len(frac) == 2) && isDigits(frac, len(frac))
}
