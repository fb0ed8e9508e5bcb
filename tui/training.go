package tui

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"koroena/scoring/diagnosis"
	"koroena/store"
	"koroena/store/training"
)

// trainingKeyMap holds the training screen's keys.
type trainingKeyMap struct {
	moveKeyMap
	Export key.Binding
}

// defaultTrainingKeyMap builds the keys with help in language l.
func defaultTrainingKeyMap(l Language, canExport bool) trainingKeyMap {
	k := trainingKeyMap{moveKeyMap: defaultMoveKeyMap(l),
		Export: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", l.ct(ctKeyExport)))}
	k.Export.SetEnabled(canExport)
	return k
}

// ShortHelp is the main keys.
func (k trainingKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Back, k.Open, k.Export, k.Down, k.Up}
}

// FullHelp is every key.
func (k trainingKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Export, k.Back}}
}

// trainingRow is one line of the screen: a topic, or a cooperative under an open topic.
type trainingRow struct {
	topic int
	coop  int // -1 for the topic's own line
}

// trainingModel lists each training topic with the cooperatives whose open plans need
// it; enter opens a topic or a cooperative's record, x writes the list as CSV.
type trainingModel struct {
	lang      Language
	st        *styles
	keys      trainingKeyMap
	cat       *diagnosis.Catalogue
	exportDir string

	loaded bool
	topics []training.Topic
	today  time.Time
	open   map[string]bool // topics shown with their cooperatives

	cursor        int
	width, height int
}

// newTrainingModel builds an empty screen; the data arrives in a careDataLoadedMsg.
func newTrainingModel(l Language, st *styles, cat *diagnosis.Catalogue,
	exportDir string,
) trainingModel {
	return trainingModel{lang: l, st: st, keys: defaultTrainingKeyMap(l, exportDir != ""),
		cat: cat, exportDir: exportDir, open: map[string]bool{}}
}

// SetSize lays the screen out in w by h cells.
func (m *trainingModel) SetSize(w, h int) { m.width, m.height = w, h }

// SetStyles hands the screen new styles.
func (m *trainingModel) SetStyles(st *styles) { m.st = st }

// SetLanguage switches words and keys to l.
func (m *trainingModel) SetLanguage(l Language) {
	m.lang, m.keys = l, defaultTrainingKeyMap(l, m.exportDir != "")
}

// ShortHelp is the main keys.
func (m trainingModel) ShortHelp() []key.Binding { return m.keys.ShortHelp() }

// FullHelp is every key.
func (m trainingModel) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// title is the screen's part of the title line.
func (m trainingModel) title() string { return m.lang.ct(ctTraining) }

// Update dispatches one message.
func (m trainingModel) Update(msg tea.Msg) (trainingModel, tea.Cmd) {
	switch msg := msg.(type) {
	case careDataLoadedMsg:
		if msg.err == nil {
			m.loaded, m.today = true, msg.data.today
			m.topics = training.Targets(msg.data.treatments, msg.data.sums, "")
			m.cursor = min(m.cursor, max(0, len(m.rows())-1))
		}
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	}
	return m, nil
}

// rows lists the lines the cursor moves over.
func (m trainingModel) rows() []trainingRow {
	var out []trainingRow
	for i, tp := range m.topics {
		out = append(out, trainingRow{topic: i, coop: -1})
		if m.open[tp.ID] {
			for j := range tp.Coops {
				out = append(out, trainingRow{topic: i, coop: j})
			}
		}
	}
	return out
}

// handleKey moves, opens a topic or a record, exports or goes back.
func (m trainingModel) handleKey(msg tea.KeyPressMsg) (trainingModel, tea.Cmd) {
	rows := m.rows()
	if c, ok := m.keys.move(msg, m.cursor, len(rows), m.height-2); ok {
		m.cursor = c
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Back):
		return m, backCareCmd
	case key.Matches(msg, m.keys.Export):
		return m, exportTrainingCmd(m.topics, m.lang, m.cat, m.exportDir, m.today)
	case key.Matches(msg, m.keys.Open) && m.cursor < len(rows):
		r := rows[m.cursor]
		tp := m.topics[r.topic]
		if r.coop < 0 {
			open := map[string]bool{}
			for k, v := range m.open {
				open[k] = v
			}
			open[tp.ID] = !open[tp.ID]
			m.open = open
			return m, nil
		}
		id := tp.Coops[r.coop].Coop.ID
		return m, func() tea.Msg { return openRecordMsg{id: id} }
	}
	return m, nil
}

