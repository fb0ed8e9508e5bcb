package tui

import (
	"math/big"
	"slices"

	"koroena/scoring"
	"koroena/store"
)

// rowKind says what one line of the assessment screen holds.
type rowKind int

// The kinds of row: headings and components only show; figures and questions take input.
const (
	rowSection rowKind = iota
	rowFigure
	rowComponent
	rowQuestion
)

// assessRow is one line of the assessment screen's list.
type assessRow struct {
	kind rowKind
	id   string // figure, component or question id; for a section, its sectionID
}

// editable reports whether the cursor can rest on the row.
func (r assessRow) editable() bool { return r.kind == rowFigure || r.kind == rowQuestion }

// The statement groups in the order of the statements, then the aggregates.
var figureGroups = []string{
	scoring.GroupAssets, scoring.GroupLiabilities, scoring.GroupLoans, scoring.GroupIncome,
	scoring.GroupAggregates,
}

// Section ids besides the figure groups: aspects are "aspect:<id>".
const (
	sectionAdjustment  = "adjustment"
	sectionEligibility = "eligibility"
	aspectPrefix       = "aspect:"
)

// buildRows lays an instrument out: the figures by statement, then each aspect with its
// components and their questions, then the eligibility preconditions and the adjustment
// factors.
func buildRows(in *scoring.Instrument) []assessRow {
	var rows []assessRow
	groups := slices.Clone(figureGroups)
	for _, f := range in.Figures {
		if !slices.Contains(groups, f.Group) {
			groups = append(groups, f.Group) // a group this screen does not know yet
		}
	}
	for _, g := range groups {
		start := len(rows)
		rows = append(rows, assessRow{rowSection, g})
		for _, f := range in.Figures {
			if f.Group == g {
				rows = append(rows, assessRow{rowFigure, f.ID})
			}
		}
		if len(rows) == start+1 {
			rows = rows[:start]
		}
	}
	for _, asp := range in.Aspects {
		rows = append(rows, assessRow{rowSection, aspectPrefix + asp.ID})
		for _, c := range in.Components {
			if c.Aspect != asp.ID {
				continue
			}
			rows = append(rows, assessRow{rowComponent, c.ID})
			if c.Checklist != nil {
				for _, q := range in.QuestionsOf(c.ID) {
					rows = append(rows, assessRow{rowQuestion, q.ID})
				}
			}
		}
	}
	// An instrument's preconditions (ksp-2021: a closed year, an RAT held, …).
	if qs := in.QuestionsOf(scoring.EligibilityComponent); len(qs) > 0 {
		rows = append(rows, assessRow{rowSection, sectionEligibility})
		for _, q := range qs {
			rows = append(rows, assessRow{rowQuestion, q.ID})
		}
	}
	if qs := in.QuestionsOf(scoring.AdjustmentComponent); len(qs) > 0 {
		rows = append(rows, assessRow{rowSection, sectionAdjustment})
		for _, q := range qs {
			rows = append(rows, assessRow{rowQuestion, q.ID})
		}
	}
	return rows
}

// required reports whether an item counts towards progress: every figure that cannot be
// derived and every checklist question. Aggregates may be left to be derived, and an
// unanswered adjustment factor counts as "no".
func required(in *scoring.Instrument, r assessRow) bool {
	switch r.kind {
	case rowFigure:
		f, ok := in.Figure(r.id)
		return ok && !f.Aggregate()
	case rowQuestion:
		q, ok := in.Question(r.id)
		return ok && q.Component != scoring.AdjustmentComponent
	}
	return false
}

// progress counts the required items that have a value, and all of them.
func (m assessModel) progress() (done, total int) {
	for _, r := range m.rows {
		if !required(m.in, r) {
			continue
		}
		total++
		if m.filled(r) {
			done++
		}
	}
	return done, total
}

// filled reports whether a figure has a value or a question an answer.
func (m assessModel) filled(r assessRow) bool {
	switch r.kind {
	case rowFigure:
		_, ok := m.figures[r.id]
		return ok
	case rowQuestion:
		_, ok := m.answers[r.id]
		return ok
	}
	return false
}

// nextEmpty is the index of the next required item without a value after the cursor,
// wrapping around, or -1 when everything is filled.
func (m assessModel) nextEmpty() int {
	n := len(m.rows)
	for step := 1; step <= n; step++ {
		i := (m.cursor + step) % n
		if required(m.in, m.rows[i]) && !m.filled(m.rows[i]) {
			return i
		}
	}
	return -1
}

// score runs the engine on what the screen holds, saved or still being saved.
func (m assessModel) score() scoring.Result {
	inp, _ := scoring.NewInput(m.in, m.figures, m.answers, m.a.Options)
	return m.in.Score(inp)
}

// derivedOf finds an aggregate's value in a result.
func derivedOf(res scoring.Result, id string) (scoring.DerivedValue, bool) {
	for _, d := range res.Derived {
		if d.ID == id {
			return d, true
		}
	}
	return scoring.DerivedValue{}, false
}

// Lines of the balance sheet for the soft balance check. kewajiban_lancar is left out:
// it is the subtotal of the liability lines, not a line of its own.
var (
	balanceAssets      = "total_aset"
	balanceSubtotals   = []string{"kewajiban_lancar"}
	balanceLiabilities = scoring.GroupLiabilities
)

// imbalance reports total assets against liabilities plus equity, once total assets and
// every line of liabilities and equity are entered.
func (m assessModel) imbalance() (assets, liabEq *big.Rat, off bool) {
	ta, ok := m.figures[balanceAssets]
	if !ok {
		return nil, nil, false
	}
	sum := new(big.Rat)
	for _, f := range m.in.Figures {
		if f.Group != balanceLiabilities || slices.Contains(balanceSubtotals, f.ID) {
			continue
		}
		v, ok := m.figures[f.ID]
		if !ok {
			return nil, nil, false
		}
		r, ok := new(big.Rat).SetString(v)
		if !ok {
			return nil, nil, false
		}
		sum.Add(sum, r)
	}
	assets, ok = new(big.Rat).SetString(ta)
	if !ok {
		return nil, nil, false
	}
	return assets, sum, assets.Cmp(sum) != 0
}

// yearChange is how far a figure moved from the previous final assessment, in percent
// of the old value, when it moved more than half; ok is false otherwise (or without a
// previous value other than zero).
func (m assessModel) yearChange(id string) (pct int64, prev string, ok bool) {
	if m.prev == nil {
		return 0, "", false
	}
	return bigChange(m.prev.Figures[id], m.figures[id])
}

// bigChange compares two contract-form amounts: the change in whole percent of old, and
// whether it is more than 50 %.
func bigChange(old, now string) (int64, string, bool) {
	o, ok1 := new(big.Rat).SetString(old)
	n, ok2 := new(big.Rat).SetString(now)
	if old == "" || now == "" || !ok1 || !ok2 || o.Sign() == 0 {
		return 0, "", false
	}
	d := new(big.Rat).Sub(n, o)
	d.Quo(d, new(big.Rat).Abs(o))
	if new(big.Rat).Abs(d).Cmp(big.NewRat(1, 2)) <= 0 {
		return 0, "", false
	}
	d.Mul(d, big.NewRat(100, 1))
	pct := new(big.Int).Quo(d.Num(), d.Denom()) // towards zero
	return pct.Int64(), old, true
}

// readOnly reports whether a is final or amended: it only shows, and amending is the
// way to change it.
func readOnly(a store.Assessment) bool { return a.Status != store.StatusDraft }
