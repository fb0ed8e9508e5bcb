package tui

import (
	"errors"
	"strings"
	"testing"

	"koroena/store"
)

// loadedRecord is a record screen showing one cooperative, printing with write.
func loadedRecord(t *testing.T, write ReportFunc) recordModel {
	t.Helper()
	st := newStyles(true)
	m := newRecordModel(Indonesian, &st, nil)
	m.SetSize(80, 30)
	m.coopID, m.report = "c1", write
	m, _ = m.Update(recordLoadedMsg{id: "c1", coop: store.Cooperative{ID: "c1",
		Name: "KSP Sumber Rejeki", Active: true}})
	return m
}

func TestRecord_PrintKeyWritesAndSaysWhere(t *testing.T) {
	var asked []string
	m := loadedRecord(t, func(id string, l Language) (string, error) {
		asked = append(asked, id+"/"+string(l))
		return "/tmp/rekam-medis-ksp-sumber-rejeki.pdf", nil
	})
	m, cmd := m.Update(press("r"))
	if cmd == nil {
		t.Fatal("r gave no command")
	}
	msg, ok := cmd().(reportWrittenMsg)
	if !ok {
		t.Fatalf("command returned %T, want reportWrittenMsg", cmd())
	}
	m, _ = m.Update(msg)
	if len(asked) != 1 || asked[0] != "c1/id" {
		t.Errorf("report asked for %v, want c1 in Indonesian once", asked)
	}
	want := "Rekam medis ditulis ke /tmp/rekam-medis-ksp-sumber-rejeki.pdf"
	if !strings.Contains(m.View(), want) {
		t.Errorf("view does not say where:\n%s", m.View())
	}
}

func TestRecord_PrintKeySaysWhyNot(t *testing.T) {
	m := loadedRecord(t, func(string, Language) (string, error) {
		return "", errors.New("disk full")
	})
	m, cmd := m.Update(press("r"))
	m, _ = m.Update(cmd())
	if !strings.Contains(m.View(), "Rekam medis gagal ditulis: disk full") {
		t.Errorf("view:\n%s", m.View())
	}
}

func TestRecord_NoPrintKeyWithoutReportFunc(t *testing.T) {
	m := loadedRecord(t, nil)
	if _, cmd := m.Update(press("r")); cmd != nil {
		t.Errorf("r without a ReportFunc gave a command")
	}
}
