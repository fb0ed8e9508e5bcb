package tui

import (
	"strconv"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"koroena/store"
)

// pressOnly sends key presses without running the commands they return: a focused text
// field's cursor blink is a timer that the synchronous driver would wait out.
func pressOnly(d *driver, keys ...tea.KeyPressMsg) {
	for _, k := range keys {
		next, _ := d.m.Update(k)
		d.m = next.(Model)
	}
}

// clearField empties the focused text field (ctrl+u deletes before the cursor).
func clearField(d *driver) {
	pressOnly(d, tea.KeyPressMsg{Code: tea.KeyEnd}, tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
}

// openProfile opens the record of coop and its profile editor with e.
func openProfile(t *testing.T, st *store.Store, l Language, coop store.CoopSummary) *driver {
	t.Helper()
	d := newCareDriver(t, st, l, 120, 40)
	d.send(openRecordMsg{id: coop.ID})
	d.keys("e")
	if d.m.focused() != focusProfile {
		t.Fatalf("e did not open the profile editor:\n%s", d.screen())
	}
	return d
}

// moveTo puts the editor's cursor on field f with the down key.
func moveTo(d *driver, f int) {
	d.t.Helper()
	for d.m.profile.cursor < f {
		pressOnly(d, press("down"))
	}
}

// The phone and the member count edited on the demo city reach the store, with an audit
// event, and the record shows them once the editor has gone back to it.
func TestProfile_EditPhoneAndMembers(t *testing.T) {
	st := mustDemoCity(t)
	coop := firstDPK(t, st)
	before, err := st.Cooperative(coop.ID)
	if err != nil {
		t.Fatal(err)
	}
	events, _ := st.AuditOf(coop.ID)

	d := openProfile(t, st, English, coop)
	const phone, members = "0812 3456 7890", 1234
	if before.Phone == phone || before.Members == members {
		t.Fatalf("the demo already has phone %q, members %d", before.Phone, before.Members)
	}
	moveTo(d, profPhone)
	clearField(d)
	typeOnly(d, phone)
	moveTo(d, profMembers)
	clearField(d)
	typeOnly(d, strconv.Itoa(members))
	d.send(careKey("ctrl+s"))

	if d.m.focused() != focusRecord {
		t.Fatalf("saving did not go back to the record:\n%s", d.screen())
	}
	got, err := st.Cooperative(coop.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := before
	want.Phone, want.Members, want.UpdatedAt = phone, members, got.UpdatedAt
	if got != want {
		t.Errorf("stored profile = %+v\nwant %+v", got, want)
	}
	if after, _ := st.AuditOf(coop.ID); len(after) != len(events)+1 {
		t.Errorf("%d audit events, want %d", len(after), len(events)+1)
	}
	d.requireContains("Profile saved")
	d.requireContains(phone)
	d.requireContains(strconv.Itoa(members))
}

// A date that is not a date and a member count that is not a number are named under
// their fields, in the screen's language, and nothing reaches the store.
func TestProfile_RefusesBadDateAndMembers(t *testing.T) {
	tests := []struct {
		name  string
		lang  Language
		field int
		typed string
		want  string
	}{
		{"date", English, profLastRAT, "2026-02-30", "Not a date: write YYYY-MM-DD"},
		{"date-words", Indonesian, profLastRAT, "kemarin", "Bukan tanggal: tulis TTTT-BB-HH"},
		{"members", English, profMembers, "12a", "Members must be a whole number"},
		{"members-negative", Indonesian, profMembers, "-5", "Anggota harus bilangan bulat"},
	}
	st := mustDemoCity(t)
	coop := firstDPK(t, st)
	before, err := st.Cooperative(coop.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := openProfile(t, st, tt.lang, coop)
			moveTo(d, tt.field)
			clearField(d)
			typeOnly(d, tt.typed)
			pressOnly(d, press("up")) // the message stays with the field the cursor left
			d.requireContains(tt.want)
			pressOnly(d, careKey("ctrl+s"))
			if d.m.focused() != focusProfile || d.m.profile.cursor != tt.field {
				t.Fatalf("ctrl+s left the form or the bad field:\n%s", d.screen())
			}
			if d.m.profile.saving {
				t.Error("the form was sent to the store")
			}
			got, _ := st.Cooperative(coop.ID)
			if got != before {
				t.Errorf("the store changed: %+v", got)
			}
		})
	}
}

