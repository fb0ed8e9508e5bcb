package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// instrumentsCmd is `koroena instruments`: every instrument, its versions and where each
// comes from (built in, or a file in the user's instruments folder).
func (a *app) instrumentsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "instruments",
		Short: "List the assessment instruments, their versions and where each comes from",
		Long: "List the assessment instruments, their versions and where each comes from.\n" +
			"A file <config>/koroena/instruments/<name>.yaml with a higher version than the\n" +
			"built-in one is used instead of it.",
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error { return a.runInstruments() },
	}
}

func (a *app) runInstruments() error {
	reg := a.loadInstruments()
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "INSTRUMENT\tVERSION\tIN USE\tSOURCE\tNAME")
	for _, in := range reg.Instruments() {
		for _, v := range reg.Versions(in.ID) {
			use := ""
			if v.Active {
				use = "yes"
			}
			name := in.Name
			if vi, err := reg.Lookup(fmt.Sprintf("%s@%d", in.ID, v.Version)); err == nil {
				name = vi.Name
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", in.ID, v.Version, use,
				a.sourceText(v.Source), name.In(a.lang))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(a.stdout, "\nlocal folder: %s\n", a.instrumentsDir())
	return err
}
