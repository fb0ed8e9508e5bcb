package store

import (
	"bytes"
	"encoding/json"
	"fmt"

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
// where three buckets dirtied three. The value is the same auditRecord JSON as in audit.

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
	data, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("write audit event: %w", err)
	}
	return w.tx.Bucket(bucketAssessments).Put(inlineEventKey(record, key), data)
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
// history survives it and AuditOf still finds it. The values move byte for byte.
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
		if err := w.tx.Bucket(bucketAudit).Put(event, values[i]); err != nil {
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
