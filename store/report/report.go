package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"koroena/scoring"
	"koroena/scoring/diagnosis"
	"koroena/store"
)

// Options choose what Render writes.
type Options struct {
	Format string // FormatPDF (default) or FormatMarkdown
	Lang   string // "id" (default) or "en"
	// Registry holds the instruments for labels and the component table; Default when nil.
	Registry *scoring.Registry
	// Conditions is the diagnosis catalogue for the findings; diagnosis.Default when nil.
	Conditions *diagnosis.Catalogue
	// Now is the date the report says it was made; time.Now when nil.
	Now func() time.Time
}

// Render writes the medical record of the cooperative with id coopID to path (mode
// 0600), via a temporary file so that a half-written report never takes its place. It
// returns the number of pages of a PDF (0 for Markdown).
func Render(s *store.Store, coopID, path string, opts Options) (pages int, err error) {
	if opts.Format == "" {
		opts.Format = FormatPDF
	}
	if opts.Format != FormatPDF && opts.Format != FormatMarkdown {
		return 0, fmt.Errorf("report: format %q is neither pdf nor md", opts.Format)
	}
	if opts.Lang != "en" {
		opts.Lang = "id"
	}
	if opts.Registry == nil {
		opts.Registry = scoring.Default()
	}
	if opts.Conditions == nil {
		opts.Conditions = diagnosis.Default()
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	r, err := gather(s, opts.Registry, opts.Conditions, coopID, opts.Lang, now())
	if err != nil {
		return 0, fmt.Errorf("report: %w", err)
	}

	var buf bytes.Buffer
	if opts.Format == FormatPDF {
		pages, err = r.writePDF(&buf)
	} else {
		err = r.writeMarkdown(&buf)
	}
	if err != nil {
		return 0, fmt.Errorf("report: %w", err)
	}
	tmp := path + ".part"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o600); err != nil {
		return 0, fmt.Errorf("report: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return 0, fmt.Errorf("report: %w", err)
	}
	return pages, nil
}

// Write is Render for the screens: it writes the record of coopID in format ("pdf" or
// "md") and lang into dir, under the name FileName gives, and returns the file's path.
func Write(s *store.Store, coopID, format, lang, dir string) (string, error) {
	c, err := s.Cooperative(coopID)
	if err != nil {
		return "", fmt.Errorf("report: %w", err)
	}
	if format == "" {
		format = FormatPDF
	}
	path := filepath.Join(dir, FileName(c, format, lang, time.Now()))
	if _, err := Render(s, coopID, path, Options{Format: format, Lang: lang}); err != nil {
		return "", err
	}
	return path, nil
}

// nonWord matches runs of characters that do not belong in a file name.
var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// FileName is a report's default file name: "rekam-medis-<name>-<yyyymmdd>.pdf"
// ("medical-record-…" in English).
func FileName(c store.Cooperative, format, lang string, now time.Time) string {
	base := "rekam-medis"
	if lang == "en" {
		base = "medical-record"
	}
	slug := strings.Trim(nonWord.ReplaceAllString(strings.ToLower(c.Name), "-"), "-")
	if len(slug) > 40 {
		slug = strings.TrimRight(slug[:40], "-")
	}
	if slug == "" {
		slug = c.ID
	}
	if format == "" {
		format = FormatPDF
	}
	return fmt.Sprintf("%s-%s-%s.%s", base, slug, now.Format("20060102"), format)
}
