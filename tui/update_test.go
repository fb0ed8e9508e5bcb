package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/google/go-cmp/cmp"

	"koroena/store"
)

func TestList_LoadCountsActiveOnly(t *testing.T) {
	d := newDriver(t, newFakeRepo(), English, 80, 24)
	l := d.m.list
	if got, want := len(l.rows), 12; got != want {
		t.Fatalf("rows: got %d, want %d", got, want)
	}
	// The inactive KSP Lama Tutup (DPK) is shown but not counted.
	if got, want := l.activeTotal, 11; got != want {
		t.Errorf("active: got %d, want %d", got, want)
	}
	if got, want := l.counts, [5]int{3, 3, 2, 2, 1}; got != want {
		t.Errorf("counts: got %v, want %v", got, want)
	}
	d.requireContains("3 of 11 Healthy, 27.3 % · target 20 %")
}

func TestList_TargetFromSetting(t *testing.T) {
	repo := newFakeRepo()
	repo.settings[SettingTargetHealthy] = "35"
	d := newDriver(t, repo, Indonesian, 80, 24)
	d.requireContains("3 dari 11 Sehat, 27,3 % · target 35 %")
}

func TestList_FilterNarrowsAsYouType(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"part of a name", "rejek", []string{"KSP Sumber Rejeki"}},
		{"any case", "KSPPS", []string{"KSPPS Amanah Ummat"}},
		{"NIK", "3273010000000008", []string{"KSP Dana Mandiri"}},
		{"kelurahan", "braga", []string{"Koperasi Pasar Baru", "KSP Dana Mandiri",
			"KSP Lama Tutup"}},
		{"kecamatan and coach", "wetan agus", []string{"Koperasi Konsumen Sejahtera",
			"Koperasi Wanita Melati", "KSPPS Amanah Ummat"}},
		{"type in English", "staff", []string{"Koperasi Karyawan Pabrik Tekstil"}},
		{"nothing", "zzz", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDriver(t, newFakeRepo(), English, 80, 24)
			d.keys("/")
			if !d.m.list.capturing() {
				t.Fatal("/ did not start the filter")
			}
			d.send(typeText(tt.query)...)
			if diff := cmp.Diff(tt.want, d.shownNames()); diff != "" {
				t.Errorf("shown (-want +got):\n%s", diff)
			}
		})
	}
}

func TestList_FilterKeysAreText(t *testing.T) {
	d := newDriver(t, newFakeRepo(), English, 80, 24)
	// q, j, k and ? are letters of the query while typing, not quit, moves or help.
	d.keys("/", "q", "?", "j")
	if d.quit || d.m.showHelp {
		t.Fatal("a key typed into the filter acted as a command")
	}
	if got := d.m.list.query; got != "q?j" {
		t.Errorf("query: got %q, want %q", got, "q?j")
	}
	d.keys("backspace", "backspace", "backspace")
	d.send(typeText("bersama")...)
	d.keys("enter")
	if d.m.list.capturing() {
		t.Fatal("enter did not end typing")
	}
	if got, want := d.shownNames(), []string{"KSU Maju Bersama"}; !slices.Equal(got, want) {
		t.Errorf("shown: got %v, want %v", got, want)
	}
	d.requireContains("filter: bersama")

	// esc while browsing clears the kept filter.
	d.keys("esc")
	if got := len(d.shownNames()); got != 12 {
		t.Errorf("after esc: %d rows shown, want 12", got)
	}
}

func TestList_FilterEscCancels(t *testing.T) {
	d := newDriver(t, newFakeRepo(), English, 80, 24)
	d.send(typeText("/sumber")...)
	d.keys("esc")
	if d.m.list.capturing() || d.m.list.query != "" || len(d.shownNames()) != 12 {
		t.Errorf("esc left typing=%v query=%q shown=%d", d.m.list.capturing(),
			d.m.list.query, len(d.shownNames()))
	}
}

func TestList_PredicateQuickFilter(t *testing.T) {
	d := newDriver(t, newFakeRepo(), English, 80, 24)
	want := []int{12, 3, 3, 2, 3, 1, 12} // all, sehat, cukup, dp, dpk (with inactive), none, all
	for i, n := range want {
		if got := len(d.shownNames()); got != n {
			t.Errorf("after %d presses of p: %d rows, want %d", i, got, n)
		}
		d.keys("p")
	}
}

