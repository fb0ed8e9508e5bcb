package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"koroena/store/training"
	"koroena/tui"
)

// trainingCmd writes the training targets: for each training topic, the cooperatives
// whose open treatment plans need it, as CSV for invitations.
func (a *app) trainingCmd() *cobra.Command {
	var topic, out string
	cmd := &cobra.Command{
		Use:   "training",
		Short: "Write which cooperatives need which training, as CSV for invitations",
		Long: "Write one CSV row per training topic and cooperative whose open treatment\n" +
			"plan (planned or in progress) includes that training: topic id and name,\n" +
			"cooperative, NIK, kelurahan, kecamatan, coach, chair, manager, phone, the\n" +
			"earliest due date and the item's status. Topics with the most cooperatives\n" +
			"come first. The file is UTF-8 with a byte-order mark, so spreadsheet programs\n" +
			"read the names right; headers and names follow --lang.",
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error { return a.runTraining(topic, out) },
	}
	cmd.Flags().StringVar(&topic, "topic", "",
		"only this topic, e.g. latih.analisis_kredit_5c")
	cmd.Flags().StringVar(&out, "out", "", "write to this file instead of standard output")
	return cmd
}

// runTraining reads the plans and writes the CSV.
func (a *app) runTraining(topic, out string) error {
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
	cat := a.loadConditions()
	if _, ok := cat.Treatment(topic); topic != "" && !ok {
		return &exitError{code: 2, msg: fmt.Sprintf("--topic %q: no such treatment in the "+
			"catalogue (topics are ids such as latih.analisis_kredit_5c)", topic)}
	}

	items, err := st.Treatments()
	if err != nil {
		return fmt.Errorf("training: %w", err)
	}
	sums, err := st.CooperativeSummaries()
	if err != nil {
		return fmt.Errorf("training: %w", err)
	}
	topics := training.Targets(items, sums, topic)

	var w io.Writer = a.stdout
	if out != "" {
		f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			return fmt.Errorf("training: %w", err)
		}
		defer f.Close()
		w = f
	}
	if err := tui.WriteTrainingCSV(w, topics, lang, cat); err != nil {
		return fmt.Errorf("training: write %s: %w", out, err)
	}
	if out != "" {
		n := 0
		for _, tp := range topics {
			n += len(tp.Coops)
		}
		fmt.Fprintf(a.stderr, "koroena: %d rows in %d topics written to %s\n", n, len(topics),
			out)
	}
	return nil
}
