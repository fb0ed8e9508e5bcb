package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// summaryFormat is the first byte of every coop_summary value.
const summaryFormat = 1

// CooperativeSummaries returns one row per cooperative, in creation order: the profile
// (without Notes), the coach's name, the newest final assessment, the last visit and
// whether a draft is open. It reads only the compact coop_summary rows, never the
// assessments, so it stays fast for a whole country's registry.
func (s *Store) CooperativeSummaries() ([]CoopSummary, error) {
	var out []CoopSummary
	err := s.view(func(tx *bolt.Tx) error {
		names, err := coachNames(tx)
		if err != nil {
			return err
		}
		b := tx.Bucket(bucketCoopSummary)
		if b == nil {
			return nil
		}
		// Gather the rows (bbolt's bytes, valid in this transaction), then decode them into
		// a slice of the right size, in parallel for a large registry: a country's 130,000
		// rows took a third of the list screen's start (issue #8).
		var keys, values [][]byte
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			keys, values = append(keys, k), append(values, v)
		}
		out = make([]CoopSummary, len(values))
		return decodeSummaries(keys, values, out, names)
	})
	if err != nil {
		return nil, fmt.Errorf("list cooperatives: %w", err)
	}
	return out, nil
}

// summaryChunk is the fewest rows worth a goroutine of their own when decoding the list.
var summaryChunk = 8192

