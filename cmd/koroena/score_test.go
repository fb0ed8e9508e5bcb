package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"koroena/scoring/scoringtest"
)

// runScoreArgs runs koroena with args, stdin and a private config folder.
func runScoreArgs(t *testing.T, config, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := map[string]string{"XDG_CONFIG_HOME": config}
	code := run(args, strings.NewReader(stdin), &out, &errOut,
		func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

// TestScoreCmd_Vectors: every vector's input (ksp-2016 and ksp-2021), fed to
// `koroena score -`, prints what its expectation lists.
func TestScoreCmd_Vectors(t *testing.T) {
	var vs []scoringtest.Vector
	for _, id := range []string{"ksp-2016", "ksp-2021"} {
		more, err := scoringtest.Load(filepath.Join("..", "..", "scoring", "testdata",
			"vectors", id))
		if err != nil {
			t.Fatal(err)
		}
		for i := range more {
			more[i].Name = id + "/" + more[i].Name
		}
		vs = append(vs, more...)
	}
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			code, out, errOut := runScoreArgs(t, t.TempDir(), string(v.Input), "score", "-")
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			for _, d := range scoringtest.Check([]byte(out), v.Expect) {
				t.Error(d)
			}
		})
	}
}

// TestScoreCmd_File reads the assessment from a file argument.
func TestScoreCmd_File(t *testing.T) {
	f := filepath.Join(t.TempDir(), "a.json")
	if err := os.WriteFile(f, []byte(`{"instrument":"ksp-2016","figures":{"modal_sendiri":200,`+
		`"total_aset":1000}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runScoreArgs(t, t.TempDir(), "", "score", f)
	if code != 0 || scoringtest.Check([]byte(out),
		[]byte(`{"components":{"ms_ta":{"ratio":20,"nilai":50}}}`)) != nil {
		t.Errorf("exit %d, output %s", code, out)
	}
}

// TestScoreCmd_BadInput: exit 2, nothing on stdout, one line per problem naming where.
func TestScoreCmd_BadInput(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"malformed", `{"instrument":`, []string{"malformed JSON"}},
		{"unknown instrument", `{"instrument":"ksp-2061"}`,
			[]string{`instrument: unknown instrument "ksp-2061" (did you mean "ksp-2021"?)`}},
		{"aspect scores of a summing instrument", `{"instrument":"ksp-2016",` +
			`"aspect_scores":{"permodalan":10}}`,
			[]string{`aspect_scores: ksp-2016 adds up its components`}},
		{"bad aspect scores", `{"instrument":"ksp-2021",` +
			`"aspect_scores":{"permodalan":100.5,"tata_kelol":90,"profil_risiko":"1,5"}}`,
			[]string{
				`aspect_scores.permodalan: 100.5 is not a score from 0 to 100`,
				`aspect_scores.profil_risiko: "1,5" is not a score`,
				`aspect_scores.tata_kelol: unknown aspect id (did you mean "tata_kelola"?)`,
			}},
		{"unknown version", `{"instrument":"ksp-2016@7"}`, []string{`version "7"`}},
		{"bad figures", `{"instrument":"ksp-2016","figures":{"kass":1,"bank":"1.234,5",` +
			`"tabungan":0.125,"kas":-1}}`, []string{
			`figures.bank: "1.234,5" is not an amount`,
			`figures.kas: -1 is negative`,
			`figures.kass: unknown figure id (did you mean "kas"?)`,
			`figures.tabungan: 0.125 has more than 2 decimals`,
		}},
		{"bad answer", `{"instrument":"ksp-2016","answers":{"mu01":"ya"}}`,
			[]string{`answers.mu01: "ya" is not an answer: use true (ya) or false (tidak)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runScoreArgs(t, t.TempDir(), tt.in, "score")
			if code != 2 || out != "" {
				t.Fatalf("exit %d, stdout %q; want 2 and nothing", code, out)
			}
			lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("stderr has %d lines, want %d:\n%s", len(lines), len(tt.want), errOut)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(lines[i], "koroena score: stdin: ") ||
					!strings.Contains(lines[i], w) {
					t.Errorf("line %d: %q, want %q", i, lines[i], w)
				}
			}
		})
	}
	code, _, errOut := runScoreArgs(t, t.TempDir(), "", "score", "/nonexistent/a.json")
	if code != 2 || !strings.Contains(errOut, "/nonexistent/a.json") {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
}

