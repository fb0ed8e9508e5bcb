package tui

import (
	"fmt"

	"koroena/store"
)

// ctxt names one on-screen text of the care screens: plan, visit, follow-up, city,
// training and the diagnosis' conditions. They keep their own catalogue so that other
// screens' engineers can edit theirs without stepping on each other.
type ctxt int

// The texts of the care screens.
const (
	ctFollowUp ctxt = iota
	ctCity
	ctTraining
	ctPlan
	ctVisit
	ctCoopsBehind
	ctOverdue
	ctThisWeek
	ctLater
	ctKindVisit
	ctKindTreatment
	ctKindRAT
	ctAllCoaches
	ctCoachFilter
	ctNothingDue
	ctVisitDue
	ctRATDue
	ctHealthyShare
	ctNeedMore
	ctTargetMet
	ctChange
	ctWholeCity
	ctDimKecamatan
	ctDimKelurahan
	ctDimType
	ctDimCoach
	ctColAll
	ctColNone
	ctColUp
	ctColDown
	ctNotAssessed
	ctTopicCoops
	ctNoTraining
	ctExported
	ctExportFailed
	ctNoExportDir
	ctPlanItems
	ctRecommended
	ctNoFinal
	ctEmptyPlan
	ctNothingToAdd
	ctConditions
	ctNoConditions
	ctLost
	ctFieldDate
	ctFieldCoach
	ctFieldPurpose
	ctFieldNotes
	ctReviewed
	ctUnchanged
	ctNoOpenItems
	ctBadDate
	ctVisitSaved
	ctTreatmentSaved
	ctTreatmentAdded
	ctNoCareStore
	ctDue
	ctNoDue
	ctKeyFollowUp
	ctKeyCity
	ctKeyTraining
	ctKeyPlan
	ctKeyVisit
	ctKeyAdd
	ctKeyStatus
	ctKeyOwner
	ctKeyLater
	ctKeyEarlier
	ctKeyNote
	ctKeySave
	ctKeyExport
	ctKeyDimension
	ctKeyCoach
	ctKeyChange
	ctKeyLeft
	ctKeyRight
	ctEvidenceRatio
	ctEvidenceChecklist
	ctEvidenceAnswer
	ctEvidenceAspect
	ctAnswerYes
	ctAnswerNo
	ctSaving
	ctKeyKind
	ctAllKinds
)

