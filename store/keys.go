package store

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// Bucket names; doc.go describes what each holds.
var (
	bucketMeta          = []byte("meta")
	bucketCoops         = []byte("coops")
	bucketCoopsByNIK    = []byte("coops_by_nik")
	bucketCoopSummary   = []byte("coop_summary")
	bucketCoopsByName   = []byte("coops_by_name")
	bucketCoaches       = []byte("coaches")
	bucketVisits        = []byte("visits")
	bucketVisitsByCoop  = []byte("visits_by_coop")
	bucketAssessments   = []byte("assessments")
	bucketAssessByCoop  = []byte("assessments_by_coop")
	bucketSettings      = []byte("settings")
	bucketAudit         = []byte("audit")
	bucketAuditByRecord = []byte("audit_by_record")

	bucketTreatments       = []byte("treatments")
	bucketTreatmentsByCoop = []byte("treatments_by_coop")
)

// allBuckets is every bucket of the current schema, created at open.
var allBuckets = [][]byte{
	bucketMeta, bucketCoops, bucketCoopsByNIK, bucketCoopSummary, bucketCoaches,
	bucketVisits, bucketVisitsByCoop, bucketAssessments, bucketAssessByCoop,
	bucketSettings, bucketAudit, bucketAuditByRecord, bucketTreatments, bucketTreatmentsByCoop,
	bucketCoopsByName,
}

// Keys of the meta bucket.
var keySchemaVersion = []byte("schema_version")

// idLen is the length of a record key: a UUID v7's 16 bytes, which sort by creation time.
const idLen = 16

// newID makes a fresh time-ordered id and returns its key and its text form.
func newID() ([]byte, string, error) {
	u, err := uuid.NewV7()
	if err != nil {
		return nil, "", fmt.Errorf("new id: %w", err)
	}
	return u[:], u.String(), nil
}

// idKey turns an id's text form into its 16-byte key; ok is false for a malformed id.
func idKey(id string) ([]byte, bool) {
	u, err := uuid.Parse(id)
	if err != nil {
		return nil, false
	}
	return u[:], true
}

// idText turns a 16-byte key back into an id's text form.
func idText(k []byte) string {
	var u uuid.UUID
	copy(u[:], k)
	return u.String()
}

// assessIndexKey is cooperative id, fiscal year (4 bytes big-endian), assessment id: a
// cooperative's assessments sort by year, then by creation.
func assessIndexKey(coop []byte, year int, id []byte) []byte {
	k := make([]byte, 0, idLen+4+idLen)
	k = append(k, coop...)
	k = binary.BigEndian.AppendUint32(k, uint32(year))
	return append(k, id...)
}

// visitIndexKey is cooperative id, visit date (unix seconds, sign bit flipped, 8 bytes
// big-endian), visit id: a cooperative's visits sort by date.
func visitIndexKey(coop []byte, date time.Time, id []byte) []byte {
	k := make([]byte, 0, idLen+8+idLen)
	k = append(k, coop...)
	k = binary.BigEndian.AppendUint64(k, uint64(date.Unix())^(1<<63))
	return append(k, id...)
}

// recordKey is the key form of an audited record's id: its 16 bytes for a UUID, else the
// text itself (settings keys).
func recordKey(id string) []byte {
	if k, ok := idKey(id); ok {
		return k
	}
	return []byte(id)
}

// auditIndexPrefix is the length-prefixed record key under which a record's audit events
// are indexed.
func auditIndexPrefix(recordID string) []byte {
	rk := recordKey(recordID)
	if len(rk) > 255 {
		rk = rk[:255]
	}
	return append([]byte{byte(len(rk))}, rk...)
}
