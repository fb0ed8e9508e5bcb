package scoring

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// Text is a label or sentence in Indonesian (ID) and English (EN).
type Text struct {
	ID string `yaml:"id" json:"id"`
	EN string `yaml:"en" json:"en"`
}

// In returns the text in lang ("id" or "en"); Indonesian is the default.
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.ID
}

// Figure groups: the statement a figure belongs to, in the order screens show them.
const (
	GroupAssets      = "assets"
	GroupLiabilities = "liabilities_equity"
	GroupLoans       = "loans"
	GroupIncome      = "income"
	GroupAggregates  = "aggregates"
)

// Instrument is one version of an assessment rubric, read from data. Its exported fields
// describe it for screens (treat them as read-only); Score applies it. Get one from a
// Registry or ParseInstrument, which check the data and prepare it for scoring.
type Instrument struct {
	// ID is the stable instrument id, e.g. "ksp-2016".
	ID string `yaml:"id"`
	// Version increases with every published change of the data.
	Version int `yaml:"version"`
	// Name is the instrument's title.
	Name Text `yaml:"name"`
	// Notes are what the coach must know about the instrument (provisional wording,
	// unconfirmed rules).
	Notes []Note `yaml:"notes"`
	// Aspects group the components; their Max is the sum of their components' bobot.
	Aspects []Aspect `yaml:"aspects"`
	// Figures are the amounts the assessment asks for, aggregates included.
	Figures []Figure `yaml:"figures"`
	// Components are the scored items, in the order of the rubric.
	Components []Component `yaml:"components"`
	// Questions are the yes/no items: checklist questions and adjustment factors.
	Questions []Question `yaml:"questions"`
	// Options are the named alternatives where sources disagree.
	Options []Option `yaml:"options"`
	// Predicates are the verdicts, best first, each with the lowest total that earns it.
	Predicates []Predicate `yaml:"predicates"`
	// Adjustments are rules that lower the predicate whatever the total.
	Adjustments []Adjustment `yaml:"adjustments"`
	// Lookup is how a ratio meets its band edges: "rounded" (the default: rounded half-up
	// to 2 decimals first) or "exact" (the unrounded ratio; aspect scores and the total are
	// then also compared with predicate edges unrounded).
	Lookup string `yaml:"lookup"`
	// Rating, when set, makes every component a rated indicator: its band tables give a
	// whole nilai within the rating's range, and skor follows from nilai alone.
	Rating *Rating `yaml:"rating"`
	// Tables are band tables shared by name: a component may name one instead of listing
	// its bands, and a choice may replace one for every component that uses it.
	Tables map[string][]Band `yaml:"tables"`

	// Source says where this version was read from: "embedded" or a local file's path.
	Source string `yaml:"-"`

	figIdx  map[string]int
	qIdx    map[string]int
	compIdx map[string]int
	optIdx  map[string]int
	aspIdx  []int    // aspect index of each component
	aspSize []int    // number of components of each aspect
	rules   []*rule  // compiled component rules
	terms   [][]term // compiled derivation of each figure (nil for an entered figure)
	// choiceRules[o][c] holds choice c of option o's replacement rules and derivations.
	choiceRules [][]choiceOverride
	checklist   [][]int    // question indexes of each checklist component
	exact       bool       // Lookup is "exact"
	weighted    bool       // aspects carry weights: the total is their weighted score
	eligibility []int      // question indexes of the eligibility preconditions
	weightRat   []*big.Rat // each aspect's weight as a fraction of one
	minRat      []*big.Rat // each predicate's min (nil for the last)
}

// Lookup values.
const (
	LookupRounded = "rounded"
	LookupExact   = "exact"
)

// Rating describes rated indicators: nilai is a whole number from Min (best) to Max
// (worst) or the other way round, skor = Base + Slope × nilai, and each nilai has a
// category. A rated component's bobot is its highest possible skor, so that an aspect's
// max is the sum of its components' highest skor.
type Rating struct {
	// Min and Max bound the nilai a band may give.
	Min int `yaml:"min"`
	Max int `yaml:"max"`
	// Skor turns a nilai into points.
	Skor SkorLine `yaml:"skor"`
	// Categories name each nilai, e.g. 1 Sehat, 4 Tidak Sehat.
	Categories []Category `yaml:"categories"`
}

// SkorLine is skor = Base + Slope × nilai.
type SkorLine struct {
	// Base is the skor at nilai 0.
	Base Points `yaml:"base"`
	// Slope is the change of skor per unit of nilai.
	Slope Points `yaml:"slope"`
}

