package tui

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"koroena/store"
)

// listRow is one cooperative of the list with what sorting needs, computed once when the
// list loads.
type listRow struct {
	sum      *store.CoopSummary // into the loaded slice, which the list owns
	nameKey  string             // lowercase name, for sorting
	kelKey   string             // lowercase kelurahan
	coachKey string             // lowercase coach name
	score    int                // the latest total in hundredths; -1 when not assessed
	pred     int                // rank in predicateOrder; len(predicateOrder) when none
}

// newListRow precomputes the numeric sort keys of one summary; newHaystack fills in the
// text keys.
func newListRow(s *store.CoopSummary) listRow {
	r := listRow{sum: s, score: -1, pred: len(predicateOrder)}
	if s.Latest != nil {
		if v, ok := hundredths(s.Latest.Total); ok {
			r.score = v
		}
		if i := slices.Index(predicateOrder, s.Latest.Predicate); i >= 0 {
			r.pred = i
		}
	}
	return r
}

// appendLower appends s lowercased to buf. ASCII, nearly all of the list's text, is
// lowered in place after one copy; anything else goes through strings.ToLower.
func appendLower(buf []byte, s string) []byte {
	start := len(buf)
	buf = append(buf, s...)
	tail := buf[start:]
	for i, c := range tail {
		if c >= utf8.RuneSelf {
			return append(buf[:start], strings.ToLower(s)...)
		}
		if 'A' <= c && c <= 'Z' {
			tail[i] = c + 'a' - 'A'
		}
	}
	return buf
}

// haystack holds every row's searchable text (name, NIK, legal number, kelurahan,
// kecamatan, coach, type) lowercased in one string, rows separated by a NUL byte, so that
// a filter word is looked for in one fast pass over all rows instead of row by row.
type haystack struct {
	blob   string
	starts []int // starts[i] is where row i begins; starts[len(rows)] is len(blob)
}

// newHaystack builds the haystack of rows and points each row's text sort keys (name,
// kelurahan, coach) into it, so that loading allocates a handful of large buffers rather
// than several strings per row. The buffer is sized from the fields first and becomes the
// blob without a copy: for a country's list, growing it and copying it into a string took
// as long as filling it (issue #8).
func newHaystack(rows []listRow) haystack {
	size := 0
	for i := range rows {
		s := rows[i].sum
		t := businessTypeNames[s.BusinessType]
		size += len(s.Name) + len(s.NIK) + len(s.LegalNumber) + len(s.Kelurahan) +
			len(s.Kecamatan) + len(s.CoachName) + len(s.BusinessType) + len(t[0]) +
			len(t[1]) + 10
	}
	buf := make([]byte, 0, size+size/64) // lowercase is rarely longer
	starts := make([]int, 0, len(rows)+1)
	type span struct{ name, kel, coach [2]int }
	spans := make([]span, len(rows))
	field := func(f string) [2]int {
		a := len(buf)
		buf = appendLower(buf, f)
		b := len(buf)
		buf = append(buf, '\n')
		return [2]int{a, b}
	}
	for i := range rows {
		s := rows[i].sum
		t := businessTypeNames[s.BusinessType]
		starts = append(starts, len(buf))
		spans[i].name = field(s.Name)
		field(s.NIK)
		field(s.LegalNumber)
		spans[i].kel = field(s.Kelurahan)
		field(s.Kecamatan)
		spans[i].coach = field(s.CoachName)
		field(s.BusinessType)
		field(t[0])
		field(t[1])
		buf = append(buf, 0)
	}
	starts = append(starts, len(buf))

	// The buffer is never written again, so the blob can share it, as strings.Builder
	// does; the keys are slices of it.
	blob := unsafe.String(unsafe.SliceData(buf), len(buf))
	for i, sp := range spans {
		rows[i].nameKey = blob[sp.name[0]:sp.name[1]]
		rows[i].kelKey = blob[sp.kel[0]:sp.kel[1]]
		rows[i].coachKey = blob[sp.coach[0]:sp.coach[1]]
	}
	return haystack{blob: blob, starts: starts}
}

// row returns the haystack text of row i.
func (h haystack) row(i int) string { return h.blob[h.starts[i]:h.starts[i+1]] }

// markRows sets hit[i] for every row whose text holds word. It looks for the word's
// rarest letter with strings.IndexByte (a vectorised scan), checks the word around each
// find, and skips to the next row after a hit.
func (h haystack) markRows(word string, hit []bool) {
	k := rarestByte(word)
	c, blob := word[k], h.blob
	for pos := k; pos < len(blob); {
		j := strings.IndexByte(blob[pos:], c)
		if j < 0 {
			return
		}
		at := pos + j - k // where the word would start
		if at+len(word) > len(blob) || blob[at:at+len(word)] != word {
			pos += j + 1
			continue
		}
		// The row holding at: the last start at or before it.
		r, found := slices.BinarySearch(h.starts, at)
		if !found {
			r--
		}
		hit[r] = true
		pos = h.starts[r+1] + k
	}
}

// commonBytes ranks bytes from rarest to most common in the list's lowercase text
// (Indonesian names, places and digits); a byte not listed counts as rare.
const commonBytes = "qxzvfwcjy0123456789hbdp-.lgomkustr inea\n"