// careCatalogue holds each text in Indonesian and English.
var careCatalogue = map[ctxt][2]string{
	ctFollowUp:      {"Tindak lanjut", "Follow-up"},
	ctCity:          {"Kota", "City"},
	ctTraining:      {"Sasaran pelatihan", "Training targets"},
	ctPlan:          {"Rencana pengobatan", "Treatment plan"},
	ctVisit:         {"Catat kunjungan", "Record a visit"},
	ctCoopsBehind:   {"Koperasi", "Cooperatives"},
	ctOverdue:       {"Terlambat", "Overdue"},
	ctThisWeek:      {"Minggu ini", "This week"},
	ctLater:         {"Nanti", "Later"},
	ctKindVisit:     {"Kunjungan", "Visit"},
	ctKindTreatment: {"Pengobatan", "Treatment"},
	ctKindRAT:       {"RAT", "RAT"},
	ctAllCoaches:    {"semua pendamping", "all coaches"},
	ctCoachFilter:   {"Pendamping: %s", "Coach: %s"},
	ctNothingDue:    {"Tidak ada yang jatuh tempo.", "Nothing is due."},
	ctVisitDue:      {"kunjungan rutin (%s)", "routine visit (%s)"},
	ctRATDue:        {"RAT tahun buku %d belum diadakan", "RAT of fiscal year %d not held"},
	ctHealthyShare: {
		"%d dari %d %s (%s %%) · target %s %%",
		"%d of %d %s (%s %%) · target %s %%",
	},
	ctNeedMore:  {"perlu %d koperasi sehat lagi", "%d more healthy cooperatives needed"},
	ctTargetMet: {"target tercapai", "target reached"},
	ctChange: {
		"Sejak tahun lalu: %d naik, %d turun, %d tetap",
		"Since last year: %d up, %d down, %d same",
	},
	ctWholeCity:    {"Seluruh kota", "Whole city"},
	ctDimKecamatan: {"Kecamatan", "Kecamatan"},
	ctDimKelurahan: {"Kelurahan", "Kelurahan"},
	ctDimType:      {"Jenis usaha", "Business type"},
	ctDimCoach:     {"Pendamping", "Coach"},
	ctColAll:       {"Jml", "All"},
	ctColNone:      {"Blm", "N/a"},
	ctColUp:        {"Naik", "Up"},
	ctColDown:      {"Turun", "Down"},
	ctNotAssessed:  {"belum dinilai", "not assessed"},
	ctTopicCoops:   {"%d koperasi", "%d cooperatives"},
	ctNoTraining: {
		"Belum ada pelatihan dalam rencana yang terbuka.",
		"No training in open plans yet.",
	},
	ctExported:     {"Daftar undangan ditulis ke %s", "Invitation list written to %s"},
	ctExportFailed: {"Gagal menulis CSV: %v", "Could not write the CSV: %v"},
	ctNoExportDir:  {"Tidak ada folder ekspor", "No export folder"},
	ctPlanItems:    {"Rencana", "Plan"},
	ctRecommended: {
		"Resep dari diagnosis tahun buku %d",
		"Recommended by the diagnosis of fiscal year %d",
	},
	ctNoFinal: {
		"Belum ada penilaian final untuk didiagnosis.",
		"No final assessment to diagnose yet.",
	},
	ctEmptyPlan: {"Belum ada pengobatan dalam rencana.", "No treatments in the plan yet."},
	ctNothingToAdd: {
		"Semua resep sudah ada dalam rencana.",
		"Every recommendation is in the plan.",
	},
	ctConditions:     {"Penyakit dan resep", "Conditions and treatments"},
	ctNoConditions:   {"Tidak ditemukan penyakit.", "No conditions found."},
	ctLost:           {"−%s poin", "−%s points"},
	ctFieldDate:      {"Tanggal", "Date"},
	ctFieldCoach:     {"Pendamping", "Coach"},
	ctFieldPurpose:   {"Tujuan", "Purpose"},
	ctFieldNotes:     {"Catatan", "Notes"},
	ctReviewed:       {"Pengobatan yang ditinjau", "Treatments reviewed"},
	ctUnchanged:      {"tetap", "unchanged"},
	ctNoOpenItems:    {"Tidak ada pengobatan terbuka.", "No open treatments."},
	ctBadDate:        {"Tanggal harus TTTT-BB-HH", "Date must be YYYY-MM-DD"},
	ctVisitSaved:     {"Kunjungan tersimpan", "Visit saved"},
	ctTreatmentSaved: {"Tersimpan", "Saved"},
	ctTreatmentAdded: {"Ditambahkan ke rencana", "Added to the plan"},
	ctNoCareStore:    {"Data ini tidak bisa menyimpan rencana", "This data cannot keep plans"},
	ctDue:            {"tenggat %s", "due %s"},
	ctNoDue:          {"tanpa tenggat", "no due date"},
	ctKeyFollowUp:    {"tindak lanjut", "follow-up"},
	ctKeyCity:        {"kota", "city"},
	ctKeyTraining:    {"pelatihan", "training"},
	ctKeyPlan:        {"rencana", "plan"},
	ctKeyVisit:       {"kunjungan", "visit"},
	ctKeyAdd:         {"tambah", "add"},
	ctKeyStatus:      {"status", "status"},
	ctKeyOwner:       {"pemilik", "owner"},
	ctKeyLater:       {"+7 hari", "+7 days"},
	ctKeyEarlier:     {"−7 hari", "−7 days"},
	ctKeyNote:        {"catatan", "note"},
	ctKeySave:        {"simpan", "save"},
	ctKeyExport:      {"CSV undangan", "invitation CSV"},
	ctKeyDimension:   {"kelompok", "group by"},
	ctKeyCoach:       {"pendamping", "coach"},
	ctKeyChange:      {"ubah", "change"},
	ctKeyLeft:        {"kiri", "left"},
	ctKeyRight:       {"kanan", "right"},
	ctEvidenceRatio: {
		"%s: rasio %s %% (pita %s, nilai %s), skor %s/%s",
		"%s: ratio %s %% (band %s, nilai %s), skor %s/%s",
	},
	ctEvidenceChecklist: {"%s: %d dari %d ya, skor %s/%s", "%s: %d of %d yes, skor %s/%s"},
	ctEvidenceAnswer:    {"%s dijawab %s: %s", "%s answered %s: %s"},
	ctEvidenceAspect:    {"aspek %s: skor %s/%s", "aspect %s: skor %s/%s"},
	ctAnswerYes:         {"ya", "yes"},
	ctAnswerNo:          {"tidak", "no"},
	ctSaving:            {"Menyimpan…", "Saving…"},
	ctKeyKind:           {"jenis", "kind"},
	ctAllKinds:          {"Semua jenis", "All kinds"},
}

// ct returns the care text id in language l.
func (l Language) ct(id ctxt) string {
	pair, ok := careCatalogue[id]
	if !ok {
		return fmt.Sprintf("?c%d", id)
	}
	return l.pick(pair, "")
}

// ctf formats the care text id in language l with args.
func (l Language) ctf(id ctxt, args ...any) string { return fmt.Sprintf(l.ct(id), args...) }

// treatmentStatusNames labels the plan statuses.
var treatmentStatusNames = map[store.TreatmentStatus][2]string{
	store.TreatmentPlanned:    {"direncanakan", "planned"},
	store.TreatmentInProgress: {"berjalan", "in progress"},
	store.TreatmentDone:       {"selesai", "done"},
	store.TreatmentDropped:    {"dibatalkan", "dropped"},
}

// ownerNames labels the plan owners.
var ownerNames = map[string][2]string{
	"board":   {"pengurus", "board"},
	"manager": {"pengelola", "manager"},
	"coach":   {"pendamping", "coach"},
	"office":  {"dinas", "office"},
}

// treatmentTypeNames labels the treatment types.
var treatmentTypeNames = map[string][2]string{
	"modul": {"modul", "module"},
	"aksi":  {"aksi", "action"},
	"latih": {"pelatihan", "training"},
	"awas":  {"pengawasan", "supervision"},
}

// severityNames labels the severities by their ids.
var severityNames = map[string][2]string{
	"ringan": {"ringan", "mild"},
	"sedang": {"sedang", "moderate"},
	"berat":  {"berat", "severe"},
}

// treatmentStatus labels a plan status.
func (l Language) treatmentStatus(s store.TreatmentStatus) string {
	return l.pick(treatmentStatusNames[s], string(s))
}

// owner labels a plan owner.
func (l Language) owner(id string) string { return l.pick(ownerNames[id], id) }

// treatmentType labels a treatment type.
func (l Language) treatmentType(id string) string { return l.pick(treatmentTypeNames[id], id) }

// severity labels a severity id.
func (l Language) severity(id string) string { return l.pick(severityNames[id], id) }