// Category is the label of one nilai of a rated indicator.
type Category struct {
	// Nilai is the value it labels.
	Nilai int `yaml:"nilai"`
	// ID is the stable category id, e.g. "cukup_sehat".
	ID string `yaml:"id"`
	// Label is the category's name.
	Label Text `yaml:"label"`
}

// Weighted reports whether the total is the weighted sum of the aspects' scores (each a
// share of its max, 0–100) rather than the plain sum of skor.
func (in *Instrument) Weighted() bool { return in.weighted }

// Category returns the category of a rated nilai.
func (in *Instrument) Category(nilai Points) (Category, bool) {
	if in.Rating == nil {
		return Category{}, false
	}
	for _, c := range in.Rating.Categories {
		if PointsOf(int64(c.Nilai)) == nilai {
			return c, true
		}
	}
	return Category{}, false
}

// Predicate returns the predicate with the given id.
func (in *Instrument) Predicate(id string) (Predicate, bool) {
	for _, p := range in.Predicates {
		if p.ID == id {
			return p, true
		}
	}
	return Predicate{}, false
}

// Ref returns "id@version", the form results and stored assessments use.
func (in *Instrument) Ref() string { return in.ID + "@" + strconv.Itoa(in.Version) }

// Figure returns the figure with the given id.
func (in *Instrument) Figure(id string) (Figure, bool) {
	i, ok := in.figIdx[id]
	if !ok {
		return Figure{}, false
	}
	return in.Figures[i], true
}

// Question returns the question with the given id.
func (in *Instrument) Question(id string) (Question, bool) {
	i, ok := in.qIdx[id]
	if !ok {
		return Question{}, false
	}
	return in.Questions[i], true
}

// Component returns the component with the given id.
func (in *Instrument) Component(id string) (Component, bool) {
	i, ok := in.compIdx[id]
	if !ok {
		return Component{}, false
	}
	return in.Components[i], true
}

// QuestionsOf returns the questions that belong to a component id, or to "adjustment".
func (in *Instrument) QuestionsOf(component string) []Question {
	var qs []Question
	for _, q := range in.Questions {
		if q.Component == component {
			qs = append(qs, q)
		}
	}
	return qs
}

// Note is one remark of the instrument, shown to the coach.
type Note struct {
	// ID names the note, e.g. "wording_provisional".
	ID string `yaml:"id" json:"id"`
	// Text is the note itself.
	Text Text `yaml:"text" json:"text"`
	// AppliesTo, when set, is the part of the assessment the note is about, where screens
	// show it: an aspect id, or NoteAdjustments for the adjustment factors.
	AppliesTo string `yaml:"applies_to,omitempty" json:"applies_to,omitempty"`
}

// NoteAdjustments is the Note.AppliesTo of a note about the adjustment factors.
const NoteAdjustments = "adjustments"

// NotesFor returns the notes about part (an aspect id or NoteAdjustments).
func (in *Instrument) NotesFor(part string) []Note {
	var out []Note
	for _, n := range in.Notes {
		if n.AppliesTo == part {
			out = append(out, n)
		}
	}
	return out
}

// Aspect is a group of components with a maximum score.
type Aspect struct {
	// ID is the aspect id, e.g. "permodalan".
	ID string `yaml:"id"`
	// Label is the aspect's name.
	Label Text `yaml:"label"`
	// Max is the aspect's maximum score, the sum of its components' bobot. A rated
	// instrument may leave it out: it is then computed.
	Max Points `yaml:"max"`
	// Weight, when the instrument weighs its aspects, is the aspect's share of the total
	// in percent: total = Σ weight × skor / max. Either every aspect has one, adding up to
	// 100, or none has.
	Weight *Points `yaml:"weight"`
}

// Figure is one amount of the financial statements, or an aggregate of such amounts.
type Figure struct {
	// ID is the stable figure id, e.g. "kas".
	ID string `yaml:"id"`
	// Group is the statement it belongs to: one of the Group constants.
	Group string `yaml:"group"`
	// Label is the figure's name.
	Label Text `yaml:"label"`
	// Negative reports whether the figure may be below zero (a loss, negative equity).
	Negative bool `yaml:"negative"`
	// Derive lists the terms an aggregate is derived from when it is not entered, e.g.
	// "simpanan_pokok", "0.5 * modal_penyertaan", "-1 * beban_ymh_dibayar". Empty for a
	// figure that can only be entered.
	Derive []string `yaml:"derive"`
	// Note is a remark on the figure (an uncertain derivation), if any.
	Note Text `yaml:"note"`
	// Previous, for a figure of the previous fiscal year, is the id of the figure it is
	// last year's value of (total_aset_lalu: total_aset), so screens can fill it from the
	// previous assessment. The engine treats it as a figure like any other.
	Previous string `yaml:"previous"`
}

