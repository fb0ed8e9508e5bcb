package report

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"koroena/scoring"
	"koroena/scoring/diagnosis"
	"koroena/store"
)

// words holds the report's fixed texts: Indonesian, then English.
var words = map[string][2]string{
	"title":      {"Rekam Medis Koperasi", "Cooperative Medical Record"},
	"made":       {"Dibuat", "Made"},
	"profile":    {"Profil", "Profile"},
	"name":       {"Nama", "Name"},
	"nik":        {"NIK", "NIK"},
	"legal":      {"No. badan hukum", "Legal entity no."},
	"legaldate":  {"Tgl. badan hukum", "Legal entity date"},
	"type":       {"Jenis", "Type"},
	"address":    {"Alamat", "Address"},
	"area":       {"Kelurahan / kecamatan", "Kelurahan / kecamatan"},
	"phone":      {"Telepon", "Phone"},
	"chair":      {"Ketua", "Chair"},
	"manager":    {"Manajer", "Manager"},
	"members":    {"Anggota", "Members"},
	"coach":      {"Pendamping", "Coach"},
	"status":     {"Status", "Status"},
	"active":     {"Aktif", "Active"},
	"inactive":   {"Tidak aktif", "Inactive"},
	"lastrat":    {"RAT terakhir", "Last RAT"},
	"chart":      {"Skor dari tahun ke tahun", "Score over the years"},
	"year":       {"Tahun buku", "Fiscal year"},
	"total":      {"Total", "Total"},
	"predicate":  {"Predikat", "Predicate"},
	"noscores":   {"Belum ada penilaian final.", "No final assessment yet."},
	"diagnosis":  {"Diagnosis terakhir", "Latest diagnosis"},
	"instrument": {"Instrumen", "Instrument"},
	"finalized":  {"Difinalkan", "Finalized"},
	"by":         {"oleh", "by"},
	"previous":   {"Dibanding tahun buku", "Compared with fiscal year"},
	"otherrubric": {"Tahun buku %d dinilai dengan %s (%s, %s), rubrik yang berbeda dari " +
		"%s: skornya tidak sebanding, jadi selisihnya tidak dihitung.",
		"Fiscal year %d was scored with %s (%s, %s), a different rubric from %s: the " +
			"scores do not compare, so no difference is given."},
	"rubrics": {"Rubrik berbeda (%s): skornya tidak sebanding.",
		"Different rubrics (%s): their scores do not compare."},
	"aspect":     {"Aspek", "Aspect"},
	"component":  {"Komponen", "Component"},
	"ratio":      {"Rasio", "Ratio"},
	"nilai":      {"Nilai", "Value"},
	"bobot":      {"Bobot", "Weight"},
	"skor":       {"Skor", "Score"},
	"max":        {"Maks", "Max"},
	"missing":    {"data kurang", "missing data"},
	"undefined":  {"tak terdefinisi", "undefined"},
	"ya":         {"ya", "yes"},
	"findings":   {"Temuan (penyakit)", "Findings (conditions)"},
	"innotes":    {"Catatan tentang instrumen %s@%d", "Notes on the instrument %s@%d"},
	"condition":  {"Penyakit", "Condition"},
	"severity":   {"Tingkat", "Severity"},
	"lost":       {"Poin hilang", "Points lost"},
	"remedy":     {"Resep", "Recommended treatment"},
	"nofindings": {"Tidak ada penyakit yang ditemukan.", "No condition found."},
	"norescore": {"Tabel komponen tidak tersedia: instrumen %s tidak dapat dimuat.",
		"Component table unavailable: instrument %s could not be loaded."},
	"drafts":    {"Draf penilaian terbuka: %d.", "Open assessment drafts: %d."},
	"treatment": {"Rencana pengobatan", "Treatment plan"},
	"notreatment": {"Belum ada rencana pengobatan yang tercatat untuk koperasi ini.",
		"No treatment plan is recorded for this cooperative."},
	"title2":      {"Pengobatan", "Treatment"},
	"owner":       {"Penanggung jawab", "Owner"},
	"due":         {"Tenggat", "Due"},
	"overdue":     {"lewat tenggat", "overdue"},
	"board":       {"Pengurus", "Board"},
	"managerown":  {"Pengelola", "Manager"},
	"coachown":    {"Pendamping", "Coach"},
	"office":      {"Dinas", "Office"},
	"planned":     {"Direncanakan", "Planned"},
	"in_progress": {"Berjalan", "In progress"},
	"done":        {"Selesai", "Done"},
	"dropped":     {"Dibatalkan", "Dropped"},
	"visits":      {"Catatan kunjungan", "Visit log"},
	"date":        {"Tanggal", "Date"},
	"purpose":     {"Tujuan", "Purpose"},
	"notes":       {"Catatan", "Notes"},
	"novisits":    {"Belum ada kunjungan tercatat.", "No visit recorded yet."},
	"page":        {"Halaman %d dari %s", "Page %d of %s"},
	"nooffice":    {"Klinik Koperasi", "Cooperative Clinic"},
	"up":          {"naik %s", "up %s"},
	"down":        {"turun %s", "down %s"},
	"same":        {"tetap", "unchanged"},
}

