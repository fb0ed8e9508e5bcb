package importer

import (
	"fmt"
	"strings"
	"unicode"
)

// field is a cooperative profile field that a registry column can fill.
type field int

// The fields, in the order the documentation lists them.
const (
	fNone field = iota
	fID
	fName
	fNIK
	fLegalNumber
	fLegalDate
	fType
	fLegalType
	fAddress
	fKelurahan
	fKecamatan
	fPhone
	fChair
	fManager
	fMembers
	fCoach
	fActive
	fFiscalYearEnd
	fLastRAT
	fNotes
	fRowNumber // the "No" column of running numbers: read and ignored
)

// fieldNames is how messages name a field: the canonical column header.
var fieldNames = map[field]string{
	fID: "id", fName: "nama", fNIK: "nik", fLegalNumber: "no_badan_hukum",
	fLegalDate: "tgl_badan_hukum", fType: "jenis", fLegalType: "jenis_badan_hukum",
	fAddress:   "alamat",
	fKelurahan: "kelurahan", fKecamatan: "kecamatan", fPhone: "telepon", fChair: "ketua",
	fManager: "manajer", fMembers: "anggota", fCoach: "pendamping", fActive: "aktif",
	fFiscalYearEnd: "akhir_tahun_buku", fLastRAT: "rat_terakhir", fNotes: "keterangan",
	fRowNumber: "no",
}

// headerNames maps a normalized header (see normHeader) to its field. Indonesian and
// English names, with the abbreviations registry spreadsheets use.
var headerNames = map[string]field{
	"id": fID,

	"nama": fName, "name": fName, "namakoperasi": fName, "koperasi": fName,
	"namakop": fName, "cooperative": fName,

	"nik": fNIK, "nomorindukkoperasi": fNIK, "noindukkoperasi": fNIK,

	"nobadanhukum": fLegalNumber, "nomorbadanhukum": fLegalNumber, "nobh": fLegalNumber,
	"nomorbh": fLegalNumber, "badanhukum": fLegalNumber, "bh": fLegalNumber,
	"legalnumber": fLegalNumber, "nobhp": fLegalNumber,

	"tglbadanhukum": fLegalDate, "tanggalbadanhukum": fLegalDate, "tglbh": fLegalDate,
	"tanggalbh": fLegalDate, "legaldate": fLegalDate,

	"jenis": fType, "type": fType, "jeniskoperasi": fType, "kelompok": fType,
	"jenisusaha": fType, "businesstype": fType, "kelompokkoperasi": fType,

	"jenisbadanhukum": fLegalType, "legaltype": fLegalType,

	"alamat": fAddress, "address": fAddress, "alamatkantor": fAddress,
	"alamatkoperasi": fAddress,

	"kelurahan": fKelurahan, "kel": fKelurahan, "desakel": fKelurahan,
	"desakelurahan": fKelurahan, "desa": fKelurahan, "village": fKelurahan,

	"kecamatan": fKecamatan, "kec": fKecamatan, "district": fKecamatan,

	"telepon": fPhone, "telp": fPhone, "telpon": fPhone, "phone": fPhone, "nohp": fPhone,
	"hp": fPhone, "notelp": fPhone, "notelepon": fPhone, "nomortelepon": fPhone,

	"ketua": fChair, "chair": fChair, "namaketua": fChair, "ketuapengurus": fChair,

	"manajer": fManager, "manager": fManager, "pengelola": fManager,
	"namamanajer": fManager, "namapengelola": fManager,

	"anggota": fMembers, "members": fMembers, "jmlanggota": fMembers,
	"jumlahanggota": fMembers, "jmlhanggota": fMembers,

	"pendamping": fCoach, "coach": fCoach, "namapendamping": fCoach,

	"aktif": fActive, "active": fActive, "status": fActive, "statuskoperasi": fActive,

	"akhirtahunbuku": fFiscalYearEnd, "fiscalyearend": fFiscalYearEnd,

	"ratterakhir": fLastRAT, "tglrat": fLastRAT, "tanggalrat": fLastRAT, "lastrat": fLastRAT,

	"keterangan": fNotes, "ket": fNotes, "notes": fNotes, "catatan": fNotes,

	"no": fRowNumber, "nomor": fRowNumber, "nourut": fRowNumber,
}

// normHeader lowercases a header and drops everything but letters and digits, so that
// "No. BH", "no_bh" and "NO BH" all read "nobh".
func normHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// header is the column layout found in a table.
type header struct {
	index   int           // index of the header row in table.rows
	columns map[int]field // column index → field
	ignored []string      // headers of columns no field takes, "C (Keterangan 2)"
}

// maxHeaderScan is how many rows from the top the header row may be below title rows.
const maxHeaderScan = 30

// findHeader finds the header row: among the first rows, the one that names the most
// known columns, at least two of them, one the cooperative's name.
func findHeader(t table) (header, error) {
	best, bestN := -1, 1
	for i := range min(len(t.rows), maxHeaderScan) {
		if n, hasName := countKnown(t.rows[i]); hasName && n > bestN {
			best, bestN = i, n
		}
	}
	if best < 0 {
		return header{}, fmt.Errorf("%s: no header row with a name column (nama or name) "+
			"and another known column in the first %d rows", where(t), maxHeaderScan)
	}
	return mapColumns(t, best), nil
}

// countKnown counts the known headers of a row and says whether one is the name.
func countKnown(row []cell) (n int, hasName bool) {
	for _, c := range row {
		if f, ok := headerNames[normHeader(c.text)]; ok {
			n++
			hasName = hasName || f == fName
		}
	}
	return n, hasName
}

// mapColumns maps the columns of header row i; of two columns for one field, the first
// is read and the other ignored.
func mapColumns(t table, i int) header {
	h := header{index: i, columns: map[int]field{}}
	seen := map[field]int{}
	for c, cl := range t.rows[i] {
		text := strings.TrimSpace(cl.text)
		f, ok := headerNames[normHeader(text)]
		switch {
		case text == "":
		case !ok:
			h.ignored = append(h.ignored, fmt.Sprintf("%s (%s)", column(c), clip(text, maxQuoted)))
		case seen[f] > 0:
			h.ignored = append(h.ignored, fmt.Sprintf("%s (%s: column %s is %s already)",
				column(c), clip(text, maxQuoted), column(seen[f]-1), fieldNames[f]))
		default:
			seen[f] = c + 1
			h.columns[c] = f
		}
	}
	return h
}

// where names a table for messages: the file, and the sheet of a workbook.
func where(t table) string {
	if t.sheet == "" {
		return t.file
	}
	return t.file + " (sheet " + t.sheet + ")"
}

// pickSheet chooses the sheet of a workbook whose header row names the most known columns.
func pickSheet(tables []table) (int, error) {
	best, bestN := -1, 1
	for i, t := range tables {
		for r := range min(len(t.rows), maxHeaderScan) {
			if n, hasName := countKnown(t.rows[r]); hasName && n > bestN {
				best, bestN = i, n
			}
		}
	}
	if best < 0 {
		return 0, fmt.Errorf("%s: no sheet has a header row with a name column (nama or "+
			"name) and another known column; name the sheet with --sheet", tables[0].file)
	}
	return best, nil
}
