package tui

import "fmt"

// atxt names one on-screen text of the assessment, new-assessment and diagnosis screens.
// They keep their own catalogue beside the shared one so that the screens' engineers can
// edit theirs without stepping on each other.
type atxt int

// The texts of the assessment screens.
const (
	atAssessment atxt = iota
	atNewAssessment
	atDiagnosis
	atKeyEdit
	atKeyYes
	atKeyNo
	atKeyClear
	atKeyNote
	atKeyNextEmpty
	atKeyDiagnosis
	atKeyFinalize
	atKeyAmend
	atKeyRetry
	atKeyAccept
	atKeyLeave
	atKeyConfirm
	atKeyCancel
	atKeyNew
	atKeyResume
	atKeyBands
	atKeyChange
	atKeyGo
	atAllFilled
	atReasonNeeded
	atFilledFromYear
	atPasteTooLong
	atWaitSaving
	atFinalized
	atAmendStarted
	atErrFinal
	atErrDuplicateFinal
	atErrDuplicateDraft
	atErrNoAssess
	atNotAmount
	atTooPrecise
	atUnknownUnit
	atTooLarge
	atNoNegative
	atUnsaved
	atSaving
	atFinal
	atProgress
	atImbalance
	atScore
	atNoPredicate
	atProvisional
	atGroupAssets
	atGroupLiabilities
	atGroupLoans
	atGroupIncome
	atGroupAggregates
	atGroupAdjustment
	atEmptyClears
	atEntered
	atDerived
	atMissingShort
	atUndefinedShort
	atYesShort
	atYes
	atNo
	atNoteFor
	atReasonHelp
	atReason
	atYearChange
	atAggregateHelp
	atLockedBy
	atAmendHint
	atMissingTitle
	atMore
	atConfirmFinal
	atUntypedZero
	atDiagNotes
	atConfirmHelp
	atInstrument
	atYearField
	atYearNew
	atYearDraft
	atYearFinal
	atExisting
	atNoInstrument
	atCoach
	atDiagAspects
	atDiagComponents
	atDiagAdjustments
	atDiagNoAdjustment
	atDiagAdjusted
	atDiagFormula
	atDiagInputs
	atDiagRatio
	atDiagBand
	atDiagStep
	atDiagLinear
	atDiagChecklist
	atDiagMissing
	atDiagCompare
	atDiagNoPrevious
	atDiagCompareNone
	atDiagImproved
	atDiagWorsened
	atDiagUnchanged
	atDiagLive
	atDiagIncomplete
	atDiagZeroDen
	atRoundFloor
	atRoundCeil
	atQuitSaving
	atQuitUnsaved
	atRevision
	atLeaveUnsaved
	atDiagRatedList
	atDiagOtherRubric
	atGroupEligibility
	atDiagIneligible
	numAssessTexts // not a text: the size of the catalogue
)