// t is a fixed text in the report's language.
func (r *record) t(key string) string {
	w := words[key]
	if r.lang == "en" {
		return w[1]
	}
	return w[0]
}

// monthsID are the Indonesian month names.
var monthsID = []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// date writes a date as "4 Maret 2021" or "4 March 2021"; "-" for none.
func (r *record) date(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	if r.lang == "en" {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d %s %d", t.Day(), monthsID[t.Month()-1], t.Year())
}

// num writes a decimal in the report's language: "89,45" (id) or "89.45" (en), with
// thousands grouped ("1.234" / "1,234").
func (r *record) num(s string) string {
	if s == "" {
		return "-"
	}
	neg := strings.HasPrefix(s, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	group, point := ".", ","
	if r.lang == "en" {
		group, point = ",", "."
	}
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(d)
	}
	out := b.String()
	if frac != "" {
		out += point + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// points writes a score with 2 decimals.
func (r *record) points(p scoring.Points) string { return r.num(p.Fixed2()) }

// profileRows are the profile's label and value pairs.
func (r *record) profileRows() [][2]string {
	c := r.coop
	status := r.t("active")
	if !c.Active {
		status = r.t("inactive")
	}
	kind := strings.Trim(strings.Join([]string{typeName(c.BusinessType),
		typeName(c.LegalType)}, " / "), " /")
	members := "-"
	if c.Members > 0 {
		members = r.num(strconv.Itoa(c.Members))
	}
	return [][2]string{
		{r.t("name"), c.Name},
		{r.t("nik"), dash(c.NIK)},
		{r.t("legal"), dash(c.LegalNumber)},
		{r.t("legaldate"), r.date(c.LegalDate)},
		{r.t("type"), dash(kind)},
		{r.t("address"), dash(c.Address)},
		{r.t("area"), dash(strings.Trim(c.Kelurahan+" / "+c.Kecamatan, " /"))},
		{r.t("phone"), dash(c.Phone)},
		{r.t("chair"), dash(c.Chair)},
		{r.t("manager"), dash(c.Manager)},
		{r.t("members"), members},
		{r.t("coach"), dash(r.coach)},
		{r.t("status"), status},
		{r.t("lastrat"), r.date(c.LastRAT)},
	}
}

// typeNames spells the store's type ids.
var typeNames = map[string]string{
	"ksp": "KSP", "ksu_usp": "KSU/USP", "kpri": "KPRI", "kspps": "KSPPS",
	"karyawan": "Karyawan", "wanita": "Wanita", "pasar": "Pasar", "konsumen": "Konsumen",
	"produsen": "Produsen", "jasa": "Jasa", "simpan_pinjam": "Simpan Pinjam",
	"pemasaran": "Pemasaran",
}

func typeName(id string) string {
	if n, ok := typeNames[id]; ok {
		return n
	}
	return id
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// componentRow is one line of the latest assessment's component table.
type componentRow struct {
	aspect, label, ratio, nilai, bobot, skor string
}

// aspectRow is one aspect's skor against its maximum.
type aspectRow struct{ label, skor, max string }

// tables builds the aspect and component tables of the latest assessment.
func (r *record) tables() ([]aspectRow, []componentRow) {
	l := r.latest
	if l == nil || l.result == nil || l.instrument == nil {
		return nil, nil
	}
	in := l.instrument
	var aspects []aspectRow
	var comps []componentRow
	for _, a := range l.result.Aspects {
		label := a.ID
		for _, ia := range in.Aspects {
			if ia.ID == a.ID {
				label = ia.Label.In(r.lang)
			}
		}
		aspects = append(aspects, aspectRow{label, r.points(a.Skor), r.points(a.Max)})
		for _, c := range a.Components {
			comps = append(comps, r.componentRow(in, label, c))
		}
	}
	return aspects, comps
}

// componentRow describes one component's result.
func (r *record) componentRow(in *scoring.Instrument, aspect string,
	c scoring.ComponentResult,
) componentRow {
	label := c.ID
	if ic, ok := in.Component(c.ID); ok {
		label = ic.Label.In(r.lang)
	}
	row := componentRow{aspect: aspect, label: label, nilai: "-", ratio: "-",
		bobot: r.points(c.Bobot), skor: r.points(c.Skor)}
	switch {
	case c.Status == scoring.StatusMissing:
		row.ratio = r.t("missing")
	case c.Status == scoring.StatusUndefined:
		row.ratio = r.t("undefined")
	case c.Checklist:
		row.ratio = fmt.Sprintf("%d %s", c.Ya, r.t("ya"))
	case c.HasRatio:
		row.ratio = r.points(c.Ratio) + " %"
	}
	if c.Status == scoring.StatusScored && !c.Checklist {
		row.nilai = r.points(c.Nilai)
	}
	return row
}

// findingRow is one condition (penyakit) of the latest assessment.
type findingRow struct{ name, severity, lost, treatments string }

// severityWords are the severities in Indonesian and English.
var severityWords = map[diagnosis.Severity][2]string{
	diagnosis.Ringan: {"ringan", "mild"},
	diagnosis.Sedang: {"sedang", "moderate"},
	diagnosis.Berat:  {"berat", "severe"},
}

// findingRows are the latest assessment's conditions with their recommended treatments,
// the costliest first.
func (r *record) findingRows() []findingRow {
	if r.latest == nil {
		return nil
	}
	var out []findingRow
	for _, f := range r.latest.findings {
		sev := severityWords[f.Severity][0]
		if r.lang == "en" {
			sev = severityWords[f.Severity][1]
		}
		var names []string
		for _, t := range f.Treatments {
			names = append(names, t.Name.In(r.lang))
		}
		out = append(out, findingRow{name: f.Condition.Name.In(r.lang), severity: sev,
			lost: r.points(f.Lost), treatments: dash(strings.Join(names, "; "))})
	}
	return out
}

// comparisons say how the latest total moved against the latest earlier total of the
// same instrument, and, when the year before it was scored with another instrument, that
// those scores do not compare (issue 7). Each string is one paragraph.
func (r *record) comparisons() []string {
	l := r.latest
	if l == nil || l.a.Result == nil {
		return nil
	}
	var out []string
	if o := l.other; o != nil {
		out = append(out, fmt.Sprintf(r.t("otherrubric"), o.year, o.instrument,
			r.num(o.totalText), o.label, l.a.Instrument))
	}
	if p := l.previous; p != nil {
		out = append(out, fmt.Sprintf("%s %d (%s: %s, %s): %s", r.t("previous"), p.year,
			p.instrument, r.num(p.totalText), p.label, r.move(p.totalText, l.a.Result.Total)))
	}
	return out
}

// move says how a total moved from before to now, both stored decimals, computed
// exactly: "up 1.25", "down 0.50" or "unchanged"; "-" when either is not a decimal.
func (r *record) move(before, now string) string {
	b, okB := new(big.Rat).SetString(before)
	n, okN := new(big.Rat).SetString(now)
	if !okB || !okN {
		return "-"
	}
	d := new(big.Rat).Sub(n, b)
	text := new(big.Rat).Abs(d).FloatString(2)
	switch {
	case text == "0.00":
		return r.t("same")
	case d.Sign() > 0:
		return fmt.Sprintf(r.t("up"), r.num(text))
	default:
		return fmt.Sprintf(r.t("down"), r.num(text))
	}
}

// officeName is the office named on the report.
func (r *record) officeName() string {
	if strings.TrimSpace(r.office) != "" {
		return r.office
	}
	return r.t("nooffice")
}

// finalizedBy names who finalized the latest assessment and when.
func (r *record) finalizedLine(a store.Assessment) string {
	who := r.coaches[a.CoachID]
	if who == "" {
		who = a.FinalizedBy
	}
	line := r.t("finalized") + " " + r.date(a.FinalizedAt)
	if who != "" {
		line += " " + r.t("by") + " " + who
	}
	return line
}

// planRow is one item of the treatment plan as the report shows it.
type planRow struct{ title, owner, due, status string }

// ownerWords maps plan owners to their word keys.
var ownerWords = map[string]string{"board": "board", "manager": "managerown",
	"coach": "coachown", "office": "office"}

// planRows are the treatment plan's items, open ones first, with "overdue" on open items
// past their due date.
func (r *record) planRows() []planRow {
	var open, closed []planRow
	for _, t := range r.plan {
		owner := t.Owner
		if k, ok := ownerWords[t.Owner]; ok {
			owner = r.t(k)
		}
		status := string(t.Status)
		if _, ok := words[status]; ok {
			status = r.t(status)
		}
		if t.Open() && !t.Due.IsZero() && t.Due.Before(r.made) {
			status += " (" + r.t("overdue") + ")"
		}
		row := planRow{title: t.Title, owner: owner, due: r.date(t.Due), status: status}
		if t.Open() {
			open = append(open, row)
		} else {
			closed = append(closed, row)
		}
	}
	return append(open, closed...)
}
