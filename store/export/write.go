package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"koroena/scoring"
	"koroena/store"
)

// Formats.
const (
	FormatXLSX = "xlsx"
	FormatCSV  = "csv"
	FormatJSON = "json"
)

// Options tune an export.
type Options struct {
	// Separator is the CSV field separator; ',' when zero. Excel in locales whose decimal
	// mark is a comma (Indonesia's) expects ';'.
	Separator rune
	// Registry scores again the final assessments stored without the engine's output
	// (a lean demo city), for their component columns; nil leaves those empty.
	Registry *scoring.Registry
}

// Write exports everything s holds in format (FormatXLSX, FormatCSV or FormatJSON) to
// out: a workbook file for XLSX, a JSON-lines file for JSON, a folder of CSV files (one
// per kind of record) for CSV. It returns the files written.
func Write(s *store.Store, format, out string, opts Options) ([]string, error) {
	if format != FormatXLSX && format != FormatCSV && format != FormatJSON {
		return nil, fmt.Errorf("export: format %q is none of xlsx, csv, json", format)
	}
	snap, err := read(s)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var paths []string
	switch format {
	case FormatXLSX:
		paths, err = []string{out}, writeXLSX(out, sheets(snap, opts.Registry))
	case FormatCSV:
		paths, err = writeCSV(out, sheets(snap, opts.Registry), opts.Separator)
	case FormatJSON:
		paths, err = []string{out}, writeJSON(out, snap)
	}
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return paths, nil
}

// DefaultName is the file (or folder, for CSV) an export goes to when no path is given:
// "koroena-export-<date>" with the format's extension.
func DefaultName(format string, now time.Time) string {
	name := "koroena-export-" + now.Format("20060102")
	if format == FormatCSV {
		return name
	}
	if format == FormatJSON {
		return name + ".jsonl"
	}
	return name + "." + format
}

// writeXLSX writes a workbook with a sheet per table: a bold, filled header row that
// stays frozen while scrolling, numbers as numbers, dates as dates.
func writeXLSX(path string, tables []sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2F5D50"}},
		Alignment: &excelize.Alignment{Vertical: "center"},
	})
	if err != nil {
		return err
	}
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("dd/mm/yyyy")})
	if err != nil {
		return err
	}
	// Created, changed and finalized times, in UTC as the CSV's ISO text is.
	stampStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd hh:mm:ss")})
	if err != nil {
		return err
	}
	for i, t := range tables {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", t.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(t.name); err != nil {
			return err
		}
		if err := writeSheet(f, t, styles{head: head, date: date, stamp: stampStyle}); err != nil {
			return fmt.Errorf("sheet %s: %w", t.name, err)
		}
	}
	// Written through a file of our own: excelize's SaveAs makes it readable by every
	// user, and the workbook holds NIKs and phone numbers.
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteTo(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func ptr[T any](v T) *T { return &v }

// styles are the workbook's cell style ids.
type styles struct {
	head  int // the header row
	date  int // a date
	stamp int // a date and time
}

// writeSheet streams one table into its sheet: dates and times as date-time numbers that
// spreadsheets sort and compute with, not text.
func writeSheet(f *excelize.File, t sheet, st styles) error {
	sw, err := f.NewStreamWriter(t.name)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2",
		ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for c, h := range t.header {
		if err := sw.SetColWidth(c+1, c+1, colWidth(t, c, h)); err != nil {
			return err
		}
	}
	cells := make([]any, len(t.header))
	for c, h := range t.header {
		cells[c] = excelize.Cell{StyleID: st.head, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	for r, row := range t.rows {
		cells := make([]any, len(row))
		for c, v := range row {
			switch v := v.(type) {
			case time.Time:
				cells[c] = excelize.Cell{StyleID: st.date, Value: v}
			case moment:
				cells[c] = excelize.Cell{StyleID: st.stamp, Value: time.Time(v)}
			default:
				cells[c] = v
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// colWidth fits a column to its header and its first rows' text and dates, within
// limits; a date or time too wide for its column shows as ####.
func colWidth(t sheet, c int, h string) float64 {
	w := len(h) + 2
	for _, row := range t.rows[:min(len(t.rows), 50)] {
		switch v := row[c].(type) {
		case string:
			w = max(w, len([]rune(v))+2)
		case time.Time:
			w = max(w, len("dd/mm/yyyy")+2)
		case moment:
			w = max(w, len("yyyy-mm-dd hh:mm:ss")+2)
		}
	}
	return float64(min(w, 50))
}

// writeCSV writes a folder with one CSV file per table: UTF-8 with a byte-order mark
// (which tells Excel the encoding), CRLF line ends, dates as yyyy-mm-dd, numbers with a
// point.
func writeCSV(dir string, tables []sheet, sep rune) ([]string, error) {
	if sep == 0 {
		sep = ','
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	var paths []string
	for _, t := range tables {
		path := filepath.Join(dir, "koroena-"+t.name+".csv")
		if err := writeCSVFile(path, t, sep); err != nil {
			return nil, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

func writeCSVFile(path string, t sheet, sep rune) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	_, _ = bw.WriteString("\ufeff")
	w := csv.NewWriter(bw)
	w.Comma, w.UseCRLF = sep, true
	_ = w.Write(t.header)
	rec := make([]string, len(t.header))
	for _, row := range t.rows {
		for c, v := range row {
			rec[c] = csvCell(v)
		}
		_ = w.Write(rec)
	}
	w.Flush()
	err = w.Error()
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// csvCell writes one cell as text.
func csvCell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return v.Format("2006-01-02")
	case moment:
		return time.Time(v).Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}

// jsonLine is one line of the JSON-lines export: the kind of record and the record as
// the store keeps it (assessments with figures, answers and the scoring output).
type jsonLine struct {
	Kind   string `json:"kind"`
	Record any    `json:"record"`
}

// writeJSON writes one JSON object per line: coaches, then cooperatives, assessments,
// treatments and visits.
func writeJSON(path string, snap snapshot) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	var werr error
	put := func(kind string, rec any) {
		if werr == nil {
			werr = enc.Encode(jsonLine{Kind: kind, Record: rec})
		}
	}
	for _, c := range snap.coachList {
		put(store.KindCoach, c)
	}
	for _, c := range snap.coops {
		put(store.KindCooperative, c)
	}
	for _, a := range snap.assessments {
		put(store.KindAssessment, a)
	}
	for _, t := range snap.treatments {
		put(store.KindTreatment, t)
	}
	for _, v := range snap.visits {
		put(store.KindVisit, v)
	}
	if werr == nil {
		werr = bw.Flush()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}
