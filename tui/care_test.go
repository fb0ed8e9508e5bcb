package tui

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"koroena/scoring/diagnosis"
	"koroena/store"
	"koroena/store/demo"
)

// The demo city of CITY.md, written once per test run; each test opens its own copy, so
// that tests that write do not change what the next one sees.
var (
	demoCityOnce sync.Once
	demoCityPath string
	demoCityErr  error
)

// mustDemoCity opens a fresh copy of the demo city.
func mustDemoCity(t *testing.T) *store.Store {
	t.Helper()
	demoCityOnce.Do(func() {
		dir, err := os.MkdirTemp("", "koroena-care-test")
		if err != nil {
			demoCityErr = err
			return
		}
		demoCityPath = filepath.Join(dir, "city.db")
		_, demoCityErr = demo.WriteFile(demoCityPath, demo.Options{})
	})
	if demoCityErr != nil {
		t.Fatal(demoCityErr)
	}
	path := filepath.Join(t.TempDir(), "city.db")
	if err := copyFile(demoCityPath, path); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{Actor: "care", Now: demoNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// copyFile copies src to a new file dst.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// newCareDriver builds the screens on st with the demo's clock and an export folder.
func newCareDriver(t *testing.T, st *store.Store, l Language, w, h int) *driver {
	t.Helper()
	d := &driver{t: t, m: New(st, Options{Lang: l, Now: demoNow, ExportDir: t.TempDir()})}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.runCmd(d.m.Init())
	return d
}

// careKey is a key press by name, with the keys press lacks.
func careKey(k string) tea.KeyPressMsg {
	switch k {
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	}
	return press(k)
}

// careKeys sends key presses by name.
func (d *driver) careKeys(names ...string) *driver {
	d.t.Helper()
	for _, k := range names {
		d.send(careKey(k))
	}
	return d
}

// firstDPK is the first cooperative of the list under special supervision.
func firstDPK(t *testing.T, st *store.Store) store.CoopSummary {
	t.Helper()
	sums, err := st.CooperativeSummaries()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums {
		if s.Active && s.Latest != nil && s.Latest.Predicate == predPengawasanK {
			return s
		}
	}
	t.Fatal("the demo city has no Dalam Pengawasan Khusus cooperative")
	return store.CoopSummary{}
}

// The city screen on the demo city of CITY.md: 19 of 187 Sehat against the 20 % target,
// as golden files at every size in both languages.
func TestCity_GoldenDemo(t *testing.T) {
	st := mustDemoCity(t)
	wants := map[Language]string{
		Indonesian: "19 dari 187 Sehat (10,2 %) · target 20 %",
		English:    "19 of 187 Healthy (10.2 %) · target 20 %",
	}
	for _, lang := range []Language{Indonesian, English} {
		for _, sz := range goldenSizes {
			t.Run(string(lang)+"_"+sizeName(sz), func(t *testing.T) {
				d := newCareDriver(t, st, lang, sz[0], sz[1])
				d.keys("c")
				if d.m.focused() != focusCity {
					t.Fatalf("c did not open the city:\n%s", d.screen())
				}
				d.requireContains(wants[lang])
				checkGolden(t, d, sz[0], sz[1])
			})
		}
	}
}

// sizeName is "80x24".
func sizeName(sz [2]int) string { return fmt.Sprintf("%dx%d", sz[0], sz[1]) }

func TestCity_NumbersAndCells(t *testing.T) {
	st := mustDemoCity(t)
	d := newCareDriver(t, st, English, 120, 40)
	d.keys("c")
	c := d.m.care.city
	if len(c.coops) != 187 || count(c.coops, colCitySehat) != 19 {
		t.Fatalf("city counts %d cooperatives, %d healthy; want 187 and 19", len(c.coops),
			count(c.coops, colCitySehat))
	}
	if n := neededFor(c.target, 19, 187); n != 19 {
		t.Errorf("needed for 20 %% = %d, want 19 (38 of 187)", n)
	}
	sum := 0
	for _, col := range []int{colCitySehat, colCityCukup, colCityDP, colCityDPK, colCityNone} {
		sum += count(c.coops, col)
	}
	if sum != 187 {
		t.Errorf("predicate columns add to %d, want 187", sum)
	}

	// Group by kelurahan: the whole city, then the 18 kelurahan.
	d.careKeys("tab")
	if got := len(d.m.care.city.groups); got != 19 {
		t.Errorf("kelurahan rows = %d, want 19", got)
	}

	// enter on the Sehat count of the whole city lists its 19 cooperatives.
	d.careKeys("tab", "tab", "tab", "right", "enter")
	if d.m.focused() != focusCityList || len(d.m.care.cityList.sums) != 19 {
		t.Fatalf("focus %d with %d cooperatives, want the list of 19", d.m.focused(),
			len(d.m.care.cityList.sums))
	}
	for _, s := range d.m.care.cityList.sums {
		if s.Latest.Predicate != predSehat {
			t.Errorf("%s is %s, not Sehat", s.Name, s.Latest.Predicate)
		}
	}
	first := d.m.care.cityList.sums[0].ID
	d.keys("enter")
	if d.m.focused() != focusRecord || d.m.record.coopID != first {
		t.Errorf("enter did not open the first cooperative's record")
	}
	d.keys("esc", "esc")
	if d.m.focused() != focusCity {
		t.Errorf("esc twice should return to the city, focus is %d", d.m.focused())
	}
}

func TestFollowUp_GoldenAndFilters(t *testing.T) {
	st := mustDemoCity(t)
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(sizeName(sz), func(t *testing.T) {
			d := newCareDriver(t, st, Indonesian, sz[0], sz[1])
			d.keys("u")
			checkGolden(t, d, sz[0], sz[1])
		})
	}
	d := newCareDriver(t, st, English, 60, 15)
	d.keys("u")
	requireFits(t, d.m.View().Content, 60, 15)
	all := len(d.m.care.follow.items)
	d.keys("f", "f") // plan items only
	items := d.m.care.follow.items
	if len(items) == 0 || len(items) >= all {
		t.Fatalf("%d plan items of %d, want some", len(items), all)
	}
	for _, it := range items {
		if it.kind != dueTreatment || !it.treatment.Open() {
			t.Errorf("kind filter kept %+v", it)
		}
	}
	d.keys("c") // the first coach
	coach := d.m.care.follow.data.coaches[0].ID
	for _, it := range d.m.care.follow.items {
		if it.coop.CoachID != coach {
			t.Errorf("coach filter kept %s of coach %s", it.coop.Name, it.coop.CoachID)
		}
	}
	if len(d.m.care.follow.items) > 0 {
		id := d.m.care.follow.items[0].coop.ID
		d.keys("enter")
		if d.m.focused() != focusRecord || d.m.record.coopID != id {
			t.Error("enter did not open the item's cooperative")
		}
	}
}

// The whole story of issue 5 on the demo city: a DPK cooperative's plan gets two
// recommended treatments, which show in the follow-up and training screens; a visit that
// marks the training done takes it out of both.
func TestCare_PlanVisitFollowUpTraining(t *testing.T) {
	st := mustDemoCity(t)
	coop := firstDPK(t, st)
	d := newCareDriver(t, st, English, 100, 30)
	d.send(openRecordMsg{id: coop.ID})
	d.keys("p")
	if d.m.focused() != focusPlan || len(d.m.care.plan.findings) == 0 {
		t.Fatalf("p did not open a plan with findings:\n%s", d.screen())
	}
	before, _ := st.TreatmentsOf(coop.ID)

	// Add the first recommended training and the recommendation the cursor is on.
	pm := d.m.care.plan
	rows := pm.rows()
	trainingRow := -1
	for i, r := range rows {
		if r.kind == planRowRec && r.treatment.Type == diagnosis.TypeTraining {
			trainingRow = i
			break
		}
	}
	if trainingRow < 0 {
		t.Fatal("no training recommended")
	}
	topic := rows[trainingRow].treatment.ID
	for d.m.care.plan.rows()[d.m.care.plan.cursor].kind != planRowRec {
		d.keys("j")
	}
	if d.m.care.plan.rows()[d.m.care.plan.cursor].treatment.ID == topic {
		d.keys("j") // the other one first
	}
	d.keys("a")
	for i, r := range d.m.care.plan.rows() {
		if r.kind == planRowRec && r.treatment.ID == topic {
			for d.m.care.plan.cursor < i {
				d.keys("j")
			}
			break
		}
	}
	d.keys("a")
	after, _ := st.TreatmentsOf(coop.ID)
	if len(after) != len(before)+2 {
		t.Fatalf("plan has %d items, want %d", len(after), len(before)+2)
	}
	var added store.Treatment
	for _, tr := range after {
		if tr.TreatmentID == topic {
			added = tr
		}
	}
	if added.ID == "" || added.Status != store.TreatmentPlanned || added.Due.IsZero() {
		t.Fatalf("the training item = %+v", added)
	}

	// Both new items are in the follow-up; the training in the training list.
	d.keys("esc", "esc", "u")
	found := 0
	for _, it := range d.m.care.follow.all {
		if it.kind == dueTreatment && it.coop.ID == coop.ID && it.treatment.CreatedAt.Equal(
			demoNow()) {
			found++
		}
	}
	if found != 2 {
		t.Errorf("follow-up shows %d of the 2 new items", found)
	}
	d.keys("esc", "t")
	if !trainingNeeds(d.m.care.training, topic, coop.ID) {
		t.Fatalf("training list lacks %s for %s", topic, coop.Name)
	}

	// A visit marks the training done.
	d.keys("esc")
	d.send(openRecordMsg{id: coop.ID})
	d.keys("v")
	vm := d.m.care.visit
	idx := -1
	for i, it := range vm.items {
		if it.ID == added.ID {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatal("the visit does not offer the training for review")
	}
	d.send(typeText("Tindak lanjut")...)
	for d.m.care.visit.cursor < visitFields+idx {
		d.careKeys("tab")
	}
	d.careKeys("right", "right", "right", "ctrl+s")
	if d.m.focused() != focusRecord {
		t.Fatalf("after saving, focus %d, want the record:\n%s", d.m.focused(), d.screen())
	}
	got, _ := st.Treatment(added.ID)
	if got.Status != store.TreatmentDone {
		t.Errorf("training status = %s, want done", got.Status)
	}
	visits, _ := st.VisitsOf(coop.ID)
	if len(visits) == 0 || visits[0].Purpose != "Tindak lanjut" || len(visits[0].Reviewed) != 1 {
		t.Errorf("latest visit = %+v", visits[0])
	}
	d.keys("esc", "t")
	if trainingNeeds(d.m.care.training, topic, coop.ID) {
		t.Error("the training list still names the cooperative after the item was done")
	}
	d.keys("esc", "u")
	for _, it := range d.m.care.follow.all {
		if it.kind == dueTreatment && it.treatment.ID == added.ID {
			t.Error("the follow-up still lists the done item")
		}
	}
}

// trainingNeeds reports whether the training screen lists coop under topic.
func trainingNeeds(m trainingModel, topic, coopID string) bool {
	for _, tp := range m.topics {
		for _, n := range tp.Coops {
			if tp.ID == topic && n.Coop.ID == coopID {
				return true
			}
		}
	}
	return false
}

func TestPlan_EditItem(t *testing.T) {
	st := mustDemoCity(t)
	coop := firstDPK(t, st)
	d := newCareDriver(t, st, Indonesian, 80, 24)
	d.send(openRecordMsg{id: coop.ID})
	d.keys("p")
	for d.m.care.plan.rows()[d.m.care.plan.cursor].kind != planRowRec {
		d.keys("j")
	}
	d.keys("a")
	d.keys("g") // to the first plan item
	pm := d.m.care.plan
	row := pm.rows()[pm.cursor]
	if row.kind != planRowItem {
		t.Fatalf("cursor on %v, want a plan item", row.kind)
	}
	item := pm.items[row.item]
	d.keys("s", "o", "+")
	d.keys("n")
	if !d.m.careCapturing() {
		t.Fatal("n did not open the note")
	}
	d.send(typeText(" ok q?")...) // q and ? are typed, not quit or help
	d.keys("enter")
	got, err := st.Treatment(item.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != nextOf(store.TreatmentStatuses, item.Status) ||
		got.Owner != nextOf(store.TreatmentOwners, item.Owner) ||
		!got.Due.Equal(item.Due.AddDate(0, 0, 7)) || got.Notes != "ok q?" {
		t.Errorf("edited item = %+v, from %+v", got, item)
	}
	evs, _ := st.AuditOf(item.ID)
	if len(evs) < 5 {
		t.Errorf("%d audit events, want the creation and 4 changes", len(evs))
	}
	checkGolden(t, d, 80, 24)
}

func TestPlanVisit_Golden(t *testing.T) {
	st := mustDemoCity(t)
	coop := firstDPK(t, st)
	for _, lang := range []Language{Indonesian, English} {
		for _, sz := range goldenSizes {
			t.Run("plan_"+string(lang)+"_"+sizeName(sz), func(t *testing.T) {
				d := newCareDriver(t, st, lang, sz[0], sz[1])
				d.send(openRecordMsg{id: coop.ID})
				d.keys("p")
				checkGolden(t, d, sz[0], sz[1])
			})
			t.Run("visit_"+string(lang)+"_"+sizeName(sz), func(t *testing.T) {
				d := newCareDriver(t, st, lang, sz[0], sz[1])
				d.send(openRecordMsg{id: coop.ID})
				d.keys("v")
				d.careKeys("tab", "tab", "tab", "right")
				checkGolden(t, d, sz[0], sz[1])
			})
		}
	}
}

func TestTraining_GoldenAndExport(t *testing.T) {
	st := mustDemoCity(t)
	for _, sz := range goldenSizes {
		t.Run(sizeName(sz), func(t *testing.T) {
			d := newCareDriver(t, st, English, sz[0], sz[1])
			d.keys("t", "enter")
			checkGolden(t, d, sz[0], sz[1])
		})
	}
	d := newCareDriver(t, st, Indonesian, 80, 24)
	d.keys("t", "x")
	msg, ok := d.seen[len(d.seen)-1].(csvExportedMsg)
	if !ok || msg.err != nil {
		t.Fatalf("x gave %T %+v, want a written CSV", d.seen[len(d.seen)-1], msg)
	}
	data, err := os.ReadFile(msg.path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\ufeffkode_pelatihan,pelatihan,koperasi")) {
		t.Errorf("CSV starts %q", data[:min(60, len(data))])
	}
	d.requireContains("Daftar undangan ditulis ke")
}

func TestDiagnosis_NamesConditionsWithTreatments(t *testing.T) {
	st := mustDemoCity(t)
	coop := firstDPK(t, st)
	d := newCareDriver(t, st, English, 100, 30)
	d.send(openRecordMsg{id: coop.ID})
	d.keys("d", "G")
	d.requireContains("→ ")
	content := ansi.Strip(strings.Join(d.m.as.diag.content(), "\n"))
	for _, want := range []string{"Conditions and treatments", "1. ", "points", "→ action"} {
		if !strings.Contains(content, want) {
			t.Errorf("diagnosis lacks %q", want)
		}
	}
	d.keys("p")
	if d.m.focused() != focusPlan || d.m.care.plan.coopID != coop.ID {
		t.Error("p on the diagnosis did not open the cooperative's plan")
	}
}

// Each command returns its own result message, never a command.
func TestCareCommands_ReturnMessages(t *testing.T) {
	st := mustDemoCity(t)
	coop := firstDPK(t, st)
	cat := diagnosis.Default()
	tests := []struct {
		name string
		cmd  tea.Cmd
		want func(tea.Msg) bool
	}{
		{"care", loadCareCmd(st, demoNow),
			func(m tea.Msg) bool { _, ok := m.(careDataLoadedMsg); return ok }},
		{"plan", loadPlanCmd(st, coop.ID, demoNow),
			func(m tea.Msg) bool { _, ok := m.(planLoadedMsg); return ok }},
		{"visit", loadVisitCmd(st, coop.ID, demoNow),
			func(m tea.Msg) bool { _, ok := m.(visitLoadedMsg); return ok }},
		{"save", saveTreatmentCmd(st, store.Treatment{CoopID: coop.ID, Title: "x",
			Owner: "coach"}, true),
			func(m tea.Msg) bool { _, ok := m.(treatmentSavedMsg); return ok }},
		{"record", recordVisitCmd(st, store.Visit{CoopID: coop.ID, Date: demoNow()}),
			func(m tea.Msg) bool { _, ok := m.(visitRecordedMsg); return ok }},
		{"export", exportTrainingCmd(nil, English, cat, t.TempDir(), demoNow()),
			func(m tea.Msg) bool { _, ok := m.(csvExportedMsg); return ok }},
	}
	for _, tt := range tests {
		if msg := tt.cmd(); !tt.want(msg) {
			t.Errorf("%s: got %T", tt.name, msg)
		}
	}
}

// No two enabled keys of a care screen share a key.
func TestCareKeys_NoClash(t *testing.T) {
	for _, l := range []Language{Indonesian, English} {
		maps := map[string][][]key.Binding{
			"follow":   defaultFollowKeyMap(l).FullHelp(),
			"city":     defaultCityKeyMap(l).FullHelp(),
			"training": defaultTrainingKeyMap(l, true).FullHelp(),
			"plan":     defaultPlanKeyMap(l).FullHelp(),
			"visit":    defaultVisitKeyMap(l).FullHelp(),
		}
		for name, groups := range maps {
			seen := map[string]string{}
			for _, g := range groups {
				for _, b := range g {
					if !b.Enabled() {
						continue
					}
					for _, k := range b.Keys() {
						if other, dup := seen[k]; dup {
							t.Errorf("%s: %q is both %s and %s", name, k, other, b.Help().Desc)
						}
						seen[k] = b.Help().Desc
					}
				}
			}
		}
	}
}
