package importer

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"koroena/store"
)

// ErrRefused is returned when a file has errors: nothing was written, and the result's
// Errors say what and where.
var ErrRefused = errors.New("import refused: nothing was written")

// errDryRun rolls back the transaction of a dry run.
var errDryRun = errors.New("dry run")

// SettingKelurahan lists the city's kelurahan, one per line or separated by commas, for
// the unknown-kelurahan warning; without it, the kelurahan of the stored cooperatives are
// the known ones.
const SettingKelurahan = "registry.kelurahan"

// Message is an error or a warning about one cell (or row) of an imported file.
type Message struct {
	File   string
	Row    int    // 1-based row (XLSX) or line (CSV)
	Column string // spreadsheet column letter; "" for the whole row
	Text   string
}

// String is the message as "FILE:ROW:COLUMN: text" (without the column for a row).
func (m Message) String() string {
	if m.Column == "" {
		return fmt.Sprintf("%s:%d: %s", m.File, m.Row, m.Text)
	}
	return fmt.Sprintf("%s:%d:%s: %s", m.File, m.Row, m.Column, m.Text)
}

// Options tune an import.
type Options struct {
	// Sheet names the XLSX sheet to read; by default the one with the best header row.
	Sheet string
	// DryRun checks everything, including against the stored records, and writes nothing.
	DryRun bool
	// Progress, when set, is told how many of the rows have been written.
	Progress func(done, total int)
}

// Result says what an import did (or, for a dry run or a refused file, would have done).
type Result struct {
	File      string
	Sheet     string   // the XLSX sheet read
	HeaderRow int      // the header's row number
	Columns   []string // the columns read: "B nama", "C nik", ...
	Ignored   []string // the columns no field takes: "K (Keterangan 2)"
	Rows      int      // data rows read
	Created   int
	Updated   int // existing cooperatives (same NIK or id, or matched) with changed fields
	Unchanged int
	// MatchedByName and MatchedByLegalNumber count the rows without NIK or id that updated
	// (or left unchanged) a stored cooperative of the same name and kelurahan, or of the
	// same legal-entity number; they are among Updated and Unchanged.
	MatchedByName        int
	MatchedByLegalNumber int
	// NewCoaches are the names in the pendamping column that matched no stored coach;
	// they are added as coaches.
	NewCoaches []string
	Skipped    []Message // blank rows are not listed; total rows and block titles are
	Warnings   []Message
	Errors     []Message
}

// Coops imports a registry of cooperatives from a CSV or XLSX file into s, all or nothing,
// in one transaction. Each row is a cooperative; one with the NIK (or id) of a stored
// cooperative updates it, with an audit event of what changed. A row with neither updates
// the stored cooperative of its legal-entity number, or of its name and kelurahan (case,
// spaces, punctuation and a "Koperasi"/"Kop." prefix ignored); one that matches two is an
// error, and so are two rows of the file that would be one cooperative. Any error means
// nothing is written: the error is ErrRefused and Result.Errors lists every problem found.
// An error that stops the reading itself (a file that cannot be opened, no header row) is
// returned as it is.
func Coops(s *store.Store, path string, opts Options) (Result, error) {
	t, err := readTable(path, opts.Sheet, pickSheet)
	if err != nil {
		return Result{}, err
	}
	h, err := findHeader(t)
	if err != nil {
		return Result{}, err
	}
	res := Result{File: path, Sheet: t.sheet, HeaderRow: t.rowNum[h.index], Ignored: h.ignored}
	for _, c := range slices.Sorted(maps.Keys(h.columns)) {
		res.Columns = append(res.Columns, column(c)+" "+fieldNames[h.columns[c]])
	}

	// Read and check every row, then the file as a whole, before touching the store.
	rows := readRows(t, h, &res)
	checkUniqueInFile(t.file, h, rows, &res)
	if err := checkKelurahan(s, t.file, h, rows, &res); err != nil {
		return res, err
	}
	checkSameInFile(t.file, rows, &res)
	if err := matchStored(s, t.file, rows, &res); err != nil {
		return res, err
	}
	sortMessages(res.Errors)
	sortMessages(res.Warnings)
	if len(res.Errors) > 0 {
		return res, ErrRefused
	}

	err = writeRows(s, t.file, h, rows, opts, &res)
	sortMessages(res.Errors)
	switch {
	case errors.Is(err, errDryRun):
		return res, nil
	case err != nil && len(res.Errors) > 0:
		return res, ErrRefused
	case err != nil:
		return res, fmt.Errorf("import %s: %w", path, err)
	}
	return res, nil
}

