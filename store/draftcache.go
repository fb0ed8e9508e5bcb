package store

import (
	"bytes"
	"slices"
	"sync"
)

// draftCache keeps the last draft an edit wrote, decoded, beside the exact bytes it
// stored: a coach saving answer after answer of one draft then skips decoding the JSON
// again, which took a tenth of a save (issue #8). An entry is used only when the bytes in
// the file are equal to the bytes it was made from, so a rolled-back transaction, another
// writer or a damaged page can never make it wrong; at worst it misses. Its maps are never
// handed out or changed: get's caller must clone before changing anything.
type draftCache struct {
	mu   sync.Mutex
	key  []byte           // the assessment's key
	raw  []byte           // the stored value rec was encoded to; never changed
	rec  assessmentRecord // owned by the cache: read only
	keys draftKeys        // the sorted keys of rec's maps, as encodeDraft wrote them
}

// get returns the cached record of the assessment with the given key, and its sorted
// keys, when stored, the value in the file now, is the one it was made from. The record's
// maps and the keys are shared with the cache: read them, never change them.
func (c *draftCache) get(key, stored []byte) (assessmentRecord, draftKeys, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.raw == nil || !bytes.Equal(c.key, key) || !bytes.Equal(c.raw, stored) {
		return assessmentRecord{}, draftKeys{}, false
	}
	return c.rec, c.keys, true
}

// put caches rec, with keys the sorted keys of its maps, as what raw, the value stored
// under key, decodes to. It keeps a clone of rec's maps and result, so the caller may go
// on using rec; raw and keys must never change afterwards.
func (c *draftCache) put(key, raw []byte, rec assessmentRecord, keys draftKeys) {
	rec.Assessment = cloneDeep(rec.Assessment)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.key, c.raw, c.rec, c.keys = bytes.Clone(key), raw, rec, keys
}

// cloneDeep is cloneAssessment that copies the result too, so nothing of the copy is
// shared with a.
func cloneDeep(a Assessment) Assessment {
	a = cloneAssessment(a)
	if a.Result != nil {
		r := *a.Result
		r.Aspects = slices.Clone(r.Aspects)
		r.Output = bytes.Clone(r.Output)
		a.Result = &r
	}
	return a
}
