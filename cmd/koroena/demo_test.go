package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runDemoArgs runs koroena with args and a cache folder of the test's own.
func runDemoArgs(t *testing.T, cache string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := func(k string) string {
		if k == "XDG_CACHE_HOME" {
			return cache
		}
		return ""
	}
	code = run(args, strings.NewReader(""), &out, &errOut, env)
	return code, out.String(), errOut.String()
}

func TestDemoCmd_WritesAndRefuses(t *testing.T) {
	p := filepath.Join(t.TempDir(), "city.db")
	code, out, errOut := runDemoArgs(t, t.TempDir(), "demo", "--db", p)
	if code != 0 {
		t.Fatalf("demo: exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{p, "187 active", "19 Sehat", "1 draft"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}

	code, out, errOut = runDemoArgs(t, t.TempDir(), "demo", "--db", p)
	if code != 1 || out != "" || !strings.Contains(errOut, "already has data") ||
		!strings.Contains(errOut, p) {
		t.Errorf("second demo: exit %d, stdout %q, stderr %q; want 1 and a message naming %s",
			code, out, errOut, p)
	}
}

func TestDemoCmd_RefusesForeignFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(p, []byte("not a data file, but someone's notes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runDemoArgs(t, t.TempDir(), "demo", "--db", p)
	if code != 1 || !strings.Contains(errOut, p) {
		t.Errorf("demo on a text file: exit %d, stderr %q", code, errOut)
	}
	if b, _ := os.ReadFile(p); !strings.HasPrefix(string(b), "not a data file") {
		t.Error("demo changed a file that was not a data file")
	}
}

func TestDemoCmd_BadOptions(t *testing.T) {
	p := filepath.Join(t.TempDir(), "city.db")
	for _, args := range [][]string{{"--years", "0"}, {"--coops", "-5"}, {"--years", "99"}} {
		code, _, errOut := runDemoArgs(t, t.TempDir(),
			append([]string{"demo", "--db", p}, args...)...)
		if code != 1 || !strings.Contains(errOut, "--years") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%v: the refused command left %s behind", args, p)
		}
	}
}

func TestDemoCmd_WithoutDBMakesFreshFile(t *testing.T) {
	cache := t.TempDir()
	code, out, errOut := runDemoArgs(t, cache, "demo", "--coops", "20", "--years", "2")
	if code != 0 {
		t.Fatalf("demo: exit %d, stderr %q", code, errOut)
	}
	dir := filepath.Join(cache, "koroena", "demo")
	if !strings.Contains(out, dir) || !strings.Contains(out, "20 active") {
		t.Errorf("demo output does not name a file in %s with 20 active:\n%s", dir, out)
	}
}

func TestApp_FreshDemoFile(t *testing.T) {
	cache := t.TempDir()
	a := &app{getenv: func(k string) string {
		if k == "XDG_CACHE_HOME" {
			return cache
		}
		return ""
	}}
	first, err := a.freshDemoFile()
	if err != nil {
		t.Fatal(err)
	}
	second, err := a.freshDemoFile()
	if err != nil {
		t.Fatal(err)
	}
	if first == second || filepath.Dir(first) != filepath.Join(cache, "koroena", "demo") {
		t.Errorf("fresh demo files %q and %q: want two files in the cache folder", first, second)
	}
	for _, p := range []string{first, second} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// The "done" check: `koroena list --json` on a demo file counts 187 active
// cooperatives and 19 Sehat.
func TestDemoCmd_ListCounts(t *testing.T) {
	p := filepath.Join(t.TempDir(), "city.db")
	if code, _, errOut := runDemoArgs(t, t.TempDir(), "demo", "--db", p); code != 0 {
		t.Fatalf("demo: exit %d, stderr %q", code, errOut)
	}
	code, out, errOut := runDemoArgs(t, t.TempDir(), "list", "--json", "--db", p)
	if code != 0 {
		t.Fatalf("list: exit %d, stderr %q", code, errOut)
	}
	var rows []struct {
		Active    bool    `json:"active"`
		Predicate *string `json:"predicate"` // of the latest final assessment
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("list --json: %v\n%.300s", err, out)
	}
	active, sehat := 0, 0
	for _, r := range rows {
		if !r.Active {
			continue
		}
		active++
		if r.Predicate != nil && *r.Predicate == "sehat" {
			sehat++
		}
	}
	if active != 187 || sehat != 19 {
		t.Errorf("list counts %d active and %d sehat, want 187 and 19", active, sehat)
	}
}
