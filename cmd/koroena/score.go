package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"koroena/scoring"
)

// scoreCmd is `koroena score [FILE|-]`: score one assessment JSON without opening the
// data file (see shared/domain/SCORE-CONTRACT.md).
func (a *app) scoreCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "score [FILE|-]",
		Short: "Score one assessment given as JSON (standard input when FILE is - or absent)",
		Long: "Score one assessment given as JSON and print the result as JSON.\n" +
			"Exit status 2, with one line per problem on standard error, for bad input.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return a.runScore(args) },
	}
}

func (a *app) runScore(args []string) error {
	name := "-"
	if len(args) == 1 {
		name = args[0]
	}
	data, err := a.readInput(name)
	if err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}

	reg := a.loadInstruments()
	inp, in, err := scoring.ParseInput(data, reg)
	if err != nil {
		var ie *scoring.InputError
		if !errors.As(err, &ie) {
			return &exitError{code: 2, msg: err.Error()}
		}
		for _, p := range ie.Problems {
			fmt.Fprintf(a.stderr, "koroena score: %s: %s\n", inputName(name), p)
		}
		return &exitError{code: 2}
	}

	out, err := json.Marshal(in.Score(inp))
	if err != nil {
		return fmt.Errorf("write result: %w", err)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, out, "", "  "); err != nil {
		return fmt.Errorf("write result: %w", err)
	}
	buf.WriteByte('\n')
	_, err = a.stdout.Write(buf.Bytes())
	return err
}

func (a *app) readInput(name string) ([]byte, error) {
	if name == "-" {
		data, err := io.ReadAll(a.stdin)
		if err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
		return data, nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, unwrapPath(err))
	}
	return data, nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func inputName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return strings.TrimSpace(name)
}
