package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"koroena/store"
)

// listCmd prints one row per cooperative: a table, or JSON with --json.
func (a *app) listCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the cooperatives with their latest assessment",
		Long: "List every cooperative of the data file, sorted by name: id, name, NIK,\n" +
			"kecamatan, kelurahan, type, whether active, and the fiscal year, total and\n" +
			"predicate of its latest final assessment. --json prints an array of objects\n" +
			"with the keys id, name, nik, kecamatan, kelurahan, type, active, year, total,\n" +
			"predicate (year, total and predicate are null without a final assessment).",
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error { return a.runList(asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	return cmd
}

// listRow is one cooperative as `koroena list --json` prints it.
type listRow struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	NIK       string       `json:"nik"`
	Kecamatan string       `json:"kecamatan"`
	Kelurahan string       `json:"kelurahan"`
	Type      string       `json:"type"`
	Active    bool         `json:"active"`
	Year      *int         `json:"year"`
	Total     *json.Number `json:"total"` // the stored exact decimal, printed as a number
	Predicate *string      `json:"predicate"`
}

// runList reads the list rows from the data file and prints them.
func (a *app) runList(asJSON bool) error {
	path, err := a.dataFile()
	if err != nil {
		return err
	}
	st, err := a.openStore(path, openRead) // says what to do about a missing or damaged file
	if err != nil {
		return err
	}
	defer st.Close()
	sums, err := st.CooperativeSummaries()
	if err != nil {
		return fmt.Errorf("list: %w", err)
	}

	rows := listRows(sums)
	if asJSON {
		return writeListJSON(a.stdout, rows)
	}
	return writeListTable(a.stdout, rows)
}

// listRows turns list rows into output rows sorted by name (ignoring case), then id.
func listRows(sums []store.CoopSummary) []listRow {
	rows := make([]listRow, 0, len(sums))
	for _, s := range sums {
		r := listRow{ID: s.ID, Name: s.Name, NIK: s.NIK, Kecamatan: s.Kecamatan,
			Kelurahan: s.Kelurahan, Type: s.BusinessType, Active: s.Active}
		if h := s.Latest; h != nil {
			year, total, pred := h.FiscalYear, json.Number(h.Total), h.Predicate
			r.Year = &year
			if pred != "" {
				r.Predicate = &pred
			}
			if _, err := strconv.ParseFloat(h.Total, 64); err == nil {
				r.Total = &total // a valid number; anything else would break the JSON
			}
		}
		rows = append(rows, r)
	}
	slices.SortFunc(rows, func(x, y listRow) int {
		return cmp.Or(strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)),
			strings.Compare(x.ID, y.ID))
	})
	return rows
}

// writeListJSON prints the rows as one JSON array ([] when there are none).
func writeListJSON(w io.Writer, rows []listRow) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rows); err != nil {
		return fmt.Errorf("list: write: %w", err)
	}
	return nil
}

// writeListTable prints the rows as an aligned table with a header; "-" marks an empty
// cell.
func writeListTable(w io.Writer, rows []listRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tNIK\tKECAMATAN\tKELURAHAN\tTYPE\tACTIVE\tYEAR\tTOTAL\tPREDICATE")
	for _, r := range rows {
		year, total, pred := "-", "-", "-"
		if r.Year != nil {
			year = strconv.Itoa(*r.Year)
		}
		if r.Total != nil {
			total = r.Total.String()
		}
		if r.Predicate != nil {
			pred = *r.Predicate
		}
		active := "no"
		if r.Active {
			active = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, cell(r.Name),
			cell(r.NIK), cell(r.Kecamatan), cell(r.Kelurahan), cell(r.Type), active, year,
			total, pred)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("list: write: %w", err)
	}
	return nil
}

// cell shows an empty field as "-" and keeps tabs and line breaks out of the table.
func cell(s string) string {
	if s == "" {
		return "-"
	}
	return strings.Join(strings.Fields(s), " ")
}
