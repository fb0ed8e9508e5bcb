package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// cell is one spreadsheet cell as text. For a cell that XLSX stores as a number, text is
// the stored value (not the displayed one) and number is true.
type cell struct {
	text   string
	number bool
}

// table is one sheet of a registry file: its rows of cells and each row's number in the
// file (1-based, as spreadsheets and editors count them).
type table struct {
	file   string
	sheet  string // XLSX sheet name; "" for CSV
	rows   [][]cell
	rowNum []int
}

// readTable reads a CSV or XLSX file, by its extension. For XLSX, sheet names the sheet
// to read; when empty, pick chooses one from the sheets' first rows.
func readTable(path, sheet string, pick func([]table) (int, error)) (table, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".txt":
		return readCSV(path)
	case ".xlsx", ".xlsm":
		return readXLSX(path, sheet, pick)
	default:
		return table{}, fmt.Errorf("%s: not a .csv or .xlsx file", path)
	}
}

// readCSV reads a CSV file written by a spreadsheet: UTF-8 with or without a byte-order
// mark, or Windows-1252 (Excel's "CSV" in many locales); separated by commas or, as
// Excel writes it where the comma is the decimal mark, semicolons. Quotes are read
// leniently (a stray quote inside a cell is kept as text), except a quote that opens a
// cell and is never closed: it would swallow the rest of the file into that one cell, so
// the file is refused at that cell.
func readCSV(path string) (table, error) {
	data, err := readInput(path)
	if err != nil {
		return table{}, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		if data, err = charmap.Windows1252.NewDecoder().Bytes(data); err != nil {
			return table{}, fmt.Errorf("%s: %w", path, err)
		}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = guessSeparator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	t := table{file: path}
	var lastLine, lastCol, lastField int // where the last cell read starts
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return table{}, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		row := make([]cell, len(rec))
		for i, s := range rec {
			row[i] = cell{text: s}
		}
		t.rows = append(t.rows, row)
		t.rowNum = append(t.rowNum, line)
		lastField = len(rec) - 1
		lastLine, lastCol = r.FieldPos(lastField)
	}
	if len(t.rows) > 0 && !quoteClosed(data, lastLine, lastCol, byte(r.Comma)) {
		return table{}, fmt.Errorf("%s:%d:%s: this cell opens a quote (\") that is never "+
			"closed, so the rest of the file would be read into it; close the quote (a quote "+
			"inside a quoted cell is written twice: \"\")", path, lastLine, column(lastField))
	}
	return t, nil
}

// quoteClosed reports whether the cell that starts at line and col (1-based, in bytes, as
// csv.Reader.FieldPos counts them) is unquoted or has its closing quote: one followed by
// the separator, a line end or the end of the data; a doubled quote is a quote in the text
// and any other quote is kept as text by the lenient reader.
func quoteClosed(data []byte, line, col int, comma byte) bool {
	off := 0
	for range line - 1 {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return true
		}
		off += i + 1
	}
	off += col - 1
	if off >= len(data) || data[off] != '"' {
		return true
	}
	rest := data[off+1:]
	for i := 0; i < len(rest); i++ {
		if rest[i] != '"' {
			continue
		}
		if i+1 == len(rest) {
			return true
		}
		switch rest[i+1] {
		case '"':
			i++
		case comma, '\n', '\r':
			return true
		}
	}
	return false
}

// guessSeparator takes the semicolon when the first lines have more of them than commas.
func guessSeparator(data []byte) rune {
	lines := bytes.SplitN(data, []byte("\n"), 6)
	head := bytes.Join(lines[:min(len(lines), 5)], nil)
	if bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(",")) {
		return ';'
	}
	return ','
}

// readXLSX reads one sheet of a workbook: the named one, or the one pick chooses.
// Merged cells take the value of their top-left cell in every cell they cover.
func readXLSX(path, sheet string, pick func([]table) (int, error)) (table, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return table{}, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	names := f.GetSheetList()
	if sheet != "" {
		found := false
		for _, n := range names {
			found = found || n == sheet
		}
		if !found {
			return table{}, fmt.Errorf("%s: no sheet %q (it has %s)", path, sheet,
				strings.Join(names, ", "))
		}
		return readSheet(f, path, sheet)
	}

	var tables []table
	for _, n := range names {
		t, err := readSheet(f, path, n)
		if err != nil {
			return table{}, err
		}
		tables = append(tables, t)
	}
	if len(tables) == 0 {
		return table{}, fmt.Errorf("%s: the workbook has no sheets", path)
	}
	i, err := pick(tables)
	if err != nil {
		return table{}, err
	}
	return tables[i], nil
}

// readSheet reads one sheet's cells with their stored values and types.
func readSheet(f *excelize.File, path, sheet string) (table, error) {
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return table{}, fmt.Errorf("%s: sheet %s: %w", path, sheet, err)
	}
	t := table{file: path, sheet: sheet}
	for r, values := range raw {
		row := make([]cell, len(values))
		for c, v := range values {
			row[c] = cell{text: v}
			if v == "" {
				continue
			}
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if typ, err := f.GetCellType(sheet, name); err == nil {
				row[c].number = typ == excelize.CellTypeNumber ||
					typ == excelize.CellTypeDate || typ == excelize.CellTypeUnset && isNumber(v)
			}
		}
		t.rows = append(t.rows, row)
		t.rowNum = append(t.rowNum, r+1)
	}
	return t, fillMerged(f, sheet, &t)
}

// fillMerged copies each merged range's value into every cell it covers.
func fillMerged(f *excelize.File, sheet string, t *table) error {
	merged, err := f.GetMergeCells(sheet)
	if err != nil {
		return fmt.Errorf("%s: sheet %s: %w", t.file, sheet, err)
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 > len(t.rows) || c1 > len(t.rows[r1-1]) {
			continue
		}
		top := t.rows[r1-1][c1-1]
		for r := r1; r <= min(r2, len(t.rows)); r++ {
			for c := c1; c <= c2; c++ {
				for len(t.rows[r-1]) < c {
					t.rows[r-1] = append(t.rows[r-1], cell{})
				}
				t.rows[r-1][c-1] = top
			}
		}
	}
	return nil
}

// isNumber reports whether s looks like a number as XLSX stores one.
func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789.-+eE", r) {
			return false
		}
	}
	return true
}

// column names a column the way spreadsheets do: A, B, …, Z, AA, …
func column(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return fmt.Sprint(i + 1)
	}
	return name
}
