package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"koroena/scoring"
	"koroena/scoring/diagnosis"
	"koroena/store"
	"koroena/store/report"
	"koroena/tui"
)

// reportCmd prints one cooperative's medical record.
func (a *app) reportCmd() *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "report COOP",
		Short: "Write a cooperative's medical record as PDF or Markdown",
		Long: "Write the medical record of one cooperative: profile, the score over the\n" +
			"years, the latest diagnosis with its component table, the treatment plan, the\n" +
			"visit log, the office's name (setting office.name) and the date. COOP is the\n" +
			"id, the NIK or a part of the name that only one cooperative has. The language\n" +
			"follows --lang, else the screens' setting, else the locale.",
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return a.runReport(args[0], format, out)
		},
	}
	cmd.Flags().StringVar(&format, "format", report.FormatPDF, "pdf or md")
	cmd.Flags().StringVar(&out, "out", "", "file to write, - for standard output "+
		"(default: rekam-medis-<name>-"+
		"<date>.pdf in the current folder)")
	return cmd
}

func (a *app) runReport(query, format, out string) error {
	if format != report.FormatPDF && format != report.FormatMarkdown {
		return &exitError{code: 2, msg: fmt.Sprintf("--format %q: choose pdf or md", format)}
	}
	path, err := a.dataFile()
	if err != nil {
		return err
	}
	st, err := a.openStore(path, openRead)
	if err != nil {
		return err
	}
	defer st.Close()
	lang, err := tui.ResolveLanguage(a.lang, st, a.getenv)
	if err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	c, err := report.Find(st, query)
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, report.ErrAmbiguous) {
		return &exitError{code: 1, msg: "report: " + err.Error()}
	}
	if err != nil {
		return err
	}
	if out == "" {
		out = report.FileName(c, format, string(lang), time.Now())
	}
	opts := report.Options{Format: format, Lang: string(lang), Registry: a.loadInstruments(),
		Conditions: a.loadConditions()}
	if out == "-" {
		return a.reportToStdout(st, c.ID, opts)
	}
	pages, err := report.Render(st, c.ID, out, opts)
	if err != nil {
		return err
	}
	if pages > 0 {
		fmt.Fprintf(a.stdout, "Wrote the record of %s to %s (%d pages)\n", c.Name, out, pages)
	} else {
		fmt.Fprintf(a.stdout, "Wrote the record of %s to %s\n", c.Name, out)
	}
	return nil
}

// reportToStdout writes the record to standard output (--out -), for a pipe.
func (a *app) reportToStdout(st *store.Store, id string, opts report.Options) error {
	dir, err := os.MkdirTemp("", "koroena-report-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, "record."+opts.Format)
	if _, err := report.Render(st, id, tmp, opts); err != nil {
		return err
	}
	f, err := os.Open(tmp)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(a.stdout, f)
	return err
}

// reportWriter is the screens' print key: the record as a PDF in the current folder.
func reportWriter(st *store.Store, reg *scoring.Registry, cat *diagnosis.Catalogue,
) tui.ReportFunc {
	return func(coopID string, lang tui.Language) (string, error) {
		c, err := st.Cooperative(coopID)
		if err != nil {
			return "", err
		}
		path, err := filepath.Abs(report.FileName(c, report.FormatPDF, string(lang),
			time.Now()))
		if err != nil {
			return "", err
		}
		_, err = report.Render(st, coopID, path, report.Options{Lang: string(lang),
			Registry: reg, Conditions: cat})
		return path, err
	}
}
