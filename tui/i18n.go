package tui

import (
	"fmt"
	"strings"
)

// Language is the language of every word on screen.
type Language string

// The languages the screens speak.
const (
	Indonesian Language = "id"
	English    Language = "en"
)

// SettingLanguage is the store setting that keeps the language chosen on the list.
const SettingLanguage = "lang"

// SettingTargetHealthy is the store setting that keeps the target healthy share in percent.
const SettingTargetHealthy = "target_healthy_pct"

// defaultTargetHealthy is the target healthy share when the setting is absent.
const defaultTargetHealthy = "20"

// ParseLanguage reads a language code such as "id" or "en" (any case, surrounding space
// ignored) and reports whether it is one the screens speak.
func ParseLanguage(s string) (Language, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "id":
		return Indonesian, true
	case "en":
		return English, true
	}
	return "", false
}

// SettingReader is the part of the store that ResolveLanguage reads.
type SettingReader interface {
	Setting(key string) (string, bool, error)
}

// ResolveLanguage picks the screens' language: the flag (--lang) if given, else the saved
// setting, else the locale (LC_ALL, then LANG, starting with "id" means Indonesian), else
// English. A flag that names no known language is an error.
func ResolveLanguage(flag string, settings SettingReader,
	getenv func(string) string,
) (Language, error) {
	if flag != "" {
		l, ok := ParseLanguage(flag)
		if !ok {
			return "", fmt.Errorf("--lang %q: choose id or en", flag)
		}
		return l, nil
	}
	if settings != nil {
		saved, ok, err := settings.Setting(SettingLanguage)
		if err != nil {
			return "", fmt.Errorf("read language setting: %w", err)
		}
		if l, known := ParseLanguage(saved); ok && known {
			return l, nil
		}
	}
	return localeLanguage(getenv), nil
}

// localeLanguage reads the POSIX locale variables in their order of precedence.
func localeLanguage(getenv func(string) string) Language {
	if getenv == nil {
		return English
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if strings.HasPrefix(strings.ToLower(v), "id") {
			return Indonesian
		}
		return English
	}
	return English
}

// msgID names one on-screen text of the catalogue.
type msgID int

// The catalogue's texts. Each has an Indonesian and an English form in catalogue.
const (
	txtAppTitle msgID = iota
	txtCoops
	txtHealthyShare
	txtTarget
	txtNotAssessed
	txtShown
	txtLoadingRows
	txtFilter
	txtFilterPrompt
	txtPredicate
	txtAll
	txtSort
	txtInactive
	txtDraft
	txtLoading
	txtNoCoops
	txtNoMatch
	txtTooSmall
	txtColName
	txtColType
	txtColKelurahan
	txtColPredicate
	txtColPredicateShort
	txtColScore
	txtColLastVisit
	txtColCoach
	txtProfile
	txtNIK
	txtLegalNumber
	txtLegalDate
	txtLegalType
	txtAddress
	txtKecamatan
	txtChair
	txtManager
	txtMembers
	txtLastRAT
	txtPhone
	txtNotes
	txtTimeline
	txtTrend
	txtAspects
	txtVisit
	txtAssessment
	txtFiscalYear
	txtAmended
	txtIncomplete
	txtNoHistory
	txtNoTrend
	txtNoAspects
	txtLegend
	txtKeys
	txtFlagDraft
	txtFlagInactive
	txtSaved
	txtErrLoad
	txtErrSave
	txtLanguageName
	txtKeyUp
	txtKeyDown
	txtKeyPageUp
	txtKeyPageDown
	txtKeyTop
	txtKeyBottom
	txtKeyOpen
	txtKeyFilter
	txtKeyApply
	txtKeyClear
	txtKeyPredicate
	txtKeySort
	txtKeyReverse
	txtKeyLanguage
	txtKeyBack
	txtKeyHelp
	txtKeyQuit
	txtKeyCloseHelp
	txtUnknownCoach
	txtRecord
	txtTrendRubrics
	numTexts // not a text: the size of the catalogue
)