// A value the store refuses (here a phone longer than it keeps) leaves the editor open
// with the store's reason.
func TestProfile_ShowsStoreRefusal(t *testing.T) {
	st := mustDemoCity(t)
	coop := firstDPK(t, st)
	d := openProfile(t, st, English, coop)
	moveTo(d, profPhone)
	typeOnly(d, strings.Repeat("1", 60))
	d.send(careKey("ctrl+s"))
	if d.m.focused() != focusProfile || d.m.profile.err == nil {
		t.Fatalf("the refused profile left the form:\n%s", d.screen())
	}
	d.requireContains("could not save")
	d.requireContains("phone is 72 characters long, more than the 50")
}

// esc with unsaved changes asks once; the second esc leaves them unsaved.
func TestProfile_EscAsksOnceAboutChanges(t *testing.T) {
	st := mustDemoCity(t)
	coop := firstDPK(t, st)
	before, _ := st.Cooperative(coop.ID)
	d := openProfile(t, st, English, coop)
	d.keys("esc")
	if d.m.focused() != focusRecord {
		t.Fatal("esc on an unchanged form should go straight back")
	}
	d.keys("e")
	typeOnly(d, " Jr")
	d.keys("esc")
	if d.m.focused() != focusProfile {
		t.Fatal("the first esc left unsaved changes without asking")
	}
	d.requireContains("Changes NOT SAVED")
	d.keys("esc")
	if d.m.focused() != focusRecord {
		t.Fatal("the second esc did not leave")
	}
	if got, _ := st.Cooperative(coop.ID); got != before {
		t.Errorf("leaving saved the profile: %+v", got)
	}
}

// A repo that cannot save profiles gives the record no edit key.
func TestProfile_NoKeyWithoutUpdate(t *testing.T) {
	d := newDriver(t, newFakeRepo(), English, 100, 30)
	d.keys("enter")
	if d.m.focused() != focusRecord {
		t.Fatalf("enter did not open a record:\n%s", d.screen())
	}
	if d.m.record.keys.Profile.Enabled() {
		t.Error("the edit key is on without UpdateCooperative")
	}
	d.keys("e")
	if d.m.focused() == focusProfile {
		t.Error("e opened the profile editor without UpdateCooperative")
	}
}

// saveProfileCmd returns its result message, and the record's keys do not clash once the
// edit key is on.
func TestProfile_CommandAndKeys(t *testing.T) {
	st := mustDemoCity(t)
	coop := firstDPK(t, st)
	c, err := st.Cooperative(coop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if msg := saveProfileCmd(st, c)(); func() bool {
		_, ok := msg.(profileSavedMsg)
		return !ok
	}() {
		t.Errorf("saveProfileCmd returned %T", msg)
	}
	for _, l := range []Language{Indonesian, English} {
		keys := defaultRecordKeyMap(l).forProfile(true)
		groups := map[string][][]key.Binding{
			"record":  keys.FullHelp(),
			"profile": defaultProfileKeyMap(l).FullHelp(),
		}
		for name, g := range groups {
			seen := map[string]string{}
			for _, b := range g {
				for _, k := range b {
					for _, name2 := range k.Keys() {
						if !k.Enabled() {
							continue
						}
						if other, dup := seen[name2]; dup {
							t.Errorf("%s %s: %q is both %s and %s", name, l, name2, other,
								k.Help().Desc)
						}
						seen[name2] = k.Help().Desc
					}
				}
			}
		}
		if !keys.Profile.Enabled() || !strings.Contains(keys.Profile.Help().Desc, "profil") {
			t.Errorf("%s: the edit key is %+v", l, keys.Profile.Help())
		}
	}
}
