package report

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// Page layout in millimetres (A4 portrait).
const (
	margin   = 15.0
	lineH    = 5.5
	bodySize = 9.5
)

// pdfDoc is a report being drawn: the fpdf document and the text translator for its
// core fonts.
type pdfDoc struct {
	*fpdf.Fpdf
	r  *record
	tr func(string) string
	w  float64 // usable width
}

// beyondCP1252 replaces the characters instruments use that cp1252 lacks.
var beyondCP1252 = strings.NewReplacer("≥", ">=", "≤", "<=", "−", "-", "≈", "~",
	"≠", "!=",
	"→", "->", "✓", "v")

// writePDF draws the record as a PDF and returns its number of pages.
func (r *record) writePDF(w io.Writer) (pages int, err error) {
	f := fpdf.New("P", "mm", "A4", "")
	d := &pdfDoc{Fpdf: f, r: r}
	cp := f.UnicodeTranslatorFromDescriptor("cp1252")
	d.tr = func(s string) string { return cp(beyondCP1252.Replace(s)) }
	pw, _ := f.GetPageSize()
	d.w = pw - 2*margin

	f.SetMargins(margin, margin+8, margin)
	f.SetAutoPageBreak(true, margin+6)
	f.SetTitle(d.tr(r.t("title")+": "+r.coop.Name), false)
	f.SetAuthor(d.tr(r.officeName()), false)
	f.SetCreator("koroena", false)
	f.SetCreationDate(r.made)
	f.SetModificationDate(r.made)
	f.SetCatalogSort(true)
	f.AliasNbPages("{nb}")
	f.SetHeaderFunc(d.header)
	f.SetFooterFunc(d.footer)
	f.AddPage()

	d.title()
	d.profile()
	d.chart()
	d.diagnosis()
	d.treatment()
	d.visits()

	pages = f.PageCount()
	if err := f.Output(w); err != nil {
		return 0, fmt.Errorf("write PDF: %w", err)
	}
	return pages, nil
}

// header runs at the top of each page: the office and the cooperative.
func (d *pdfDoc) header() {
	d.SetY(8)
	d.SetFont("Helvetica", "", 8)
	d.SetTextColor(110, 110, 110)
	d.CellFormat(d.w/2, 5, d.tr(d.r.officeName()), "", 0, "L", false, 0, "")
	d.CellFormat(d.w/2, 5, d.tr(d.r.t("title")+" · "+d.r.coop.Name), "", 1, "R", false, 0, "")
	d.SetDrawColor(190, 190, 190)
	d.Line(margin, 13.5, margin+d.w, 13.5)
	d.SetTextColor(0, 0, 0)
	d.SetY(margin + 8)
}

// footer runs at the bottom of each page: the date made and the page number.
func (d *pdfDoc) footer() {
	d.SetY(-12)
	d.SetFont("Helvetica", "", 8)
	d.SetTextColor(110, 110, 110)
	d.CellFormat(d.w/2, 5, d.tr(d.r.t("made")+" "+d.r.date(d.r.made)), "", 0, "L", false,
		0, "")
	d.CellFormat(d.w/2, 5, d.tr(fmt.Sprintf(d.r.t("page"), d.PageNo(), "{nb}")), "", 0, "R",
		false, 0, "")
	d.SetTextColor(0, 0, 0)
}

// title writes the document's title block.
func (d *pdfDoc) title() {
	d.SetFont("Helvetica", "B", 17)
	d.MultiCell(d.w, 8, d.tr(d.r.coop.Name), "", "L", false)
	d.SetFont("Helvetica", "", 10)
	d.SetTextColor(80, 80, 80)
	d.CellFormat(d.w, 6, d.tr(d.r.t("title")+" · "+d.r.officeName()), "", 1, "L", false, 0, "")
	d.SetTextColor(0, 0, 0)
	d.Ln(2)
}

// heading starts a section, on a new page when less than need millimetres are left.
func (d *pdfDoc) heading(text string, need float64) {
	d.ensure(need + 10)
	d.Ln(3)
	d.SetFont("Helvetica", "B", 12)
	d.SetTextColor(47, 93, 80)
	d.CellFormat(d.w, 7, d.tr(text), "B", 1, "L", false, 0, "")
	d.SetTextColor(0, 0, 0)
	d.Ln(1.5)
	d.SetFont("Helvetica", "", bodySize)
}

// ensure starts a new page when less than h millimetres are left on this one.
func (d *pdfDoc) ensure(h float64) {
	_, ph := d.GetPageSize()
	if d.GetY()+h > ph-margin-6 {
		d.AddPage()
	}
}

// para writes a wrapped paragraph.
func (d *pdfDoc) para(text string) {
	d.SetFont("Helvetica", "", bodySize)
	d.MultiCell(d.w, lineH, d.tr(text), "", "L", false)
}

// profile writes the label and value pairs in two columns; long values wrap.
func (d *pdfDoc) profile() {
	d.heading(d.r.t("profile"), 40)
	rows := d.r.profileRows()
	half := (len(rows) + 1) / 2
	colW := d.w / 2
	y0 := d.GetY()
	bottom := y0
	for i, row := range rows {
		x := margin
		if i >= half {
			x = margin + colW
		}
		if i == 0 || i == half {
			d.SetY(y0)
		}
		y := d.GetY()
		d.SetXY(x, y)
		d.SetFont("Helvetica", "", 8.5)
		d.SetTextColor(100, 100, 100)
		d.CellFormat(32, lineH, d.fit(row[0], 32), "", 0, "L", false, 0, "")
		d.SetTextColor(0, 0, 0)
		d.SetFont("Helvetica", "", bodySize)
		d.SetXY(x+32, y)
		d.MultiCell(colW-34, lineH, d.tr(row[1]), "", "L", false)
		bottom = max(bottom, d.GetY())
	}
	d.SetY(bottom)
}

// fit translates text and shortens it with an ellipsis to fit width w in the current
// font.
func (d *pdfDoc) fit(text string, w float64) string {
	s := d.tr(text)
	if d.GetStringWidth(s) <= w-1 {
		return s
	}
	ell := d.tr("…")
	for len(s) > 0 && d.GetStringWidth(s+ell) > w-1 {
		s = s[:len(s)-1]
	}
	return strings.TrimRight(s, " ") + ell
}

// predicateColour is a predicate's bar colour.
func predicateColour(id string) (int, int, int) {
	switch id {
	case "sehat":
		return 46, 125, 50
	case "cukup_sehat":
		return 124, 179, 66
	case "dalam_pengawasan":
		return 239, 140, 0
	case "dalam_pengawasan_khusus":
		return 198, 40, 40
	}
	return 140, 140, 140
}
