package tui

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"koroena/store"
)

// Settings of the follow-up rules, kept in the store as text.
const (
	// SettingVisitMonths is the prefix of the visit interval settings: the months between
	// routine visits of a cooperative with the predicate that follows the prefix, e.g.
	// "visit_months.dalam_pengawasan_khusus"; "visit_months.none" for one never assessed.
	SettingVisitMonths = "visit_months."
	// SettingRATOverdueMonths is how many months after the end of its fiscal year a
	// cooperative's RAT becomes overdue.
	SettingRATOverdueMonths = "rat_overdue_months"
	// settingDemoToday is the demo city's fixed today (store/demo writes it).
	settingDemoToday = "demo.today"
)

// defaultVisitMonths are the visit intervals when the settings are absent: monthly for
// Dalam Pengawasan Khusus, quarterly for Dalam Pengawasan and a cooperative never
// assessed, half-yearly for Cukup Sehat, yearly for Sehat.
var defaultVisitMonths = map[string]int{
	predPengawasanK: 1, predPengawasan: 3, predCukupSehat: 6, predSehat: 12, "none": 3,
}

// defaultRATOverdueMonths is the RAT deadline after the fiscal year's end.
const defaultRATOverdueMonths = 6

// VisitMonthsDefault is the months between routine visits of a cooperative with
// predicate pred ("none" for one never assessed) when its setting is absent; 0 for an
// unknown predicate.
func VisitMonthsDefault(pred string) int { return defaultVisitMonths[pred] }

// RATOverdueMonthsDefault is the RAT deadline, in months after the fiscal year's end,
// when its setting is absent.
const RATOverdueMonthsDefault = defaultRATOverdueMonths

// DefaultTargetHealthy is the target healthy share, in percent, when its setting is
// absent.
const DefaultTargetHealthy = defaultTargetHealthy

// followRules are the follow-up settings as numbers.
type followRules struct {
	visitMonths map[string]int
	ratMonths   int
}

// rulesFrom reads the follow-up settings, taking the default for an absent or bad value.
func rulesFrom(settings map[string]string) followRules {
	r := followRules{visitMonths: map[string]int{}, ratMonths: defaultRATOverdueMonths}
	for pred, def := range defaultVisitMonths {
		r.visitMonths[pred] = positiveOr(settings[SettingVisitMonths+pred], def)
	}
	r.ratMonths = positiveOr(settings[SettingRATOverdueMonths], defaultRATOverdueMonths)
	return r
}

// positiveOr reads a whole number from 1 to 120, else gives def.
func positiveOr(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 120 {
		return def
	}
	return n
}

// dueKind is what falls due.
type dueKind int

// The kinds of follow-up.
const (
	dueVisit dueKind = iota
	dueTreatment
	dueRAT
)

// dueItem is one thing the office must follow up, on a day.
type dueItem struct {
	kind       dueKind
	date       time.Time
	coop       store.CoopSummary
	treatment  store.Treatment // dueTreatment
	fiscalYear int             // dueRAT: the year whose RAT is missing
}

// dueBucket groups items by when they fall due relative to today.
type dueBucket int

// The buckets, most urgent first.
const (
	bucketOverdue dueBucket = iota
	bucketThisWeek
	bucketLater
)

// followUps lists what active cooperatives have due: routine visits, open plan items with
// a due date and overdue RATs, by date, then cooperative name.
func followUps(sums []store.CoopSummary, items []store.Treatment, r followRules,
	today time.Time,
) []dueItem {
	today = dayOf(today)
	byID := make(map[string]store.CoopSummary, len(sums))
	var out []dueItem
	for _, s := range sums {
		if !s.Active {
			continue
		}
		byID[s.ID] = s
		out = append(out, dueItem{kind: dueVisit, date: nextVisit(s, r), coop: s})
		if deadline, year, late := ratOverdue(s.Cooperative, today, r.ratMonths); late {
			out = append(out, dueItem{kind: dueRAT, date: deadline, coop: s, fiscalYear: year})
		}
	}
	for _, t := range items {
		s, ok := byID[t.CoopID]
		if !ok || !t.Open() || t.Due.IsZero() {
			continue
		}
		out = append(out, dueItem{kind: dueTreatment, date: dayOf(t.Due), coop: s, treatment: t})
	}
	slices.SortStableFunc(out, func(a, b dueItem) int {
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		return cmp.Compare(a.coop.Name, b.coop.Name)
	})
	return out
}

// nextVisit is when a cooperative's next routine visit falls due: its last visit (or,
// never visited, its creation) plus the interval of its latest predicate.
func nextVisit(s store.CoopSummary, r followRules) time.Time {
	pred := "none"
	if s.Latest != nil && s.Latest.Predicate != "" {
		pred = s.Latest.Predicate
	}
	months, ok := r.visitMonths[pred]
	if !ok {
		months = r.visitMonths["none"]
	}
	base := cmp.Or(s.LastVisit, s.CreatedAt)
	if base.IsZero() {
		return time.Time{}
	}
	return addMonths(dayOf(base), months)
}

// ratOverdue reports whether the RAT for the fiscal year that ended last (before today)
// is overdue: none held since that year ended, and the deadline, that many months after
// the end, has passed.
func ratOverdue(c store.Cooperative, today time.Time, months int) (time.Time, int, bool) {
	mm, dd := 12, 31
	if fye := c.FiscalYearEnd; len(fye) == 5 && fye[2] == '-' {
		m, err1 := strconv.Atoi(fye[:2])
		d, err2 := strconv.Atoi(fye[3:])
		if err1 == nil && err2 == nil && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			mm, dd = m, d
		}
	}
	end := dateClamped(today.Year(), time.Month(mm), dd)
	if end.After(today) {
		end = dateClamped(today.Year()-1, time.Month(mm), dd)
	}
	if !c.LastRAT.IsZero() && !dayOf(c.LastRAT).Before(end) {
		return time.Time{}, 0, false
	}
	deadline := addMonths(end, months)
	return deadline, end.Year(), today.After(deadline)
}

// bucketOf puts a due day into overdue (before today), this week (today and the six days
// after) or later.
func bucketOf(date, today time.Time) dueBucket {
	today = dayOf(today)
	switch {
	case date.Before(today):
		return bucketOverdue
	case date.Before(today.AddDate(0, 0, 7)):
		return bucketThisWeek
	}
	return bucketLater
}

// dayOf is t's calendar day at midnight UTC.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// addMonths moves a day by n months, keeping it in its month: 31 January plus one month
// is 28 or 29 February.
func addMonths(t time.Time, n int) time.Time {
	m := int(t.Month()) - 1 + n
	y := t.Year() + m/12
	if m %= 12; m < 0 {
		m += 12
		y--
	}
	return dateClamped(y, time.Month(m+1), t.Day())
}

// dateClamped is the day d of month m in year y, or the month's last day if it is shorter.
func dateClamped(y int, m time.Month, d int) time.Time {
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return time.Date(y, m, min(d, last), 0, 0, 0, 0, time.UTC)
}
