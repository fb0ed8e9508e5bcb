// Package demo builds the demo city of the coaching clinic (domain/CITY.md): a small city
// of 3 kecamatan and 18 kelurahan with 187 active cooperatives, their coaches, visits and
// two or three years of health assessments scored by the real engine, so that the latest
// year gives exactly 19 Sehat. Everything is invented and deterministic: the same options
// give the same records, ids included, every time.
//
// The city is generated one cooperative at a time, each from its own random stream, so
// that a much larger country (Options.Coops, Options.Years) streams into the store without
// being held in memory.
package demo

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"koroena/store"
)

// Defaults of Options: the city of CITY.md.
const (
	DefaultCoops = 187
	DefaultYears = 3
	DefaultSeed  = 20161
)

// DefaultToday is the demo's fixed "today": visits, assessments and overdue RATs are dated
// relative to it.
var DefaultToday = time.Date(2026, time.November, 30, 0, 0, 0, 0, time.UTC)

// Options choose the demo city to build. The zero value is the city of CITY.md.
type Options struct {
	Coops int       // active cooperatives; DefaultCoops when zero
	Years int       // fiscal years of assessments a cooperative has at most; DefaultYears when zero
	Seed  uint64    // seed of all random draws; DefaultSeed when zero
	Today time.Time // the demo's today; DefaultToday when zero

	// Lean leaves the scoring engine's whole output out of the final assessments: they
	// keep the total, predicate and aspect scores, which lists, records and charts show,
	// and the diagnosis re-scores from the stored figures anyway. The output is about half
	// of an assessment's stored bytes, so a country-sized city takes half the disk and
	// time. Everything else is the same as without Lean.
	Lean bool

	// Progress, when not nil, is called by Write after each bulk transaction with the
	// cooperatives written so far and their total. It does not change the city.
	Progress func(done, total int)
}

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	if o.Coops == 0 {
		o.Coops = DefaultCoops
	}
	if o.Years == 0 {
		o.Years = DefaultYears
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.Today.IsZero() {
		o.Today = DefaultToday
	}
	return o
}

// Limits of Options, so that a typo does not fill a disk.
const (
	MaxCoops = 1_000_000
	MaxYears = 20
)

// Validate says what is wrong with o, if anything; zero fields take their defaults.
func (o Options) Validate() error {
	o = o.withDefaults()
	switch {
	case o.Coops < 1 || o.Coops > MaxCoops:
		return fmt.Errorf("cooperatives must be between 1 and %d, not %d", MaxCoops, o.Coops)
	case o.Years < 1 || o.Years > MaxYears:
		return fmt.Errorf("years must be between 1 and %d, not %d", MaxYears, o.Years)
	}
	return nil
}

// Bundle is one cooperative with its visits and assessments.
type Bundle struct {
	Coop        store.Cooperative
	Visits      []store.Visit
	Assessments []store.Assessment
	Treatments  []store.Treatment // treatments.go
}

// City is a whole demo city held in memory.
type City struct {
	Coaches []store.Coach
	Bundles []Bundle
}

// plan is what the city decides for one cooperative before it is generated.
type plan struct {
	active    bool
	predicate string // of its latest final assessment
	draft     bool   // it has the city's one unfinished assessment
}

// Generator makes the demo city one cooperative at a time.
type Generator struct {
	opts     Options
	score    scorer
	version  int // of the instrument the assessments are scored with
	latestFY int // the last closed fiscal year
	base     time.Time
	step     time.Duration
	coaches  []store.Coach
	plans    []plan
	names    namer
}

// NewGenerator plans a demo city: its coaches and what each cooperative will be.
func NewGenerator(opts Options) (*Generator, error) {
	opts = opts.withDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	score, version, err := engineScorer()
	if err != nil {
		return nil, err
	}
	g := &Generator{opts: opts, score: score, version: version,
		latestFY: latestFiscalYear(opts.Today), names: namer{used: map[string]int{}}}
	firstFY := g.latestFY - opts.Years + 1
	g.base = time.Date(firstFY+1, time.January, 10, 9, 0, 0, 0, time.UTC)

	r := newRand(opts.Seed, 0)
	g.plans = planCity(r, opts)
	total := len(g.plans)
	g.step = min(37*time.Second, 20*24*time.Hour/time.Duration(total))
	g.coaches = newCoaches(r, max(6, total/32), g.base.Add(-24*time.Hour))
	return g, nil
}

