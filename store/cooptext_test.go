package store

import (
	"errors"
	"strings"
	"testing"
)

// Text a terminal acts on instead of showing is refused in a cooperative's profile, on
// create and on update; letters of any script, emoji and line breaks in notes are kept.
func TestStore_CooperativeControlCharacters(t *testing.T) {
	s := mustOpen(t)
	refused := map[string]Cooperative{
		"escape sequence in name": {Name: "KSP \x1b[31mMerah\x1b[0m"},
		"bidi override in name":   {Name: "KSP \u202eAbadi\u202c"},
		"bidi isolate in chair":   {Name: "KSP B", Chair: "Budi \u2067x\u2069"},
		"line break in name":      {Name: "KSP\nDua Baris"},
		"C1 control in kelurahan": {Name: "KSP C", Kelurahan: "Meri\u009b2J"},
		"escape in notes":         {Name: "KSP D", Notes: "ok\x1b]0;title\x07"},
	}
	for name, c := range refused {
		t.Run(name, func(t *testing.T) {
			if _, err := s.CreateCooperative(c); !errors.Is(err, ErrInvalid) ||
				!strings.Contains(err.Error(), "control character") {
				t.Errorf("err = %v, want a refused control character", err)
			}
		})
	}
	kept := []Cooperative{
		{Name: "KSP 😀 Emoji Makmur"},
		{Name: "KSP Marë Combin\u0301ing"},
		{Name: "KSP 中文テスト"},
		{Name: "KSP 👩\u200d👩\u200d👧 Keluarga"},
		{Name: "KSP Catatan", Notes: "baris satu\nbaris dua\tdengan tab",
			Address: "Jl. Pahlawan 1\nRT 02 / RW 03"},
	}
	for _, c := range kept {
		got, err := s.CreateCooperative(c)
		if err != nil {
			t.Fatalf("%q refused: %v", c.Name, err)
		}
		if got.Name != c.Name || got.Notes != c.Notes {
			t.Errorf("stored %q / %q, want %q / %q", got.Name, got.Notes, c.Name, c.Notes)
		}
	}
	first, err := s.CreateCooperative(Cooperative{Name: "KSP Ubah"})
	if err != nil {
		t.Fatal(err)
	}
	first.Name = "KSP \x1b[2JUbah"
	if _, err := s.UpdateCooperative(first); !errors.Is(err, ErrInvalid) {
		t.Errorf("update with an escape: err = %v, want ErrInvalid", err)
	}
	sums, err := s.CooperativeSummaries()
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != len(kept)+1 {
		t.Errorf("%d cooperatives stored, want %d", len(sums), len(kept)+1)
	}
}
