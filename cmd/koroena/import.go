package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"koroena/store"
	"koroena/store/importer"
	"koroena/tui"
)

// progressMin is the number of rows from which an import on a terminal shows a bar.
const progressMin = 500

// importCmd groups the imports.
func (a *app) importCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Import the registry of cooperatives or past assessments",
	}
	cmd.AddCommand(a.importCoopsCmd(), a.importAssessmentsCmd())
	return cmd
}

// importFlags are the flags both imports take.
type importFlags struct {
	dryRun bool
	sheet  string
}

func (a *app) importCoopsCmd() *cobra.Command {
	var f importFlags
	cmd := &cobra.Command{
		Use:   "coops FILE",
		Short: "Import a registry of cooperatives from CSV or XLSX, all or nothing",
		Long: "Import a registry spreadsheet (.csv or .xlsx). The header row may sit below\n" +
			"title rows; its names are matched ignoring case, spaces and punctuation, in\n" +
			"Indonesian or English (see the README for the list). A row whose NIK (or id)\n" +
			"is already stored updates that cooperative. Any error means nothing is\n" +
			"imported: every error is printed as FILE:ROW:COLUMN: problem, exit status 1.",
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return a.runImportCoops(args[0], f) },
	}
	cmd.Flags().BoolVar(&f.dryRun, "dry-run", false, "check everything, write nothing")
	cmd.Flags().StringVar(&f.sheet, "sheet", "", "the XLSX sheet to read (default: the one "+
		"with the header)")
	return cmd
}

func (a *app) runImportCoops(file string, f importFlags) (err error) {
	st, done, err := a.openImportStore(f.dryRun)
	if err != nil {
		return err
	}
	defer func() { done(err != nil) }()

	bar := a.progressBar()
	res, err := importer.Coops(st, file, importer.Options{Sheet: f.sheet, DryRun: f.dryRun,
		Progress: bar.update})
	bar.done()
	if err != nil && !errors.Is(err, importer.ErrRefused) {
		return &exitError{code: 1, msg: err.Error()}
	}
	printMessages(a.stderr, "warning: ", res.Warnings)
	printMessages(a.stderr, "", res.Errors)
	if errors.Is(err, importer.ErrRefused) {
		return &exitError{code: 1, msg: fmt.Sprintf("import refused: %s in %s; "+
			"nothing was written", countErrors(len(res.Errors)), file)}
	}

	w := a.stdout
	where := file
	if res.Sheet != "" {
		where += ", sheet " + res.Sheet
	}
	fmt.Fprintf(w, "Read %s: header on row %d, %d rows.\n", where, res.HeaderRow, res.Rows)
	fmt.Fprintf(w, "Columns read: %s\n", strings.Join(res.Columns, ", "))
	if len(res.Ignored) > 0 {
		fmt.Fprintf(w, "Columns ignored: %s\n", strings.Join(res.Ignored, ", "))
	}
	for _, m := range res.Skipped {
		fmt.Fprintf(w, "%s\n", m)
	}
	verb := "Imported"
	if f.dryRun {
		verb = "Dry run, nothing written; would import"
	}
	fmt.Fprintf(w, "%s: %d new, %d updated, %d unchanged cooperatives%s", verb, res.Created,
		res.Updated, res.Unchanged, matchedText(res))
	if len(res.NewCoaches) > 0 {
		fmt.Fprintf(w, "; new coaches: %s", strings.Join(res.NewCoaches, ", "))
	}
	fmt.Fprintf(w, ".\n")
	return nil
}

func (a *app) importAssessmentsCmd() *cobra.Command {
	var f importFlags
	cmd := &cobra.Command{
		Use:   "assessments FILE",
		Short: "Import past assessments from JSON, all or nothing",
		Long: "Import past assessments: one JSON object, an array of them, or JSON lines.\n" +
			"Each is `koroena score`'s input (instrument, figures, answers, options) with the\n" +
			"cooperative's \"nik\" and the \"fiscal_year\", and optionally \"status\" (final,\n" +
			"the default, or draft), \"coach\" (a name), \"finalized_at\" and \"item_notes\".\n" +
			"Each is checked and scored as `koroena score` does; a final one must be\n" +
			"complete. Any error means nothing is imported: every error is printed as\n" +
			"FILE:LINE:FIELD: problem, exit status 1.",
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return a.runImportAssessments(args[0], f)
		},
	}
	cmd.Flags().BoolVar(&f.dryRun, "dry-run", false, "check everything, write nothing")
	return cmd
}

