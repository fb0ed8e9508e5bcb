package tui

import (
	"fmt"
	"testing"
	"time"

	"koroena/store"
)

// nationalRows is a country's worth of cooperatives (about 130 thousand), made up
// deterministically from a few word lists.
func nationalRows(n int) []store.CoopSummary {
	kinds := []string{"KSP", "KSU", "Koperasi Karyawan", "Koperasi Wanita", "KPRI", "KSPPS"}
	words := []string{"Sumber", "Rejeki", "Maju", "Bersama", "Sejahtera", "Makmur", "Mandiri",
		"Amanah", "Jaya", "Abadi", "Sentosa", "Lestari", "Harapan", "Mulia", "Bina", "Usaha"}
	places := []string{"Sukamaju", "Cihapit", "Braga", "Tamansari", "Cigadung", "Kauman",
		"Meri", "Wates", "Gedongan", "Jagalan", "Magersari", "Balongsari"}
	coaches := []string{"Budi Santoso", "Sri Wahyuni", "Agus Salim", "Ratna Wulandari"}
	out := make([]store.CoopSummary, n)
	for i := range out {
		total := 3000 + (i*7919)%6500
		out[i] = store.CoopSummary{
			Cooperative: store.Cooperative{
				ID: fmt.Sprintf("id-%06d", i),
				Name: fmt.Sprintf("%s %s %s %d", kinds[i%len(kinds)], words[i%len(words)],
					words[(i/len(words))%len(words)], i),
				NIK:          fmt.Sprintf("3%015d", i),
				BusinessType: store.BusinessTypes[i%len(store.BusinessTypes)],
				Kelurahan:    places[i%len(places)],
				Kecamatan:    places[(i/3)%len(places)],
				Active:       i%10 != 0,
			},
			CoachName: coaches[i%len(coaches)],
			LastVisit: time.Date(2026, 1, 1+i%300, 0, 0, 0, 0, time.UTC),
			Latest: &store.AssessmentHead{FiscalYear: 2025, Total: fmt.Sprintf("%d.%02d",
				total/100, total%100), Predicate: predicateFor(total)},
		}
	}
	return out
}

const nationalSize = 130_000

// One keystroke of the filter over the whole country: the list's own filter.
func BenchmarkList_FilterKeystroke(b *testing.B) {
	st := newStyles(true)
	m := newListModel(English, &st)
	m.SetSize(80, 22)
	m.setRows(nationalRows(nationalSize), "20")
	b.ResetTimer()
	for b.Loop() {
		m.query = "" // so the query below scans every row, the worst case
		m.setQuery("sejahtera j")
	}
}

// The first frame: build the rows, sort them and draw the visible window.
func BenchmarkList_FirstFrame(b *testing.B) {
	sums := nationalRows(nationalSize)
	st := newStyles(true)
	b.ResetTimer()
	for b.Loop() {
		m := newListModel(English, &st)
		m.SetSize(80, 22)
		m.setRows(sums, "20")
		_ = m.View()
	}
}