// sortMessages puts messages in file order: by row, then by column (A, B, …, Z, AA, …),
// a message about a whole row before those about its cells. Messages about one cell keep
// the order they were found in.
func sortMessages(ms []Message) {
	slices.SortStableFunc(ms, func(a, b Message) int {
		return cmp.Or(cmp.Compare(a.Row, b.Row), cmp.Compare(len(a.Column), len(b.Column)),
			strings.Compare(a.Column, b.Column))
	})
}

// row is one data row read into a cooperative, with the fields its cells set.
type row struct {
	num   int
	coop  store.Cooperative
	set   map[field]bool
	coach string // the pendamping's name
	keyed bool   // a NIK or id cell is filled (even if it could not be read)
	// matchID is the stored cooperative a row without NIK or id updates, found by
	// matchStored; matchedBy says how (matchName, matchLegal).
	matchID   string
	matchedBy int
}

// readRows reads the data rows below the header, skipping blank rows, block titles and
// total rows, and adds each cell's problem to res.Errors.
func readRows(t table, h header, res *Result) []row {
	var out []row
	for i := h.index + 1; i < len(t.rows); i++ {
		cells, num := t.rows[i], t.rowNum[i]
		if skip, why := skipRow(cells, h); skip {
			if why != "" {
				res.Skipped = append(res.Skipped, Message{File: t.file, Row: num, Text: why})
			}
			continue
		}
		r := row{num: num, set: map[field]bool{}}
		for c, f := range h.columns {
			if c >= len(cells) || strings.TrimSpace(cells[c].text) == "" {
				continue
			}
			if f == fNIK || f == fID {
				r.keyed = true
			}
			if err := r.read(f, cells[c]); err != nil {
				res.Errors = append(res.Errors, Message{File: t.file, Row: num, Column: column(c),
					Text: fieldNames[f] + ": " + err.Error()})
			}
		}
		// A name cell refused above (too long) is not also called empty.
		nc := colOf(h, fName)
		if nc < 0 || nc >= len(cells) || strings.TrimSpace(cells[nc].text) == "" {
			res.Errors = append(res.Errors, Message{File: t.file, Row: num,
				Column: column(nc), Text: "nama: the cooperative's name is empty"})
		}
		out = append(out, r)
		res.Rows++
	}
	return out
}

// skipRow says whether a row is no cooperative: blank, a total row ("Jumlah", "Total", or
// only numbers without a name) or a block title (one text cell, no name). why is empty
// for a blank row.
func skipRow(cells []cell, h header) (skip bool, why string) {
	var filled []cell
	for c, cl := range cells {
		if strings.TrimSpace(cl.text) == "" {
			continue
		}
		filled = append(filled, cl)
		if n := normHeader(cl.text); c < 4 && (strings.HasPrefix(n, "jumlah") ||
			strings.HasPrefix(n, "total") || strings.HasPrefix(n, "grandtotal")) {
			return true, "skipped: a total row"
		}
	}
	if len(filled) == 0 {
		return true, ""
	}
	nameCol := colOf(h, fName)
	if nameCol < len(cells) && strings.TrimSpace(cells[nameCol].text) != "" {
		return false, ""
	}
	allNumbers := true
	for _, cl := range filled {
		allNumbers = allNumbers && (cl.number || isCount(cl.text))
	}
	switch {
	case allNumbers && len(filled) > 1:
		return true, "skipped: a total row (numbers without a name)"
	case len(filled) == 1 && !allNumbers:
		return true, fmt.Sprintf("skipped: a block title (%s)",
			quoted(strings.TrimSpace(filled[0].text)))
	}
	return false, ""
}

// isCount reports whether s reads as a whole number.
func isCount(s string) bool {
	_, err := parseCount(cell{text: s})
	return err == nil
}

// colOf is the column index of a field; -1 when no column has it.
func colOf(h header, f field) int {
	for c, g := range h.columns {
		if g == f {
			return c
		}
	}
	return -1
}

// maxLength is the most characters a text field may have, as the store allows them (see
// store's checkCooperative): a longer cell is refused at its column, with its length, and
// never reaches the store, whose message would quote the whole of it.
var maxLength = map[field]int{
	fID: 100, fName: 200, fLegalNumber: 100, fAddress: 2000, fKelurahan: 100,
	fKecamatan: 100, fPhone: 50, fChair: 200, fManager: 200, fCoach: 200, fNotes: 4000,
}

