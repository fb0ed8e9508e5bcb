package demo

import (
	"fmt"
	"math/rand/v2"
)

// Visit purposes and notes, in the coaches' Indonesian.
var (
	coachingPurposes = []string{
		"Pendampingan pembukuan", "Monitoring persiapan RAT", "Pendampingan penagihan",
		"Klinik konsultasi", "Pendampingan penyusunan SOP", "Monitoring tindak lanjut",
	}
	coachingNotes = []string{
		"Pengurus sudah mulai mencatat angsuran harian di buku kas pembantu. " +
			"Perlu dicek ulang saldo per anggota bulan depan.",
		"Rencana RAT bulan depan; laporan pertanggungjawaban pengurus belum selesai. " +
			"Disarankan segera menunjuk panitia.",
		"Tunggakan masih tinggi di beberapa anggota lama. Disepakati kunjungan penagihan " +
			"bersama pengawas setiap Sabtu.",
		"Manajer menanyakan cara menghitung cadangan penghapusan pinjaman; sudah dijelaskan " +
			"dengan contoh dari buku besar koperasi.",
		"Draf SOP pinjaman sudah ada, belum disahkan rapat pengurus. " +
			"Diminta dibahas pada rapat bulanan.",
		"Kas di tangan terlalu besar dibanding kewajiban lancar; disarankan disimpan di bank " +
			"atau disalurkan sebagai pinjaman.",
		"Pengawas belum membuat laporan pemeriksaan tertulis. Diberi contoh format laporan.",
		"Anggota baru bertambah sejak ada layanan simpanan harian. Administrasi anggota rapi.",
		"Pengurus mengeluhkan kesulitan mendapat anggota yang mau jadi pengelola. " +
			"Disarankan ikut pelatihan manajer koperasi dari dinas.",
		"Laporan keuangan bulanan sudah dikirim tepat waktu tiga bulan terakhir.",
	}
	assessmentNotes = []string{
		"Penilaian bersama bendahara dan manajer. Neraca dan laporan SHU dari laporan RAT.",
		"Data diambil dari laporan RAT; beberapa angka pinjaman dikonfirmasi dengan kartu " +
			"pinjaman.",
		"Pengurus lengkap hadir. Kolektibilitas pinjaman dihitung ulang bersama pengelola.",
		"Buku besar belum ditutup sepenuhnya, angka sementara disepakati dengan bendahara.",
		"Penilaian di kantor koperasi; pengawas ikut mendampingi.",
	}
	coopNotes = []string{
		"Kantor pindah ke rumah ketua sejak 2022.",
		"Unit toko ditutup, tinggal unit simpan pinjam.",
		"Sering terlambat menyampaikan laporan bulanan.",
		"Pernah mendapat dana bergulir dari pemerintah kota.",
		"Anggota sebagian besar pedagang pasar; angsuran harian.",
	}
	inactiveNotes = []string{
		"Tidak aktif sejak pandemi; pengurus tidak dapat dihubungi.",
		"Tidak melaksanakan RAT lebih dari tiga tahun; diusulkan pembubaran.",
		"Usaha berhenti; aset tinggal inventaris kantor.",
	}
	itemNotes = map[string][]string{
		"pinjaman_macet": {
			"Termasuk pinjaman beberapa anggota yang pindah domisili; sedang ditagih.",
			"Sebagian sudah dijadwal ulang, belum dicatat di kartu pinjaman.",
		},
		"kas":          {"Kas dihitung bersama bendahara pada hari penilaian."},
		"aktiva_tetap": {"Nilai buku setelah penyusutan; tanah belum bersertifikat."},
		"mu09":         {"SOP ada tetapi belum disahkan rapat anggota."},
		"mk05":         {"Pengawas memeriksa hanya menjelang RAT."},
		"ma03":         {"Cadangan dibentuk sekali setahun saat tutup buku."},
	}
)

// assessmentPurpose is the purpose of the visit at which an assessment was made.
func assessmentPurpose(year int) string {
	return fmt.Sprintf("Penilaian kesehatan tahun buku %d", year)
}

// someItemNotes returns a coach's notes on a few items, or none. A note on a question
// explains a "tidak", so only unmet questions get one.
func someItemNotes(r *rand.Rand, answers map[string]bool) map[string]string {
	if !chance(r, 0.3) {
		return nil
	}
	notes := map[string]string{}
	for _, id := range []string{"pinjaman_macet", "kas", "aktiva_tetap", "mu09", "mk05",
		"ma03"} {
		met, isQuestion := answers[id]
		if chance(r, 0.3) && !(isQuestion && met) {
			notes[id] = pick(r, itemNotes[id])
		}
	}
	if len(notes) == 0 {
		return nil
	}
	return notes
}
