package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Problem is one inconsistency that Check found.
type Problem struct {
	Bucket string // where it was found, e.g. "coops_by_nik"; "bbolt" for the page check
	Key    string // the record's id or the index key, readable
	Msg    string
}

// String is the problem as one line: "bucket key: message".
func (p Problem) String() string {
	if p.Key == "" {
		return p.Bucket + ": " + p.Msg
	}
	return p.Bucket + " " + p.Key + ": " + p.Msg
}

// Rescorer re-scores a final assessment with its pinned instrument version and returns the
// total to 2 decimals ("89.45"). Check takes it from the caller, so the store stays apart
// from the scoring engine.
type Rescorer func(a Assessment) (total string, err error)

// Check runs bbolt's page consistency check and then koroena's own invariants, all in one
// read transaction: every index entry points at a record that agrees with it, every record
// has its index entries and list row, every visit and assessment belongs to a stored
// cooperative, every named coach and revision exists, every audit index entry has its
// event, every audit event kept beside an assessment is readable and belongs to it, and
// (when rescore is not nil) every final or amended assessment re-scores to its
// stored total. It returns the problems found; the error is for a file it could not read.
func (s *Store) Check(rescore Rescorer) ([]Problem, error) {
	var out []Problem
	err := s.view(func(tx *bolt.Tx) error {
		c := &checker{tx: tx, rescore: rescore}
		c.pageSum = walkPages(tx)
		for err := range tx.Check(bolt.WithKVStringer(boundedKV{})) {
			c.add("bbolt", "", "%v", err)
		}
		if len(c.problems) > 0 {
			out = c.problems // the pages are broken; reading records could fault
			return nil
		}
		c.run()
		out = c.problems
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", s.path, err)
	}
	return out, nil
}

// walkPages reads every key and value of every bucket, nested ones too. bbolt's Check
// reads the pages in a goroutine of its own, where a fault on a damaged page (a SIGBUS
// past the end of the file) would kill the process; reading them here first turns such
// a fault into a panic that view recovers as ErrDamaged.
// It returns a byte mixed from what it read, which keeps the reads from being optimized
// away.
func walkPages(tx *bolt.Tx) (sum byte) {
	_ = tx.ForEach(func(_ []byte, b *bolt.Bucket) error {
		sum ^= walkBucket(b)
		return nil
	})
	return sum
}

// walkBucket reads a bucket's keys and values, nested buckets included.
func walkBucket(b *bolt.Bucket) (sum byte) {
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) > 0 {
			sum ^= k[len(k)-1] // a damaged page can claim a key of gigabytes (issue #8)
		}
		if v == nil {
			if nested := b.Bucket(k); nested != nil {
				sum ^= walkBucket(nested)
			}
			continue
		}
		if len(v) > 0 {
			sum ^= v[0] ^ v[len(v)-1] // the last byte reaches an overflow's last page
		}
	}
	return sum
}

// checker walks one read transaction and collects problems.
type checker struct {
	tx       *bolt.Tx
	rescore  Rescorer
	problems []Problem
	coops    map[string]Cooperative // by key (16 bytes as string)
	pageSum  byte                   // what walkPages read, kept so its reads stay
}

func (c *checker) add(bucket, key, format string, args ...any) {
	c.problems = append(c.problems, Problem{Bucket: bucket, Key: key,
		Msg: fmt.Sprintf(format, args...)})
}

// run checks every bucket in the order records depend on each other.
func (c *checker) run() {
	for _, name := range allBuckets {
		if c.tx.Bucket(name) == nil {
			c.add(string(name), "", "bucket is missing")
			return
		}
	}
	if _, err := readVersion(c.tx); err != nil {
		c.add("meta", "", "%v", err)
	}
	c.checkCoops()
	c.checkVisits()
	c.checkAssessments()
	c.checkSummaries()
	c.checkListHead()
	c.checkTreatments()
	c.checkAudit()
}