// catalogue holds every on-screen text: [0] Indonesian, [1] English.
var catalogue = map[msgID][2]string{
	txtAppTitle:     {"koroena", "koroena"},
	txtCoops:        {"Koperasi", "Cooperatives"},
	txtHealthyShare: {"%d dari %d Sehat, %s %%", "%d of %d Healthy, %s %%"},
	txtTarget:       {"target %s %%", "target %s %%"},
	txtNotAssessed:  {"belum dinilai", "not assessed"},
	txtShown:        {"%d dari %d", "%d of %d"},
	txtLoadingRows:  {"memuat %d baris…", "loading %d rows…"},
	txtFilter:       {"saring", "filter"},
	txtFilterPrompt: {"saring: ", "filter: "},
	txtPredicate:    {"predikat", "predicate"},
	txtAll:          {"semua", "all"},
	txtSort:         {"urut", "sort"},
	txtInactive:     {"nonaktif", "inactive"},
	txtDraft:        {"draf", "draft"},
	txtLoading:      {"memuat…", "loading…"},
	txtNoCoops:      {"Belum ada koperasi.", "No cooperatives yet."},
	txtNoMatch:      {"Tidak ada yang cocok.", "Nothing matches."},
	txtTooSmall: {
		"Jendela terlalu kecil (%dx%d). Perbesar ke paling sedikit %dx%d.",
		"Window too small (%dx%d). Make it at least %dx%d.",
	},
	txtColName:           {"Nama", "Name"},
	txtColType:           {"Jenis", "Type"},
	txtColKelurahan:      {"Kelurahan", "Kelurahan"},
	txtColPredicate:      {"Predikat", "Predicate"},
	txtColScore:          {"Skor", "Score"},
	txtColPredicateShort: {"Pred.", "Pred."},
	txtColLastVisit:      {"Kunjungan", "Last visit"},
	txtColCoach:          {"Pendamping", "Coach"},
	txtProfile:           {"Profil", "Profile"},
	txtNIK:               {"NIK", "NIK"},
	txtLegalNumber:       {"Badan hukum", "Legal entity"},
	txtLegalDate:         {"Tanggal BH", "Legal date"},
	txtLegalType:         {"Jenis koperasi", "Legal type"},
	txtAddress:           {"Alamat", "Address"},
	txtKecamatan:         {"Kecamatan", "Kecamatan"},
	txtChair:             {"Ketua", "Chair"},
	txtManager:           {"Manajer", "Manager"},
	txtMembers:           {"Anggota", "Members"},
	txtLastRAT:           {"RAT terakhir", "Last RAT"},
	txtPhone:             {"Telepon", "Phone"},
	txtNotes:             {"Catatan", "Notes"},
	txtTimeline:          {"Riwayat", "Timeline"},
	txtTrend:             {"Tren skor", "Score trend"},
	txtAspects:           {"Aspek penilaian terakhir", "Latest assessment's aspects"},
	txtVisit:             {"kunjungan", "visit"},
	txtAssessment:        {"penilaian", "assessment"},
	txtFiscalYear:        {"TB", "FY"},
	txtAmended:           {"direvisi", "amended"},
	txtIncomplete:        {"belum lengkap", "incomplete"},
	txtNoHistory:         {"Belum ada kunjungan atau penilaian.", "No visits or assessments yet."},
	txtNoTrend:           {"Belum ada penilaian final.", "No final assessment yet."},
	txtNoAspects:         {"Tidak ada rincian aspek.", "No aspect details."},
	txtLegend:            {"Predikat", "Predicates"},
	txtKeys:              {"Tombol", "Keys"},
	txtFlagDraft:         {"ada draf penilaian", "has a draft assessment"},
	txtFlagInactive:      {"nonaktif, tidak dihitung", "inactive, not counted"},
	txtSaved:             {"tersimpan", "saved"},
	txtErrLoad:           {"gagal memuat: %s", "could not load: %s"},
	txtErrSave:           {"gagal menyimpan: %s", "could not save: %s"},
	txtLanguageName:      {"Bahasa Indonesia", "English"},
	txtKeyUp:             {"naik", "up"},
	txtKeyDown:           {"turun", "down"},
	txtKeyPageUp:         {"hlm naik", "page up"},
	txtKeyPageDown:       {"hlm turun", "page down"},
	txtKeyTop:            {"awal", "top"},
	txtKeyBottom:         {"akhir", "bottom"},
	txtKeyOpen:           {"buka", "open"},
	txtKeyFilter:         {"saring", "filter"},
	txtKeyApply:          {"terapkan", "apply"},
	txtKeyClear:          {"hapus saring", "clear filter"},
	txtKeyPredicate:      {"predikat", "predicate"},
	txtKeySort:           {"urut kolom", "sort column"},
	txtKeyReverse:        {"balik urutan", "reverse sort"},
	txtKeyLanguage:       {"bahasa", "language"},
	txtKeyBack:           {"kembali", "back"},
	txtKeyHelp:           {"bantuan", "help"},
	txtKeyQuit:           {"keluar", "quit"},
	txtKeyCloseHelp:      {"tutup bantuan", "close help"},
	txtUnknownCoach:      {"—", "—"},
	txtRecord:            {"Rekam medis", "Record"},
	txtTrendRubrics:      {"Rubrik berbeda (%s): skornya tidak sebanding.", "Different rubrics (%s): their scores do not compare."},
}

