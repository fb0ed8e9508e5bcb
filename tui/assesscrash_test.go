package tui

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	bolt "go.etcd.io/bbolt"

	"koroena/scoring"
	"koroena/store"
)

// The crash test: a child process types into an assessment through the screen's Update,
// with a real store file, and reports each value only once the screen has it saved; the
// parent kills it with SIGKILL at random moments and then checks the file.
//
// Environment of the child.
const (
	crashFileEnv   = "KOROENA_CRASH_FILE"   // the data file
	crashAssessEnv = "KOROENA_CRASH_ASSESS" // the draft's id
	crashSeedEnv   = "KOROENA_CRASH_SEED"   // the random seed of its typing
)

// crashRounds is how many times the parent kills a child: 200 with KOROENA_LONG=1.
func crashRounds() int {
	if os.Getenv("KOROENA_LONG") != "" {
		return 200
	}
	return 10
}

// TestAssessCrashChild is the child: it does nothing unless the parent started it.
func TestAssessCrashChild(t *testing.T) {
	path := os.Getenv(crashFileEnv)
	if path == "" {
		t.Skip("only run as the crash test's child")
	}
	seed, _ := strconv.ParseUint(os.Getenv(crashSeedEnv), 10, 64)
	st, err := store.Open(path, store.Options{Actor: "crash", Timeout: 10 * time.Second})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	sty := newStyles(true)
	c := &crashChild{m: newAssessModel(English, &sty, st, scoring.Default()),
		r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	c.m.settle = 0
	c.m.SetSize(100, 30)
	c.run(openAssessmentCmd(st, os.Getenv(crashAssessEnv)))
	if !c.m.loaded {
		fmt.Println("error", c.m.saveErr)
		os.Exit(3)
	}
	fmt.Println("ready")
	for {
		c.act()
	}
}

// crashChild drives an assessment screen with random typing and runs its commands in
// order, as the program would.
type crashChild struct {
	m        assessModel
	r        *rand.Rand
	inflight *change
}

// send feeds one message and runs what it returns.
func (c *crashChild) send(msg tea.Msg) {
	var cmd tea.Cmd
	c.m, cmd = c.m.Update(msg)
	c.noteInflight()
	c.run(cmd)
}

// noteInflight prints the change the screen has just sent to the store.
func (c *crashChild) noteInflight() {
	if c.m.inflight != nil && c.m.inflight != c.inflight {
		fmt.Println("saving " + crashLine(*c.m.inflight))
	}
	c.inflight = c.m.inflight
}

// run runs a command and feeds back its message; a saved change is printed only once the
// screen shows it saved.
func (c *crashChild) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, sub := range msg {
			c.run(sub)
		}
	case changeSavedMsg:
		var next tea.Cmd
		c.m, next = c.m.Update(msg)
		if msg.err == nil && c.m.state[msg.c.key()] == stateSaved {
			fmt.Println("saved " + crashLine(msg.c))
		}
		c.noteInflight()
		c.run(next)
	default:
		c.send(msg)
	}
}

// crashLine writes a change as "kind item value" (value may be empty).
func crashLine(ch change) string {
	v := ch.value
	if ch.kind == changeAnswer {
		switch {
		case ch.answer == nil:
			v = ""
		case *ch.answer:
			v = "ya"
		default:
			v = "tidak"
		}
	}
	return fmt.Sprintf("%d %s %s", ch.kind, ch.item, v)
}

// act makes one random move and edit, the way a coach's fingers might.
func (c *crashChild) act() {
	for range c.r.IntN(6) {
		c.send(press("down"))
	}
	if c.r.IntN(10) == 0 {
		c.send(press("home"))
	}
	row := c.m.current()
	switch {
	case c.r.IntN(12) == 0:
		c.send(press("c"))
		for _, msg := range typeText(fmt.Sprintf("note %d", c.r.IntN(1000))) {
			c.send(msg)
		}
		c.send(press("enter"))
	case row.kind == rowQuestion:
		c.send(press([]string{"y", "n", "x"}[c.r.IntN(3)]))
	case row.kind == rowFigure && c.r.IntN(8) == 0:
		c.send(press("x"))
	case row.kind == rowFigure:
		text := humanRupiah(c.r.Int64N(5_000_000_000), c.r.IntN(6))
		if c.r.IntN(10) == 0 {
			text += "x" // unreadable: the last saved value must stay
		}
		for _, msg := range typeText(text) {
			c.send(msg)
		}
		c.send(press("enter"))
	}
	if c.m.mode != modeBrowse {
		c.send(press("esc"))
	}
}

