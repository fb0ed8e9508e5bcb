package importer

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// monthNames maps Indonesian and English month names and abbreviations, lowercased, to
// their month.
var monthNames = map[string]time.Month{
	"januari": 1, "january": 1, "jan": 1,
	"februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
	"maret": 3, "march": 3, "mar": 3,
	"april": 4, "apr": 4,
	"mei": 5, "may": 5,
	"juni": 6, "june": 6, "jun": 6,
	"juli": 7, "july": 7, "jul": 7,
	"agustus": 8, "august": 8, "agu": 8, "agt": 8, "agus": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "october": 10, "okt": 10, "oct": 10,
	"november": 11, "nopember": 11, "nov": 11, "nop": 11,
	"desember": 12, "december": 12, "des": 12, "dec": 12,
}

var (
	isoDate   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	dmyDate   = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)
	wordsDate = regexp.MustCompile(`^(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{4})$`)
)

// parseDate reads a date in the forms registries use: 2021-03-04, 04/03/2021, 4/3/2021,
// 04-03-2021, 04.03.2021 (day first), 4 Maret 2021, 04 Mar 2021, or an Excel date number.
func parseDate(c cell) (time.Time, error) {
	s := strings.TrimSpace(c.text)
	if c.number {
		f, err := strconv.ParseFloat(s, 64)
		if err == nil && f >= 1 && f < 2958466 {
			t, err := excelize.ExcelDateToTime(f, false)
			if err == nil {
				y, m, d := t.Date()
				return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
			}
		}
	}
	var y, m, d int
	if g := isoDate.FindStringSubmatch(s); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := dmyDate.FindStringSubmatch(s); g != nil {
		d, m, y = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := wordsDate.FindStringSubmatch(s); g != nil {
		month, ok := monthNames[strings.ToLower(g[2])]
		if !ok {
			return time.Time{}, fmt.Errorf("%s: no month is called %s", quoted(s), quoted(g[2]))
		}
		d, m, y = atoi(g[1]), int(month), atoi(g[3])
	} else {
		return time.Time{}, fmt.Errorf("%s is not a date (write 2021-03-04, 04/03/2021 "+
			"or 4 Maret 2021)", quoted(s))
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m || y < 1900 {
		return time.Time{}, fmt.Errorf("%s is not a real date (day %d, month %d, year %d)",
			quoted(s), d, m, y)
	}
	return t, nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// parseCount reads a whole number written id-ID style: "1234", "1.234", "1 234"; or an
// XLSX number.
func parseCount(c cell) (int, error) {
	s := strings.TrimSpace(c.text)
	if c.number {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f != math.Trunc(f) || f < 0 || f > 1e9 {
			return 0, fmt.Errorf("%s is not a whole number of members", quoted(s))
		}
		return int(f), nil
	}
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == ' ' })
	for i, g := range groups {
		if !digits(g) || i > 0 && len(g) != 3 || i == 0 && len(groups) > 1 && len(g) > 3 {
			return 0, fmt.Errorf("%s is not a whole number (write 1234 or 1.234)", quoted(s))
		}
	}
	n, err := strconv.Atoi(strings.Join(groups, ""))
	if err != nil || n > 1e9 {
		return 0, fmt.Errorf("%s is not a whole number (write 1234 or 1.234)", quoted(s))
	}
	return n, nil
}

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseNIK reads a NIK: 16 digits, spaces, dots and dashes between them allowed. A NIK the
// spreadsheet holds as a number has lost its last digits (Excel keeps 15) and is refused.
func parseNIK(c cell) (string, error) {
	s := strings.TrimPrefix(strings.TrimSpace(c.text), "'")
	if c.number || strings.ContainsAny(s, "eE") {
		return "", fmt.Errorf("%s is stored as a number, so its last digits cannot be "+
			"trusted (a spreadsheet keeps 15); format the column as text and type the NIK "+
			"again", quoted(s))
	}
	n := strings.NewReplacer(" ", "", ".", "", "-", "").Replace(s)
	if !digits(n) || len(n) != 16 {
		return "", fmt.Errorf("%s is not 16 digits", quoted(s))
	}
	return n, nil
}

// parseActive reads a status: Aktif, Ya, Yes, 1 or true are active; Tidak Aktif, Tdk
// Aktif, Non Aktif, Pasif, Bubar, Tidak, No, 0 or false are not.
func parseActive(c cell) (bool, error) {
	switch normHeader(c.text) {
	case "aktif", "active", "ya", "y", "yes", "true", "1", "benar":
		return true, nil
	case "tidakaktif", "tdkaktif", "takaktif", "nonaktif", "inactive", "pasif", "bubar",
		"dibubarkan", "tidak", "tdk", "t", "no", "n", "false", "0", "salah", "mati":
		return false, nil
	}
	return false, fmt.Errorf("%s is not a status (Aktif, Tidak Aktif, Pasif or Bubar)",
		quoted(strings.TrimSpace(c.text)))
}

// kind is what a "jenis" value sets: a business type and a legal type (either may be
// empty).
type kind struct{ business, legal string }

// kindNames maps a normalized "jenis" value to the types it sets.
var kindNames = func() map[string]kind {
	m := map[string]kind{}
	add := func(k kind, names ...string) {
		for _, n := range names {
			m[n] = k
		}
	}
	add(kind{"ksp", "simpan_pinjam"}, "ksp", "kopsimpanpinjam", "koperasisimpanpinjam",
		"simpanpinjam")
	add(kind{"ksu_usp", ""}, "ksu", "ksuusp", "serbausaha", "koperasiserbausaha", "usp")
	add(kind{"kpri", ""}, "kpri", "koperasipegawairepublikindonesia")
	add(kind{"kspps", "simpan_pinjam"}, "kspps", "syariah", "ksppssyariah", "bmt")
	add(kind{"karyawan", ""}, "karyawan", "kopkar", "koperasikaryawan")
	add(kind{"wanita", ""}, "wanita", "kopwan", "koperasiwanita")
	add(kind{"pasar", ""}, "pasar", "koppas", "koperasipasar")
	add(kind{"konsumen", "konsumen"}, "konsumen", "koperasikonsumen")
	add(kind{"produsen", "produsen"}, "produsen", "koperasiprodusen")
	add(kind{"jasa", "jasa"}, "jasa", "koperasijasa")
	add(kind{"", "pemasaran"}, "pemasaran", "koperasipemasaran")
	return m
}()

// parseKind reads a "jenis" value: a business type (KSP, KSU, KPRI, KSPPS, Karyawan,
// Wanita, Pasar, ...) or a legal type (Simpan Pinjam, Konsumen, Produsen, Pemasaran, Jasa),
// in the store's id form ("ksu_usp") too.
func parseKind(c cell) (kind, error) {
	k, ok := kindNames[normHeader(c.text)]
	if !ok {
		return kind{}, fmt.Errorf("%s is not a known type (KSP, KSU, KPRI, KSPPS, Karyawan, "+
			"Wanita, Pasar, Konsumen, Produsen, Jasa, Pemasaran)",
			quoted(strings.TrimSpace(c.text)))
	}
	return k, nil
}

// parseMonthDay reads a fiscal-year end as "MM-DD" or "31/12" (day first).
func parseMonthDay(c cell) (string, error) {
	s := strings.TrimSpace(c.text)
	if t, err := time.Parse("01-02", s); err == nil {
		return t.Format("01-02"), nil
	}
	if t, err := time.Parse("2/1", s); err == nil {
		return t.Format("01-02"), nil
	}
	return "", fmt.Errorf("%s is not a month and day (write 12-31)", quoted(s))
}
