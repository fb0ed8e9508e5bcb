// Package scoring turns an assessment's figures and answers into a health score, exactly
// as an instrument's rubric says. It knows no instrument by heart: each instrument
// (ksp-2016, the KSP/USP assessment of 2016; ksp-2021, the examination of Permenkop
// 9/2020) is a YAML file embedded from instruments/, and newer versions may come from the
// user's instruments folder as an fs.FS. The package does no I/O and imports nothing of
// the project.
//
// # How a score is made
//
// An instrument has aspects (permodalan, likuiditas, …), each made of components. A
// ratio component reads figures from the balance sheet and income statement and computes
//
//	x = num / den × 100      (percent, exact)
//	x rounded half-up to 2 decimals   (the value the table reads)
//	nilai = the scale's value at x    (a band table, a step or a line; 0–100)
//	skor  = nilai × bobot / 100
//
// A checklist component counts "ya" answers instead: skor = ya × points per ya. The
// aspect's skor is the sum of its components', the total the sum of all components'
// skor, rounded to 2 decimals, and the predicate is the first one (best first) whose
// minimum the total reaches. Adjustment factors answered "ya" may then lower it.
//
// # A worked example
//
// Take ksp-2016's component ms_ta (bobot 6) for a cooperative with modal sendiri Rp 19 995
// and total aset Rp 100 000. The exact ratio is 19.995 %, which rounds half-up to 20.00 %.
// The table says [20, 40) → 50, so nilai is 50 and skor = 50 × 6 / 100 = 3. Had the
// table been read with the unrounded 19.995 it would have fallen in (0, 20) → 25: the
// rubric's assessors band the printed ratio, and so does the engine.
//
// A complete assessment of a sound KSP might score, by aspect, permodalan 12 + kualitas
// aktiva produktif 23.5 + manajemen 12.2 + efisiensi 9 + likuiditas 15 + kemandirian 7.75
// + jatidiri 10 = 89.45, which reaches sehat's minimum of 80. Had the coach answered "ya"
// to af01 (books not up to date), the predicate would drop one step to cukup_sehat, and
// Result.Adjustments would say so.
//
// # Rated instruments
//
// An instrument with a rating (ksp-2021) reads every indicator on a short scale instead:
// its band tables give a whole nilai from rating.min to rating.max, skor = base + slope ×
// nilai (ksp-2021: nilai 1 best to 4 worst, skor = 5 − nilai), and each nilai has a
// category (sehat … tidak_sehat). A checklist is then rated too: its ratio is the share of
// "ya" answers, looked up like any ratio. A rated indicator's bobot is its highest skor,
// so an aspect's max is N × 4. With lookup: exact the unrounded ratio meets the band
// edges, compared as integers (num × 100 × 10 000 against edge × den, 128-bit).
//
// When every aspect has a weight, an aspect's score is skor / max × 100 and the total is
// Σ weight × score / 100, kept as an exact fraction: it meets the predicate edges
// unrounded (with lookup: exact) and is rounded to 2 decimals for display. Each aspect
// also gets a predicate once all its components are scored. For ksp-2021's synthetic
// cooperative: tata kelola 51/68 → 75, profil risiko 58/84 → 69.05, kinerja keuangan
// 60/72 → 83.33, permodalan 15/16 → 93.75, so the total is 0.30 × 75 + 0.15 × 69.0476 +
// 0.40 × 83.3333 + 0.15 × 93.75 = 80.2530, which reaches sehat; an input may also give
// aspect scores directly (Input.AspectScores), as a published examination reports them.
//
// Eligibility questions (component "eligibility") are preconditions of a valid
// examination: unmet or unanswered, they flag the result (Result.Eligibility and a note);
// the score is computed all the same.
//
// # Exactness
//
// Amounts are integers of 1/10 000 rupiah: input has at most 2 decimals (sen) and the
// weights of aggregates have at most 2, so every derived aggregate (0.75 × Rp 1 = 0.75) is
// exact. A ratio is computed with a 128-bit intermediate product and rounded once, so a
// ratio of exactly 20 % is 20.00, never 19.999…; band edges are compared as integers.
// Half-up rounding takes a half away from zero, so a negative ratio (a loss) of -0.005 %
// reads -0.01 %. No binary floating point is used on the scoring path. Figures are
// limited to Rp 100 trillion, far above any cooperative, which keeps every sum inside 64
// bits.
//
// # Absent figures and zero denominators
//
// An aggregate (modal sendiri, ATMR, RPM, …) that is entered is used as entered;
// otherwise it is derived from its parts as long as at least one part is entered, the
// absent parts counting as zero (worksheets leave empty lines blank). A component whose
// inputs are absent is "missing" and lists them; a zero denominator makes it "undefined"
// with a note, unless the instrument gives a value for that case (ksp-2016: cadangan_rpm
// scores 100 when there are no problem loans, rasio_kas 25 when there are no current
// liabilities). Missing and undefined components score 0, the assessment is incomplete
// and has no predicate.
//
// # Instrument files
//
// An instrument file lists notes, aspects (with their maximum), figures (with their
// statement group, whether they may be negative and, for aggregates, the terms they are
// derived from, such as "0.5 * modal_penyertaan", and the figure a last-year figure
// belongs to), components (ratio num/den, and one of bands, step or linear, or a
// checklist; a table name instead of bands; rules for a zero or negative denominator),
// questions, options, predicates and adjustment rules; a rated instrument adds lookup,
// rating, tables and aspect weights. Loading checks it and names the field at fault:
// every band table must cover all ratios exactly once, each aspect's max must equal its
// components' bobot, weights must add up to 100, and every id must be known. Options are
// named alternatives where sources disagree; a choice replaces the scale or special cases
// of some components, a shared table, the derivation of some aggregates, or makes the
// predicate edges strict.
package scoring
