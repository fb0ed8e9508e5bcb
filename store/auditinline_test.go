package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"
)

// The inline audit events of issue #8: a draft edit's event is kept beside the draft in
// the assessments bucket (auditinline.go).

// inlineKeys returns the keys of the inline events kept beside the assessment id, in the
// bucket's order (newest first).
func inlineKeys(t *testing.T, s *Store, id string) [][]byte {
	t.Helper()
	record, _ := idKey(id)
	var keys [][]byte
	err := s.view(func(tx *bolt.Tx) error {
		return eachInlineEvent(tx.Bucket(bucketAssessments), record, func(k, _ []byte) error {
			keys = append(keys, bytes.Clone(k))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

// indexedEvents returns the actions of the events of id that audit_by_record indexes.
func indexedEvents(t *testing.T, s *Store, id string) []string {
	t.Helper()
	var actions []string
	prefix := auditIndexPrefix(id)
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketAuditByRecord).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			var ev auditRecord
			if _, err := getJSON(tx.Bucket(bucketAudit), k[len(prefix):], &ev); err != nil {
				return err
			}
			actions = append(actions, ev.Action)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return actions
}

func TestInlineKey_RoundTrip(t *testing.T) {
	record, _, _ := newID()
	older, _, _ := newID()
	newer, _, _ := newID()
	k := inlineEventKey(record, older)
	if !isInlineEventKey(k) || isInlineEventKey(record) {
		t.Fatalf("isInlineEventKey: %v for the event key, %v for the record key",
			isInlineEventKey(k), isInlineEventKey(record))
	}
	r, ev := inlineEventParts(k)
	if !bytes.Equal(r, record) || !bytes.Equal(ev, older) {
		t.Errorf("parts = %x, %x; want %x, %x", r, ev, record, older)
	}
	kn := inlineEventKey(record, newer)
	if !(bytes.Compare(record, kn) < 0 && bytes.Compare(kn, k) < 0) {
		t.Errorf("order: record %x, newer %x, older %x; want record < newer < older",
			record, kn, k)
	}
}

// An answer's event is stored beside its draft, not in audit, and AuditOf returns it in
// order among the draft's create and finalize events, which stay in audit.
func TestInlineAudit_AnswerEventBesideDraft(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP A", "")
	a := mustDraft(t, s, c.ID, 2025)
	if _, err := s.SetAnswer(a.ID, "mu01", ptr(true)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetFigure(a.ID, "kas", "1500.50"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FinalizeAssessment(a.ID, Finalization{Result: result("81.00",
		"sehat")}); err != nil {
		t.Fatal(err)
	}

	// Stored: two events beside the draft, the figure's (newest) first; audit keeps create
	// and finalize only.
	keys := inlineKeys(t, s, a.ID)
	if len(keys) != 2 {
		t.Fatalf("%d inline events, want 2 (answer, figure)", len(keys))
	}
	if diff := cmp.Diff([]string{ActionCreate, ActionFinalize},
		indexedEvents(t, s, a.ID)); diff != "" {
		t.Errorf("events in audit (-want +got):\n%s", diff)
	}

	// Read: all four, oldest first.
	events, err := s.AuditOf(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range events {
		got = append(got, ev.Action+" "+string(ev.Change))
	}
	want := []string{ActionCreate + " ", ActionUpdate + ` {"answers.mu01":[null,true]}`,
		ActionUpdate + ` {"figures.kas":[null,"1500.50"]}`}
	if len(got) != 4 || !strings.HasPrefix(got[3], ActionFinalize+" ") {
		t.Fatalf("events:\n%s\nwant create, answer, figure, finalize", strings.Join(got, "\n"))
	}
	if diff := cmp.Diff(want, got[:3]); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	for i := 1; i < len(events); i++ {
		if events[i-1].ID >= events[i].ID {
			t.Errorf("event %d id %s is not after %s", i, events[i].ID, events[i-1].ID)
		}
	}

	// The stored value is the event less what its key says.
	_, newest := inlineEventParts(keys[0])
	if idText(newest) != events[2].ID {
		t.Errorf("first inline key holds event %s, want the newest edit %s", idText(newest),
			events[2].ID)
	}
	wantJSON, _ := encodeInlineEvent(events[2])
	var stored []byte
	_ = s.view(func(tx *bolt.Tx) error {
		stored = bytes.Clone(tx.Bucket(bucketAssessments).Get(keys[0]))
		return nil
	})
	if !bytes.Equal(stored, wantJSON) {
		t.Errorf("stored event\n%s\nwant\n%s", stored, wantJSON)
	}
	if ev := events[2]; ev.Kind != KindAssessment || ev.RecordID != a.ID ||
		ev.Actor != "tester" || !ev.At.Equal(fixedNow) {
		t.Errorf("event = %+v", ev)
	}
}

// Every reader of the assessments bucket sees assessments only, whatever events sit
// beside them: the lists of a cooperative, the finals, the list row and Check.
func TestInlineAudit_ReadersSkipEvents(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP A", "3573010000000001")
	final := mustDraft(t, s, c.ID, 2024)
	for _, q := range []string{"mu01", "mu02", "mu03"} {
		if _, err := s.SetAnswer(final.ID, q, ptr(true)); err != nil {
			t.Fatal(err)
		}
	}
	final, err := s.FinalizeAssessment(final.ID, Finalization{Result: result("81.00",
		"sehat")})
	if err != nil {
		t.Fatal(err)
	}
	draft := mustDraft(t, s, c.ID, 2025)
	for i := range 40 { // enough to fill more than one leaf page
		if _, err := s.SetItemNote(draft.ID, "kas", strings.Repeat("catatan ", i+1)); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(inlineKeys(t, s, draft.ID)); n != 40 {
		t.Fatalf("%d inline events beside the draft, want 40", n)
	}

	all, err := s.AssessmentsOf(c.ID)
	if err != nil || len(all) != 2 || all[0].ID != draft.ID || all[1].ID != final.ID {
		t.Errorf("AssessmentsOf = %d assessments, %v; want the draft and the final", len(all),
			err)
	}
	heads, err := s.AssessmentHeadsOf(c.ID)
	if err != nil || len(heads) != 2 {
		t.Errorf("AssessmentHeadsOf = %+v, %v", heads, err)
	}
	finals, err := s.FinalHeads()
	if err != nil || len(finals[c.ID]) != 1 || finals[c.ID][0].ID != final.ID {
		t.Errorf("FinalHeads = %+v, %v; want the one final", finals, err)
	}
	checkSummary(t, s, c.ID, &AssessmentHead{ID: final.ID, Instrument: "ksp-2016",
		Version: 1, FiscalYear: 2024, Status: StatusFinal, Total: "81.00",
		Predicate: "sehat"}, true)
	if got, err := s.Assessment(draft.ID); err != nil ||
		got.ItemNotes["kas"] != strings.TrimSpace(strings.Repeat("catatan ", 40)) {
		t.Errorf("Assessment = %+v, %v", got.ItemNotes, err)
	}
	if problems, err := s.Check(storedTotal); err != nil || len(problems) != 0 {
		t.Errorf("Check = %v, %v; want no problems", problems, err)
	}
}

// Deleting a draft moves its edits' events to audit with its delete event: its history
// stays whole and in order, and nothing is left beside where it was.
func TestInlineAudit_DeleteDraftKeepsHistory(t *testing.T) {
	s := mustOpen(t)
	c := mustCoop(t, s, "KSP A", "")
	a := mustDraft(t, s, c.ID, 2025)
	for _, f := range []string{"1", "2", "3"} {
		if _, err := s.SetFigure(a.ID, "kas", f); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := s.AuditOf(a.ID)
	if err := s.DeleteDraft(a.ID); err != nil {
		t.Fatal(err)
	}
	if n := len(inlineKeys(t, s, a.ID)); n != 0 {
		t.Errorf("%d inline events left beside the deleted draft", n)
	}
	after, err := s.AuditOf(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+1 || after[len(after)-1].Action != ActionDelete {
		t.Fatalf("%d events after delete, want the %d before and the delete", len(after),
			len(before))
	}
	if diff := cmp.Diff(before, after[:len(before)]); diff != "" {
		t.Errorf("history changed by the delete (-before +after):\n%s", diff)
	}
	if got := len(indexedEvents(t, s, a.ID)); got != 5 {
		t.Errorf("audit indexes %d events of the deleted draft, want 5", got)
	}
	if problems, err := s.Check(storedTotal); err != nil || len(problems) != 0 {
		t.Errorf("Check = %v, %v; want no problems", problems, err)
	}
}

// Check reads every inline event: a damaged one, one whose draft is gone and one that
// names another record are reported, not skipped and not a panic.
func TestCheck_InlineEvents(t *testing.T) {
	tests := []struct {
		name   string
		inject func(tx *bolt.Tx, draft, event []byte) error
		want   string
	}{
		{"damaged event", func(tx *bolt.Tx, draft, event []byte) error {
			return tx.Bucket(bucketAssessments).Put(inlineEventKey(draft, event),
				[]byte(`{"v":1,"id":`))
		}, "unreadable audit event"},
		{"event of a draft that is gone", func(tx *bolt.Tx, draft, _ []byte) error {
			return tx.Bucket(bucketAssessments).Delete(draft) // as a damaged page could
		}, "audit event of an assessment that does not exist"},
		{"event naming another record", func(tx *bolt.Tx, draft, event []byte) error {
			ev := auditRecord{V: 1, AuditEvent: AuditEvent{ID: idText(event),
				Kind: KindCooperative, RecordID: "x", Action: ActionUpdate}}
			return putJSON(tx.Bucket(bucketAssessments), inlineEventKey(draft, event), ev)
		}, `audit event of cooperative "x" kept beside assessment`},
		{"event under another id", func(tx *bolt.Tx, draft, event []byte) error {
			// A value in the full form names its id, which must be its key's.
			other, _, _ := newID()
			ev := auditRecord{V: valueVersion, AuditEvent: AuditEvent{ID: idText(event),
				Kind: KindAssessment, RecordID: idText(draft), Action: ActionUpdate}}
			return putJSON(tx.Bucket(bucketAssessments), inlineEventKey(draft, other), ev)
		}, "audit event says its id is"},
		{"malformed key", func(tx *bolt.Tx, draft, _ []byte) error {
			return tx.Bucket(bucketAssessments).Put(append(bytes.Clone(draft), 1, 2, 3),
				[]byte(`{}`))
		}, "unreadable record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newCheckFixture(t)
			draft := mustDraft(t, f.s, f.coop.ID, 2026)
			if _, err := f.s.SetAnswer(draft.ID, "mu01", ptr(true)); err != nil {
				t.Fatal(err)
			}
			keys := inlineKeys(t, f.s, draft.ID)
			record, event := inlineEventParts(keys[0])
			err := f.s.db.Update(func(tx *bolt.Tx) error { return tt.inject(tx, record, event) })
			if err != nil {
				t.Fatal(err)
			}
			problems, err := f.s.Check(storedTotal)
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			found := false
			for _, p := range problems {
				lines = append(lines, p.String())
				found = found || strings.Contains(p.String(), tt.want)
			}
			if !found {
				t.Errorf("problems:\n%s\nwant one containing %q", strings.Join(lines, "\n"),
					tt.want)
			}
			if _, err := f.s.AuditOf(draft.ID); tt.name == "damaged event" &&
				!errors.Is(err, ErrDamaged) {
				t.Errorf("AuditOf with a damaged event: err = %v, want ErrDamaged", err)
			}
		})
	}
}

// An inline event's value leaves out what its key says, and reads back whole: the same
// event AuditOf gives, the same bytes json.Marshal gives for the fields it keeps.
func TestInlineEvent_CompactRoundTrip(t *testing.T) {
	record, _, _ := newID()
	event, id, _ := newID()
	ev := AuditEvent{ID: id, At: time.Date(2026, 12, 4, 8, 0, 0, 123456789, time.UTC),
		Actor: `Siti "Rahayu" <S.E.> & co`, Kind: KindAssessment, RecordID: idText(record),
		Action: ActionUpdate, Change: json.RawMessage(`{"answers.mu01":[null,true]}`)}
	data, err := encodeInlineEvent(ev)
	if err != nil {
		t.Fatal(err)
	}
	full, _ := json.Marshal(struct {
		V      int             `json:"v"`
		At     time.Time       `json:"at"`
		Actor  string          `json:"actor"`
		Action string          `json:"action"`
		Change json.RawMessage `json:"change"`
	}{valueVersion, ev.At, ev.Actor, ev.Action, ev.Change})
	if string(data) != string(full) {
		t.Errorf("encoded\n%s\nwant\n%s", data, full)
	}
	got, err := decodeInlineEvent(inlineEventKey(record, event), data)
	if err != nil {
		t.Fatal(err)
	}
	if !got.At.Equal(ev.At) || got.ID != ev.ID || got.Kind != ev.Kind ||
		got.RecordID != ev.RecordID || got.Actor != ev.Actor || got.Action != ev.Action ||
		string(got.Change) != string(ev.Change) {
		t.Errorf("decoded %+v, want %+v", got, ev)
	}
	if _, err := encodeInlineEvent(AuditEvent{Change: json.RawMessage(`{bad`)}); err == nil {
		t.Error("a change that is not JSON was encoded")
	}
}