// read sets one field of the row from a non-empty cell.
func (r *row) read(f field, cl cell) error {
	text := strings.Join(strings.Fields(cl.text), " ")
	if f == fNotes {
		text = strings.TrimSpace(cl.text) // notes keep their line breaks
	}
	if limit, ok := maxLength[f]; ok {
		if n := utf8.RuneCountInString(text); n > limit {
			return fmt.Errorf("%d characters long, more than the %d allowed", n, limit)
		}
	}
	c := &r.coop
	var err error
	switch f {
	case fRowNumber:
		return nil
	case fID:
		c.ID = text
	case fName:
		c.Name = text
	case fNIK:
		c.NIK, err = parseNIK(cl)
	case fLegalNumber:
		c.LegalNumber = text
	case fLegalDate:
		c.LegalDate, err = parseDate(cl)
	case fLastRAT:
		c.LastRAT, err = parseDate(cl)
	case fType:
		var k kind
		if k, err = parseKind(cl); err == nil {
			c.BusinessType = k.business
			if k.legal != "" && !r.set[fLegalType] {
				c.LegalType = k.legal
			}
		}
	case fLegalType:
		var k kind
		if k, err = parseKind(cl); err == nil && k.legal == "" {
			err = fmt.Errorf("%s is not a legal type (Simpan Pinjam, Konsumen, Produsen, "+
				"Pemasaran, Jasa)", quoted(text))
		}
		c.LegalType = k.legal
	case fAddress:
		c.Address = text
	case fKelurahan:
		c.Kelurahan = text
	case fKecamatan:
		c.Kecamatan = text
	case fPhone:
		c.Phone = strings.TrimPrefix(text, "'")
		if cl.number {
			err = fmt.Errorf("%s is stored as a number, so a leading 0 is lost; format "+
				"the column as text", quoted(text))
		}
	case fChair:
		c.Chair = text
	case fManager:
		c.Manager = text
	case fMembers:
		c.Members, err = parseCount(cl)
	case fCoach:
		r.coach = text
	case fActive:
		c.Active, err = parseActive(cl)
	case fFiscalYearEnd:
		c.FiscalYearEnd, err = parseMonthDay(cl)
	case fNotes:
		c.Notes = text
	case fNone:
	}
	if err == nil {
		r.set[f] = true
	}
	return err
}

// checkUniqueInFile refuses a NIK or id that two rows share.
func checkUniqueInFile(file string, h header, rows []row, res *Result) {
	for _, f := range []field{fNIK, fID} {
		first := map[string]int{}
		for _, r := range rows {
			key := r.coop.NIK
			if f == fID {
				key = strings.ToLower(r.coop.ID)
			}
			if key == "" {
				continue
			}
			if n, dup := first[key]; dup {
				res.Errors = append(res.Errors, Message{File: file, Row: r.num,
					Column: column(colOf(h, f)),
					Text:   fmt.Sprintf("%s: %s is also on row %d", fieldNames[f], key, n)})
				continue
			}
			first[key] = r.num
		}
	}
}

// checkKelurahan warns of a kelurahan the city does not know, and spells a known one as
// the city does.
func checkKelurahan(s *store.Store, file string, h header, rows []row, res *Result) error {
	known, err := knownKelurahan(s)
	if err != nil || len(known) == 0 {
		return err
	}
	for i := range rows {
		k := rows[i].coop.Kelurahan
		if k == "" {
			continue
		}
		if spelled, ok := known[normHeader(k)]; ok {
			rows[i].coop.Kelurahan = spelled
			continue
		}
		res.Warnings = append(res.Warnings, Message{File: file, Row: rows[i].num,
			Column: column(colOf(h, fKelurahan)),
			Text: fmt.Sprintf("kelurahan: %s is not a kelurahan the city knows",
				quoted(k))})
	}
	return nil
}

// knownKelurahan maps each known kelurahan, normalized, to its spelling: the setting's
// list, else those of the stored cooperatives.
func knownKelurahan(s *store.Store) (map[string]string, error) {
	known := map[string]string{}
	list, ok, err := s.Setting(SettingKelurahan)
	if err != nil {
		return nil, err
	}
	if ok {
		for _, k := range strings.FieldsFunc(list, func(r rune) bool {
			return r == ',' || r == '\n' || r == ';'
		}) {
			if k = strings.TrimSpace(k); k != "" {
				known[normHeader(k)] = k
			}
		}
		return known, nil
	}
	sums, err := s.CooperativeSummaries()
	if err != nil {
		return nil, err
	}
	for _, c := range sums {
		if c.Kelurahan != "" {
			known[normHeader(c.Kelurahan)] = c.Kelurahan
		}
	}
	return known, nil
}
