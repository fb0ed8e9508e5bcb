package training

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"koroena/store"
)

func TestTargets_GroupsOpenTrainingByTopic(t *testing.T) {
	coops := []store.CoopSummary{
		{Cooperative: store.Cooperative{ID: "a", Name: "KSP Anggrek", Active: true}},
		{Cooperative: store.Cooperative{ID: "b", Name: "KSP Bakung", Active: true}},
		{Cooperative: store.Cooperative{ID: "c", Name: "KSP Cempaka", Active: false}},
	}
	d := func(m time.Month) time.Time { return time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC) }
	items := []store.Treatment{
		{CoopID: "a", TreatmentID: "latih.x", Type: "latih", Status: "planned", Due: d(5)},
		{CoopID: "b", TreatmentID: "latih.x", Type: "latih", Status: "in_progress", Due: d(3)},
		{CoopID: "b", TreatmentID: "latih.y", Type: "latih", Status: "planned"},
		{CoopID: "a", TreatmentID: "latih.z", Type: "latih", Status: "done"},
		{CoopID: "a", TreatmentID: "aksi.q", Type: "aksi", Status: "planned"},
		{CoopID: "c", TreatmentID: "latih.y", Type: "latih", Status: "planned"},
	}
	got := Targets(items, coops, "")
	if len(got) != 2 || got[0].ID != "latih.x" || got[1].ID != "latih.y" {
		t.Fatalf("topics = %+v, want latih.x (2) then latih.y (1)", got)
	}
	if got[0].Coops[0].Coop.Name != "KSP Bakung" || len(got[1].Coops) != 1 {
		t.Errorf("latih.x coops = %+v, want Bakung first (due earlier)", got[0].Coops)
	}
	if one := Targets(items, coops, "latih.y"); len(one) != 1 || one[0].ID != "latih.y" {
		t.Errorf("topic filter = %+v", one)
	}

	var buf bytes.Buffer
	err := WriteCSV(&buf, got, Header{Topic: "topic", Cooperative: "coop", Due: "due"},
		func(tp Topic) string { return strings.ToUpper(tp.ID) },
		func(s store.TreatmentStatus) string { return string(s) })
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeff")) {
		t.Error("no byte-order mark")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).
		ReadAll()
	if err != nil || len(rows) != 4 {
		t.Fatalf("rows = %v, %v; want a header and 3 rows", rows, err)
	}
	if r := rows[1]; r[0] != "latih.x" || r[1] != "LATIH.X" || r[2] != "KSP Bakung" ||
		r[10] != "2026-03-01" || r[11] != "in_progress" {
		t.Errorf("first row = %v", r)
	}
}
