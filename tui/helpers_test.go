package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// press builds the key press of one key name: "enter", "esc", "up", or one character.
func press(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// typeText is one key press per character of s.
func typeText(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, press(string(r)))
	}
	return out
}

// driver feeds messages to a root model and runs the commands they return, as the
// program would, but synchronously.
type driver struct {
	t    *testing.T
	m    Model
	quit bool
	seen []tea.Msg // every message the commands returned
}

// newDriver builds the screens on repo at w by h in language l and loads the list.
func newDriver(t *testing.T, repo Repo, l Language, w, h int) *driver {
	t.Helper()
	d := &driver{t: t, m: New(repo, Options{Lang: l})}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.runCmd(d.m.Init())
	return d
}

// send feeds msgs one after another, running every command they return.
func (d *driver) send(msgs ...tea.Msg) *driver {
	d.t.Helper()
	for _, msg := range msgs {
		next, cmd := d.m.Update(msg)
		d.m = next.(Model)
		d.runCmd(cmd)
	}
	return d
}

// keys sends key presses by name.
func (d *driver) keys(names ...string) *driver {
	d.t.Helper()
	for _, k := range names {
		d.send(press(k))
	}
	return d
}

// runCmd runs cmd and feeds back what it returns; a quit is noted, not fed.
func (d *driver) runCmd(cmd tea.Cmd) {
	d.t.Helper()
	if cmd == nil {
		return
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.runCmd(c)
		}
	case tea.QuitMsg:
		d.quit = true
	default:
		d.seen = append(d.seen, msg)
		d.send(msg)
	}
}

// screen is the root's view without styles.
func (d *driver) screen() string { return ansi.Strip(d.m.View().Content) }

// shownNames lists the names of the rows the list shows, in order.
func (d *driver) shownNames() []string {
	var out []string
	for _, i := range d.m.list.shown {
		out = append(out, d.m.list.rows[i].sum.Name)
	}
	return out
}

// requireContains fails when the screen lacks want.
func (d *driver) requireContains(want string) {
	d.t.Helper()
	if s := d.screen(); !strings.Contains(s, want) {
		d.t.Fatalf("screen lacks %q:\n%s", want, s)
	}
}
