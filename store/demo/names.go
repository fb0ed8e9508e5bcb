package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The word pools below are invented for the demo; any likeness to a real cooperative or
// person is chance.

// kecamatan lists the demo city's districts and their kelurahan (CITY.md).
var kecamatan = []struct {
	name      string
	kelurahan []string
}{
	{"Prajurit Kulon", []string{
		"Blooto", "Kauman", "Mentikan", "Prajurit Kulon", "Pulorejo", "Surodinawan"}},
	{"Magersari", []string{
		"Balongsari", "Gedongan", "Gunung Gedangan", "Kedundung", "Magersari", "Wates"}},
	{"Kranggan", []string{
		"Jagalan", "Kranggan", "Meri", "Miji", "Purwotengah", "Sentanan"}},
}

// coopKind is a kind of cooperative the city has: its business type id, how its names
// begin, its legal type, how common it is and how large it tends to be.
type coopKind struct {
	business string
	prefix   string
	legal    string
	weight   int
	minAsset float64 // total assets range, rupiah
	maxAsset float64
	minMem   int
	maxMem   int
	women    bool // members and board are women
}

// kinds are the city's kinds of cooperative, by business type (store.BusinessTypes).
var kinds = []coopKind{
	{"ksp", "KSP", "simpan_pinjam", 26, 8e8, 25e9, 60, 2400, false},
	{"ksu_usp", "KSU", "simpan_pinjam", 22, 2e8, 6e9, 30, 900, false},
	{"kpri", "KPRI", "konsumen", 16, 5e8, 15e9, 120, 1100, false},
	{"kspps", "KSPPS", "simpan_pinjam", 5, 3e8, 8e9, 50, 1500, false},
	{"karyawan", "Koperasi Karyawan", "konsumen", 9, 2e8, 5e9, 40, 700, false},
	{"wanita", "Koperasi Wanita", "simpan_pinjam", 12, 5e7, 2e9, 25, 450, true},
	{"pasar", "Koperasi Pedagang Pasar", "jasa", 6, 1e8, 3e9, 40, 500, false},
	{"konsumen", "Koperasi Konsumen", "konsumen", 4, 1e8, 2e9, 30, 400, false},
	{"produsen", "Koperasi Produsen", "produsen", 4, 1e8, 2e9, 20, 300, false},
	{"jasa", "Koperasi Jasa", "jasa", 2, 1e8, 1.5e9, 20, 250, false},
}

// First and second words of cooperative names by theme.
var (
	nameFirst = []string{
		"Sumber", "Artha", "Mitra", "Karya", "Bina", "Dana", "Sinar", "Tunas", "Mekar",
		"Sido", "Tri", "Budi", "Cahaya", "Harapan", "Guna", "Sri", "Margo", "Tirta",
		"Adi", "Panca",
	}
	nameSecond = []string{
		"Rejeki", "Mulya", "Makmur", "Sejahtera", "Abadi", "Jaya", "Mandiri", "Bersama",
		"Lestari", "Utama", "Sentosa", "Amanah", "Manunggal", "Luhur", "Agung", "Rukun",
		"Santoso", "Raharjo", "Waluyo", "Usaha",
	}
	kpriFirst = []string{
		"Bhakti", "Karya", "Guru", "Setia", "Dharma", "Praja", "Abdi", "Bina", "Tunas",
		"Pamong",
	}
	kpriSecond = []string{
		"Praja", "Husada", "Mandiri", "Budi", "Wiyata", "Nagari", "Utama", "Bakti",
		"Sejahtera", "Mulia",
	}
	syariahNames = []string{
		"BMT Amanah Ummat", "BMT Al-Ikhlas", "Baitul Maal Nurul Huda", "BMT Berkah Mulia",
		"BMT Mitra Ummat", "BMT As-Salam", "BMT Insan Mandiri", "BMT Tazkia Madani",
	}
	flowers = []string{
		"Melati", "Mawar", "Anggrek", "Kenanga", "Cempaka", "Dahlia", "Seruni", "Teratai",
		"Flamboyan", "Kemuning", "Sedap Malam", "Bougenville",
	}
	markets = []string{
		"Tanjung Sari", "Baru", "Legi", "Kliwon", "Pahing", "Pon", "Wage", "Induk",
	}
	produce = []string{
		"Alas Kaki", "Tahu Tempe", "Batik", "Onde-Onde", "Kerajinan Kuningan", "Susu Sapi",
		"Konveksi", "Mebel Kayu",
	}
)

