package report

import (
	"fmt"
	"io"
	"strings"
)

// writeMarkdown writes the record as Markdown.
func (r *record) writeMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s\n\n", r.t("title"), mdText(r.coop.Name))
	fmt.Fprintf(&b, "%s · %s %s\n\n", mdText(r.officeName()), r.t("made"), r.date(r.made))

	fmt.Fprintf(&b, "## %s\n\n| | |\n|---|---|\n", r.t("profile"))
	for _, row := range r.profileRows() {
		fmt.Fprintf(&b, "| %s | %s |\n", row[0], mdText(row[1]))
	}

	fmt.Fprintf(&b, "\n## %s\n\n", r.t("chart"))
	if len(r.years) == 0 {
		fmt.Fprintf(&b, "%s\n", r.t("noscores"))
	} else {
		// One block of lines per instrument, a blank line between them, each year named
		// with its instrument: totals of different rubrics are not one line (issue 7).
		b.WriteString("```\n")
		for i, run := range r.series() {
			if i > 0 {
				b.WriteString("\n")
			}
			for _, y := range run {
				n := int(max(0, min(100, y.total))/5 + 0.5)
				fmt.Fprintf(&b, "%d  %-8s  %s%s %6s  %s\n", y.year, y.instrument,
					strings.Repeat("█", n), strings.Repeat("░", 20-n), r.num(y.totalText),
					y.label)
			}
		}
		b.WriteString("```\n")
		if note := r.rubricsNote(); note != "" {
			fmt.Fprintf(&b, "\n%s\n", note)
		}
	}

	r.markdownDiagnosis(&b)

	fmt.Fprintf(&b, "\n## %s\n\n", r.t("treatment"))
	if plan := r.planRows(); len(plan) == 0 {
		fmt.Fprintf(&b, "%s\n", r.t("notreatment"))
	} else {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n|---|---|---|---|\n", r.t("title2"),
			r.t("owner"), r.t("due"), r.t("status"))
		for _, p := range plan {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", mdText(p.title), mdText(p.owner),
				p.due, p.status)
		}
	}

	fmt.Fprintf(&b, "\n## %s\n\n", r.t("visits"))
	if len(r.visits) == 0 {
		fmt.Fprintf(&b, "%s\n", r.t("novisits"))
	} else {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n|---|---|---|---|\n", r.t("date"),
			r.t("coach"), r.t("purpose"), r.t("notes"))
		for _, v := range r.visits {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.date(v.date), mdText(dash(v.coach)),
				mdText(dash(v.purpose)), mdText(dash(v.notes)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownDiagnosis writes the latest assessment's section.
func (r *record) markdownDiagnosis(b *strings.Builder) {
	fmt.Fprintf(b, "\n## %s\n\n", r.t("diagnosis"))
	l := r.latest
	if l == nil {
		fmt.Fprintf(b, "%s\n", r.t("noscores"))
		if r.drafts > 0 {
			fmt.Fprintf(b, "\n"+r.t("drafts")+"\n", r.drafts)
		}
		return
	}
	fmt.Fprintf(b, "**%s %d** · %s %s@%d · %s\n\n", r.t("year"), l.a.FiscalYear,
		r.t("instrument"), l.a.Instrument, l.a.Version, mdText(r.finalizedLine(l.a)))
	fmt.Fprintf(b, "**%s %s · %s**\n", r.t("total"), r.num(l.a.Result.Total), l.label)
	for _, c := range r.comparisons() {
		fmt.Fprintf(b, "\n%s\n", mdText(c))
	}
	aspects, comps := r.tables()
	if aspects == nil {
		fmt.Fprintf(b, "\n"+r.t("norescore")+"\n", fmt.Sprintf("%s@%d", l.a.Instrument,
			l.a.Version))
		return
	}
	fmt.Fprintf(b, "\n| %s | %s | %s |\n|---|---:|---:|\n", r.t("aspect"), r.t("skor"),
		r.t("max"))
	for _, a := range aspects {
		fmt.Fprintf(b, "| %s | %s | %s |\n", mdText(a.label), a.skor, a.max)
	}
	fmt.Fprintf(b, "\n| %s | %s | %s | %s | %s | %s |\n|---|---|---:|---:|---:|---:|\n",
		r.t("aspect"), r.t("component"), r.t("ratio"), r.t("nilai"), r.t("bobot"),
		r.t("skor"))
	for _, c := range comps {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", mdText(c.aspect),
			mdText(c.label), c.ratio, c.nilai, c.bobot, c.skor)
	}
	fmt.Fprintf(b, "\n### %s\n\n", r.t("findings"))
	if rows := r.findingRows(); len(rows) == 0 {
		fmt.Fprintf(b, "%s\n", r.t("nofindings"))
	} else {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n|---|---|---:|---|\n", r.t("condition"),
			r.t("severity"), r.t("lost"), r.t("remedy"))
		for _, f := range rows {
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", mdText(f.name), f.severity, f.lost,
				mdText(f.treatments))
		}
	}
	if notes := r.instrumentNotes(); len(notes) > 0 {
		fmt.Fprintf(b, "\n### %s\n\n", fmt.Sprintf(r.t("innotes"), l.a.Instrument, l.a.Version))
		for _, n := range notes {
			fmt.Fprintf(b, "- %s\n", n)
		}
	}
	if r.drafts > 0 {
		fmt.Fprintf(b, "\n"+r.t("drafts")+"\n", r.drafts)
	}
}

// mdText keeps a value on one table line and its pipes from splitting cells.
func mdText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "|", "\\|")
}
