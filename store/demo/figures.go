package demo

import (
	"math"
	"math/rand/v2"
	"strconv"
)

// statement is one fiscal year's balance sheet and income statement in whole rupiah, by
// the figure ids of instrument ksp-2016. It is built so that total assets equal
// liabilities plus equity, and current liabilities equal the sum of their lines.
type statement map[string]int64

// figureIDs are the figures a final demo assessment fills: every input of ksp-2016 except
// pinjaman_diberikan and the aggregates, which the engine derives.
var figureIDs = []string{
	"kas", "bank", "simpanan_di_lembaga_lain", "surat_berharga", "pinjaman_anggota",
	"pinjaman_non_anggota", "penyertaan", "pendapatan_ymh_diterima", "aktiva_tetap",
	"total_aset", "kewajiban_lancar", "tabungan", "simpanan_berjangka", "beban_ymh_dibayar",
	"kewajiban_dana_diterima", "kewajiban_lain", "simpanan_pokok", "simpanan_wajib",
	"simpanan_lain_sejenis", "modal_penyetaraan", "modal_penyertaan", "hibah",
	"cadangan_umum", "cadangan_tujuan_risiko", "shu_belum_dibagi", "pinjaman_berisiko",
	"pinjaman_kurang_lancar", "pinjaman_diragukan", "pinjaman_macet",
	"penyisihan_penghapusan_pinjaman", "volume_pinjaman_anggota", "volume_pinjaman",
	"partisipasi_bruto", "beban_pokok", "beban_usaha", "beban_perkoperasian", "shu_kotor",
	"biaya_karyawan", "shu_sebelum_pajak", "shu_bagian_anggota", "pendapatan_non_anggota",
	"mepp",
}

// Lines of the balance sheet, for the balance checks.
var (
	assetLines = []string{
		"kas", "bank", "simpanan_di_lembaga_lain", "surat_berharga", "pinjaman_anggota",
		"pinjaman_non_anggota", "penyertaan", "pendapatan_ymh_diterima", "aktiva_tetap",
	}
	liabilityLines = []string{
		"tabungan", "simpanan_berjangka", "beban_ymh_dibayar", "kewajiban_dana_diterima",
		"kewajiban_lain",
	}
	equityLines = []string{
		"simpanan_pokok", "simpanan_wajib", "simpanan_lain_sejenis", "modal_penyetaraan",
		"modal_penyertaan", "hibah", "cadangan_umum", "cadangan_tujuan_risiko",
		"shu_belum_dibagi",
	}
)

// sum adds the given lines of s.
func (s statement) sum(ids []string) int64 {
	var t int64
	for _, id := range ids {
		t += s[id]
	}
	return t
}

// strings returns the figures in the contract's decimal form.
func (s statement) strings() map[string]string {
	m := make(map[string]string, len(s))
	for id, v := range s {
		m[id] = strconv.FormatInt(v, 10)
	}
	return m
}

// level draws how well one component does for a cooperative of health h (0 worst, 1 best):
// 0 is the best of n bands, n−1 the worst. The spread lets a healthy cooperative have a
// weak spot and a sick one a strength.
func level(r *rand.Rand, h float64, n int) int {
	x := (1-h)*float64(n) + (r.Float64()-0.5)*1.6
	return max(0, min(n-1, int(math.Floor(x))))
}

// span is a range of a ratio, as a fraction.
type span struct{ lo, hi float64 }

// draw returns a ratio from the span chosen for level lv among spans (best first).
func draw(r *rand.Rand, lv int, spans ...span) float64 {
	s := spans[min(lv, len(spans)-1)]
	return between(r, s.lo, s.hi)
}

// part returns the share f of amount x, rounded to whole rupiah.
func part(x int64, f float64) int64 {
	return int64(math.Round(float64(x) * f))
}

// newStatement builds the statement of a cooperative with total assets of about size
// rupiah and health h. Each ratio of the instrument is aimed at the middle of a band
// chosen from h, so that the score follows h without being a function of it.
func newStatement(r *rand.Rand, size int64, h float64) statement {
	s := statement{"total_aset": size}
	equity := buildEquity(r, s, size, h)
	buildLiabilities(r, s, size-equity)
	buildAssets(r, s, size, h)
	buildLoans(r, s, h)
	buildIncome(r, s, h)
	settleEquity(s, equity)
	return s
}

