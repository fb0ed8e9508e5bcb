package tui

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// goldenSizes are the window sizes every screen is checked at.
var goldenSizes = [][2]int{{60, 15}, {80, 24}, {120, 40}}

// requireFits fails when the screen has more lines or wider lines than the window.
func requireFits(t *testing.T, screen string, w, h int) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) > h {
		t.Errorf("%d lines, window has %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("line %d is %d wide, window is %d: %q", i+1, lw, w, l)
		}
	}
}

// checkGolden compares the plain screen with its golden file after checking it fits.
func checkGolden(t *testing.T, d *driver, w, h int) {
	t.Helper()
	content := d.m.View().Content
	requireFits(t, content, w, h)
	golden.RequireEqual(t, ansi.Strip(content))
}

func TestList_Golden(t *testing.T) {
	for _, lang := range []Language{Indonesian, English} {
		for _, sz := range goldenSizes {
			t.Run(fmt.Sprintf("%s_%dx%d", lang, sz[0], sz[1]), func(t *testing.T) {
				d := newDriver(t, newFakeRepo(), lang, sz[0], sz[1])
				checkGolden(t, d, sz[0], sz[1])
			})
		}
	}
}

func TestRecord_Golden(t *testing.T) {
	for _, lang := range []Language{Indonesian, English} {
		for _, sz := range goldenSizes {
			t.Run(fmt.Sprintf("%s_%dx%d", lang, sz[0], sz[1]), func(t *testing.T) {
				d := newDriver(t, newFakeRepo(), lang, sz[0], sz[1])
				d.send(typeText("/rejeki")...)
				d.keys("enter", "enter") // the one with the draft
				if d.m.focused() != focusRecord {
					t.Fatal("enter did not open the record")
				}
				checkGolden(t, d, sz[0], sz[1])
			})
		}
	}
}

func TestRecord_GoldenScrolled(t *testing.T) {
	d := newDriver(t, newFakeRepo(), English, 80, 24)
	d.send(typeText("/rejeki")...)
	d.keys("enter", "enter", "G")
	checkGolden(t, d, 80, 24)
}

func TestHelp_Golden(t *testing.T) {
	for _, lang := range []Language{Indonesian, English} {
		for _, sz := range [][2]int{{60, 15}, {80, 24}} {
			t.Run(fmt.Sprintf("%s_%dx%d", lang, sz[0], sz[1]), func(t *testing.T) {
				d := newDriver(t, newFakeRepo(), lang, sz[0], sz[1])
				d.keys("?")
				checkGolden(t, d, sz[0], sz[1])
			})
		}
	}
}

func TestRoot_TooSmall(t *testing.T) {
	for _, sz := range [][2]int{{59, 24}, {80, 14}, {30, 8}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			d := newDriver(t, newFakeRepo(), English, sz[0], sz[1])
			requireFits(t, d.m.View().Content, sz[0], sz[1])
			d.requireContains("small")
		})
	}
}

// Every screen at every width between the smallest and a wide one must fit its window.
func TestRoot_FitsEveryWidth(t *testing.T) {
	for _, lang := range []Language{Indonesian, English} {
		for w := minWidth; w <= 160; w += 7 {
			for _, keys := range [][]string{nil, {"enter"}, {"?"}, {"/", "k", "s", "p"}} {
				d := newDriver(t, newFakeRepo(), lang, w, minHeight+w%5)
				d.keys(keys...)
				requireFits(t, d.m.View().Content, w, minHeight+w%5)
			}
		}
	}
}

func TestList_GoldenColour(t *testing.T) {
	for _, dark := range []bool{true, false} {
		t.Run(fmt.Sprintf("dark=%v", dark), func(t *testing.T) {
			d := newDriver(t, newFakeRepo(), English, 80, 24)
			d.m.setStyles(newStyles(dark))
			golden.RequireEqual(t, d.m.View().Content)
		})
	}
}