// Aggregate reports whether the figure can be derived from others when it is absent.
func (f Figure) Aggregate() bool { return len(f.Derive) > 0 }

// Component is one scored item of the rubric.
type Component struct {
	// ID is the stable component id, e.g. "ms_ta".
	ID string `yaml:"id"`
	// Aspect is the id of the aspect the component belongs to.
	Aspect string `yaml:"aspect"`
	// Label is the component's name.
	Label Text `yaml:"label"`
	// Bobot is the weight: the skor of a component at nilai 100. A checklist's bobot is
	// its number of questions times its points per "ya".
	Bobot Points `yaml:"bobot"`
	// Formula says in words how the ratio is made.
	Formula Text `yaml:"formula"`
	// Note is a remark shown with the component (an unsure rule), if any.
	Note Text `yaml:"note"`
	// Scale holds the ratio and how it becomes a nilai; nil for a checklist, except that a
	// rated checklist has bands (its ratio is the share of "ya" answers).
	Scale `yaml:",inline"`
	// Table names a shared band table of the instrument, in place of Bands. After loading,
	// Bands holds the table's rows.
	Table string `yaml:"table"`
	// Checklist, when set, makes the component a yes/no checklist.
	Checklist *Checklist `yaml:"checklist"`
	// ZeroDenominator, when set, is the nilai given when the denominator is zero;
	// otherwise such a component is undefined.
	ZeroDenominator *Fallback `yaml:"zero_denominator"`
	// NegativeDenominator, when set, is the nilai given when the denominator is below zero
	// (negative equity); otherwise the ratio is computed as it comes.
	NegativeDenominator *Fallback `yaml:"negative_denominator"`
	// NegativeNote, when set, is added to the result when the numerator is negative.
	NegativeNote string `yaml:"negative_note"`
	// Inputs lists the ids of the figures the component reads, in formula order.
	Inputs []string `yaml:"-"`
}

// Scale is how a component's ratio is computed and turned into a nilai: exactly one of
// Bands, Step and Linear is set.
type Scale struct {
	// Ratio is the fraction, in percent, that the component looks up.
	Ratio *Ratio `yaml:"ratio"`
	// Bands is a table of intervals that together cover every ratio.
	Bands []Band `yaml:"bands"`
	// Step gives nilai = size × floor (or ceil) of ratio / size, clamped.
	Step *Step `yaml:"step"`
	// Linear gives nilai = base + slope × ratio, clamped.
	Linear *Linear `yaml:"linear"`
}

// Ratio is num / den × 100, where both sides are sums of figures.
type Ratio struct {
	// Num lists the terms of the numerator.
	Num []string `yaml:"num"`
	// Den lists the terms of the denominator.
	Den []string `yaml:"den"`
	// AbsDen divides by the denominator's absolute value, as growth over a negative base
	// (a loss last year) is measured.
	AbsDen bool `yaml:"abs_den"`
}

// Band is one row of a band table: an interval of the ratio and its nilai.
type Band struct {
	// When is the interval in the rubric's notation: "[20, 40)", "(0, 10]", "< 25",
	// "<= 0", ">= 80", "> 30" or "= 0".
	When string `yaml:"when"`
	// Nilai is the value of a ratio in the interval.
	Nilai Points `yaml:"nilai"`

	iv interval
}

// Contains reports whether a ratio (already rounded) lies in the band.
func (b Band) Contains(x Points) bool { return b.iv.contains(x.u) }

// Step makes nilai from the ratio in steps of Size, rounded down or up.
type Step struct {
	// Size is the width of a step, e.g. 10.
	Size Points `yaml:"size"`
	// Round is "floor" or "ceil".
	Round string `yaml:"round"`
	// Min and Max clamp the nilai.
	Min Points `yaml:"min"`
	Max Points `yaml:"max"`
}

// Linear makes nilai = Base + Slope × x, clamped to [Min, Max].
type Linear struct {
	// Base is the nilai at a ratio of 0.
	Base Points `yaml:"base"`
	// Slope is the change of nilai per percentage point.
	Slope Points `yaml:"slope"`
	// RoundX, when set, rounds the ratio to this many decimals first.
	RoundX *int `yaml:"round_x"`
	// Min and Max clamp the nilai.
	Min Points `yaml:"min"`
	Max Points `yaml:"max"`
}

// Checklist scores a count of "ya" answers: ya × PerYa, or, in a rated instrument, the
// share of "ya" answers (ya / questions × 100) looked up in the component's bands.
type Checklist struct {
	// PerYa is the points each "ya" earns; zero in a rated instrument.
	PerYa Points `yaml:"per_ya"`
}

