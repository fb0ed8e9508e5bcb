package demo

import (
	"fmt"
	"testing"
)

func TestDebugStats(t *testing.T) {
	c := mustCity(t)
	per := map[int]map[string]int{}
	up, down, same := 0, 0, 0
	af := 0
	for bi, b := range c.Bundles {
		var prev int64 = -1
		for _, a := range b.Assessments {
			if a.Result == nil {
				continue
			}
			if per[a.FiscalYear] == nil {
				per[a.FiscalYear] = map[string]int{}
			}
			per[a.FiscalYear][a.Result.Predicate]++
			v, _ := hundredths(a.Result.Total)
			if prev >= 0 {
				switch {
				case v > prev+100:
					up++
				case v < prev-100:
					down++
				default:
					same++
				}
			}
			prev = v
			for _, id := range adjustmentIDs {
				if a.Answers[id] {
					af++
					fmt.Println("af", b.Coop.Name, a.FiscalYear, id, a.Result.Total, a.Result.Predicate)
				}
			}
		}
		if bi < 6 {
			fmt.Printf("%s | %s | %s | %s | NIK %s | %s %s | %s | chair %s | mgr %s | %d | RAT %s\n",
				b.Coop.Name, b.Coop.BusinessType, b.Coop.Kelurahan, b.Coop.Kecamatan, b.Coop.NIK,
				b.Coop.LegalNumber, b.Coop.LegalDate.Format("2006-01-02"), b.Coop.Phone,
				b.Coop.Chair, b.Coop.Manager, b.Coop.Members, b.Coop.LastRAT.Format("2006-01-02"))
			for _, a := range b.Assessments {
				tot := ""
				if a.Result != nil {
					tot = a.Result.Total + " " + a.Result.Predicate
				}
				fmt.Printf("   %d %s %s %s ta=%s\n", a.FiscalYear, a.Status, tot, a.CreatedAt.Format("2006-01-02"), a.Figures["total_aset"])
			}
		}
	}
	fmt.Println(per, "up", up, "down", down, "same", same, "af", af)
}
