package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// valueVersion is the layout version written in every JSON value's "v" field.
const valueVersion = 1

// Storage forms of the records: the shared type plus the value's layout version, so the
// stored layout can evolve apart from the types the screens use.
type (
	coopRecord struct {
		V int `json:"v"`
		Cooperative
	}
	coachRecord struct {
		V int `json:"v"`
		Coach
	}
	visitRecord struct {
		V int `json:"v"`
		Visit
	}
	assessmentRecord struct {
		V int `json:"v"`
		Assessment
	}
	auditRecord struct {
		V int `json:"v"`
		AuditEvent
	}
	settingRecord struct {
		V     int    `json:"v"`
		Value string `json:"value"`
	}
	// headRecord is the value of the assessments_by_coop index.
	headRecord struct {
		V int `json:"v"`
		AssessmentHead
	}
)

// versioned lets getJSON check the layout version of any record.
type versioned interface{ version() int }

func (r *coopRecord) version() int       { return r.V }
func (r *coachRecord) version() int      { return r.V }
func (r *visitRecord) version() int      { return r.V }
func (r *assessmentRecord) version() int { return r.V }
func (r *auditRecord) version() int      { return r.V }
func (r *settingRecord) version() int    { return r.V }
func (r *headRecord) version() int       { return r.V }

// putJSON encodes v and stores it under key.
func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", b.Tx().DB().Path(), err)
	}
	return b.Put(key, data)
}

// getJSON decodes the value under key into dst; found is false when there is none.
func getJSON(b *bolt.Bucket, key []byte, dst versioned) (found bool, err error) {
	if b == nil {
		return false, nil
	}
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	return true, decodeJSON(data, dst)
}

// decodeJSON decodes one stored value and checks its layout version.
func decodeJSON(data []byte, dst versioned) error {
	if err := json.Unmarshal(data, dst); err != nil {
		return fmt.Errorf("decode value: %w: %w", ErrDamaged, err)
	}
	if v := dst.version(); v > valueVersion {
		return fmt.Errorf("decode value: layout %d: %w", v, ErrTooNew)
	}
	return nil
}
