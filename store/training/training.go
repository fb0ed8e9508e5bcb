// Package training groups the open training items of the cooperatives' treatment plans
// by topic, so that invitations go to the cooperatives that need each training, and
// writes that list as CSV.
package training

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"time"

	"koroena/store"
)

// Topic is one training topic with the cooperatives whose open plans need it.
type Topic struct {
	// ID is the treatment id of the topic, e.g. "latih.analisis_kredit_5c".
	ID string
	// Title is the plan items' own title, for a topic the catalogue does not name.
	Title string
	// Coops are the cooperatives that need it, by earliest due date, then name.
	Coops []Need
}

// Need is one cooperative's need of a topic.
type Need struct {
	Coop store.CoopSummary
	// Items are its open plan items of the topic (usually one).
	Items []store.Treatment
	// Due is the earliest due date of Items (zero when none has one).
	Due time.Time
}

// TypeTraining is the plan item type of a training topic.
const TypeTraining = "latih"

// Targets groups the open training items (planned or in progress) of active cooperatives
// by topic: topics by number of cooperatives, most first, then id. When topic is not
// empty only that topic is kept.
func Targets(items []store.Treatment, coops []store.CoopSummary, topic string) []Topic {
	byID := make(map[string]*store.CoopSummary, len(coops))
	for i := range coops {
		byID[coops[i].ID] = &coops[i]
	}
	topics := map[string]*Topic{}
	for _, t := range items {
		c := byID[t.CoopID]
		if t.Type != TypeTraining || !t.Open() || c == nil || !c.Active {
			continue
		}
		id := cmp.Or(t.TreatmentID, t.Title)
		if topic != "" && id != topic {
			continue
		}
		tp := topics[id]
		if tp == nil {
			tp = &Topic{ID: id, Title: t.Title}
			topics[id] = tp
		}
		i := slices.IndexFunc(tp.Coops, func(n Need) bool { return n.Coop.ID == t.CoopID })
		if i < 0 {
			tp.Coops = append(tp.Coops, Need{Coop: *c})
			i = len(tp.Coops) - 1
		}
		n := &tp.Coops[i]
		n.Items = append(n.Items, t)
		if !t.Due.IsZero() && (n.Due.IsZero() || t.Due.Before(n.Due)) {
			n.Due = t.Due
		}
	}
	out := make([]Topic, 0, len(topics))
	for _, tp := range topics {
		slices.SortFunc(tp.Coops, func(a, b Need) int {
			if c := compareDue(a.Due, b.Due); c != 0 {
				return c
			}
			return cmp.Compare(a.Coop.Name, b.Coop.Name)
		})
		out = append(out, *tp)
	}
	slices.SortFunc(out, func(a, b Topic) int {
		if c := cmp.Compare(len(b.Coops), len(a.Coops)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// compareDue orders dates, a missing one last.
func compareDue(a, b time.Time) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

// Header names the CSV columns; Labels gives them in a language.
type Header struct {
	Topic, TopicName, Cooperative, NIK, Kelurahan, Kecamatan, Coach, Chair, Manager,
	Phone, Due, Status string
}

// WriteCSV writes one row per topic and cooperative, UTF-8 with a byte-order mark so that
// spreadsheet programs read the names right. name gives a topic's name in the reader's
// language; status a plan status's word.
func WriteCSV(w io.Writer, topics []Topic, h Header, name func(Topic) string,
	status func(store.TreatmentStatus) string,
) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{h.Topic, h.TopicName, h.Cooperative, h.NIK, h.Kelurahan,
		h.Kecamatan, h.Coach, h.Chair, h.Manager, h.Phone, h.Due, h.Status})
	for _, tp := range topics {
		for _, n := range tp.Coops {
			due := ""
			if !n.Due.IsZero() {
				due = n.Due.Format(time.DateOnly)
			}
			c := n.Coop
			_ = cw.Write([]string{tp.ID, name(tp), c.Name, c.NIK, c.Kelurahan, c.Kecamatan,
				c.CoachName, c.Chair, c.Manager, c.Phone, due, status(n.Items[0].Status)})
		}
	}
	cw.Flush()
	return cw.Error()
}
