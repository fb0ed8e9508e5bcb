// Package diagnosis turns a scored assessment into named conditions (penyakit), each with
// its evidence and recommended treatments (resep).
//
// The catalogue is data: conditions/conditions.yaml and conditions/treatments.yaml are
// embedded, and files in the user's <config>/koroena/conditions/ folder add entries or
// replace entries with the same id (Load). The package is pure: it reads files only
// through the fs.FS it is given.
//
// # Triggers
//
// A condition fires when any of its triggers does. A trigger tests one measure:
//
//   - a component's ratio, e.g. {component: ms_ta, ratio: "< 40"}: the ratio in percent
//     as the scoring engine rounded it;
//   - a component's nilai, e.g. {instrument: ksp-2021, component: KK.L2, nilai: ">= 2"};
//   - a checklist's number of "ya" answers, e.g. {component: kelembagaan, ya: "< 6"};
//   - an aspect's skor, e.g. {aspect: likuiditas, skor: "< 10"};
//   - a question's answer, e.g. {question: af06, answer: true} (an adjustment factor
//     present) or {question: mu08, answer: false} (a checklist item missing).
//
// Tests use the instruments' band notation ("< 40", "[20, 40)", "= 0"). A component that
// was not scored (missing inputs, zero denominator) fires nothing: the diagnosis names only
// what the figures show.
//
// # Severity and order
//
// levels on a trigger map ringan, sedang and berat to tests of the same measure. Without
// them a ratio or nilai trigger takes the severity from the component's nilai (≥ 75
// ringan, ≥ 40 sedang, below that berat), a checklist the same way from its share of "ya"
// (≥ 75 % ringan, ≥ 40 % sedang, below berat) and an aspect from its skor against its
// maximum; a question trigger has a fixed level. A condition takes the worst severity of
// its fired triggers.
//
// The points a condition costs are the sum, over the components of its fired triggers
// (each counted once), of bobot − skor; a fired question trigger costs the points its
// "tidak" lost (the checklist's points per "ya"). Findings are ordered by points lost,
// then severity, then catalogue order. Example: ms_ta at 15 % (nilai 25, bobot 6) costs
// 6 − 1.5 = 4.5 points and is sedang for modal_kurang ("(0, 20)").
package diagnosis