// crashExpect is what the file may hold for one field: the last value reported saved,
// or a value sent to the store after it (its write may have committed before the kill).
type crashExpect struct {
	saved    string
	hasSaved bool
	after    []string
}

// TestAssess_CrashKeepsSavedValues kills a typing child at random moments; after each kill
// the file passes bbolt's consistency check and holds every value reported saved.
func TestAssess_CrashKeepsSavedValues(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	fx := mustAssessStore(t)
	draft, err := fx.st.CreateAssessment(store.Assessment{CoopID: fx.coopID,
		Instrument: "ksp-2016", Version: 1, FiscalYear: 2025, CoachID: fx.coach.ID})
	if err != nil {
		t.Fatal(err)
	}
	path := fx.st.Path()
	if err := fx.st.Close(); err != nil {
		t.Fatal(err)
	}

	expect := map[string]*crashExpect{}
	saves := 0
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range crashRounds() {
		lines := runCrashChild(t, path, draft.ID, uint64(round)+1,
			time.Duration(rng.IntN(400))*time.Millisecond)
		for _, l := range lines {
			verb, rest, _ := strings.Cut(l, " ")
			kind, rest, _ := strings.Cut(rest, " ")
			item, value, _ := strings.Cut(rest, " ")
			k := kind + " " + item
			e := expect[k]
			if e == nil {
				e = &crashExpect{}
				expect[k] = e
			}
			switch verb {
			case "saving":
				e.after = append(e.after, value)
			case "saved":
				e.saved, e.hasSaved, e.after = value, true, nil
				saves++
			case "error":
				t.Fatalf("round %d: child: %s", round, l)
			}
		}
		checkBolt(t, path)
		checkCrashFile(t, path, draft.ID, expect, round)
	}
	if saves == 0 {
		t.Fatal("the children never reported a saved value: the test proved nothing")
	}
	t.Logf("%d rounds, %d values reported saved, %d fields", crashRounds(), saves, len(expect))
}

// runCrashChild starts the child on the file, kills it with SIGKILL d after it is ready
// to type, and returns the lines it printed.
func runCrashChild(t *testing.T, path, id string, seed uint64, d time.Duration) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestAssessCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashFileEnv+"="+path, crashAssessEnv+"="+id,
		crashSeedEnv+"="+strconv.FormatUint(seed, 10))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var lines []string
	var wg sync.WaitGroup
	ready := make(chan struct{})
	wg.Go(func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "ready" {
				close(ready)
				continue
			}
			lines = append(lines, sc.Text())
		}
	})
	select {
	case <-ready:
	case <-time.After(30 * time.Second):
	}
	time.Sleep(d)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	var exit *exec.ExitError
	if err := cmd.Wait(); err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return lines
}

// checkBolt runs bbolt's own consistency check on the file.
func checkBolt(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second, ReadOnly: true})
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		var first error
		for err := range tx.Check() {
			first = cmp.Or(first, err)
		}
		return first
	})
	if err != nil {
		t.Fatalf("bbolt check after kill: %v", err)
	}
}

// checkCrashFile compares the draft in the file with what the children reported.
func checkCrashFile(t *testing.T, path, id string, expect map[string]*crashExpect, round int) {
	t.Helper()
	st, err := store.Open(path, store.Options{Timeout: 5 * time.Second, ReadOnly: true})
	if err != nil {
		t.Fatalf("round %d: open store: %v", round, err)
	}
	defer st.Close()
	a, err := st.Assessment(id)
	if err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	for k, e := range expect {
		kind, item, _ := strings.Cut(k, " ")
		var got string
		switch kind {
		case strconv.Itoa(int(changeFigure)):
			got = a.Figures[item]
		case strconv.Itoa(int(changeNote)):
			got = a.ItemNotes[item]
		case strconv.Itoa(int(changeAnswer)):
			if v, ok := a.Answers[item]; ok {
				got = map[bool]string{true: "ya", false: "tidak"}[v]
			}
		}
		ok := !e.hasSaved || got == e.saved
		for _, v := range e.after {
			ok = ok || got == v
		}
		if !ok {
			t.Errorf("round %d: %s is %q in the file, but %q was reported saved (then sent: %q)",
				round, k, got, e.saved, e.after)
		}
	}
}
