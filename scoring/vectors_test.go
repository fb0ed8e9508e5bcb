package scoring_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"koroena/scoring"
	"koroena/scoring/scoringtest"
)

// TestVectors_KSP2016 runs every shared vector through the path `koroena score` takes:
// ParseInput, Score and the result's JSON.
func TestVectors_KSP2016(t *testing.T) { runVectors(t, "ksp-2016") }

// TestVectors_KSP2021 runs the ksp-2021 vectors, made from shared/domain/sources/
// vectors2021: the Manggis publication, the synthetic full case and every boundary.
func TestVectors_KSP2021(t *testing.T) { runVectors(t, "ksp-2021") }

func runVectors(t *testing.T, instrument string) {
	vs, err := scoringtest.Load(filepath.Join("testdata", "vectors", instrument))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			inp, in, err := scoring.ParseInput(v.Input, scoring.Default())
			if err != nil {
				t.Fatalf("ParseInput: %v", err)
			}
			out, err := json.Marshal(in.Score(inp))
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range scoringtest.Check(out, v.Expect) {
				t.Errorf("%s (%s)", d, v.Note)
			}
		})
	}
}

// TestVectors_CopyMatchesShared fails when the committed copy of the vectors differs from
// the shared folder (../shared beside the clone in CI), so the copy cannot drift. Only the
// instruments the shared folder has vectors for are compared: ksp-2021's are made here from
// the shared sources, which have another form.
func TestVectors_CopyMatchesShared(t *testing.T) {
	shared := filepath.Join("..", "..", "shared", "domain", "vectors")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("no shared vectors at %s", shared)
	}
	local := filepath.Join("testdata", "vectors")
	for _, dir := range []string{shared, local} {
		other := local
		if dir == local {
			other = shared
		}
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			top := strings.Split(filepath.ToSlash(rel), "/")[0]
			if _, err := os.Stat(filepath.Join(shared, top)); err != nil {
				return nil // an instrument without shared vectors
			}
			a, _ := os.ReadFile(p)
			b, err := os.ReadFile(filepath.Join(other, rel))
			if err != nil {
				t.Errorf("%s: in %s but not in %s", rel, dir, other)
				return nil
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s differs between %s and %s; copy the shared file", rel, dir, other)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