// rarestByte is the position in word of its byte least common in the haystack.
func rarestByte(word string) int {
	best, bestRank := 0, len(commonBytes)+1
	for i := 0; i < len(word); i++ {
		rank := strings.IndexByte(commonBytes, word[i])
		if rank < bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}

// queryWords splits a filter query into lowercase words; a row matches when its text
// holds every word.
func queryWords(q string) []string { return strings.Fields(strings.ToLower(q)) }

// matches reports whether text holds every word.
func matches(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// filterRows returns the indices from among (in their order) whose text holds every word
// of the query and that pass keep. A small among is checked row by row; a large one
// through one scan of the blob for the longest word, then row by row for the rest.
func filterRows(rows []listRow, h haystack, among []int, query string,
	keep func(*listRow) bool,
) []int {
	words := queryWords(query)
	out := make([]int, 0, len(among))
	if len(words) == 0 || len(among) < len(rows)/8 {
		for _, i := range among {
			if keep(&rows[i]) && matches(h.row(i), words) {
				out = append(out, i)
			}
		}
		return out
	}

	longest := 0
	for i, w := range words {
		if len(w) > len(words[longest]) {
			longest = i
		}
	}
	hit := make([]bool, len(rows))
	h.markRows(words[longest], hit)
	rest := slices.Delete(slices.Clone(words), longest, longest+1)
	for _, i := range among {
		if hit[i] && keep(&rows[i]) && matches(h.row(i), rest) {
			out = append(out, i)
		}
	}
	return out
}

// column is one column of the list.
type column int

// The list's columns, in display order.
const (
	colName column = iota
	colType
	colKelurahan
	colPredicate
	colScore
	colLastVisit
	colCoach
	numColumns
)

// nameOrder returns the indices of rows by name (ties by position) and each row's rank
// in that order, the tie-break of every other column. Names are compared first by their
// first 24 bytes packed into three big-endian integers, which order them as the bytes do;
// only names that share those compare as strings. Cooperative names share long prefixes
// ("koperasi simpan pinjam"), and comparing 130,000 of them as strings took longer than
// reading them from the file (issue #8).
func nameOrder(rows []listRow) (order []int, rank []int32) {
	type key struct {
		pre  [3]uint64
		name string
		idx  int32
	}
	keys := make([]key, len(rows))
	for i := range rows {
		keys[i] = key{pre: prefixKey(rows[i].nameKey), name: rows[i].nameKey, idx: int32(i)}
	}
	slices.SortFunc(keys, func(a, b key) int {
		for j := range a.pre {
			if a.pre[j] != b.pre[j] {
				return cmp.Compare(a.pre[j], b.pre[j])
			}
		}
		if n := strings.Compare(a.name, b.name); n != 0 {
			return n
		}
		return cmp.Compare(a.idx, b.idx)
	})
	order = make([]int, len(keys))
	rank = make([]int32, len(keys))
	for i, k := range keys {
		order[i] = int(k.idx)
		rank[k.idx] = int32(i)
	}
	return order, rank
}

// prefixKey packs the first 24 bytes of s, zero-padded, into three big-endian integers:
// comparing the integers orders strings as strings.Compare does, up to a tie.
func prefixKey(s string) [3]uint64 {
	var b [24]byte
	copy(b[:], s)
	return [3]uint64{binary.BigEndian.Uint64(b[0:]), binary.BigEndian.Uint64(b[8:]),
		binary.BigEndian.Uint64(b[16:])}
}

// sortedOrder returns the indices of rows ordered by column c, ties in name order
// (byName, rank from nameOrder), reversed when desc.
func sortedOrder(rows []listRow, byName []int, rank []int32, c column, desc bool,
	lang Language,
) []int {
	if c == colName {
		order := slices.Clone(byName)
		if desc {
			slices.Reverse(order)
		}
		return order
	}
	type key struct {
		text string
		num  int64
		rank int32
	}
	keys := make([]key, len(rows))
	for i := range rows {
		r := &rows[i]
		k := key{rank: rank[i]}
		switch c {
		case colType:
			k.text = lang.businessType(r.sum.BusinessType)
		case colKelurahan:
			k.text = r.kelKey
		case colPredicate:
			k.num = int64(r.pred)
		case colScore:
			k.num = int64(r.score)
		case colLastVisit:
			k.num = r.sum.LastVisit.UnixNano()
			if r.sum.LastVisit.IsZero() {
				k.num = -1 << 63
			}
		case colCoach:
			k.text = r.coachKey
		}
		keys[i] = k
	}
	slices.SortFunc(keys, func(a, b key) int {
		if n := strings.Compare(a.text, b.text); n != 0 {
			return n
		}
		if n := cmp.Compare(a.num, b.num); n != 0 {
			return n
		}
		return cmp.Compare(a.rank, b.rank)
	})
	order := make([]int, len(keys))
	for i, k := range keys {
		order[i] = byName[k.rank]
	}
	if desc {
		slices.Reverse(order)
	}
	return order
}

// hundredths reads a decimal string such as "89.45" or "7.5" as a whole number of
// hundredths (8945, 750). It is for ordering and drawing, not for scoring.
func hundredths(s string) (int, bool) {
	whole, frac, _ := strings.Cut(strings.TrimSpace(s), ".")
	if whole == "" || len(frac) > 2 {
		return 0, false
	}
	frac += strings.Repeat("0", 2-len(frac))
	n := 0
	for _, c := range whole + frac {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