func (a *app) runImportAssessments(file string, f importFlags) (err error) {
	st, done, err := a.openImportStore(f.dryRun)
	if err != nil {
		return err
	}
	defer func() { done(err != nil) }()

	bar := a.progressBar()
	res, err := importer.Assessments(st, a.loadInstruments(), file, importer.Options{
		DryRun: f.dryRun, Progress: bar.update})
	bar.done()
	if err != nil && !errors.Is(err, importer.ErrRefused) {
		return &exitError{code: 1, msg: err.Error()}
	}
	printMessages(a.stderr, "", res.Errors)
	if errors.Is(err, importer.ErrRefused) {
		return &exitError{code: 1, msg: fmt.Sprintf("import refused: %s in %s; "+
			"nothing was written", countErrors(len(res.Errors)), file)}
	}
	verb := "Imported"
	if f.dryRun {
		verb = "Dry run, nothing written; would import"
	}
	fmt.Fprintf(a.stdout, "%s %d of %d assessments", verb, res.Created, res.Documents)
	if len(res.NewCoaches) > 0 {
		fmt.Fprintf(a.stdout, "; new coaches: %s", strings.Join(res.NewCoaches, ", "))
	}
	fmt.Fprintf(a.stdout, ".\n")
	return nil
}

// openImportStore opens the store an import checks and writes, and returns the function
// that closes it, told whether the import failed. A failed import into a data file that
// did not exist removes the file it made. A dry run against a data file that does not
// exist yet (the first registry import) checks against an empty city: a new store in a
// temporary folder, removed on closing, so that nothing is written at the data file's
// path, as with any dry run.
func (a *app) openImportStore(dryRun bool) (*store.Store, func(failed bool), error) {
	path, err := a.dataFile()
	if err != nil {
		return nil, nil, err
	}
	isNew := missing(path)
	if dryRun && isNew {
		dir, err := os.MkdirTemp("", "koroena-dry-run-")
		if err != nil {
			return nil, nil, fmt.Errorf("dry run: a folder for an empty city: %w", err)
		}
		st, err := store.Open(filepath.Join(dir, "koroena.db"), store.Options{})
		if err != nil {
			os.RemoveAll(dir)
			return nil, nil, fmt.Errorf("dry run: an empty city: %w", err)
		}
		fmt.Fprintf(a.stdout, "No data file at %s yet: checking against an empty city.\n",
			path)
		return st, func(bool) {
			st.Close()
			os.RemoveAll(dir)
		}, nil
	}
	st, err := a.openStore(path, writeMode(dryRun))
	if err != nil {
		return nil, nil, err
	}
	return st, func(failed bool) {
		st.Close()
		if isNew && failed {
			os.Remove(path) // a failed import into a new file leaves no empty file
		}
	}, nil
}

// matchedText says how many rows without NIK or id were matched to a stored cooperative
// by its legal-entity number or by name and kelurahan, "" when none were.
func matchedText(res importer.Result) string {
	var parts []string
	if res.MatchedByLegalNumber > 0 {
		parts = append(parts, fmt.Sprintf("%d by legal-entity number",
			res.MatchedByLegalNumber))
	}
	if res.MatchedByName > 0 {
		parts = append(parts, fmt.Sprintf("%d by name and kelurahan", res.MatchedByName))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (rows without NIK matched: " + strings.Join(parts, ", ") + ")"
}

// countErrors is "1 error" or "N errors".
func countErrors(n int) string {
	if n == 1 {
		return "1 error"
	}
	return fmt.Sprintf("%d errors", n)
}

// missing reports whether nothing is at path (not merely unreadable).
func missing(path string) bool {
	_, err := os.Stat(path)
	return errors.Is(err, fs.ErrNotExist)
}

// writeMode is how an import opens the store: a dry run writes nothing, so it takes no
// backup either.
func writeMode(dryRun bool) openMode {
	if dryRun {
		return openRead
	}
	return openWrite
}

// printMessages prints one message per line, FILE:ROW:COLUMN first, with kind (such as
// "warning: ") before the problem.
func printMessages(w io.Writer, kind string, ms []importer.Message) {
	for _, m := range ms {
		m.Text = kind + m.Text
		fmt.Fprintln(w, m)
	}
}

// progress draws a bar on a terminal's stderr for imports of progressMin rows or more.
type progress struct {
	w     io.Writer
	on    bool
	drawn bool
}

func (a *app) progressBar() *progress {
	return &progress{w: a.stderr, on: isTerminal(a.stderr)}
}

// update redraws the bar: "[#######.............]  350/1000".
func (p *progress) update(done, total int) {
	if !p.on || total < progressMin {
		return
	}
	const width = 30
	n := done * width / max(total, 1)
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("#", n), strings.Repeat(".", width-n),
		done, total)
	p.drawn = true
}

// done ends the bar's line.
func (p *progress) done() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}

// registryImporter is the list screen's import: the registry file, all or nothing; a
// refused file's error lists its first problems.
func registryImporter(st *store.Store) tui.ImportFunc {
	return func(path string) (string, error) {
		res, err := importer.Coops(st, path, importer.Options{})
		if errors.Is(err, importer.ErrRefused) {
			refused := &tui.ImportRefusedError{}
			for _, m := range res.Errors {
				refused.Problems = append(refused.Problems, m.String())
			}
			return "", refused
		}
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s: %d new, %d updated, %d unchanged, %d warnings%s", path,
			res.Created, res.Updated, res.Unchanged, len(res.Warnings), matchedText(res)), nil
	}
}