// checkCoops checks cooperatives, the NIK index and the list rows.
func (c *checker) checkCoops() {
	c.coops = map[string]Cooperative{}
	coaches := c.tx.Bucket(bucketCoaches)
	byNIK := c.tx.Bucket(bucketCoopsByNIK)
	sums := c.tx.Bucket(bucketCoopSummary)
	_ = c.tx.Bucket(bucketCoops).ForEach(func(k, v []byte) error {
		var rec coopRecord
		if err := decodeJSON(v, &rec); err != nil || len(k) != idLen {
			c.add("coops", fmt.Sprintf("%x", k), "unreadable record: %v", err)
			return nil
		}
		id := idText(k)
		c.coops[string(k)] = rec.Cooperative
		if rec.ID != id {
			c.add("coops", id, "record says its id is %q", rec.ID)
		}
		if rec.NIK != "" && !bytes.Equal(byNIK.Get([]byte(rec.NIK)), k) {
			c.add("coops_by_nik", rec.NIK, "NIK of cooperative %s is not indexed to it", id)
		}
		if ck, ok := idKey(rec.CoachID); rec.CoachID != "" && (!ok || coaches.Get(ck) == nil) {
			c.add("coops", id, "coach %s does not exist", rec.CoachID)
		}
		if sums.Get(k) == nil {
			c.add("coop_summary", id, "cooperative has no list row")
		}
		return nil
	})
	_ = byNIK.ForEach(func(k, v []byte) error {
		coop, ok := c.coops[string(v)]
		switch {
		case !ok:
			c.add("coops_by_nik", string(k), "points at missing cooperative %x", v)
		case coop.NIK != string(k):
			c.add("coops_by_nik", string(k), "points at cooperative %s whose NIK is %q",
				coop.ID, coop.NIK)
		}
		return nil
	})
	_ = sums.ForEach(func(k, _ []byte) error {
		if _, ok := c.coops[string(k)]; !ok {
			c.add("coop_summary", fmt.Sprintf("%x", k), "list row of a missing cooperative")
		}
		return nil
	})
}

// checkVisits checks visits and their index.
func (c *checker) checkVisits() {
	visits := c.tx.Bucket(bucketVisits)
	index := c.tx.Bucket(bucketVisitsByCoop)
	_ = visits.ForEach(func(k, v []byte) error {
		var rec visitRecord
		if err := decodeJSON(v, &rec); err != nil || len(k) != idLen {
			c.add("visits", fmt.Sprintf("%x", k), "unreadable record: %v", err)
			return nil
		}
		coop, ok := idKey(rec.CoopID)
		if _, found := c.coops[string(coop)]; !ok || !found {
			c.add("visits", idText(k), "cooperative %s does not exist", rec.CoopID)
			return nil
		}
		if index.Get(visitIndexKey(coop, rec.Date, k)) == nil {
			c.add("visits_by_coop", idText(k), "visit is not indexed")
		}
		return nil
	})
	_ = index.ForEach(func(k, _ []byte) error {
		if len(k) != 2*idLen+8 {
			c.add("visits_by_coop", fmt.Sprintf("%x", k), "malformed key")
			return nil
		}
		var rec visitRecord
		found, err := getJSON(visits, k[idLen+8:], &rec)
		switch {
		case err != nil || !found:
			c.add("visits_by_coop", idText(k[idLen+8:]), "points at a missing visit")
		case rec.CoopID != idText(k[:idLen]):
			c.add("visits_by_coop", rec.ID, "indexed under cooperative %s, belongs to %s",
				idText(k[:idLen]), rec.CoopID)
		}
		return nil
	})
}

// checkAssessments checks assessments, their index, their revisions and their totals.
func (c *checker) checkAssessments() {
	all := c.tx.Bucket(bucketAssessments)
	index := c.tx.Bucket(bucketAssessByCoop)
	_ = all.ForEach(func(k, v []byte) error {
		if isInlineEventKey(k) {
			c.checkInlineEvent(all, k, v)
			return nil
		}
		var rec assessmentRecord
		if err := decodeJSON(v, &rec); err != nil || len(k) != idLen {
			c.add("assessments", fmt.Sprintf("%x", k), "unreadable record: %v", err)
			return nil
		}
		c.checkAssessment(all, index, k, rec.Assessment)
		return nil
	})
	_ = index.ForEach(func(k, v []byte) error {
		if len(k) != 2*idLen+4 {
			c.add("assessments_by_coop", fmt.Sprintf("%x", k), "malformed key")
			return nil
		}
		var rec assessmentRecord
		var head headRecord
		found, err := getJSON(all, k[idLen+4:], &rec)
		switch {
		case err != nil || !found:
			c.add("assessments_by_coop", idText(k[idLen+4:]), "points at a missing assessment")
		case rec.CoopID != idText(k[:idLen]):
			c.add("assessments_by_coop", rec.ID, "indexed under cooperative %s, belongs to %s",
				idText(k[:idLen]), rec.CoopID)
		case decodeJSON(v, &head) != nil || head.AssessmentHead != headOf(rec.Assessment):
			c.add("assessments_by_coop", rec.ID, "index head disagrees with the record "+
				"(status, total or predicate)")
		}
		return nil
	})
}

