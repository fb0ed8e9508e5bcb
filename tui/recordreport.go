package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// ReportFunc writes the printable medical record of a cooperative in a language and
// returns the file's path. cmd passes one that writes a PDF with store/report.
type ReportFunc func(coopID string, lang Language) (path string, err error)

// reportWrittenMsg reports a written medical record, or why it could not be written.
type reportWrittenMsg struct {
	coopID string
	path   string
	err    error
}

// writeReportCmd writes the record of coopID in the background.
func writeReportCmd(write ReportFunc, coopID string, lang Language) tea.Cmd {
	return func() tea.Msg {
		path, err := write(coopID, lang)
		return reportWrittenMsg{coopID: coopID, path: path, err: err}
	}
}

// withReportKey adds the record's print key: r writes the medical record.
func withReportKey(k recordKeyMap, l Language) recordKeyMap {
	help := "print record"
	if l == Indonesian {
		help = "cetak rekam medis"
	}
	k.Report = key.NewBinding(key.WithKeys("r"), key.WithHelp("r", help))
	return k
}

// reportKey turns the print key into the command that writes the record; nil for other
// keys, before the record has loaded, or when no ReportFunc was given.
func (m recordModel) reportKey(msg tea.KeyPressMsg) tea.Cmd {
	if !m.loaded || m.report == nil || !key.Matches(msg, m.keys.Report) {
		return nil
	}
	return writeReportCmd(m.report, m.coopID, m.lang)
}

// reportNotice says where the record went, or what went wrong, on one line.
func (m recordModel) reportNotice(msg reportWrittenMsg) string {
	switch {
	case msg.err != nil && m.lang == Indonesian:
		return "Rekam medis gagal ditulis: " + msg.err.Error()
	case msg.err != nil:
		return "The record could not be written: " + msg.err.Error()
	case m.lang == Indonesian:
		return "Rekam medis ditulis ke " + msg.path
	}
	return "Record written to " + msg.path
}
