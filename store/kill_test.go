package store_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"koroena/scoring"
	"koroena/store"
	"koroena/store/importer"
)

// The kill loop of issue #8: a child process writes assessments and answers as fast as it
// can and says "ack" after each committed write; the parent kills it with SIGKILL at a
// random moment, then checks the file with bbolt's page check and `koroena check`
// (store.Check with the importer's rescorer), and that every acknowledged write is there.

const (
	killFileEnv = "KOROENA_KILL_FILE" // set in the child: the data file
	killSeedEnv = "KOROENA_KILL_SEED" // set in the child: its random seed
	killCoops   = 4                   // cooperatives the child writes to
)

// killRounds is how many times the parent kills a child: 1,000 with KOROENA_LONG=1.
func killRounds() int {
	if os.Getenv("KOROENA_LONG") != "" {
		return 1000
	}
	return 50
}

// killFigures are the figures of the complete, balanced statement of the shared vector
// full-ksp-sehat, so that a child's draft can be finalized once its checklist is answered.
func killFigures(tb testing.TB) map[string]string {
	tb.Helper()
	data, err := os.ReadFile("../scoring/testdata/vectors/ksp-2016/full-ksp-sehat.json")
	if err != nil {
		tb.Fatal(err)
	}
	var v struct {
		Input struct {
			Figures map[string]json.Number `json:"figures"`
		} `json:"input"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		tb.Fatal(err)
	}
	out := map[string]string{}
	for id, n := range v.Input.Figures {
		out[id] = n.String()
	}
	return out
}

func TestKillLoop(t *testing.T) {
	if os.Getenv(killFileEnv) != "" {
		t.Skip("the child's run")
	}
	path := filepath.Join(t.TempDir(), "kill.db")
	s, err := store.Open(path, store.Options{Actor: "parent"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range killCoops {
		if _, err := s.CreateCooperative(store.Cooperative{Name: fmt.Sprintf("KSP Kill %d", i),
			Active: true}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	rounds := killRounds()
	r := rand.New(rand.NewPCG(8, uint64(time.Now().UnixNano())))
	m := newAckModel()
	writes := 0
	for round := range rounds {
		acks, inflight := runAndKill(t, path, round, r)
		writes += len(acks)
		for _, a := range acks {
			m.apply(a)
		}
		verifyAfterKill(t, path, round, m, inflight)
	}
	t.Logf("%d kills, %d acknowledged writes, %d assessments, %d finalized", rounds, writes,
		len(m.answers), len(m.finals))
	if len(m.finals) == 0 {
		t.Error("no assessment was finalized: the loop did not test finalization")
	}
}

// ackModel is what the acknowledged writes of every round so far say the file holds.
type ackModel struct {
	answers map[string]map[string]string // assessment id → question → "true", "false", "nil"
	finals  map[string]string            // assessment id → total
}

func newAckModel() *ackModel {
	return &ackModel{answers: map[string]map[string]string{}, finals: map[string]string{}}
}

// apply takes one write: "draft ID …", "answer ID Q VALUE" or "final ID TOTAL".
func (m *ackModel) apply(write string) {
	f := strings.Fields(write)
	switch f[0] {
	case "draft":
		if len(f) == 2 { // acks name the new id; announcements name the cooperative
			m.answers[f[1]] = map[string]string{}
		}
	case "answer":
		if m.answers[f[1]] == nil {
			m.answers[f[1]] = map[string]string{}
		}
		m.answers[f[1]][f[2]] = f[3]
	case "final":
		m.finals[f[1]] = f[2]
	}
}

// answerOf is a stored answer in the model's words.
func answerOf(a store.Assessment, q string) string {
	if v, ok := a.Answers[q]; ok {
		return strconv.FormatBool(v)
	}
	return "nil"
}

// runAndKill starts a child writer on path, kills it with SIGKILL after a random number of
// acknowledged writes (sometimes before the first), and returns the acknowledged writes
// and the write it had announced but not acknowledged, if any.
func runAndKill(t *testing.T, path string, round int, r *rand.Rand) (acks []string,
	inflight string,
) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillLoop_Child$", "-test.count=1")
	cmd.Env = append(os.Environ(), killFileEnv+"="+path,
		killSeedEnv+"="+strconv.Itoa(round*7919+r.IntN(1000)))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}

	// Kill after the n-th ack, or while it opens the file when n is zero; a few microseconds
	// more so that the kill can land inside a write.
	n := r.IntN(40)
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	killed := false
	kill := func() {
		if !killed {
			time.Sleep(time.Duration(r.IntN(3000)) * time.Microsecond)
			_ = cmd.Process.Signal(syscall.SIGKILL)
			killed = true
		}
	}
	if n == 0 {
		kill()
	}
	for line := range lines {
		switch kind, rest, _ := strings.Cut(line, " "); kind {
		case "try":
			inflight = rest
		case "ack":
			acks, inflight = append(acks, rest), ""
			if len(acks) >= n {
				kill()
			}
		}
	}
	kill()
	if err := cmd.Wait(); err == nil {
		t.Fatalf("round %d: the child ended by itself", round)
	}
	return acks, inflight
}

// verifyAfterKill checks the file after a kill: bbolt's page check, koroena's check, and
// that every acknowledged write is in it (the announced one may or may not be).
func verifyAfterKill(t *testing.T, path string, round int, m *ackModel, inflight string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatalf("round %d: bbolt open after kill: %v", round, err)
	}
	err = db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			return err
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatalf("round %d: bbolt check after kill: %v", round, err)
	}

	s, err := store.Open(path, store.Options{Actor: "parent", Timeout: time.Second})
	if err != nil {
		t.Fatalf("round %d: open after kill: %v", round, err)
	}
	defer s.Close()
	problems, err := s.Check(importer.Rescorer(scoring.Default()))
	if err != nil || len(problems) > 0 {
		t.Fatalf("round %d: koroena check after kill: %v %v", round, err, problems)
	}
	if err := m.check(s, inflight); err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
}

// check compares the store with the model. A value the announced, unacknowledged write
// would have made is accepted too (its commit may have finished before the kill), and
// taken into the model.
func (m *ackModel) check(s *store.Store, inflight string) error {
	in := strings.Fields(inflight)
	for id, answers := range m.answers {
		a, err := s.Assessment(id)
		if err != nil {
			return fmt.Errorf("acknowledged draft %s: %w", id, err)
		}
		for q, want := range answers {
			got := answerOf(a, q)
			if got == want {
				continue
			}
			if len(in) == 4 && in[0] == "answer" && in[1] == id && in[2] == q && got == in[3] {
				answers[q] = got
				continue
			}
			return fmt.Errorf("assessment %s: acknowledged answer %s = %s, stored %s",
				id, q, want, got)
		}
		total, final := m.finals[id]
		if !final && len(in) == 3 && in[0] == "final" && in[1] == id &&
			a.Status == store.StatusFinal {
			total, final = in[2], true
			m.finals[id] = total
		}
		if final && (a.Status != store.StatusFinal || a.Result == nil ||
			a.Result.Total != total) {
			return fmt.Errorf("assessment %s: acknowledged final %s, stored %s %+v",
				id, total, a.Status, a.Result)
		}
	}
	return nil
}

// TestKillLoop_Child is the child of TestKillLoop: it runs only with KOROENA_KILL_FILE set,
// and writes until it is killed.
func TestKillLoop_Child(t *testing.T) {
	path := os.Getenv(killFileEnv)
	if path == "" {
		t.Skip("only run as the kill loop's child")
	}
	seed, _ := strconv.ParseUint(os.Getenv(killSeedEnv), 10, 64)
	s, err := store.Open(path, store.Options{Actor: "child", Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	w := killWriter{s: s, r: rand.New(rand.NewPCG(seed, 1)), out: os.Stdout,
		figures: killFigures(t)}
	in, err := scoring.Default().Lookup("ksp-2016")
	if err != nil {
		t.Fatal(err)
	}
	w.in = in
	for {
		if err := w.step(); err != nil {
			t.Fatal(err)
		}
	}
}

// killWriter is the child's writing loop.
type killWriter struct {
	s       *store.Store
	r       *rand.Rand
	out     io.Writer
	in      *scoring.Instrument
	figures map[string]string
}

// step makes one write to a random cooperative: a new draft when it has none open, else
// an answer, or the finalization once the draft scores complete. It prints "try …" before
// the write and "ack …" once it is committed.
func (w *killWriter) step() error {
	sums, err := w.s.CooperativeSummaries()
	if err != nil {
		return err
	}
	coop := sums[w.r.IntN(len(sums))]
	all, err := w.s.AssessmentsOf(coop.ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(all, func(a store.Assessment) bool {
		return a.Status == store.StatusDraft
	})
	if i < 0 {
		year := 2000 + len(all)
		fmt.Fprintf(w.out, "try draft %s %d\n", coop.ID, year)
		a, err := w.s.CreateAssessment(store.Assessment{CoopID: coop.ID,
			Instrument: w.in.ID, Version: w.in.Version, FiscalYear: year, Figures: w.figures})
		if err != nil {
			return err
		}
		fmt.Fprintf(w.out, "ack draft %s\n", a.ID)
		return nil
	}
	return w.answerOrFinalize(all[i])
}

// answerOrFinalize answers a question of draft a, or finalizes it when it is complete and
// a coin says so.
func (w *killWriter) answerOrFinalize(a store.Assessment) error {
	input, err := scoring.NewInput(w.in, a.Figures, a.Answers, a.Options)
	if err != nil {
		return err
	}
	res := w.in.Score(input)
	if res.Complete && w.r.IntN(4) == 0 {
		result, err := importer.StoreResult(res)
		if err != nil {
			return err
		}
		fmt.Fprintf(w.out, "try final %s %s\n", a.ID, result.Total)
		if _, err := w.s.FinalizeAssessment(a.ID, store.Finalization{Result: result}); err != nil {
			return err
		}
		fmt.Fprintf(w.out, "ack final %s %s\n", a.ID, result.Total)
		return nil
	}

	// Mostly an open question, so that drafts get finished; sometimes any, to change one.
	q := w.in.Questions[w.r.IntN(len(w.in.Questions))].ID
	for _, x := range w.in.Questions {
		if _, done := a.Answers[x.ID]; !done && w.r.IntN(3) > 0 {
			q = x.ID
			break
		}
	}
	var v *bool
	text := "nil"
	if x := w.r.IntN(16); x > 0 { // mostly answers, sometimes a cleared one
		b := x%2 == 0
		v, text = &b, strconv.FormatBool(b)
	}
	fmt.Fprintf(w.out, "try answer %s %s %s\n", a.ID, q, text)
	if _, err := w.s.SetAnswer(a.ID, q, v); err != nil {
		return err
	}
	fmt.Fprintf(w.out, "ack answer %s %s %s\n", a.ID, q, text)
	return nil
}