// headOf is the index head an assessment's record makes.
func headOf(a Assessment) AssessmentHead {
	h := AssessmentHead{ID: a.ID, Instrument: a.Instrument, Version: a.Version,
		FiscalYear: a.FiscalYear, Status: a.Status}
	if a.Result != nil {
		h.Total, h.Predicate = a.Result.Total, a.Result.Predicate
	}
	return h
}

// checkSummaries checks that every list row is what the cooperative's records make of
// it: its profile, its latest final assessment, its open draft and its last visit.
func (c *checker) checkSummaries() {
	sums := c.tx.Bucket(bucketCoopSummary)
	visits := c.tx.Bucket(bucketVisitsByCoop).Cursor()
	for key, coop := range c.coops {
		k := []byte(key)
		stored := sums.Get(k)
		if stored == nil {
			continue // reported with the cooperative
		}
		want := CoopSummary{Cooperative: coop}
		want.Notes = ""
		if err := fillAssessmentSummary(c.tx, k, &want); err != nil {
			continue // the heads are reported by checkAssessments
		}
		if vk, _ := lastWithPrefix(visits, k); vk != nil && len(vk) == 2*idLen+8 {
			sec := int64(binary.BigEndian.Uint64(vk[idLen:idLen+8]) ^ (1 << 63))
			want.LastVisit = time.Unix(sec, 0).UTC()
		}
		if !bytes.Equal(stored, encodeSummary(&want)) {
			c.add("coop_summary", coop.ID, "list row disagrees with the cooperative's "+
				"records (profile, latest assessment, draft or last visit)")
		}
	}
}

// checkAssessment checks one assessment record.
func (c *checker) checkAssessment(all, index *bolt.Bucket, k []byte, a Assessment) {
	id := idText(k)
	coop, ok := idKey(a.CoopID)
	if _, found := c.coops[string(coop)]; !ok || !found {
		c.add("assessments", id, "cooperative %s does not exist", a.CoopID)
		return
	}
	if index.Get(assessIndexKey(coop, a.FiscalYear, k)) == nil {
		c.add("assessments_by_coop", id, "assessment is not indexed")
	}
	for _, ref := range []string{a.Replaces, a.AmendedBy} {
		if rk, ok := idKey(ref); ref != "" && (!ok || all.Get(rk) == nil) {
			c.add("assessments", id, "revision %s does not exist", ref)
		}
	}
	if a.Status == StatusDraft || c.rescore == nil {
		return
	}
	if a.Result == nil {
		c.add("assessments", id, "%s assessment has no result", a.Status)
		return
	}
	total, err := c.rescore(a)
	switch {
	case err != nil:
		c.add("assessments", id, "cannot re-score with %s@%d: %v", a.Instrument, a.Version, err)
	case total != a.Result.Total:
		c.add("assessments", id, "re-scores to %s with %s@%d, stored total is %s",
			total, a.Instrument, a.Version, a.Result.Total)
	}
}

// checkAudit checks that every audit index entry has its event.
func (c *checker) checkAudit() {
	events := c.tx.Bucket(bucketAudit)
	_ = c.tx.Bucket(bucketAuditByRecord).ForEach(func(k, _ []byte) error {
		if len(k) < 1+idLen || int(k[0]) != len(k)-1-idLen {
			c.add("audit_by_record", fmt.Sprintf("%x", k), "malformed key")
			return nil
		}
		if events.Get(k[len(k)-idLen:]) == nil {
			c.add("audit_by_record", idText(k[len(k)-idLen:]), "points at a missing event")
		}
		return nil
	})
}
