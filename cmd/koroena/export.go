package main

import (
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"koroena/store/export"
)

// exportCmd writes everything the data file holds for spreadsheets or programs.
func (a *app) exportCmd() *cobra.Command {
	var format, out, sep string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export cooperatives, assessments, treatments and visits",
		Long: "Export everything: xlsx (a workbook, a sheet per kind, frozen header, numbers\n" +
			"as numbers), csv (a folder with a UTF-8 file per kind that Excel opens; --sep ';'\n" +
			"for Excel in Indonesian) or json (JSON lines for programs, one record a line).\n" +
			"The cooperatives sheet has the columns `koroena import coops` reads.",
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error { return a.runExport(format, out, sep) },
	}
	cmd.Flags().StringVar(&format, "format", export.FormatXLSX, "xlsx, csv or json")
	cmd.Flags().StringVar(&out, "out", "", "file (a folder for csv); default "+
		"koroena-export-<date> in the current folder")
	cmd.Flags().StringVar(&sep, "sep", ",", "CSV field separator")
	return cmd
}

func (a *app) runExport(format, out, sep string) error {
	r, n := utf8.DecodeRuneInString(sep)
	if n == 0 || n != len(sep) || r == '"' || r == '\n' || r == '\r' {
		return &exitError{code: 2, msg: fmt.Sprintf("--sep %q: give one character", sep)}
	}
	if format != export.FormatXLSX && format != export.FormatCSV &&
		format != export.FormatJSON {
		return &exitError{code: 2, msg: fmt.Sprintf("--format %q: choose xlsx, csv or json",
			format)}
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
	if out == "" {
		out = export.DefaultName(format, time.Now())
	}
	paths, err := export.Write(st, format, out, export.Options{Separator: r,
		Registry: a.loadInstruments()})
	if err != nil {
		return err
	}
	for _, p := range paths {
		fmt.Fprintf(a.stdout, "Exported to %s\n", p)
	}
	return nil
}