// buildEquity sets the equity lines except cadangan_umum and shu_belum_dibagi, and returns
// the equity the statement aims at (the ms_ta lever).
func buildEquity(r *rand.Rand, s statement, size int64, h float64) int64 {
	share := draw(r, level(r, h, 3),
		span{0.42, 0.57}, span{0.23, 0.37}, span{0.09, 0.18})
	if share < 0.3 && chance(r, 0.15) {
		share = between(r, 0.62, 0.86) // the idle-capital kind of weakness
	}
	e := part(size, share)
	s["simpanan_pokok"] = part(e, between(r, 0.04, 0.10))
	s["simpanan_wajib"] = part(e, between(r, 0.30, 0.50))
	s["simpanan_lain_sejenis"] = optional(r, 0.3, e, 0.01, 0.05)
	s["modal_penyetaraan"] = optional(r, 0.1, e, 0.02, 0.05)
	s["modal_penyertaan"] = optional(r, 0.3, e, 0.02, 0.08)
	s["hibah"] = optional(r, 0.5, e, 0.005, 0.03)
	s["cadangan_tujuan_risiko"] = part(e, between(r, 0.02, 0.06))
	return e
}

// optional returns, with probability p, a share of x drawn from [lo, hi); else 0.
func optional(r *rand.Rand, p float64, x int64, lo, hi float64) int64 {
	if !chance(r, p) {
		return 0
	}
	return part(x, between(r, lo, hi))
}

// buildLiabilities splits the liabilities into their lines; tabungan takes the rest.
func buildLiabilities(r *rand.Rand, s statement, total int64) {
	s["simpanan_berjangka"] = part(total, between(r, 0.18, 0.40))
	s["beban_ymh_dibayar"] = part(total, between(r, 0.005, 0.03))
	s["kewajiban_dana_diterima"] = optional(r, 0.5, total, 0.01, 0.10)
	s["kewajiban_lain"] = optional(r, 0.4, total, 0.002, 0.03)
	s["tabungan"] = total - s.sum(liabilityLines[1:])
	s["kewajiban_lancar"] = total
}

// buildAssets spreads the assets; outstanding loans take the rest. Cash against current
// liabilities is the rasio_kas lever, deposits at other institutions the ldr lever.
func buildAssets(r *rand.Rand, s statement, size int64, h float64) {
	cashShare := draw(r, level(r, h, 3), span{0.105, 0.145}, span{0.155, 0.195},
		span{0.03, 0.09})
	if cashShare < 0.1 && chance(r, 0.4) {
		cashShare = between(r, 0.22, 0.45) // idle cash loses too
	}
	cash := part(s["kewajiban_lancar"], cashShare)
	s["kas"] = part(cash, between(r, 0.15, 0.45))
	s["bank"] = cash - s["kas"]
	s["aktiva_tetap"] = part(size, between(r, 0.01, 0.06))
	s["penyertaan"] = optional(r, 0.3, size, 0.003, 0.02)
	s["pendapatan_ymh_diterima"] = part(size, between(r, 0.003, 0.012))
	s["surat_berharga"] = optional(r, 0.2, size, 0.005, 0.03)
	s["simpanan_di_lembaga_lain"] = part(size, draw(r, level(r, h, 3),
		span{0.01, 0.05}, span{0.12, 0.18}, span{0.22, 0.34}))

	// Keep at least a fifth of the assets in loans: a savings-and-loan cooperative lends.
	loans := size - s.sum(assetLines[:4]) - s.sum(assetLines[6:])
	if floor := size / 5; loans < floor {
		s["simpanan_di_lembaga_lain"] = max(0, s["simpanan_di_lembaga_lain"]-(floor-loans))
		loans = size - s.sum(assetLines[:4]) - s.sum(assetLines[6:])
	}
	nonMember := part(loans, draw(r, level(r, h, 3),
		span{0.02, 0.12}, span{0.15, 0.30}, span{0.30, 0.55}))
	s["pinjaman_non_anggota"] = nonMember
	s["pinjaman_anggota"] = loans - nonMember
}