// tr returns the text of id in language l.
func (l Language) tr(id msgID) string {
	pair, ok := catalogue[id]
	if !ok {
		return fmt.Sprintf("?%d", id)
	}
	if l == Indonesian {
		return pair[0]
	}
	return pair[1]
}

// trf formats the text of id in language l with args.
func (l Language) trf(id msgID, args ...any) string {
	return fmt.Sprintf(l.tr(id), args...)
}

// other is the language a switch on the list moves to.
func (l Language) other() Language {
	if l == Indonesian {
		return English
	}
	return Indonesian
}

// The predicate ids of the instruments, best first.
const (
	predSehat       = "sehat"
	predCukupSehat  = "cukup_sehat"
	predPengawasan  = "dalam_pengawasan"
	predPengawasanK = "dalam_pengawasan_khusus"
)

// predicateOrder lists the predicates best first; the list's counts follow it.
var predicateOrder = []string{predSehat, predCukupSehat, predPengawasan, predPengawasanK}

// predicateNames holds each predicate's label: long and short, Indonesian and English.
var predicateNames = map[string]struct{ longID, shortID, longEN, shortEN string }{
	predSehat:       {"Sehat", "Sehat", "Healthy", "Healthy"},
	predCukupSehat:  {"Cukup Sehat", "CS", "Fairly healthy", "Fair"},
	predPengawasan:  {"Dalam Pengawasan", "DP", "Under supervision", "US"},
	predPengawasanK: {"Dalam Pengawasan Khusus", "DPK", "Under special supervision", "USS"},
}

// predicateLabel names predicate id in l, short or long. An unknown id is shown as it is.
func (l Language) predicateLabel(id string, short bool) string {
	n, ok := predicateNames[id]
	if !ok {
		return id
	}
	switch {
	case l == Indonesian && short:
		return n.shortID
	case l == Indonesian:
		return n.longID
	case short:
		return n.shortEN
	default:
		return n.longEN
	}
}

// businessTypeNames labels store.BusinessTypes: Indonesian and English.
var businessTypeNames = map[string][2]string{
	"ksp":      {"KSP", "KSP"},
	"ksu_usp":  {"KSU-USP", "KSU-USP"},
	"kpri":     {"KPRI", "KPRI"},
	"kspps":    {"KSPPS", "KSPPS"},
	"karyawan": {"Karyawan", "Staff"},
	"wanita":   {"Wanita", "Women"},
	"pasar":    {"Pasar", "Market"},
	"konsumen": {"Konsumen", "Consumer"},
	"produsen": {"Produsen", "Producer"},
	"jasa":     {"Jasa", "Service"},
}

// legalTypeNames labels store.LegalTypes: Indonesian and English.
var legalTypeNames = map[string][2]string{
	"simpan_pinjam": {"Simpan Pinjam", "Savings and loan"},
	"konsumen":      {"Konsumen", "Consumer"},
	"produsen":      {"Produsen", "Producer"},
	"pemasaran":     {"Pemasaran", "Marketing"},
	"jasa":          {"Jasa", "Service"},
}

// aspectNames labels the aspects of the built-in instruments until the scoring engine's
// metadata reaches the screens through Options.AspectLabel.
var aspectNames = map[string][2]string{
	"permodalan":                {"Permodalan", "Capital"},
	"kualitas_aktiva_produktif": {"Kualitas aktiva produktif", "Earning asset quality"},
	"manajemen":                 {"Manajemen", "Management"},
	"efisiensi":                 {"Efisiensi", "Efficiency"},
	"likuiditas":                {"Likuiditas", "Liquidity"},
	"kemandirian_pertumbuhan":   {"Kemandirian dan pertumbuhan", "Independence and growth"},
	"jatidiri":                  {"Jatidiri koperasi", "Cooperative identity"},
}

// pick returns the form of pair for l, or fallback when pair is empty.
func (l Language) pick(pair [2]string, fallback string) string {
	if pair[0] == "" && pair[1] == "" {
		return fallback
	}
	if l == Indonesian {
		return pair[0]
	}
	return pair[1]
}

// businessType labels a business type id.
func (l Language) businessType(id string) string { return l.pick(businessTypeNames[id], id) }

// legalType labels a legal type id.
func (l Language) legalType(id string) string { return l.pick(legalTypeNames[id], id) }

// aspect labels an aspect id, turning an unknown id into words.
func (l Language) aspect(id string) string {
	return l.pick(aspectNames[id], strings.ReplaceAll(id, "_", " "))
}

// number formats a decimal string the way l writes numbers: Indonesian uses a comma.
func (l Language) number(s string) string {
	if l == Indonesian {
		return strings.Replace(s, ".", ",", 1)
	}
	return s
}