// People's names.
var (
	menFirst = []string{
		"Slamet", "Bambang", "Agus", "Heru", "Budi", "Joko", "Eko", "Hadi", "Sugeng",
		"Rudi", "Hartono", "Mulyono", "Sutrisno", "Wahyu", "Teguh", "Arif", "Dedi",
		"Sigit", "Imam", "Yusuf", "Ahmad", "Moch.", "Suyanto", "Gatot",
	}
	womenFirst = []string{
		"Siti", "Sri", "Endang", "Wahyuni", "Yuli", "Rina", "Retno", "Ani", "Wiwik",
		"Dewi", "Indah", "Sumarni", "Nur", "Tutik", "Lilik", "Puji", "Erna", "Yayuk",
		"Ratna", "Kusmiati", "Umi", "Titik",
	}
	menLast = []string{
		"Santoso", "Wibowo", "Susanto", "Prasetyo", "Hidayat", "Setiawan", "Purnomo",
		"Wahyudi", "Kurniawan", "Utomo", "Saputra", "Hariyanto", "Nugroho", "Sulistyo",
		"Suprapto", "Mulyadi", "Effendi", "Rahman",
	}
	womenLast = []string{
		"Rahayu", "Handayani", "Lestari", "Pratiwi", "Wulandari", "Astuti", "Susanti",
		"Rahmawati", "Purwanti", "Setyowati", "Kusumawati", "Fatimah", "Maryati",
		"Sulistyowati",
	}
	degrees = []string{"S.E.", "S.Pd.", "S.H.", "S.Sos.", "M.M.", "S.Ak.", "S.T."}
	streets = []string{
		"Jl. Mawar", "Jl. Melati", "Jl. Kenanga", "Jl. Cempaka", "Jl. Merdeka",
		"Jl. Pahlawan", "Jl. Veteran", "Jl. Pemuda", "Jl. Kenari", "Jl. Cendrawasih",
		"Jl. Nusantara", "Jl. Semeru", "Jl. Bromo", "Jl. Kawi", "Jl. Arjuno",
		"Jl. Welirang", "Jl. Anggrek", "Jl. Flamboyan", "Jl. Dahlia", "Jl. Teratai",
		"Jl. Sakura", "Jl. Kutilang", "Jl. Merpati", "Jl. Nangka", "Jl. Salak",
		"Jl. Raya Kedungsari", "Jl. Empu Sendok", "Jl. Tirtoyoso",
	}
)

// personName makes a person's name; an educated board member may carry a degree.
func personName(r *rand.Rand, woman bool) string {
	first, last := menFirst, menLast
	if woman {
		first, last = womenFirst, womenLast
	}
	name := pick(r, first)
	if chance(r, 0.8) {
		name += " " + pick(r, last)
	}
	if chance(r, 0.25) {
		name += ", " + pick(r, degrees)
	}
	return name
}

// coopName makes a name of the kind k; the caller makes it unique.
func coopName(r *rand.Rand, k coopKind) string {
	switch k.business {
	case "kpri":
		return k.prefix + " " + pick(r, kpriFirst) + " " + pick(r, kpriSecond)
	case "kspps":
		return k.prefix + " " + pick(r, syariahNames)
	case "wanita":
		return k.prefix + " " + pick(r, flowers)
	case "pasar":
		return k.prefix + " " + pick(r, markets)
	case "produsen":
		return k.prefix + " " + pick(r, produce) + " " + pick(r, nameSecond)
	default:
		return k.prefix + " " + pick(r, nameFirst) + " " + pick(r, nameSecond)
	}
}

// namer hands out unique cooperative names: a name already taken gets the kelurahan added,
// then a running number.
type namer struct{ used map[string]int }

// unique returns name, or a variant of it that no earlier call returned.
func (n *namer) unique(name, kelurahan string) string {
	if n.used[name] == 0 {
		n.used[name] = 1
		return name
	}
	withPlace := name + " " + kelurahan
	if n.used[withPlace] == 0 && !strings.HasSuffix(name, kelurahan) {
		n.used[withPlace] = 1
		return withPlace
	}
	n.used[name]++
	for {
		cand := fmt.Sprintf("%s %s", name, roman(n.used[name]))
		if n.used[cand] == 0 {
			n.used[cand] = 1
			return cand
		}
		n.used[name]++
	}
}

// roman writes n (≥ 1) in Roman numerals, as cooperatives number their branches.
func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// mobile makes an Indonesian mobile number with its leading 0.
func mobile(r *rand.Rand) string {
	prefixes := []string{"0812", "0813", "0821", "0822", "0852", "0853", "0857", "0858",
		"0877", "0878", "0881", "0895", "0896"}
	return fmt.Sprintf("%s%04d%04d", pick(r, prefixes), r.IntN(10000), r.IntN(10000))
}

// landline makes a number of the city's telephone area.
func landline(r *rand.Rand) string {
	return fmt.Sprintf("0321-%d%05d", 3+r.IntN(4), r.IntN(100000))
}

// address makes a street address.
func address(r *rand.Rand) string {
	a := fmt.Sprintf("%s No. %d", pick(r, streets), 1+r.IntN(120))
	if chance(r, 0.3) {
		a += fmt.Sprintf(" RT %02d/RW %02d", 1+r.IntN(8), 1+r.IntN(6))
	}
	return a
}
