// Command koroena is the cooperative coaching clinic's tool: it keeps every cooperative's
// medical record in one bbolt file, scores health assessments and shows it all on screens
// made for a coach's laptop.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// app holds what every subcommand shares: the process's streams, its environment and the
// global flags. Tests build one through run with their own streams and environment.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string

	dbPath string // --db, else KOROENA_DB, else the user's data directory
	lang   string // --lang id|en
	debug  bool   // --debug: log to the state directory
	demo   bool   // --demo: open the screens on a fresh demo city
}

// exitError carries the exit status a command asks for. Its message (if any) has already
// been printed when msg is empty.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// run parses args, runs one command and returns the process's exit status. It holds all
// setup so tests can call it with their own streams and environment.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)

	err := root.Execute()
	if err == nil {
		return 0
	}
	err = a.explainDamage(err) // a damaged page found while reading: name the backup
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(stderr, "koroena:", ee.msg)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "koroena:", err)
	return 1
}

// rootCmd builds the command tree. Without a subcommand koroena opens the screens.
func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "koroena",
		Short:         "The cooperative coaching clinic: records, health assessments, diagnosis",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE:          func(cmd *cobra.Command, _ []string) error { return a.runTUI(cmd) },
	}
	pf := root.PersistentFlags()
	pf.StringVar(&a.dbPath, "db", "", "data file (default: $KOROENA_DB, else the user's data directory)")
	pf.StringVar(&a.lang, "lang", "", "language of the screens and reports: id or en")
	pf.BoolVar(&a.debug, "debug", false, "write a debug log to the user's state directory")
	root.Flags().BoolVar(&a.demo, "demo", false, "open the screens on a fresh demo city")

	root.AddCommand(
		a.scoreCmd(),
		a.instrumentsCmd(),
		a.listCmd(),
		a.demoCmd(),
		a.importCmd(), a.exportCmd(), a.reportCmd(),
		a.backupCmd(), a.restoreCmd(), a.checkCmd(), a.compactCmd(),
		a.trainingCmd(), a.settingsCmd(),
	)
	return root
}