// decodeSummaries decodes values[i] into out[i], on every processor when there are many;
// the first error found is returned.
func decodeSummaries(keys, values [][]byte, out []CoopSummary, names map[string]string) error {
	workers := min(runtime.GOMAXPROCS(0), (len(values)+summaryChunk-1)/summaryChunk)
	if workers <= 1 {
		return decodeRange(keys, values, out, names, 0, len(values))
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(values)/workers, (w+1)*len(values)/workers
		wg.Go(func() { errs[w] = decodeRange(keys, values, out, names, lo, hi) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// decodeRange decodes the rows lo to hi.
func decodeRange(keys, values [][]byte, out []CoopSummary, names map[string]string,
	lo, hi int,
) error {
	for i := lo; i < hi; i++ {
		if err := decodeSummary(values[i], &out[i]); err != nil {
			return fmt.Errorf("summary of %s: %w", idText(keys[i]), err)
		}
		out[i].CoachName = names[out[i].CoachID]
	}
	return nil
}

// CooperativeSummary returns the list row of one cooperative, e.g. to refresh it after an
// edit.
func (s *Store) CooperativeSummary(id string) (CoopSummary, error) {
	var sum CoopSummary
	err := s.view(func(tx *bolt.Tx) error {
		key, ok := idKey(id)
		v := tx.Bucket(bucketCoopSummary).Get(key)
		if !ok || v == nil {
			return ErrNotFound
		}
		if err := decodeSummary(v, &sum); err != nil {
			return err
		}
		names, err := coachNames(tx)
		sum.CoachName = names[sum.CoachID]
		return err
	})
	if err != nil {
		return CoopSummary{}, fmt.Errorf("summary of cooperative %q: %w", id, err)
	}
	return sum, nil
}

// coachNames maps every coach id to its name.
func coachNames(tx *bolt.Tx) (map[string]string, error) {
	names := map[string]string{}
	b := tx.Bucket(bucketCoaches)
	if b == nil {
		return names, nil
	}
	err := b.ForEach(func(k, v []byte) error {
		var rec coachRecord
		if err := decodeJSON(v, &rec); err != nil {
			return fmt.Errorf("coach %s: %w", idText(k), err)
		}
		names[rec.ID] = rec.Name
		return nil
	})
	return names, err
}

// rebuildSummary writes a cooperative's row from scratch: profile, heads, visits.
func rebuildSummary(tx *bolt.Tx, key []byte, c Cooperative) error {
	sum := CoopSummary{Cooperative: c}
	sum.Notes = ""
	if err := fillAssessmentSummary(tx, key, &sum); err != nil {
		return err
	}
	prefix := key
	cur := tx.Bucket(bucketVisitsByCoop).Cursor()
	if k, _ := lastWithPrefix(cur, prefix); k != nil {
		sec := int64(binary.BigEndian.Uint64(k[idLen:idLen+8]) ^ (1 << 63))
		sum.LastVisit = time.Unix(sec, 0).UTC()
	}
	return putSummary(tx, key, &sum)
}

// summaryProfile rewrites the profile part of a cooperative's row, keeping its history
// part, or starting an empty one for a new cooperative.
func summaryProfile(tx *bolt.Tx, key []byte, c Cooperative) error {
	var sum CoopSummary
	if v := tx.Bucket(bucketCoopSummary).Get(key); v != nil {
		if err := decodeSummary(v, &sum); err != nil {
			return err
		}
	}
	sum.Cooperative = c
	sum.Notes = ""
	return putSummary(tx, key, &sum)
}

// summaryAssessments recomputes the newest final assessment and the open-draft flag of a
// cooperative's row from the assessments_by_coop index.
func summaryAssessments(tx *bolt.Tx, key []byte) error {
	sum, err := getSummary(tx, key)
	if err != nil {
		return err
	}
	if err := fillAssessmentSummary(tx, key, &sum); err != nil {
		return err
	}
	return putSummary(tx, key, &sum)
}

// summaryVisit moves a cooperative's last visit forward to date when it is later.
func summaryVisit(tx *bolt.Tx, key []byte, date time.Time) error {
	sum, err := getSummary(tx, key)
	if err != nil {
		return err
	}
	if !date.After(sum.LastVisit) {
		return nil
	}
	sum.LastVisit = date.Truncate(time.Second).UTC()
	return putSummary(tx, key, &sum)
}

// fillAssessmentSummary sets Latest and HasDraft from the cooperative's heads.
func fillAssessmentSummary(tx *bolt.Tx, key []byte, sum *CoopSummary) error {
	sum.Latest, sum.HasDraft = nil, false
	c := tx.Bucket(bucketAssessByCoop).Cursor()
	for k, v := c.Seek(key); k != nil && bytes.HasPrefix(k, key); k, v = c.Next() {
		var h headRecord
		if err := decodeJSON(v, &h); err != nil {
			return err
		}
		switch h.Status {
		case StatusDraft:
			sum.HasDraft = true
		case StatusFinal:
			// Keys sort by year, then creation: the last final seen is the newest.
			head := h.AssessmentHead
			sum.Latest = &head
		case StatusAmended:
		}
	}
	return nil
}

// lastWithPrefix moves c to the last key starting with prefix and returns it and its
// value, or nil.
func lastWithPrefix(c *bolt.Cursor, prefix []byte) ([]byte, []byte) {
	var k, v []byte
	if end := prefixEnd(prefix); end == nil {
		k, v = c.Last()
	} else if k, v = c.Seek(end); k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	if k != nil && bytes.HasPrefix(k, prefix) {
		return k, v
	}
	return nil, nil
}

// prefixEnd is the smallest key greater than every key with prefix, or nil if none is.
func prefixEnd(prefix []byte) []byte {
	end := bytes.Clone(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// getSummary decodes a cooperative's row.
func getSummary(tx *bolt.Tx, key []byte) (CoopSummary, error) {
	var sum CoopSummary
	v := tx.Bucket(bucketCoopSummary).Get(key)
	if v == nil {
		return sum, fmt.Errorf("summary of %s: %w", idText(key), ErrNotFound)
	}
	return sum, decodeSummary(v, &sum)
}

// putSummary encodes and stores a cooperative's row, and moves it in the list's head
// (listhead.go).
func putSummary(tx *bolt.Tx, key []byte, sum *CoopSummary) error {
	b := tx.Bucket(bucketCoopSummary)
	var old *CoopSummary
	if v := b.Get(key); v != nil {
		old = new(CoopSummary)
		if err := decodeSummary(v, old); err != nil {
			return fmt.Errorf("summary of %s: %w", idText(key), err)
		}
	}
	if err := b.Put(key, encodeSummary(sum)); err != nil {
		return err
	}
	return updateListHead(tx, key, old, sum)
}

// encodeSummary writes a row in the compact binary form doc.go describes.
func encodeSummary(s *CoopSummary) []byte {
	b := make([]byte, 0, 256)
	b = append(b, summaryFormat)
	for _, f := range []string{s.ID, s.Name, s.NIK, s.LegalNumber, s.LegalType,
		s.BusinessType, s.Address, s.Kelurahan, s.Kecamatan, s.Phone, s.Chair, s.Manager,
		s.CoachID, s.FiscalYearEnd} {
		b = appendString(b, f)
	}
	for _, t := range []time.Time{s.LegalDate, s.LastRAT, s.CreatedAt, s.UpdatedAt,
		s.LastVisit} {
		b = appendTime(b, t)
	}
	b = binary.AppendVarint(b, int64(s.Members))
	var flags byte
	if s.Active {
		flags |= 1
	}
	if s.HasDraft {
		flags |= 2
	}
	if s.Latest != nil {
		flags |= 4
	}
	b = append(b, flags)
	if h := s.Latest; h != nil {
		for _, f := range []string{h.ID, h.Instrument, string(h.Status), h.Total,
			h.Predicate} {
			b = appendString(b, f)
		}
		b = binary.AppendVarint(b, int64(h.Version))
		b = binary.AppendVarint(b, int64(h.FiscalYear))
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendTime writes 0 for the zero time, else 1, unix seconds and nanoseconds.
func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

// summaryDecoder reads a row; all its strings share one allocation.
type summaryDecoder struct {
	data []byte
	text string // data as one string, sliced for every string field
	pos  int
	err  error
}

// decodeSummary reads a row written by encodeSummary; bad bytes give ErrDamaged, never a
// panic.
func decodeSummary(v []byte, s *CoopSummary) error {
	if len(v) == 0 || v[0] != summaryFormat {
		return fmt.Errorf("summary format: %w", ErrDamaged)
	}
	d := summaryDecoder{data: v, text: string(v), pos: 1}
	for _, f := range []*string{&s.ID, &s.Name, &s.NIK, &s.LegalNumber, &s.LegalType,
		&s.BusinessType, &s.Address, &s.Kelurahan, &s.Kecamatan, &s.Phone, &s.Chair,
		&s.Manager, &s.CoachID, &s.FiscalYearEnd} {
		*f = d.string()
	}
	for _, t := range []*time.Time{&s.LegalDate, &s.LastRAT, &s.CreatedAt, &s.UpdatedAt,
		&s.LastVisit} {
		*t = d.time()
	}
	s.Members = int(d.varint())
	flags := d.byte()
	s.Active, s.HasDraft = flags&1 != 0, flags&2 != 0
	s.Latest = nil
	if flags&4 != 0 {
		h := &AssessmentHead{}
		h.ID, h.Instrument = d.string(), d.string()
		h.Status, h.Total, h.Predicate = AssessmentStatus(d.string()), d.string(), d.string()
		h.Version, h.FiscalYear = int(d.varint()), int(d.varint())
		s.Latest = h
	}
	if d.err == nil && d.pos != len(v) {
		d.err = fmt.Errorf("summary: %d bytes left over: %w", len(v)-d.pos, ErrDamaged)
	}
	return d.err
}

func (d *summaryDecoder) fail() {
	if d.err == nil {
		d.err = fmt.Errorf("summary truncated at byte %d: %w", d.pos, ErrDamaged)
	}
	d.pos = len(d.data)
}

func (d *summaryDecoder) byte() byte {
	if d.pos >= len(d.data) {
		d.fail()
		return 0
	}
	d.pos++
	return d.data[d.pos-1]
}

func (d *summaryDecoder) uvarint() uint64 {
	n, size := binary.Uvarint(d.data[d.pos:])
	if size <= 0 {
		d.fail()
		return 0
	}
	d.pos += size
	return n
}

func (d *summaryDecoder) varint() int64 {
	n, size := binary.Varint(d.data[d.pos:])
	if size <= 0 {
		d.fail()
		return 0
	}
	d.pos += size
	return n
}

func (d *summaryDecoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.data)-d.pos) {
		d.fail()
		return ""
	}
	s := d.text[d.pos : d.pos+int(n)]
	d.pos += int(n)
	return s
}

func (d *summaryDecoder) time() time.Time {
	if d.byte() == 0 {
		return time.Time{}
	}
	sec, nsec := d.varint(), d.uvarint()
	if nsec >= 1e9 {
		d.fail()
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}
