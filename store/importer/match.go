package importer

import (
	"fmt"
	"strings"
	"unicode"

	"koroena/store"
)

// How a row without NIK or id found the stored cooperative it updates.
const (
	matchNone  = iota
	matchName  // same folded name and kelurahan
	matchLegal // same legal-entity number
)

// loose reports whether a row has neither a NIK nor an id cell, so that only its name and
// kelurahan, or its legal-entity number, can tell which cooperative it is.
func (r row) loose() bool { return !r.keyed }

// foldName is a cooperative's name for matching: lowercased, its words of letters and
// digits run together (spaces and punctuation dropped), without a leading "Koperasi" or
// "Kop." so that "Kop. Sumber Rejeki", "KOPERASI SUMBER-REJEKI" and "sumber rejeki" are one
// name. A name of that word alone keeps it.
func foldName(name string) string {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) > 1 && (words[0] == "koperasi" || words[0] == "kop") {
		words = words[1:]
	}
	return strings.Join(words, "")
}

// nameKey is the folded name and kelurahan a row without NIK is matched by; "" for a row
// without a name.
func nameKey(c store.Cooperative) string {
	n := foldName(c.Name)
	if n == "" {
		return ""
	}
	return n + "\x00" + normHeader(c.Kelurahan)
}

// foldLegal is a legal-entity number for matching: lowercased, each run of characters
// other than letters and digits one "/", so that "518/BH/XVI.22" and "518 / bh / xvi-22"
// are one number while "12/3" and "1/23" stay two.
func foldLegal(n string) string {
	words := strings.FieldsFunc(strings.ToLower(n), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return strings.Join(words, "/")
}

// legalAgrees reports whether two legal-entity numbers allow the cooperatives to be the
// same: one of them is not known, or they are the same number. Two cooperatives of one
// name and kelurahan with different numbers are two cooperatives.
func legalAgrees(a, b string) bool {
	return a == "" || b == "" || foldLegal(a) == foldLegal(b)
}

// checkSameInFile refuses a row without NIK or id that would match another row of the
// file (same name and kelurahan, or same legal-entity number): both would be one
// cooperative, created twice or updated twice. Rows that both have a NIK or id are told
// apart by it and are not compared here.
func checkSameInFile(file string, rows []row, res *Result) {
	byName := map[string][]int{}
	byLegal := map[string][]int{}
	for i, r := range rows {
		nk, lk := nameKey(r.coop), foldLegal(r.coop.LegalNumber)
		why := ""
		for _, j := range byName[nk] {
			if (r.loose() || rows[j].loose()) &&
				legalAgrees(r.coop.LegalNumber, rows[j].coop.LegalNumber) {
				why = fmt.Sprintf("row %d (same name and kelurahan", rows[j].num)
				break
			}
		}
		if why == "" && lk != "" {
			for _, j := range byLegal[lk] {
				if r.loose() || rows[j].loose() {
					why = fmt.Sprintf("row %d (same no_badan_hukum", rows[j].num)
					break
				}
			}
		}
		if why != "" {
			res.Errors = append(res.Errors, Message{File: file, Row: r.num,
				Text: "duplicate in the file: the same cooperative as " + why +
					", no NIK or id to tell them apart)"})
		}
		if nk != "" {
			byName[nk] = append(byName[nk], i)
		}
		if lk != "" {
			byLegal[lk] = append(byLegal[lk], i)
		}
	}
}

// storedIndex finds stored cooperatives by what rows may be matched with.
type storedIndex struct {
	coops   []store.Cooperative
	byName  map[string][]int // nameKey → indexes in coops
	byLegal map[string][]int // foldLegal → indexes in coops
	byNIK   map[string]int
	byID    map[string]int
}

// newStoredIndex indexes the stored cooperatives.
func newStoredIndex(s *store.Store) (storedIndex, error) {
	sums, err := s.CooperativeSummaries()
	if err != nil {
		return storedIndex{}, err
	}
	x := storedIndex{byName: map[string][]int{}, byLegal: map[string][]int{},
		byNIK: map[string]int{}, byID: map[string]int{}}
	for i, sum := range sums {
		c := sum.Cooperative
		x.coops = append(x.coops, c)
		if k := nameKey(c); k != "" {
			x.byName[k] = append(x.byName[k], i)
		}
		if k := foldLegal(c.LegalNumber); k != "" {
			x.byLegal[k] = append(x.byLegal[k], i)
		}
		if c.NIK != "" {
			x.byNIK[c.NIK] = i
		}
		x.byID[c.ID] = i
	}
	return x, nil
}

// candidates are the stored cooperatives a row without NIK or id matches, each once: by
// legal-entity number first, then by name and kelurahan (unless the legal-entity numbers
// differ). how says for each how it matched.
func (x storedIndex) candidates(c store.Cooperative) (found []int, how []int) {
	seen := map[int]bool{}
	if k := foldLegal(c.LegalNumber); k != "" {
		for _, i := range x.byLegal[k] {
			seen[i] = true
			found, how = append(found, i), append(how, matchLegal)
		}
	}
	for _, i := range x.byName[nameKey(c)] {
		if !seen[i] && legalAgrees(c.LegalNumber, x.coops[i].LegalNumber) {
			seen[i] = true
			found, how = append(found, i), append(how, matchName)
		}
	}
	return found, how
}

// matchStored finds, for each row without NIK or id, the stored cooperative it updates:
// the one with its legal-entity number or its folded name and kelurahan. A row that
// matches two or more is an error naming them; so is a row whose match another row of the
// file updates too (by its NIK or id). Rows with a NIK or id keep their own matching,
// done when they are written.
func matchStored(s *store.Store, file string, rows []row, res *Result) error {
	anyLoose := false
	for _, r := range rows {
		anyLoose = anyLoose || r.loose()
	}
	if !anyLoose {
		return nil
	}
	x, err := newStoredIndex(s)
	if err != nil {
		return err
	}
	type update struct {
		row   int
		loose bool
	}
	updates := map[int]update{} // stored index → the first row updating it
	for i := range rows {
		r := &rows[i]
		target := -1
		if r.loose() {
			found, how := x.candidates(r.coop)
			switch {
			case len(found) > 1:
				res.Errors = append(res.Errors, Message{File: file, Row: r.num,
					Text: "ambiguous: matches " + x.describe(found) +
						"; give the id or NIK of the one this row is"})
				continue
			case len(found) == 1:
				target, r.matchID, r.matchedBy = found[0], x.coops[found[0]].ID, how[0]
			}
		} else if j, ok := x.byID[r.coop.ID]; ok && r.coop.ID != "" {
			target = j
		} else if j, ok := x.byNIK[r.coop.NIK]; ok && r.coop.NIK != "" {
			target = j
		}
		if target < 0 {
			continue
		}
		if u, ok := updates[target]; ok && (u.loose || r.loose()) {
			res.Errors = append(res.Errors, Message{File: file, Row: r.num,
				Text: fmt.Sprintf("duplicate in the file: row %d updates the same "+
					"cooperative, %s", u.row, x.describe([]int{target}))})
			continue
		}
		if _, ok := updates[target]; !ok {
			updates[target] = update{row: r.num, loose: r.loose()}
		}
	}
	return nil
}

// maxNamed is how many cooperatives an ambiguous match names.
const maxNamed = 3

// describe names stored cooperatives for a message: "A (id …, kelurahan …) and B (…)",
// at most maxNamed of them and how many more.
func (x storedIndex) describe(found []int) string {
	var parts []string
	for _, i := range found[:min(len(found), maxNamed)] {
		c := x.coops[i]
		p := quoted(c.Name) + " (id " + c.ID
		if c.Kelurahan != "" {
			p += ", kelurahan " + quoted(c.Kelurahan)
		}
		if c.LegalNumber != "" {
			p += ", no_badan_hukum " + quoted(c.LegalNumber)
		}
		parts = append(parts, p+")")
	}
	if more := len(found) - len(parts); more > 0 {
		parts = append(parts, fmt.Sprintf("%d more", more))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
