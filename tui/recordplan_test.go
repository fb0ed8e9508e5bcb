package tui

import (
	"strings"
	"testing"
	"time"

	"koroena/store"
)

// The record shows the open plan items, earliest due first and the overdue ones marked,
// and leaves out what is done or dropped.
func TestRecord_ShowsOpenTreatments(t *testing.T) {
	st := mustDemoCity(t)
	items, err := st.Treatments()
	if err != nil {
		t.Fatal(err)
	}
	byCoop := map[string][]store.Treatment{}
	for _, it := range items {
		byCoop[it.CoopID] = append(byCoop[it.CoopID], it)
	}
	// A cooperative with an open item and one that is not open.
	var coop string
	for id, its := range byCoop {
		var open, closed bool
		for _, it := range its {
			open = open || it.Open()
			closed = closed || !it.Open()
		}
		if open && closed {
			coop = id
			break
		}
	}
	if coop == "" {
		t.Fatal("the demo city has no cooperative with both open and closed plan items")
	}
	// Make one open item overdue by far, so it comes first.
	its := openByDue(byCoop[coop])
	late := its[0]
	late.Due = demoNow().AddDate(-2, 0, 0) // before every other item
	if _, err := st.UpdateTreatment(late); err != nil {
		t.Fatal(err)
	}

	for _, l := range []Language{English, Indonesian} {
		d := newCareDriver(t, st, l, 120, 60)
		d.send(openRecordMsg{id: coop})
		screen := d.screen()
		heading := l.ct(ctPlan)
		if !strings.Contains(screen, heading) {
			t.Fatalf("%s: the record has no %q section:\n%s", l, heading, screen)
		}
		plan := screen[strings.Index(screen, heading):]
		plan = plan[:strings.Index(plan, "\n\n")]
		lines := strings.Split(plan, "\n")[1:]
		if len(lines) != len(its) {
			t.Errorf("%s: %d plan lines, want the %d open items:\n%s", l, len(lines), len(its),
				plan)
		}
		overdue := strings.ToLower(l.ct(ctOverdue))
		if !strings.HasPrefix(lines[0], late.Due.Format(time.DateOnly)+" "+overdue) {
			t.Errorf("%s: first line %q, want the overdue item first", l, lines[0])
		}
		for _, it := range byCoop[coop] {
			if !it.Open() && it.Title != "" && strings.Contains(plan, it.Title) {
				t.Errorf("%s: closed item %q is in the plan", l, it.Title)
			}
		}
	}
}
