package report

import (
	"fmt"
	"strconv"

	"koroena/scoring"
)

// Chart geometry in millimetres.
const (
	chartH    = 58.0
	chartAxis = 12.0 // room for the y labels
	chartBarW = 16.0
	chartGap  = 0.6 // the space between two instruments' bars, in bar slots
)

// chart draws the total of each fiscal year as a bar coloured by its predicate, over a
// 0–100 grid with each instrument's predicate thresholds as dashed lines. Each bar names
// its year, predicate and instrument; bars of different instruments stand in separate
// groups split by a dashed rule, with a note that their scores do not compare (issue 7).
func (d *pdfDoc) chart() {
	d.heading(d.r.t("chart"), chartH+24)
	if len(d.r.years) == 0 {
		d.para(d.r.t("noscores"))
		return
	}
	x0, y0 := margin+chartAxis, d.GetY()+3
	plotW := d.w - chartAxis - 32 // the threshold labels go on the right
	yOf := func(v float64) float64 { return y0 + chartH - max(0, min(100, v))/100*chartH }

	// Grid and y labels.
	d.SetFont("Helvetica", "", 7)
	d.SetLineWidth(0.1)
	for v := 0.0; v <= 100; v += 20 {
		d.SetDrawColor(215, 215, 215)
		d.Line(x0, yOf(v), x0+plotW, yOf(v))
		d.SetXY(margin, yOf(v)-2)
		d.SetTextColor(110, 110, 110)
		d.CellFormat(chartAxis-2, 4, strconv.Itoa(int(v)), "", 0, "R", false, 0, "")
	}

	// One slot per year, evenly spread, and a gap where the instrument changes.
	runs := d.r.series()
	step := plotW / (float64(len(d.r.years)) + chartGap*float64(len(runs)-1))
	barW := min(chartBarW, step*0.6)
	x := x0
	for i, run := range runs {
		if i > 0 {
			mid := x + step*chartGap/2
			d.SetDrawColor(120, 120, 120)
			d.SetLineWidth(0.25)
			d.SetDashPattern([]float64{0.8, 0.8}, 0)
			d.Line(mid, y0-1, mid, yOf(0)+12)
			d.SetDashPattern(nil, 0)
			x += step * chartGap
		}
		d.thresholds(run[0].in, x, step*float64(len(run)), yOf, i == len(runs)-1,
			x0+plotW)
		for _, y := range run {
			d.bar(y, x+step/2, step, barW, yOf)
			x += step
		}
	}
	d.SetDrawColor(120, 120, 120)
	d.SetLineWidth(0.25)
	d.Line(x0, yOf(0), x0+plotW, yOf(0))
	d.SetLineWidth(0.1)
	d.SetTextColor(0, 0, 0)
	d.SetY(yOf(0) + 13.5)
	if note := d.r.rubricsNote(); note != "" {
		d.SetFont("Helvetica", "I", 8.5)
		d.MultiCell(d.w, lineH-1, d.tr(note), "", "L", false)
		d.SetFont("Helvetica", "", bodySize)
	}
}

// bar draws one year's bar centred at cx in a slot step wide, its total above it and
// its year, predicate and instrument below.
func (d *pdfDoc) bar(y yearScore, cx, step, barW float64, yOf func(float64) float64) {
	r, g, b := predicateColour(y.predicate)
	d.SetFillColor(r, g, b)
	d.Rect(cx-barW/2, yOf(y.total), barW, yOf(0)-yOf(y.total), "F")
	d.SetTextColor(0, 0, 0)
	d.SetFont("Helvetica", "B", 7.5)
	d.SetXY(cx-step/2, yOf(y.total)-4.5)
	d.CellFormat(step, 4, d.r.num(y.totalText), "", 0, "C", false, 0, "")
	d.SetFont("Helvetica", "", 7.5)
	d.SetXY(cx-step/2, yOf(0)+1)
	d.CellFormat(step, 4, strconv.Itoa(y.year), "", 0, "C", false, 0, "")
	d.SetXY(cx-step/2, yOf(0)+4.5)
	d.SetTextColor(90, 90, 90)
	d.CellFormat(step, 4, d.fit(y.label, step), "", 0, "C", false, 0, "")
	d.SetFont("Helvetica", "I", 7)
	d.SetXY(cx-step/2, yOf(0)+8)
	d.CellFormat(step, 4, d.fit(y.instrument, step), "", 0, "C", false, 0, "")
}