func TestList_Sort(t *testing.T) {
	d := newDriver(t, newFakeRepo(), English, 80, 24)
	if got := d.shownNames()[0]; got != "Koperasi Jasa Angkutan Kota" {
		t.Errorf("by name: first is %q", got)
	}
	// s moves to type, kelurahan, predicate, then score (highest first).
	d.keys("s", "s", "s", "s")
	if d.m.list.sortCol != colScore || !d.m.list.sortDesc {
		t.Fatalf("sort: got column %d desc=%v", d.m.list.sortCol, d.m.list.sortDesc)
	}
	if got := d.shownNames()[:3]; !slices.Equal(got,
		[]string{"KSP Dana Mandiri", "KSP Sumber Rejeki", "KPRI Guru Sejahtera"}) {
		t.Errorf("by score: got %v", got)
	}
	d.requireContains("Score▼")
	d.keys("S")
	if got := d.shownNames()[0]; got != "Koperasi Jasa Angkutan Kota" {
		t.Errorf("reversed: first is %q, want the one never assessed", got)
	}
	// The sort applies within a filter too.
	d.send(typeText("/braga")...)
	d.keys("enter", "S")
	if got, want := d.shownNames(), []string{"KSP Dana Mandiri", "Koperasi Pasar Baru",
		"KSP Lama Tutup"}; !slices.Equal(got, want) {
		t.Errorf("filtered by score: got %v, want %v", got, want)
	}
}

func TestList_SortEveryColumnIsTotal(t *testing.T) {
	d := newDriver(t, newFakeRepo(), Indonesian, 80, 24)
	for range numColumns {
		d.keys("s")
		if got := len(d.shownNames()); got != 12 {
			t.Fatalf("column %d: %d rows", d.m.list.sortCol, got)
		}
		d.requireContains(columnTitle(d.m.list.sortCol, Indonesian) + " ")
	}
}

func TestList_Navigation(t *testing.T) {
	d := newDriver(t, newFakeRepo(), English, 60, 15) // 9 rows fit
	l := func() listModel { return d.m.list }
	d.keys("j", "down", "j")
	if l().cursor != 3 {
		t.Errorf("down 3: cursor %d", l().cursor)
	}
	d.keys("k")
	if l().cursor != 2 {
		t.Errorf("up: cursor %d", l().cursor)
	}
	d.keys("G")
	if l().cursor != 11 || l().offset != 12-l().pageSize() {
		t.Errorf("bottom: cursor %d offset %d", l().cursor, l().offset)
	}
	d.requireContains("›  KSU Maju Bersama")
	d.keys("g")
	if l().cursor != 0 || l().offset != 0 {
		t.Errorf("top: cursor %d offset %d", l().cursor, l().offset)
	}
	d.keys("f")
	if l().cursor != l().pageSize() {
		t.Errorf("page down: cursor %d", l().cursor)
	}
	d.keys("k", "k", "k", "k", "k", "k", "k", "k", "k", "k", "k", "k")
	if l().cursor != 0 {
		t.Errorf("up past the top: cursor %d", l().cursor)
	}
}

func TestList_SelectionSurvivesFilter(t *testing.T) {
	d := newDriver(t, newFakeRepo(), English, 80, 24)
	d.keys("j", "j", "j") // Koperasi Pasar Baru
	d.send(typeText("/pasar")...)
	d.keys("backspace", "backspace", "backspace", "backspace", "backspace", "enter")
	if got := d.m.list.selectedID(); got != "coop-07" {
		t.Errorf("selected: got %q, want coop-07", got)
	}
}

