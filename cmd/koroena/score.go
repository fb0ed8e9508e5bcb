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

// maxScoreInput bounds what `koroena score` reads: one assessment is a few kilobytes, so
// anything near this is the wrong file (or a device such as /dev/zero that never ends).
const maxScoreInput = 8 << 20

// readInput reads the assessment JSON from the file name, or standard input for "-". It
// reads at most maxScoreInput bytes, drops the UTF-8 byte-order mark that Windows editors
// put first (as the assessment import does), and refuses UTF-16 text with a clear word
// instead of a JSON error about a stray character.
func (a *app) readInput(name string) ([]byte, error) {
	var r io.Reader = a.stdin
	where := "standard input"
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, unwrapPath(err))
		}
		defer f.Close()
		r, where = f, name
	}
	data, err := io.ReadAll(io.LimitReader(r, maxScoreInput+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", where, unwrapPath(err))
	}
	if len(data) > maxScoreInput {
		return nil, fmt.Errorf("read %s: more than %d MiB; one assessment's JSON is a few "+
			"kilobytes, so this is not one", where, maxScoreInput>>20)
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, fmt.Errorf("read %s: the text is UTF-16; save it as UTF-8 and try again",
			where)
	}
	return bytes.TrimPrefix(data, []byte("\ufeff")), nil
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