// thresholds draws an instrument's predicate boundaries as dashed lines over the part
// of the chart from x to x+w that its years take; with named, they are also named at
// right, right of the plot.
func (d *pdfDoc) thresholds(in *scoring.Instrument, x, w float64,
	yOf func(float64) float64, named bool, right float64,
) {
	if in == nil {
		return
	}
	d.SetDashPattern([]float64{1.2, 1.2}, 0)
	for _, p := range in.Predicates {
		if p.Min == nil {
			continue
		}
		v := p.Min.Float64()
		r, g, b := predicateColour(p.ID)
		d.SetDrawColor(r, g, b)
		d.SetLineWidth(0.3)
		d.Line(x, yOf(v), x+w, yOf(v))
		if !named {
			continue
		}
		d.SetXY(right+1, yOf(v)-2)
		d.SetTextColor(r, g, b)
		d.SetFont("Helvetica", "", 6.5)
		d.CellFormat(31, 4, d.fit(fmt.Sprintf("%s %s", p.Label.In(d.r.lang),
			d.r.points(*p.Min)), 31), "", 0, "L", false, 0, "")
	}
	d.SetDashPattern(nil, 0)
	d.SetLineWidth(0.1)
}

// diagnosis writes the latest final assessment: its headline, the comparison with the
// year before, the aspect and component tables and the weakest components.
func (d *pdfDoc) diagnosis() {
	d.heading(d.r.t("diagnosis"), 30)
	l := d.r.latest
	if l == nil {
		d.para(d.r.t("noscores"))
		d.drafts()
		return
	}
	d.para(fmt.Sprintf("%s %d · %s %s@%d · %s", d.r.t("year"), l.a.FiscalYear,
		d.r.t("instrument"), l.a.Instrument, l.a.Version, d.r.finalizedLine(l.a)))
	d.SetFont("Helvetica", "B", 13)
	r, g, b := predicateColour(l.a.Result.Predicate)
	d.SetTextColor(r, g, b)
	d.CellFormat(d.w, 8, d.tr(fmt.Sprintf("%s %s · %s", d.r.t("total"),
		d.r.num(l.a.Result.Total), l.label)), "", 1, "L", false, 0, "")
	d.SetTextColor(0, 0, 0)
	for _, c := range d.r.comparisons() {
		d.para(c)
	}

	aspects, comps := d.r.tables()
	if aspects == nil {
		d.para(fmt.Sprintf(d.r.t("norescore"), fmt.Sprintf("%s@%d", l.a.Instrument,
			l.a.Version)))
		d.drafts()
		return
	}
	d.Ln(2)
	at := table{widths: []float64{100, 25, 25}, align: "LRR"}
	at.header = []string{d.r.t("aspect"), d.r.t("skor"), d.r.t("max")}
	for _, a := range aspects {
		at.rows = append(at.rows, []string{a.label, a.skor, a.max})
	}
	d.table(at)

	d.Ln(3)
	ct := table{widths: []float64{34, 70, 22, 18, 13, 13}, align: "LLRRRR", wrap: true}
	ct.header = []string{d.r.t("aspect"), d.r.t("component"), d.r.t("ratio"),
		d.r.t("nilai"), d.r.t("bobot"), d.r.t("skor")}
	for _, c := range comps {
		ct.rows = append(ct.rows, []string{c.aspect, c.label, c.ratio, c.nilai, c.bobot, c.skor})
	}
	d.table(ct)

	d.findings()
	d.instrumentNotes()
	d.drafts()
}

// instrumentNotes writes what a reader of the score must know of the rubric it comes
// from: its notes (provisional wording, unconfirmed rules).
func (d *pdfDoc) instrumentNotes() {
	notes := d.r.instrumentNotes()
	if len(notes) == 0 {
		return
	}
	l := d.r.latest
	d.Ln(3)
	d.ensure(3 * lineH)
	d.SetFont("Helvetica", "B", bodySize+0.5)
	d.CellFormat(d.w, lineH+1, d.tr(fmt.Sprintf(d.r.t("innotes"), l.a.Instrument,
		l.a.Version)), "", 1, "L", false, 0, "")
	for _, n := range notes {
		d.para("- " + n)
	}
}

