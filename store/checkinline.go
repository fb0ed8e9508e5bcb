package store

import bolt "go.etcd.io/bbolt"

// checkInlineEvent checks one audit event kept beside an assessment (auditinline.go): the
// assessment exists, and the event is readable and says it is that assessment's, under
// the id its key holds.
func (c *checker) checkInlineEvent(all *bolt.Bucket, k, v []byte) {
	record, event := inlineEventParts(k)
	id := idText(record)
	key := id + " event " + idText(event)
	if all.Get(record) == nil {
		c.add("assessments", key, "audit event of an assessment that does not exist")
	}
	ev, err := decodeInlineEvent(k, v)
	if err != nil {
		c.add("assessments", key, "unreadable audit event: %v", err)
		return
	}
	if ev.ID != idText(event) {
		c.add("assessments", key, "audit event says its id is %q", ev.ID)
	}
	if ev.Kind != KindAssessment || ev.RecordID != id {
		c.add("assessments", key, "audit event of %s %q kept beside assessment %s",
			ev.Kind, ev.RecordID, id)
	}
}