func TestRoot_OpenRecordAndBack(t *testing.T) {
	d := newDriver(t, newFakeRepo(), English, 80, 24)
	d.send(typeText("/dana")...)
	d.keys("enter", "enter")
	if d.m.focused() != focusRecord {
		t.Fatal("enter did not open the record")
	}
	if !d.m.record.loaded || d.m.record.coop.ID != "coop-08" {
		t.Fatalf("record: loaded=%v id=%q", d.m.record.loaded, d.m.record.coop.ID)
	}
	d.requireContains("KSP Dana Mandiri  Healthy 91.45")
	d.keys("G")
	d.requireContains("FY 2023 · ksp-2016 · 88.00 Healthy")

	// q does not quit from the record; esc goes back to the list as it was.
	d.keys("q")
	if d.quit {
		t.Fatal("q quit from the record")
	}
	d.keys("esc")
	if d.m.focused() != focusList {
		t.Fatal("esc did not go back")
	}
	if got := d.shownNames(); !slices.Equal(got, []string{"KSP Dana Mandiri"}) {
		t.Errorf("list after back: %v", got)
	}
	d.keys("q")
	if !d.quit {
		t.Error("q did not quit from the list")
	}
}

func TestRecord_Scroll(t *testing.T) {
	d := newDriver(t, newFakeRepo(), English, 60, 15)
	d.send(typeText("/rejeki")...)
	d.keys("enter", "enter", "j", "j")
	if d.m.record.offset != 2 {
		t.Errorf("offset after 2 down: %d", d.m.record.offset)
	}
	d.keys("G")
	lines := d.m.record.content()
	if got, want := d.m.record.offset, len(lines)-d.m.record.height; got != want {
		t.Errorf("bottom: offset %d, want %d", got, want)
	}
	d.requireContains("FY 2023 · ksp-2016 · 72.10 Fairly")
	d.keys("j", "g", "k")
	if d.m.record.offset != 0 {
		t.Errorf("top: offset %d", d.m.record.offset)
	}
}

func TestRecord_StaleLoadIgnored(t *testing.T) {
	d := newDriver(t, newFakeRepo(), English, 80, 24)
	d.keys("enter")
	id := d.m.record.coopID
	d.send(recordLoadedMsg{id: "someone-else"})
	if d.m.record.coop.ID != id {
		t.Errorf("a load for another cooperative replaced the record")
	}
}

func TestRoot_HelpOpensAndCloses(t *testing.T) {
	d := newDriver(t, newFakeRepo(), English, 80, 24)
	d.keys("?")
	d.requireContains("reverse sort")
	d.requireContains("Under special supervision")
	d.keys("q") // closes help, does not quit
	if d.quit || d.m.showHelp {
		t.Fatalf("q on help: quit=%v help=%v", d.quit, d.m.showHelp)
	}
	d.keys("?", "esc")
	if d.m.showHelp {
		t.Error("esc did not close help")
	}
}

func TestRoot_SwitchLanguageSaves(t *testing.T) {
	repo := newFakeRepo()
	d := newDriver(t, repo, English, 80, 24)
	d.keys("L")
	if d.m.lang != Indonesian {
		t.Fatalf("lang: %q", d.m.lang)
	}
	if got := repo.settings[SettingLanguage]; got != "id" {
		t.Errorf("saved: %q", got)
	}
	d.requireContains("Bahasa Indonesia · tersimpan")
	d.keys("j") // any key clears the status
	d.requireContains("enter buka")
	d.requireContains("3 dari 11 Sehat")
}

func TestRoot_ErrorsShowInStatus(t *testing.T) {
	repo := newFakeRepo()
	repo.failList = errors.New("disk on fire")
	d := newDriver(t, repo, English, 80, 24)
	d.requireContains("could not load: list cooperatives: disk on fire")

	repo = newFakeRepo()
	repo.failSave = errors.New("read-only")
	d = newDriver(t, repo, English, 80, 24)
	d.keys("L")
	d.requireContains("gagal menyimpan")
}

func TestRoot_CtrlCQuitsAnywhere(t *testing.T) {
	for _, keys := range [][]string{{"/"}, {"enter"}, {"?"}} {
		d := newDriver(t, newFakeRepo(), English, 80, 24)
		d.keys(keys...)
		d.keys("ctrl+c")
		if !d.quit {
			t.Errorf("ctrl+c after %v did not quit", keys)
		}
	}
}

func TestRoot_BackgroundSwitchesStyles(t *testing.T) {
	d := newDriver(t, newFakeRepo(), English, 80, 24)
	if d.m.styles.known {
		t.Fatal("the default should be the safe styles, made for no background in particular")
	}
	d.send(tea.BackgroundColorMsg{Color: whiteColor{}})
	if !d.m.list.st.known || d.m.styles.isDark || d.m.list.st.isDark {
		t.Error("a light background did not switch to light styles")
	}
}