// latestFiscalYear is the last fiscal year whose books a cooperative can have closed and
// had assessed by today: last year's from April on, else the year before.
func latestFiscalYear(today time.Time) int {
	if today.Month() >= time.April {
		return today.Year() - 1
	}
	return today.Year() - 2
}

// planCity decides which cooperatives are active, the predicate of each active one's
// latest year (the city's mix, in random order) and which one has the draft.
func planCity(r *rand.Rand, opts Options) []plan {
	var plans []plan
	m := mix(opts.Coops)
	for _, p := range predicates {
		for range m[p] {
			plans = append(plans, plan{active: true, predicate: p})
		}
	}
	for range max(1, opts.Coops/20) {
		plans = append(plans, plan{})
	}
	r.Shuffle(len(plans), func(i, j int) { plans[i], plans[j] = plans[j], plans[i] })

	if opts.Years >= 2 {
		for i := range plans {
			if plans[i].active && plans[i].predicate == cukupSehat {
				plans[i].draft = true
				break
			}
		}
	}
	return plans
}

// newCoaches makes the office's coaches, alternately women and men.
func newCoaches(r *rand.Rand, n int, created time.Time) []store.Coach {
	coaches := make([]store.Coach, n)
	for i := range coaches {
		name := pick(r, menFirst) + " " + pick(r, menLast)
		if i%2 == 0 {
			name = pick(r, womenFirst) + " " + pick(r, womenLast)
		}
		coaches[i] = store.Coach{
			ID:     newID(r, created.Add(time.Duration(i)*time.Minute)),
			Name:   name + ", " + pick(r, []string{"S.E.", "S.Sos.", "S.AP.", "S.Ak."}),
			Phone:  mobile(r),
			Active: true,
		}
	}
	return coaches
}

// Coaches returns the city's coaches.
func (g *Generator) Coaches() []store.Coach { return g.coaches }

// Len returns how many cooperatives the city has, active and inactive.
func (g *Generator) Len() int { return len(g.plans) }

// Each generates the cooperatives in order and hands each to fn; it stops at the first
// error, from the generator or from fn. Cooperatives are generated in batches on all
// processors, each from its own random stream, and handed over in order; only the names
// are made unique in that order, so the result does not depend on the processor count.
// Call it once per Generator: the names it handed out stay taken.
func (g *Generator) Each(fn func(Bundle) error) error {
	workers := runtime.GOMAXPROCS(0)
	batch := 64 * workers
	out := make([]Bundle, batch)
	errs := make([]error, batch)
	for start := 0; start < len(g.plans); start += batch {
		n := min(batch, len(g.plans)-start)
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(workers, n) {
			wg.Go(func() {
				for j := int(next.Add(1) - 1); j < n; j = int(next.Add(1) - 1) {
					out[j], errs[j] = g.bundle(start + j)
				}
			})
		}
		wg.Wait()

		for j := range n {
			if errs[j] != nil {
				return fmt.Errorf("demo cooperative %d: %w", start+j+1, errs[j])
			}
			c := &out[j].Coop
			c.Name = g.names.unique(c.Name, c.Kelurahan)
			if err := fn(out[j]); err != nil {
				return err
			}
		}
	}
	return nil
}