// assessTexts holds the texts: [0] Indonesian, [1] English.
var assessTexts = map[atxt][2]string{
	atAssessment:    {"Penilaian", "Assessment"},
	atNewAssessment: {"Penilaian baru", "New assessment"},
	atDiagnosis:     {"Diagnosis", "Diagnosis"},
	atKeyEdit:       {"isi", "edit"},
	atKeyYes:        {"ya", "yes"},
	atKeyNo:         {"tidak", "no"},
	atKeyClear:      {"kosongkan", "clear"},
	atKeyNote:       {"catatan", "note"},
	atKeyNextEmpty:  {"yang kosong", "next empty"},
	atKeyDiagnosis:  {"diagnosis", "diagnosis"},
	atKeyFinalize:   {"finalisasi", "finalize"},
	atKeyAmend:      {"revisi", "amend"},
	atKeyRetry:      {"simpan ulang", "retry save"},
	atKeyAccept:     {"simpan", "save"},
	atKeyLeave:      {"selesai", "done"},
	atKeyConfirm:    {"ya", "yes"},
	atKeyCancel:     {"batal", "cancel"},
	atKeyNew:        {"nilai baru", "new assessment"},
	atKeyResume:     {"lanjutkan", "resume"},
	atKeyBands:      {"tabel nilai", "band tables"},
	atKeyChange:     {"ubah", "change"},
	atKeyGo:         {"buka", "open"},
	atAllFilled:     {"Semua butir sudah diisi.", "Every item is filled in."},
	atReasonNeeded:  {"Alasan revisi wajib diisi.", "A reason is required."},
	atFilledFromYear: {"Diisi dari %s penilaian final tahun buku %d.",
		"Filled in from %s of the final assessment of fiscal year %d."},
	atPasteTooLong: {"Tempelan terlalu panjang (maks. %d huruf).",
		"Paste too long (max %d chars)."},
	atWaitSaving: {"Tunggu: masih ada perubahan yang belum tersimpan.",
		"Wait: some changes are not saved yet."},
	atFinalized: {"Penilaian difinalisasi dan dikunci.",
		"Assessment finalized and locked."},
	atAmendStarted: {"Revisi baru dibuat; yang lama tetap tersimpan.",
		"New revision started; the old one stays."},
	atErrFinal: {"penilaian sudah final dan terkunci; buat revisi",
		"the assessment is final and locked; amend it"},
	atErrDuplicateFinal: {"sudah ada penilaian final untuk tahun buku ini; revisi yang itu",
		"a final assessment exists for this fiscal year; amend that one"},
	atErrDuplicateDraft: {"sudah ada draf untuk tahun buku ini",
		"a draft exists for this fiscal year"},
	atErrNoAssess: {"penyimpanan ini tidak mendukung penilaian",
		"this store cannot keep assessments"},
	atNotAmount:   {"tidak terbaca sebagai rupiah", "not read as rupiah"},
	atTooPrecise:  {"lebih dari 2 desimal (sen)", "more than 2 decimals (sen)"},
	atUnknownUnit: {"satuan %q tidak dikenal", "unknown unit %q"},
	atTooLarge:    {"terlalu besar", "too large"},
	atNoNegative:  {"tidak boleh negatif", "cannot be negative"},
	atUnsaved:     {"BELUM TERSIMPAN", "NOT SAVED"},
	atSaving:      {"menyimpan…", "saving…"},
	atFinal:       {"final", "final"},
	atProgress:    {"%d dari %d", "%d of %d"},
	atImbalance: {"aset ≠ kewajiban + ekuitas (selisih %s)",
		"assets ≠ liabilities + equity (off by %s)"},
	atScore:            {"Skor", "Score"},
	atNoPredicate:      {"belum lengkap", "incomplete"},
	atProvisional:      {"(sementara)", "(provisional)"},
	atGroupAssets:      {"Neraca: aset", "Balance sheet: assets"},
	atGroupLiabilities: {"Neraca: kewajiban dan ekuitas", "Balance sheet: liabilities and equity"},
	atGroupLoans:       {"Pinjaman", "Loans"},
	atGroupIncome:      {"Perhitungan hasil usaha", "Income statement"},
	atGroupAggregates: {"Agregat (isi, atau biarkan dihitung)",
		"Aggregates (type, or leave to be derived)"},
	atGroupAdjustment: {"Faktor penyesuaian (kosong = tidak)", "Adjustment factors (empty = no)"},
	atEmptyClears:     {"kosong: enter menghapus nilai", "empty: enter clears the value"},
	atEntered:         {"diisi", "typed"},
	atDerived:         {"dihitung", "derived"},
	atMissingShort:    {"kurang", "missing"},
	atUndefinedShort:  {"tak terdefinisi", "undefined"},
	atYesShort:        {"ya", "yes"},
	atYes:             {"ya", "yes"},
	atNo:              {"tidak", "no"},
	atNoteFor:         {"Catatan %s", "Note on %s"},
	atReasonHelp: {"Revisi membuat draf baru; penilaian final tetap tersimpan.",
		"An amendment starts a new draft; the final one stays."},
	atReason:     {"Alasan revisi", "Reason"},
	atYearChange: {"! %s %% dibanding TB %d (Rp %s)", "! %s %% against FY %d (Rp %s)"},
	atAggregateHelp: {"Agregat: ketik nilainya, atau kosongkan agar dihitung dari rinciannya.",
		"Aggregate: type it, or leave it empty to derive it from its parts."},
	atLockedBy:  {"Terkunci %s oleh %s", "Locked %s by %s"},
	atAmendHint: {"a: revisi dengan alasan", "a: amend with a reason"},
	atMissingTitle: {"Belum bisa difinalisasi: %d komponen belum lengkap",
		"Cannot finalize yet: %d components incomplete"},
	atMore:      {"… dan %d lagi", "… and %d more"},
	atDiagNotes: {"Catatan tentang instrumen %s", "Notes on the instrument %s"},
	atUntypedZero: {"Tidak diisi, dihitung 0 (%d): %s",
		"Never typed, counted as 0 (%d): %s"},
	atConfirmFinal: {"Finalisasi TB %d dengan skor %s, %s? Setelah itu terkunci.",
		"Finalize FY %d at %s, %s? It locks afterwards."},
	atConfirmHelp: {"y: finalisasi · n/esc: batal", "y: finalize · n/esc: cancel"},
	atInstrument:  {"Instrumen", "Instrument"},
	atYearField:   {"Tahun buku", "Fiscal year"},
	atYearNew:     {"baru: enter membuat draf", "new: enter starts a draft"},
	atYearDraft:   {"ada draf: enter melanjutkannya", "has a draft: enter resumes it"},
	atYearFinal: {"sudah final (%s): enter membukanya, a merevisi",
		"final (%s): enter opens it, a amends it"},
	atExisting:        {"Penilaian koperasi ini", "This cooperative's assessments"},
	atNoInstrument:    {"Tidak ada instrumen.", "No instrument."},
	atCoach:           {"Pendamping", "Coach"},
	atDiagAspects:     {"Aspek", "Aspects"},
	atDiagComponents:  {"Komponen", "Components"},
	atDiagAdjustments: {"Faktor penyesuaian", "Adjustments"},
	atDiagNoAdjustment: {"Tidak ada faktor penyesuaian yang mengubah predikat.",
		"No adjustment factor changed the predicate."},
	atDiagAdjusted:    {"%s (%s): %s → %s", "%s (%s): %s → %s"},
	atDiagFormula:     {"rumus", "formula"},
	atDiagInputs:      {"masukan", "inputs"},
	atDiagRatio:       {"rasio", "ratio"},
	atDiagBand:        {"pita", "band"},
	atDiagStep:        {"kelipatan %s, dibulatkan %s", "steps of %s, rounded %s"},
	atDiagLinear:      {"%s + %s × rasio", "%s + %s × ratio"},
	atDiagChecklist:   {"%d jawaban ya × %s", "%d yes answers × %s"},
	atDiagMissing:     {"belum ada: %s", "missing: %s"},
	atDiagCompare:     {"Dibanding TB %d (%s, %s)", "Against FY %d (%s, %s)"},
	atDiagCompareNone: {"Dibanding penilaian sebelumnya", "Against the previous assessment"},
	atDiagNoPrevious: {"Belum ada penilaian final sebelumnya untuk dibandingkan.",
		"No earlier final assessment to compare with."},
	atDiagImproved:   {"membaik", "improved"},
	atDiagWorsened:   {"memburuk", "worsened"},
	atDiagUnchanged:  {"tidak berubah", "unchanged"},
	atDiagLive:       {"langsung dari draf", "live from the draft"},
	atDiagIncomplete: {"belum lengkap: %d komponen", "incomplete: %d components"},
	atDiagZeroDen:    {"penyebut nol", "zero denominator"},
	atRoundFloor:     {"ke bawah", "down"},
	atRoundCeil:      {"ke atas", "up"},
	atRevision:       {"revisi", "revision"},
	atLeaveUnsaved: {"%d perubahan BELUM TERSIMPAN: r simpan ulang, " +
		"esc sekali lagi untuk tetap kembali",
		"%d changes NOT SAVED: r retries, esc again leaves anyway"},
	atQuitSaving: {"Menyimpan sebelum keluar…", "Saving before quitting…"},
	atQuitUnsaved: {"%d perubahan BELUM TERSIMPAN; ctrl+c sekali lagi untuk tetap keluar",
		"%d changes NOT SAVED; ctrl+c again to quit anyway"},
	atDiagRatedList: {"%d dari %d ya = %s %% → nilai %s", "%d of %d yes = %s %% → nilai %s"},
	atDiagOtherRubric: {"Instrumen %s dan %s adalah rubrik berbeda: skornya tidak dibandingkan.",
		"%s and %s are different rubrics: their scores are not compared."},
	atGroupEligibility: {"Syarat pemeriksaan", "Preconditions"},
	atDiagIneligible: {"Syarat pemeriksaan belum terpenuhi (%s): hasil ini ditandai.",
		"Preconditions not met (%s): this result is flagged."},
}

// at returns the text of id in language l.
func (l Language) at(id atxt) string {
	pair, ok := assessTexts[id]
	if !ok {
		return fmt.Sprintf("?a%d", id)
	}
	if l == Indonesian {
		return pair[0]
	}
	return pair[1]
}