// buildLoans sets the quality of the loans: risky loans, loans by collectibility, the
// allowance, and the year's disbursements.
func buildLoans(r *rand.Rand, s statement, h float64) {
	pd := s["pinjaman_anggota"] + s["pinjaman_non_anggota"]
	s["pinjaman_berisiko"] = part(pd, draw(r, level(r, h, 4),
		span{0.06, 0.195}, span{0.215, 0.255}, span{0.265, 0.295}, span{0.32, 0.5}))

	// Problem loans, weighted as RPM weighs them.
	rpmShare := draw(r, level(r, h, 5), span{0.01, 0.095}, span{0.105, 0.195},
		span{0.205, 0.295}, span{0.305, 0.395}, span{0.46, 0.6})
	if h > 0.85 && chance(r, 0.15) {
		rpmShare = 0
	}
	wKL, wD, wM := between(r, 0.3, 1), between(r, 0.2, 1), between(r, 0.2, 1)
	unit := float64(pd) * rpmShare / (0.5*wKL + 0.75*wD + wM)
	s["pinjaman_kurang_lancar"] = int64(math.Round(unit * wKL))
	s["pinjaman_diragukan"] = int64(math.Round(unit * wD))
	s["pinjaman_macet"] = int64(math.Round(unit * wM))

	// The allowance covers a share of the risk; the risk reserve in equity counts too.
	rpm := 0.5*float64(s["pinjaman_kurang_lancar"]) + 0.75*float64(s["pinjaman_diragukan"]) +
		float64(s["pinjaman_macet"])
	cover := draw(r, level(r, h, 4), span{0.92, 1.3}, span{0.62, 0.88}, span{0.32, 0.58},
		span{0.05, 0.28})
	allowance := int64(math.Round(rpm*cover)) - s["cadangan_tujuan_risiko"]
	if rpm == 0 {
		allowance = part(pd, between(r, 0.002, 0.01))
	}
	s["penyisihan_penghapusan_pinjaman"] = max(0, allowance)

	volume := part(pd, between(r, 0.9, 1.6))
	s["volume_pinjaman"] = volume
	s["volume_pinjaman_anggota"] = part(volume, draw(r, level(r, h, 4),
		span{0.80, 0.97}, span{0.55, 0.72}, span{0.30, 0.48}, span{0.10, 0.22}))
}

// buildIncome sets the income statement from the loans and the savings they are funded by.
func buildIncome(r *rand.Rand, s statement, h float64) {
	pd := s["pinjaman_anggota"] + s["pinjaman_non_anggota"]
	revenue := part(pd, between(r, 0.13, 0.24))
	pb := part(revenue, draw(r, level(r, h, 4),
		span{0.80, 0.97}, span{0.55, 0.72}, span{0.30, 0.48}, span{0.12, 0.22}))
	s["partisipasi_bruto"] = pb
	s["pendapatan_non_anggota"] = revenue - pb

	// The cost of funds cannot eat all of the members' participation.
	funds := s["tabungan"] + s["simpanan_berjangka"]
	s["beban_pokok"] = min(part(funds, between(r, 0.03, 0.07)), part(pb, between(r, 0.25, 0.7)))
	gross := pb - s["beban_pokok"]
	s["shu_kotor"] = gross
	s["beban_usaha"] = part(gross, draw(r, level(r, h, 4),
		span{0.25, 0.39}, span{0.42, 0.59}, span{0.62, 0.79}, span{0.82, 1.2}))
	s["beban_perkoperasian"] = part(gross, between(r, 0.02, 0.08))
	s["biaya_karyawan"] = part(s["beban_usaha"], between(r, 0.35, 0.6))

	before := gross - s["beban_usaha"] - s["beban_perkoperasian"] +
		part(s["pendapatan_non_anggota"], between(r, 0.2, 0.6))
	s["shu_sebelum_pajak"] = before
	s["mepp"] = part(pb, between(r, 0.02, 0.08))
	if before > 0 {
		s["shu_bagian_anggota"] = part(before, 0.9*between(r, 0.4, 0.6))
		s["shu_belum_dibagi"] = part(before, between(r, 0.75, 0.9))
	} else {
		s["shu_bagian_anggota"] = 0
		s["shu_belum_dibagi"] = before // a loss
	}
}

// settleEquity makes the books balance: cadangan_umum takes what the equity aimed at
// leaves, and if the year's result leaves nothing for it, the savings take up the rest.
func settleEquity(s statement, aim int64) {
	s["cadangan_umum"] = 0
	s["cadangan_umum"] = max(0, aim-s.sum(equityLines))
	liabilities := s["total_aset"] - s.sum(equityLines)
	s["tabungan"] += liabilities - s["kewajiban_lancar"]
	s["kewajiban_lancar"] = liabilities
}