// Build generates the whole city into memory.
func Build(opts Options) (*City, error) {
	g, err := NewGenerator(opts)
	if err != nil {
		return nil, err
	}
	c := &City{Coaches: g.Coaches(), Bundles: make([]Bundle, 0, g.Len())}
	err = g.Each(func(b Bundle) error {
		c.Bundles = append(c.Bundles, b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// errNoCoaches is what profile says if the generator has fewer coaches than kecamatan.
var errNoCoaches = errors.New("no coaches")

// bundle generates cooperative i from its own random stream.
func (g *Generator) bundle(i int) (Bundle, error) {
	r := newRand(g.opts.Seed, uint64(i)+1)
	p := g.plans[i]
	created := g.base.Add(time.Duration(i) * g.step)
	c, coach, err := g.profile(r, i, p, created)
	if err != nil {
		return Bundle{}, err
	}
	b := Bundle{Coop: c}
	if !p.active {
		b.Visits = []store.Visit{g.inactiveVisit(r, c, coach)}
		return b, nil
	}
	if err := g.history(r, &b, p, coach); err != nil {
		return Bundle{}, err
	}
	return b, nil
}

// profile makes cooperative i's record and returns its coach.
func (g *Generator) profile(r *rand.Rand, i int, p plan, created time.Time) (
	store.Cooperative, store.Coach, error,
) {
	k := pickKind(r)
	kec := r.IntN(len(kecamatan))
	kel := pick(r, kecamatan[kec].kelurahan)
	group := len(g.coaches) / len(kecamatan)
	if group == 0 {
		return store.Cooperative{}, store.Coach{}, errNoCoaches
	}
	coach := g.coaches[kec+len(kecamatan)*r.IntN(group)]

	c := store.Cooperative{
		ID:            newID(r, created),
		Name:          coopName(r, k), // made unique by Each, in order
		LegalType:     k.legal,
		BusinessType:  k.business,
		Address:       address(r),
		Kelurahan:     kel,
		Kecamatan:     kecamatan[kec].name,
		Chair:         personName(r, k.women || chance(r, 0.25)),
		Members:       k.minMem + r.IntN(k.maxMem-k.minMem+1),
		CoachID:       coach.ID,
		FiscalYearEnd: "12-31",
		Active:        p.active,
		CreatedAt:     created,
		UpdatedAt:     created,
	}
	g.details(r, i, kec, k, &c)
	return c, coach, nil
}

// details fills in what the registry knows beyond the name and place: NIK, legal entity,
// manager, phone, last RAT and a note for a few. Every cooperative has a NIK and a manager
// (shared/domain/CITY.md); the few that once had none draw theirs from a generator of
// their own, so the main one, and with it the rest of the city, stays as it was.
func (g *Generator) details(r *rand.Rand, i, kec int, k coopKind, c *store.Cooperative) {
	own := rand.New(rand.NewPCG(uint64(i), 0x6e696b))
	serial := own.IntN(1000)
	if chance(r, 0.85) {
		serial = r.IntN(1000)
	}
	c.NIK = fmt.Sprintf("3576%02d%07d%03d", kec+1, (i*611953+12345)%10_000_000, serial)
	c.LegalDate, c.LegalNumber = legalEntity(r)
	if chance(r, 0.9) {
		c.Manager = personName(r, k.women || chance(r, 0.4))
	} else {
		c.Manager = personName(own, k.women || chance(own, 0.4))
	}
	switch x := r.Float64(); {
	case x < 0.7:
		c.Phone = mobile(r)
	case x < 0.9:
		c.Phone = landline(r)
	}
	c.LastRAT = g.lastRAT(r, c.Active, g.plans[i].predicate)
	switch {
	case !c.Active:
		c.Notes = pick(r, inactiveNotes)
	case chance(r, 0.1):
		c.Notes = pick(r, coopNotes)
	}
}

// pickKind draws a kind of cooperative by how common it is.
func pickKind(r *rand.Rand) coopKind {
	total := 0
	for _, k := range kinds {
		total += k.weight
	}
	x := r.IntN(total)
	for _, k := range kinds {
		if x < k.weight {
			return k
		}
		x -= k.weight
	}
	return kinds[0]
}

// legalEntity draws the date and number of the deed that made the cooperative a legal
// entity: the old regional numbering before 2014, the ministry's AHU numbers after.
func legalEntity(r *rand.Rand) (time.Time, string) {
	year := 1978 + int(44*math.Sqrt(r.Float64()))
	d := time.Date(year, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	if year < 2014 {
		return d, fmt.Sprintf("518/%d/BH/XVI.22/%d", 10+r.IntN(990), year)
	}
	return d, fmt.Sprintf("AHU-%07d.AH.01.26.TAHUN %d", r.IntN(10_000_000), year)
}

// lastRAT draws the date of the last annual members' meeting. Most active cooperatives
// held it in the first half of this year; some are overdue; inactive ones stopped years ago.
func (g *Generator) lastRAT(r *rand.Rand, active bool, pred string) time.Time {
	y := g.latestFY + 1
	switch {
	case !active:
		y = g.latestFY - 3 - r.IntN(5)
	case chance(r, overdueShare(pred)):
		y = g.latestFY - r.IntN(2)
	}
	d := dayIn(r, time.Date(y, time.February, 1, 0, 0, 0, 0, time.UTC),
		minTime(time.Date(y, time.July, 1, 0, 0, 0, 0, time.UTC), g.opts.Today))
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// overdueShare is how likely a cooperative of a predicate is to be late with its RAT.
func overdueShare(pred string) float64 {
	switch pred {
	case sehat:
		return 0.02
	case cukupSehat:
		return 0.08
	case dalamPengawasan:
		return 0.18
	default:
		return 0.35
	}
}