// Fallback is the nilai of a special case and the note that explains it.
type Fallback struct {
	// Nilai is the value given.
	Nilai Points `yaml:"nilai"`
	// Note says why, in the result.
	Note string `yaml:"note"`
	// Positive, when set, applies instead when the numerator is above zero (growth from
	// nothing last year).
	Positive *Fallback `yaml:"positive"`
	// Undefined leaves the component undefined, with Note saying why (a choice that
	// withdraws a fallback).
	Undefined bool `yaml:"undefined"`
}

// Question is one yes/no item.
type Question struct {
	// ID is the stable question id, e.g. "mu01".
	ID string `yaml:"id"`
	// Component is the checklist component it counts for, "adjustment" or "eligibility".
	Component string `yaml:"component"`
	// Text is the question's wording.
	Text Text `yaml:"text"`
}

// AdjustmentComponent is the Component value of an adjustment factor's question.
const AdjustmentComponent = "adjustment"

// EligibilityComponent is the Component value of an eligibility precondition: a question
// that must be answered "ya" for the examination to be valid. Unmet or unanswered, it
// flags the result (Result.Eligibility) without changing the score.
const EligibilityComponent = "eligibility"

// Option is a named alternative of the instrument, chosen per assessment.
type Option struct {
	// ID is the option id used in Input.Options, e.g. "ms_pdb".
	ID string `yaml:"id"`
	// Label says what the option decides.
	Label Text `yaml:"label"`
	// Default is the id of the choice used when the input names none.
	Default string `yaml:"default"`
	// Choices are the alternatives.
	Choices []Choice `yaml:"choices"`
}

// Choice is one alternative of an option: what it changes in the instrument.
type Choice struct {
	// ID is the choice id, e.g. "linear".
	ID string `yaml:"id"`
	// Label describes the alternative.
	Label Text `yaml:"label"`
	// Components replaces the scale (ratio and/or table) or the special cases of the
	// named components.
	Components map[string]Override `yaml:"components"`
	// Tables replaces shared band tables by name, for every component that uses them.
	// After loading, Components also lists each of those components.
	Tables map[string][]Band `yaml:"tables"`
	// Figures replaces the derivation of the named aggregates.
	Figures map[string][]string `yaml:"figures"`
	// PredicateEdges "exclusive" makes each predicate's min a strict lower bound (a total
	// must be above it), for aspects and the total alike.
	PredicateEdges string `yaml:"predicate_edges"`
}

// Override is what a choice replaces in one component: its scale (the ratio, the table,
// or both) and its special cases. What it leaves out stays as the component has it.
type Override struct {
	// Scale replaces the ratio and/or the table.
	Scale `yaml:",inline"`
	// ZeroDenominator and NegativeDenominator replace the special cases.
	ZeroDenominator     *Fallback `yaml:"zero_denominator"`
	NegativeDenominator *Fallback `yaml:"negative_denominator"`
}

// Predicate is a verdict on the total.
type Predicate struct {
	// ID is the stable predicate id, e.g. "sehat".
	ID string `yaml:"id"`
	// Label is the predicate's name.
	Label Text `yaml:"label"`
	// Min is the lowest total that earns it; nil for the last, catch-all predicate.
	Min *Points `yaml:"min"`
}

// Adjustment is a rule that changes the predicate when any of its questions is "ya".
type Adjustment struct {
	// ID names the rule.
	ID string `yaml:"id"`
	// Label says what the rule does.
	Label Text `yaml:"label"`
	// Questions are the adjustment factors that trigger it.
	Questions []string `yaml:"questions"`
	// Down lowers the predicate this many steps.
	Down int `yaml:"down"`
	// Set replaces the predicate with this one, if it is worse.
	Set string `yaml:"set"`
}

// UnmarshalYAML reads a plain decimal such as 6, 0.25 or -2; a bad value is reported
// with its line, column and path in the file.
func (p *Points) UnmarshalYAML(node ast.Node) error {
	s := strings.Trim(strings.TrimSpace(node.String()), `"'`)
	v, err := ParsePoints(s)
	if err != nil {
		where := node.GetPath()
		if tk := node.GetToken(); tk != nil && tk.Position != nil {
			where = fmt.Sprintf("line %d, column %d: %s", tk.Position.Line,
				tk.Position.Column, strings.TrimPrefix(where, "$."))
		}
		return fmt.Errorf("%s: %q is not a plain number such as 6 or 0.25", where, s)
	}
	*p = v
	return nil
}