// findings writes the conditions found, with their severity, the points they cost and
// the recommended treatments.
func (d *pdfDoc) findings() {
	d.Ln(3)
	d.ensure(3 * lineH)
	d.SetFont("Helvetica", "B", bodySize+0.5)
	d.CellFormat(d.w, lineH+1, d.tr(d.r.t("findings")), "", 1, "L", false, 0, "")
	rows := d.r.findingRows()
	if len(rows) == 0 {
		d.para(d.r.t("nofindings"))
		return
	}
	ft := table{widths: []float64{55, 20, 20, 85}, align: "LLRL", wrap: true}
	ft.header = []string{d.r.t("condition"), d.r.t("severity"), d.r.t("lost"),
		d.r.t("remedy")}
	for _, f := range rows {
		ft.rows = append(ft.rows, []string{f.name, f.severity, f.lost, f.treatments})
	}
	d.table(ft)
}

// drafts mentions open drafts.
func (d *pdfDoc) drafts() {
	if d.r.drafts > 0 {
		d.para(fmt.Sprintf(d.r.t("drafts"), d.r.drafts))
	}
}

// treatment writes the treatment plan.
func (d *pdfDoc) treatment() {
	d.heading(d.r.t("treatment"), 12)
	plan := d.r.planRows()
	if len(plan) == 0 {
		d.para(d.r.t("notreatment"))
		return
	}
	pt := table{widths: []float64{90, 30, 30, 30}, align: "LLLL", wrap: true}
	pt.header = []string{d.r.t("title2"), d.r.t("owner"), d.r.t("due"), d.r.t("status")}
	for _, p := range plan {
		pt.rows = append(pt.rows, []string{p.title, p.owner, p.due, p.status})
	}
	d.table(pt)
}

// visits writes the visit log as a table whose notes wrap.
func (d *pdfDoc) visits() {
	d.heading(d.r.t("visits"), 20)
	if len(d.r.visits) == 0 {
		d.para(d.r.t("novisits"))
		return
	}
	vt := table{widths: []float64{28, 36, 46, 70}, align: "LLLL", wrap: true}
	vt.header = []string{d.r.t("date"), d.r.t("coach"), d.r.t("purpose"), d.r.t("notes")}
	for _, v := range d.r.visits {
		vt.rows = append(vt.rows, []string{d.r.date(v.date), dash(v.coach), dash(v.purpose),
			dash(v.notes)})
	}
	d.table(vt)
}

// table is a simple ruled table; with wrap, long cells wrap instead of being shortened.
type table struct {
	widths []float64
	align  string
	wrap   bool
	header []string
	rows   [][]string
}

// table draws t, repeating its header on each new page.
func (d *pdfDoc) table(t table) {
	scale := d.w / sum(t.widths)
	ws := make([]float64, len(t.widths))
	for i, w := range t.widths {
		ws[i] = w * scale
	}
	head := func() {
		d.SetFont("Helvetica", "B", 8.5)
		d.SetFillColor(232, 240, 236)
		for i, h := range t.header {
			d.CellFormat(ws[i], lineH+0.5, d.fit(h, ws[i]), "B", 0, string(t.align[i]), true,
				0, "")
		}
		d.Ln(-1)
		d.SetFont("Helvetica", "", 8.5)
	}
	d.ensure(2 * lineH)
	head()
	for _, row := range t.rows {
		lines := make([][]string, len(row))
		n := 1
		for i, c := range row {
			if t.wrap {
				lines[i] = d.SplitText(d.tr(c), ws[i]-2)
			} else {
				lines[i] = []string{d.fit(c, ws[i])}
			}
			n = max(n, len(lines[i]))
		}
		h := float64(n) * (lineH - 1)
		if _, ph := d.GetPageSize(); d.GetY()+h > ph-margin-6 {
			d.AddPage()
			head()
		}
		y := d.GetY()
		x := margin
		for i := range row {
			for j, ln := range lines[i] {
				d.SetXY(x, y+float64(j)*(lineH-1))
				d.CellFormat(ws[i], lineH-1, ln, "", 0, string(t.align[i]), false, 0, "")
			}
			x += ws[i]
		}
		d.SetDrawColor(225, 225, 225)
		d.Line(margin, y+h+0.5, margin+d.w, y+h+0.5)
		d.SetXY(margin, y+h+1)
	}
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}
