package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// palette holds the semantic colours, each chosen for the terminal's background.
type palette struct {
	text      color.Color // unused by default: body text keeps the terminal's colour
	muted     color.Color
	accent    color.Color
	border    color.Color
	selection color.Color
	danger    color.Color
	success   color.Color
	warning   color.Color
	caution   color.Color
}

// newPalette picks the colours for a dark or light background.
func newPalette(isDark bool) palette {
	ld := lipgloss.LightDark(isDark)
	return palette{
		text:      ld(lipgloss.Color("#1F1F1F"), lipgloss.Color("#E6E6E6")),
		muted:     ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8F8F8F")),
		accent:    ld(lipgloss.Color("#005F87"), lipgloss.Color("#5FAFFF")),
		border:    ld(lipgloss.Color("#BCBCBC"), lipgloss.Color("#4E4E4E")),
		selection: ld(lipgloss.Color("#D7E9F7"), lipgloss.Color("#26384A")),
		danger:    ld(lipgloss.Color("#AF0000"), lipgloss.Color("#FF5F5F")),
		success:   ld(lipgloss.Color("#007A33"), lipgloss.Color("#5FD787")),
		warning:   ld(lipgloss.Color("#8A6A00"), lipgloss.Color("#FFD75F")),
		caution:   ld(lipgloss.Color("#B35900"), lipgloss.Color("#FF9F43")),
	}
}

// ansiPalette uses the terminal's own 16 colours, which every theme tunes for its
// background: the safe choice until the terminal says whether it is dark or light.
func ansiPalette() palette {
	return palette{
		text:      lipgloss.NoColor{},
		muted:     lipgloss.BrightBlack,
		accent:    lipgloss.Blue,
		border:    lipgloss.BrightBlack,
		selection: lipgloss.NoColor{},
		danger:    lipgloss.Red,
		success:   lipgloss.Green,
		warning:   lipgloss.Yellow,
		caution:   lipgloss.Magenta,
	}
}

// styles holds every style of the screens, built once per background and handed down.
// Colour downsampling and NO_COLOR are left to the program's colour profile.
type styles struct {
	isDark bool
	known  bool // built for a background the terminal reported

	// Shared by every screen.
	title    lipgloss.Style
	muted    lipgloss.Style
	accent   lipgloss.Style
	errText  lipgloss.Style
	status   lipgloss.Style
	section  lipgloss.Style
	label    lipgloss.Style
	draft    lipgloss.Style
	inactive lipgloss.Style

	// predicate colours the predicate's word, by predicate id.
	predicate map[string]lipgloss.Style

	// The list's table.
	list struct {
		header   lipgloss.Style
		sortCol  lipgloss.Style
		row      lipgloss.Style
		selected lipgloss.Style
		prompt   lipgloss.Style
	}

	// The record's charts.
	record struct {
		barFull  lipgloss.Style
		barEmpty lipgloss.Style
		axis     lipgloss.Style
	}

	// The assessment and diagnosis screens.
	assess struct {
		final, warn, cursor, input, readBack lipgloss.Style
		ok, score, yes, no, big              lipgloss.Style
		better, worse, band                  lipgloss.Style
	}

	// help styles the full help screen.
	help struct {
		key  lipgloss.Style
		desc lipgloss.Style
	}
}

// newStyles builds the styles for a dark or light background.
func newStyles(isDark bool) styles {
	s := stylesFrom(newPalette(isDark))
	s.isDark, s.known = isDark, true
	return s
}

// newSafeStyles builds styles readable on any background, from the terminal's own colours.
func newSafeStyles() styles { return stylesFrom(ansiPalette()) }

// stylesFrom builds every style from the palette p.
func stylesFrom(p palette) styles {
	var s styles
	// Plain text keeps the terminal's own colour, which is always readable.
	base := lipgloss.NewStyle()

	s.title = base.Bold(true).Foreground(p.accent)
	s.muted = lipgloss.NewStyle().Foreground(p.muted)
	s.accent = lipgloss.NewStyle().Foreground(p.accent)
	s.errText = lipgloss.NewStyle().Foreground(p.danger).Bold(true)
	s.status = lipgloss.NewStyle().Foreground(p.muted)
	s.section = base.Bold(true).Underline(true)
	s.label = lipgloss.NewStyle().Foreground(p.muted)
	s.draft = lipgloss.NewStyle().Foreground(p.warning).Bold(true)
	s.inactive = lipgloss.NewStyle().Foreground(p.muted).Italic(true)

	s.predicate = map[string]lipgloss.Style{
		predSehat:       lipgloss.NewStyle().Foreground(p.success).Bold(true),
		predCukupSehat:  lipgloss.NewStyle().Foreground(p.warning),
		predPengawasan:  lipgloss.NewStyle().Foreground(p.caution),
		predPengawasanK: lipgloss.NewStyle().Foreground(p.danger).Bold(true),
	}

	s.list.header = base.Bold(true)
	s.list.sortCol = base.Bold(true).Foreground(p.accent)
	s.list.row = lipgloss.NewStyle()
	// The row also carries a "›" mark, so the selection stays visible without colour.
	s.list.selected = lipgloss.NewStyle().Background(p.selection).Bold(true)
	if _, none := p.selection.(lipgloss.NoColor); none {
		s.list.selected = s.list.selected.Reverse(true)
	}
	s.list.prompt = lipgloss.NewStyle().Foreground(p.accent).Bold(true)

	s.record.barFull = lipgloss.NewStyle().Foreground(p.accent)
	s.record.barEmpty = lipgloss.NewStyle().Foreground(p.border)
	s.record.axis = lipgloss.NewStyle().Foreground(p.muted)

	s.assess.final = lipgloss.NewStyle().Foreground(p.success).Bold(true)
	s.assess.warn = lipgloss.NewStyle().Foreground(p.caution)
	s.assess.cursor = lipgloss.NewStyle().Foreground(p.accent).Bold(true)
	s.assess.input = lipgloss.NewStyle().Foreground(p.accent).Underline(true)
	s.assess.readBack = lipgloss.NewStyle().Foreground(p.success)
	s.assess.ok = lipgloss.NewStyle().Foreground(p.success)
	s.assess.score = lipgloss.NewStyle().Foreground(p.text)
	s.assess.yes = lipgloss.NewStyle().Foreground(p.success).Bold(true)
	s.assess.no = lipgloss.NewStyle().Foreground(p.danger)
	s.assess.big = lipgloss.NewStyle().Foreground(p.accent).Bold(true)
	s.assess.better = lipgloss.NewStyle().Foreground(p.success)
	s.assess.worse = lipgloss.NewStyle().Foreground(p.danger)
	s.assess.band = lipgloss.NewStyle().Background(p.selection).Bold(true)

	s.help.key = lipgloss.NewStyle().Foreground(p.accent).Bold(true)
	s.help.desc = lipgloss.NewStyle().Foreground(p.muted)
	return s
}

// predicateStyle is the style of predicate id; unknown ids are plain.
func (s styles) predicateStyle(id string) lipgloss.Style {
	if st, ok := s.predicate[id]; ok {
		return st
	}
	return lipgloss.NewStyle()
}
