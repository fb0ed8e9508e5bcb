package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestAppendBlock(t *testing.T) {
	cells := []string{"a", "b", "c"}
	block := []string{"H", "1", "2"}
	tests := []struct {
		h    int
		want []string
	}{
		{h: 10, want: []string{"a", "b", "c", "", "H", "1", "2"}},
		{h: 6, want: []string{"a", "b", "c", "", "H", "1", "2"}},
		{h: 5, want: []string{"a", "b", "c", "", "", "H", "1", "2"}},
		{h: 3, want: []string{"a", "b", "c", "H", "1", "2"}},
		{h: 0, want: []string{"a", "b", "c", "H", "1", "2"}},
	}
	for _, tt := range tests {
		got := appendBlock(append([]string(nil), cells...), block, 2, tt.h)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("h=%d: got %q, want %q", tt.h, got, tt.want)
		}
	}
}

// The predicate legend's heading stands directly above its four predicates, in the same
// column, at every size the help fits in: it was left alone at the foot of the first
// column at 80x24 while the predicates began the second.
func TestHelp_LegendKeptTogether(t *testing.T) {
	for _, lang := range []Language{Indonesian, English} {
		for _, sz := range [][2]int{{60, 15}, {80, 24}, {100, 30}, {120, 40}} {
			t.Run(fmt.Sprintf("%s_%dx%d", lang, sz[0], sz[1]), func(t *testing.T) {
				for _, nav := range [][]string{{"?"}, {"/", "esc", "?"}} {
					d := newDriver(t, newFakeRepo(), lang, sz[0], sz[1])
					d.keys(nav...)
					requireLegendTogether(t, d.screen(), lang)
				}
			})
		}
	}
}

func requireLegendTogether(t *testing.T, screen string, lang Language) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	heading := lang.tr(txtLegend)
	for i, line := range lines {
		at := strings.Index(line, heading)
		if at < 0 || (at > 0 && line[at-1] != ' ') {
			continue
		}
		col := ansi.StringWidth(line[:at])
		for j, id := range predicateOrder {
			if i+1+j >= len(lines) {
				t.Fatalf("legend heading on line %d but predicate %d is off screen:\n%s",
					i, j, screen)
			}
			rest := ansi.Cut(lines[i+1+j], col, col+40)
			if !strings.HasPrefix(rest, lang.predicateLabel(id, true)) {
				t.Fatalf("line %d, column %d: %q, want predicate %q under the heading:\n%s",
					i+1+j, col, rest, lang.predicateLabel(id, true), screen)
			}
		}
		return
	}
	t.Fatalf("no legend heading %q on the help screen:\n%s", heading, screen)
}