// TestInstrumentsCmd lists the embedded instrument, then a local override and a broken
// local file, whose message names the file and the field.
func TestInstrumentsCmd(t *testing.T) {
	config := t.TempDir()
	code, out, errOut := runScoreArgs(t, config, "", "instruments")
	row := "ksp-2016    1        yes     embedded"
	if code != 0 || errOut != "" || !strings.Contains(out, row) {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}

	src, err := os.ReadFile(filepath.Join("..", "..", "scoring", "instruments", "ksp-2016.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(config, "koroena", "instruments")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	v2 := strings.Replace(string(src), "version: 1", "version: 2", 1)
	broken := strings.Replace(strings.Replace(string(src), "version: 1", "version: 3", 1),
		"per_ya: 0.25", "per_ya: 0.2", 1)
	for name, data := range map[string]string{"mine.yaml": v2, "broken.yaml": broken} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut = runScoreArgs(t, config, "", "instruments")
	if code != 0 || !strings.Contains(out, filepath.Join(dir, "mine.yaml")) {
		t.Errorf("exit %d, stdout:\n%s", code, out)
	}
	want := filepath.Join(dir, "broken.yaml") + ": components[manajemen_umum].bobot: is 3 " +
		"but 12 questions × 0.2 per ya make 2.4"
	if !strings.Contains(errOut, want) {
		t.Errorf("stderr %q, want %q", errOut, want)
	}

	// The override scores, and the embedded version stays usable by its pin.
	code, out, _ = runScoreArgs(t, config, `{"instrument":"ksp-2016"}`, "score")
	if code != 0 || !strings.Contains(out, `"instrument": "ksp-2016@2"`) {
		t.Errorf("exit %d, stdout %s", code, out[:min(len(out), 80)])
	}
	code, out, _ = runScoreArgs(t, config, `{"instrument":"ksp-2016@1"}`, "score")
	if code != 0 || !strings.Contains(out, `"instrument": "ksp-2016@1"`) {
		t.Errorf("exit %d, stdout %s", code, out[:min(len(out), 80)])
	}
}

// Regression: a JSON file saved by a Windows editor starts with a UTF-8 byte-order mark,
// and `koroena score` refused it as "invalid character 'ï'", though `koroena import
// assessments` reads the same file. UTF-16 text got the same puzzling message, and an
// endless input (/dev/zero) was read until memory ran out.
func TestScoreCmd_ByteOrderMarkUTF16AndSize(t *testing.T) {
	in := `{"instrument":"ksp-2016","figures":{"modal_sendiri":200,"total_aset":1000}}`
	f := filepath.Join(t.TempDir(), "bom.json")
	if err := os.WriteFile(f, []byte("\ufeff"+in), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runScoreArgs(t, t.TempDir(), "", "score", f)
	if code != 0 || scoringtest.Check([]byte(out),
		[]byte(`{"components":{"ms_ta":{"ratio":20,"nilai":50}}}`)) != nil {
		t.Errorf("with a byte-order mark: exit %d, stderr %q, out %.200s", code, errOut, out)
	}

	utf16 := []byte{0xFF, 0xFE}
	for _, r := range in {
		utf16 = append(utf16, byte(r), 0)
	}
	code, _, errOut = runScoreArgs(t, t.TempDir(), string(utf16), "score", "-")
	if code != 2 || !strings.Contains(errOut, "standard input: the text is UTF-16; save it "+
		"as UTF-8") {
		t.Errorf("UTF-16: exit %d, stderr %q", code, errOut)
	}

	huge := strings.Repeat(" ", maxScoreInput+1)
	code, _, errOut = runScoreArgs(t, t.TempDir(), huge, "score", "-")
	if code != 2 || !strings.Contains(errOut, "more than 8 MiB") {
		t.Errorf("an input over the bound: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runScoreArgs(t, t.TempDir(), "", "score", t.TempDir())
	if code != 2 || !strings.Contains(errOut, "is a directory") {
		t.Errorf("a folder: exit %d, stderr %q", code, errOut)
	}
}
