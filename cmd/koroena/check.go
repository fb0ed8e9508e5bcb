package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"koroena/store/importer"
)

// checkCmd checks the data file's pages and koroena's own invariants.
func (a *app) checkCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Check the data file for damage and inconsistencies",
		Long: "Run bbolt's page check, then koroena's invariants: every index entry points\n" +
			"at a record, every record is indexed, every visit, assessment and plan item\n" +
			"belongs to a stored cooperative, and every final assessment scores again to its\n" +
			"stored total with its pinned instrument version. Exit status 0 when clean, 1\n" +
			"with one line per problem.",
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error { return a.runCheck() },
	}
}

func (a *app) runCheck() error {
	path, err := a.dataFile()
	if err != nil {
		return err
	}
	st, err := a.openStore(path, openRead)
	if err != nil {
		return err
	}
	defer st.Close()
	problems, err := st.Check(importer.Rescorer(a.loadInstruments()))
	if err != nil {
		return &exitError{code: 1, msg: damagedMessage(path, err)}
	}
	if len(problems) == 0 {
		fmt.Fprintf(a.stdout, "%s: no problems found\n", path)
		return nil
	}
	for _, p := range problems {
		fmt.Fprintf(a.stdout, "%s: %s\n", path, p)
	}
	return &exitError{code: 1, msg: damagedMessage(path,
		fmt.Errorf("check: %d problems found", len(problems)))}
}