// topicName names a topic from the catalogue, else by its plan items' title.
func topicName(cat *diagnosis.Catalogue, l Language, tp training.Topic) string {
	if t, ok := cat.Treatment(tp.ID); ok {
		return t.Name.In(string(l))
	}
	return tp.Title
}

// View draws one line per topic with its count, and the cooperatives of open topics.
func (m trainingModel) View() string {
	if !m.loaded {
		return m.st.muted.Render(m.lang.tr(txtLoading))
	}
	if len(m.topics) == 0 {
		return m.st.muted.Render(m.lang.ct(ctNoTraining))
	}
	rows := m.rows()
	off := keepVisible(0, m.cursor, m.height)
	var lines []string
	for i := off; i < min(len(rows), off+m.height); i++ {
		line := m.rowLine(rows[i])
		if i == m.cursor {
			line = m.st.list.selected.Render("›" + line[1:])
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// rowLine renders a topic or one of its cooperatives.
func (m trainingModel) rowLine(r trainingRow) string {
	tp := m.topics[r.topic]
	if r.coop < 0 {
		mark := "▸"
		if m.open[tp.ID] {
			mark = "▾"
		}
		n := m.lang.ctf(ctTopicCoops, len(tp.Coops))
		name := topicName(m.cat, m.lang, tp)
		return "  " + mark + " " + padRight(name, max(4, m.width-6-len([]rune(n)))) + " " + n
	}
	need := tp.Coops[r.coop]
	due := m.lang.ct(ctNoDue)
	if !need.Due.IsZero() {
		due = need.Due.Format(time.DateOnly)
	}
	status := m.lang.treatmentStatus(need.Items[0].Status)
	nameW := max(8, m.width-6-16-11-13)
	line := "      " + padRight(need.Coop.Name, nameW) + " " + padRight(need.Coop.Kelurahan, 15) +
		" " + padRight(due, 10) + " " + status
	return truncate(line, m.width)
}

// exportTrainingCmd writes the training list as CSV into dir, named by the day.
func exportTrainingCmd(topics []training.Topic, l Language, cat *diagnosis.Catalogue,
	dir string, today time.Time,
) tea.Cmd {
	return func() tea.Msg {
		if dir == "" {
			return csvExportedMsg{err: fmt.Errorf("%s", l.ct(ctNoExportDir))}
		}
		path := filepath.Join(dir, fmt.Sprintf("koroena-%s-%s.csv", l.ct(ctKeyTraining),
			today.Format("20060102")))
		err := writeTrainingCSV(path, topics, l, cat)
		return csvExportedMsg{path: path, err: err}
	}
}

// writeTrainingCSV writes the list to a new file at path (mode 0600).
func writeTrainingCSV(path string, topics []training.Topic, l Language,
	cat *diagnosis.Catalogue,
) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	err = WriteTrainingCSV(f, topics, l, cat)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// TrainingHeader names the training CSV's columns in language l.
func TrainingHeader(l Language) training.Header {
	if l == Indonesian {
		return training.Header{Topic: "kode_pelatihan", TopicName: "pelatihan",
			Cooperative: "koperasi", NIK: "nik", Kelurahan: "kelurahan",
			Kecamatan: "kecamatan", Coach: "pendamping", Chair: "ketua", Manager: "pengelola",
			Phone: "telepon", Due: "tenggat", Status: "status"}
	}
	return training.Header{Topic: "topic_id", TopicName: "topic", Cooperative: "cooperative",
		NIK: "nik", Kelurahan: "kelurahan", Kecamatan: "kecamatan", Coach: "coach",
		Chair: "chair", Manager: "manager", Phone: "phone", Due: "due", Status: "status"}
}

// WriteTrainingCSV writes the training list with headers and names in language l; the
// `koroena training` command uses it too.
func WriteTrainingCSV(w io.Writer, topics []training.Topic,
	l Language, cat *diagnosis.Catalogue,
) error {
	return training.WriteCSV(w, topics, TrainingHeader(l),
		func(tp training.Topic) string { return topicName(cat, l, tp) },
		func(s store.TreatmentStatus) string { return l.treatmentStatus(s) })
}
