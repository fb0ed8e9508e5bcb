package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// Inline audit events (issue #8). The audit event of a draft edit made through Store.edit
// (a figure, an answer, a note, the options) is kept beside the draft in the assessments
// bucket instead of in audit and audit_by_record. Its key is
//
//	assessment key (16 bytes) | event key (16 bytes) with every bit inverted
//
// so the bucket holds keys of two lengths: 16 for an assessment, 32 for an event. A
// draft's events sort right after the draft itself, newest first, which puts the event a
// save writes in the draft's own leaf page: the save dirties one leaf and its branch path
// where three buckets dirtied three. The value is the auditRecord JSON of the audit
// bucket less what the key already says (id, kind, record id): half the bytes, so the
// trail a coach's typing grows by one event a keystroke grows the file half as fast, and
// new blocks of the file are what a save costs beyond the raw commit.

// inlineEventKeyLen is the length of an inline event's key in the assessments bucket.
const inlineEventKeyLen = 2 * idLen

// inlineEventKey is the key of the event with key event of the assessment with key record.
func inlineEventKey(record, event []byte) []byte {
	k := make([]byte, inlineEventKeyLen)
	copy(k, record)
	for i, b := range event[:idLen] {
		k[idLen+i] = ^b
	}
	return k
}

// isInlineEventKey reports whether k, a key of the assessments bucket, is an inline audit
// event's rather than an assessment's.
func isInlineEventKey(k []byte) bool { return len(k) == inlineEventKeyLen }

// inlineEventParts splits an inline event's key into its assessment's key (a part of k)
// and its event's key (new bytes, the inversion undone).
func inlineEventParts(k []byte) (record, event []byte) {
	event = make([]byte, idLen)
	for i, b := range k[idLen:inlineEventKeyLen] {
		event[i] = ^b
	}
	return k[:idLen], event
}

// auditInline writes the audit event of an edit of the assessment with key record, whose
// id is recordID, into the assessments bucket beside it.
func (w *writer) auditInline(record []byte, recordID, action string,
	change json.RawMessage,
) error {
	key, ev, err := w.newEvent(KindAssessment, recordID, action, change)
	if err != nil {
		return err
	}
	data, err := encodeInlineEvent(ev.AuditEvent)
	if err != nil {
		return fmt.Errorf("write audit event: %w", err)
	}
	return w.tx.Bucket(bucketAssessments).Put(inlineEventKey(record, key), data)
}

// encodeInlineEvent writes ev's value without the fields its key holds (id, kind, record
// id), each field in the bytes json.Marshal gives for it.
func encodeInlineEvent(ev AuditEvent) ([]byte, error) {
	at, err := ev.At.MarshalJSON()
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, 96+len(ev.Actor)+len(ev.Action)+len(ev.Change))
	b = append(b, `{"v":`...)
	b = strconv.AppendInt(b, valueVersion, 10)
	b = append(b, `,"at":`...)
	b = append(b, at...)
	b = append(b, `,"actor":`...)
	b = appendJSONString(b, ev.Actor)
	b = append(b, `,"action":`...)
	b = appendJSONString(b, ev.Action)
	if len(ev.Change) > 0 {
		if !json.Valid(ev.Change) {
			return nil, fmt.Errorf("change of event %s is not JSON", ev.ID)
		}
		b = append(b, `,"change":`...)
		b = append(b, ev.Change...)
	}
	b = append(b, "}"...)
	return b, nil
}

// decodeInlineEvent reads the inline event under key k: the value's fields, and its id,
// kind and record id from the key where the value leaves them out.
func decodeInlineEvent(k, v []byte) (AuditEvent, error) {
	var rec auditRecord
	if err := decodeJSON(v, &rec); err != nil {
		return AuditEvent{}, err
	}
	record, event := inlineEventParts(k)
	ev := rec.AuditEvent
	if ev.ID == "" {
		ev.ID = idText(event)
	}
	if ev.Kind == "" {
		ev.Kind = KindAssessment
	}
	if ev.RecordID == "" {
		ev.RecordID = idText(record)
	}
	return ev, nil
}

// eachInlineEvent calls fn with the key and value of every inline event of the assessment
// with key record, newest first. The slices are bbolt's, valid in the transaction only.
func eachInlineEvent(b *bolt.Bucket, record []byte, fn func(k, v []byte) error) error {
	c := b.Cursor()
	for k, v := c.Seek(record); k != nil && bytes.HasPrefix(k, record); k, v = c.Next() {
		if !isInlineEventKey(k) {
			continue // the assessment itself; another length is Check's to report
		}
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// moveInlineEvents moves the inline events of an assessment being deleted into audit and
// audit_by_record, where the events of records that no longer exist are kept, so its
// history survives it and AuditOf still finds it, in the audit bucket's full form.
func (w *writer) moveInlineEvents(record []byte) error {
	b := w.tx.Bucket(bucketAssessments)
	var keys, values [][]byte
	err := eachInlineEvent(b, record, func(k, v []byte) error {
		keys, values = append(keys, bytes.Clone(k)), append(values, bytes.Clone(v))
		return nil
	})
	if err != nil {
		return err
	}
	prefix := auditIndexPrefix(idText(record))
	for i, k := range keys {
		_, event := inlineEventParts(k)
		ev, err := decodeInlineEvent(k, values[i])
		if err != nil {
			return fmt.Errorf("move audit event: %w", err)
		}
		err = putJSON(w.tx.Bucket(bucketAudit), event, auditRecord{V: valueVersion,
			AuditEvent: ev})
		if err != nil {
			return fmt.Errorf("move audit event: %w", err)
		}
		ik := append(bytes.Clone(prefix), event...)
		if err := w.tx.Bucket(bucketAuditByRecord).Put(ik, nil); err != nil {
			return fmt.Errorf("move audit event: %w", err)
		}
		if err := b.Delete(k); err != nil {
			return fmt.Errorf("move audit event: %w", err)
		}
	}
	return nil
}