// whiteColor is a light terminal background.
type whiteColor struct{}

func (whiteColor) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

// Each command must return a message, never another command (a command is also a valid
// tea.Msg and would vanish unhandled).
func TestCommands_ReturnMessages(t *testing.T) {
	repo := newFakeRepo()
	tests := []struct {
		name string
		cmd  tea.Cmd
		want string
	}{
		{"load summaries", loadSummariesCmd(repo), "tui.summariesLoadedMsg"},
		{"load record", loadRecordCmd(repo, "coop-01"), "tui.recordLoadedMsg"},
		{"save setting", saveSettingCmd(repo, "k", "v"), "tui.settingSavedMsg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmt.Sprintf("%T", tt.cmd()); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	l := newListModel(English, &styles{})
	l.setRows([]store.CoopSummary{{Cooperative: store.Cooperative{ID: "x"}}}, "20")
	if got := fmt.Sprintf("%T", l.openCmd()()); got != "tui.openRecordMsg" {
		t.Errorf("open: got %s", got)
	}
}

// No two enabled keys of a screen, global keys included, may share a key.
func TestKeyMaps_NoDuplicates(t *testing.T) {
	root := defaultRootKeyMap(English)
	global := []key.Binding{root.Quit, root.ForceQuit, root.Help}
	lists := map[string][][]key.Binding{}
	for _, filtering := range []bool{false, true} {
		k := defaultListKeyMap(English)
		k.setFiltering(filtering)
		lists[fmt.Sprintf("list filtering=%v", filtering)] = k.FullHelp()
	}
	lists["record"] = defaultRecordKeyMap(English).FullHelp()
	for name, groups := range lists {
		seen := map[string]string{}
		all := slices.Concat(append(groups, global)...)
		for _, b := range all {
			if !b.Enabled() {
				continue
			}
			for _, k := range b.Keys() {
				if prev, dup := seen[k]; dup {
					t.Errorf("%s: key %q is both %q and %q", name, k, prev, b.Help().Desc)
				}
				seen[k] = b.Help().Desc
			}
		}
	}
}

func TestCatalogue_Complete(t *testing.T) {
	for id := range numTexts {
		pair, ok := catalogue[id]
		if !ok || strings.TrimSpace(pair[0]) == "" || strings.TrimSpace(pair[1]) == "" {
			t.Errorf("text %d lacks a form: %q", id, pair)
		}
	}
	for _, id := range predicateOrder {
		for _, l := range []Language{Indonesian, English} {
			if got := l.predicateLabel(id, true); got == id {
				t.Errorf("%s has no %s label", id, l)
			}
		}
	}
}

func TestResolveLanguage(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	saved := newFakeRepo()
	saved.settings[SettingLanguage] = "id"
	tests := []struct {
		name   string
		flag   string
		repo   SettingReader
		getenv func(string) string
		want   Language
	}{
		{"flag wins", "en", saved, env("LANG", "id_ID.UTF-8"), English},
		{"saved setting", "", saved, env("LANG", "en_US.UTF-8"), Indonesian},
		{"LC_ALL first", "", newFakeRepo(), env("LC_ALL", "id_ID", "LANG", "en_US"), Indonesian},
		{"LANG", "", newFakeRepo(), env("LANG", "id_ID.UTF-8"), Indonesian},
		{"other locale", "", newFakeRepo(), env("LANG", "de_DE.UTF-8"), English},
		{"nothing", "", nil, env(), English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolveLanguage(tt.flag, tt.repo, tt.getenv)
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if _, err := ResolveLanguage("fr", nil, env()); err == nil {
		t.Error("--lang fr: want an error")
	}
}

func TestHundredths(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"89.45", 8945, true}, {"7.5", 750, true}, {"100", 10000, true}, {"0.00", 0, true},
		{"", 0, false}, {"1.234", 0, false}, {"-3.00", 0, false}, {"abc", 0, false},
	}
	for _, tt := range tests {
		got, ok := hundredths(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("hundredths(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
