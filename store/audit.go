package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Record kinds named in audit events.
const (
	KindCooperative = "cooperative"
	KindCoach       = "coach"
	KindVisit       = "visit"
	KindAssessment  = "assessment"
	KindSetting     = "setting"
)

// Audit actions.
const (
	ActionCreate   = "create"
	ActionUpdate   = "update"
	ActionDelete   = "delete"
	ActionFinalize = "finalize"
	ActionAmend    = "amend"   // a new draft revision was started from a final assessment
	ActionAmended  = "amended" // a final assessment was superseded by its finalized revision
)

// testHookBeforeAudit, when set by a test, runs between a record's put and its audit
// event's put; an error it returns aborts the transaction.
var testHookBeforeAudit func(kind, action string) error

// writer is one write transaction with the actor and time its audit events carry.
type writer struct {
	tx    *bolt.Tx
	actor string
	now   time.Time
}

// audit writes one audit event and its index entry.
func (w *writer) audit(kind, recordID, action string, change json.RawMessage) error {
	key, ev, err := w.newEvent(kind, recordID, action, change)
	if err != nil {
		return err
	}
	if err := putJSON(w.tx.Bucket(bucketAudit), key, ev); err != nil {
		return fmt.Errorf("write audit event: %w", err)
	}
	ik := append(auditIndexPrefix(recordID), key...)
	return w.tx.Bucket(bucketAuditByRecord).Put(ik, nil)
}

// newEvent makes an audit event of this transaction with a fresh id, and returns its key.
func (w *writer) newEvent(kind, recordID, action string, change json.RawMessage) (
	[]byte, auditRecord, error,
) {
	if testHookBeforeAudit != nil {
		if err := testHookBeforeAudit(kind, action); err != nil {
			return nil, auditRecord{}, err
		}
	}
	key, id, err := newID()
	if err != nil {
		return nil, auditRecord{}, err
	}
	return key, auditRecord{V: valueVersion, AuditEvent: AuditEvent{
		ID: id, At: w.now, Actor: w.actor, Kind: kind, RecordID: recordID,
		Action: action, Change: change,
	}}, nil
}

// AuditOf returns the audit events of one record (a cooperative, coach, visit or
// assessment id, or a setting key), oldest first. An assessment's events come from two
// places, merged in the order of their time-ordered ids: the audit bucket, and beside the
// assessment for its draft edits (auditinline.go).
func (s *Store) AuditOf(recordID string) ([]AuditEvent, error) {
	type keyed struct {
		key []byte
		ev  AuditEvent
	}
	var all []keyed
	decode := func(key, v []byte) error {
		var ev auditRecord
		if err := decodeJSON(v, &ev); err != nil {
			return err
		}
		all = append(all, keyed{bytes.Clone(key), ev.AuditEvent})
		return nil
	}
	prefix := auditIndexPrefix(recordID)
	err := s.view(func(tx *bolt.Tx) error {
		events := tx.Bucket(bucketAudit)
		c := tx.Bucket(bucketAuditByRecord).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			if v := events.Get(k[len(prefix):]); v != nil {
				if err := decode(k[len(prefix):], v); err != nil {
					return err
				}
			}
		}
		record, ok := idKey(recordID)
		if !ok {
			return nil
		}
		return eachInlineEvent(tx.Bucket(bucketAssessments), record, func(k, v []byte) error {
			ev, err := decodeInlineEvent(k, v)
			if err != nil {
				return err
			}
			_, event := inlineEventParts(k)
			all = append(all, keyed{event, ev})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("audit of %q: %w", recordID, err)
	}
	slices.SortFunc(all, func(a, b keyed) int { return bytes.Compare(a.key, b.key) })
	var out []AuditEvent
	for _, e := range all {
		out = append(out, e.ev)
	}
	return out, nil
}

// diff describes what changed between two values of one record as a JSON object of
// field → [old, new], descending into objects with dotted names ("figures.kas"). Fields
// equal in both are left out.
func diff(old, new any) (json.RawMessage, error) {
	a, err := json.Marshal(old)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(new)
	if err != nil {
		return nil, err
	}
	changes := map[string][2]json.RawMessage{}
	diffInto(changes, "", a, b)
	return json.Marshal(changes)
}

// diffInto adds the differences between two JSON values under prefix.
func diffInto(changes map[string][2]json.RawMessage, prefix string, a, b json.RawMessage) {
	if bytes.Equal(a, b) {
		return
	}
	ma, okA := asObject(a)
	mb, okB := asObject(b)
	if !okA || !okB {
		changes[prefix] = [2]json.RawMessage{a, b}
		return
	}
	keys := make([]string, 0, len(ma)+len(mb))
	for k := range ma {
		keys = append(keys, k)
	}
	for k := range mb {
		if _, ok := ma[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		name := k
		if prefix != "" {
			name = prefix + "." + k
		}
		diffInto(changes, name, orNull(ma[k]), orNull(mb[k]))
	}
}

// asObject decodes a JSON object, taking null for an empty one; ok is false for any other
// JSON value.
func asObject(v json.RawMessage) (m map[string]json.RawMessage, ok bool) {
	if string(v) == "null" {
		return map[string]json.RawMessage{}, true
	}
	if len(v) == 0 || v[0] != '{' {
		return nil, false
	}
	if json.Unmarshal(v, &m) != nil {
		return nil, false
	}
	return m, true
}

// orNull stands JSON null for an absent value.
func orNull(v json.RawMessage) json.RawMessage {
	if v == nil {
		return json.RawMessage("null")
	}
	return v
}
