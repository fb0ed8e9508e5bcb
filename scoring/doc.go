// Package scoring turns an assessment's figures and answers into a health score, exactly
// as an instrument's rubric says. It knows no instrument by heart: each instrument
// (ksp-2016, the official KSP/USP assessment of 2016) is a YAML file embedded from
// instruments/, and newer versions may come from the user's instruments folder as an
// fs.FS. The package does no I/O and imports nothing of the project.
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
// derived from, such as "0.5 * modal_penyertaan"), components (ratio num/den, and one of
// bands, step or linear, or a checklist), questions, options, predicates and adjustment
// rules. Loading checks it and names the field at fault: every band table must cover all
// ratios exactly once, each aspect's max must equal its components' bobot, and every id
// must be known. Options are named alternatives where sources disagree; a choice replaces
// the scale of some components or the derivation of some aggregates.
package scoring
