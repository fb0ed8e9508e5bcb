package diagnosis

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"

	"koroena/scoring"
)

//go:embed conditions/*.yaml
var embedded embed.FS

// Severity grades a condition: ringan (mild), sedang (moderate) or berat (severe).
type Severity int

// The severities, mildest first.
const (
	Ringan Severity = iota + 1
	Sedang
	Berat
)

// severityIDs are the ids of the severities in data, by Severity.
var severityIDs = map[string]Severity{"ringan": Ringan, "sedang": Sedang, "berat": Berat}

// String is the severity's id: "ringan", "sedang" or "berat".
func (s Severity) String() string {
	for id, v := range severityIDs {
		if v == s {
			return id
		}
	}
	return ""
}

// Treatment types and owners as the catalogue writes them.
const (
	TypeModule      = "modul" // coaching module
	TypeAction      = "aksi"  // action by the board or manager
	TypeTraining    = "latih" // training topic
	TypeSupervision = "awas"  // supervision step by the office

	OwnerBoard   = "board"
	OwnerManager = "manager"
	OwnerCoach   = "coach"
	OwnerOffice  = "office"
)

// Types lists the treatment types and Owners the plan owners, in display order.
var (
	Types  = []string{TypeModule, TypeAction, TypeTraining, TypeSupervision}
	Owners = []string{OwnerBoard, OwnerManager, OwnerCoach, OwnerOffice}
)

// Treatment is one recommended remedy.
type Treatment struct {
	// ID is the stable id, e.g. "latih.analisis_kredit_5c"; it starts with its type.
	ID string `yaml:"id"`
	// Type is modul, aksi, latih or awas.
	Type string `yaml:"type"`
	// Owner is who carries it out by default: board, manager, coach or office.
	Owner string `yaml:"owner"`
	// DueDays is the default due date of a plan item, in days from when it is added.
	DueDays int `yaml:"due_days"`
	// Duration says in words how long it typically takes.
	Duration scoring.Text `yaml:"duration"`
	// Name is what the plan and the training list show.
	Name scoring.Text `yaml:"name"`
	// Source is "embedded" or the local file that defined it.
	Source string `yaml:"-"`
}

// Trigger is one way a condition shows in an assessment; see the package doc.
type Trigger struct {
	// Instrument limits the trigger to one instrument id; empty means any.
	Instrument string `yaml:"instrument"`
	// Component and Aspect name what is measured; Question names a yes/no item.
	Component string `yaml:"component"`
	Aspect    string `yaml:"aspect"`
	Question  string `yaml:"question"`
	// Ratio, Nilai, Ya and Skor are tests of the measure (one of them, or Answer).
	Ratio string `yaml:"ratio"`
	Nilai string `yaml:"nilai"`
	Ya    string `yaml:"ya"`
	Skor  string `yaml:"skor"`
	// Answer is the answer to Question that fires the trigger.
	Answer *bool `yaml:"answer"`
	// Level is a fixed severity (ringan, sedang, berat).
	Level string `yaml:"level"`
	// Levels maps a severity to a test of the measure.
	Levels map[string]string `yaml:"levels"`

	test   test
	levels map[Severity]test
	level  Severity
}

// Condition is one penyakit of the catalogue.
type Condition struct {
	// ID is the stable id, e.g. "modal_kurang".
	ID string `yaml:"id"`
	// Name and Explain say what it is.
	Name    scoring.Text `yaml:"name"`
	Explain scoring.Text `yaml:"explain"`
	// Triggers are the ways it shows; any one fires it.
	Triggers []Trigger `yaml:"triggers"`
	// Treatments are the ids of the recommended treatments, in order.
	Treatments []string `yaml:"treatments"`
	// BeratTreatments are added when the condition is berat.
	BeratTreatments []string `yaml:"berat_treatments"`
	// Source is "embedded" or the local file that defined it.
	Source string `yaml:"-"`
}

// Catalogue holds every condition and treatment.
type Catalogue struct {
	conditions []*Condition
	treatments map[string]*Treatment
	order      []string // treatment ids in file order
}

// file is the shape of one catalogue file: either part may be absent.
type file struct {
	Conditions []*Condition `yaml:"conditions"`
	Treatments []*Treatment `yaml:"treatments"`
}

var (
	defaultOnce sync.Once
	defaultCat  *Catalogue
)

// Default returns the embedded catalogue, built once. It panics if the embedded data is
// broken, which the package's tests rule out.
func Default() *Catalogue {
	defaultOnce.Do(func() {
		c, errs := Load(nil)
		if len(errs) > 0 {
			panic(fmt.Sprintf("diagnosis: embedded catalogue: %v", errors.Join(errs...)))
		}
		defaultCat = c
	})
	return defaultCat
}

// Load builds the catalogue from the embedded files and, when local is not nil, the
// *.yaml files at local's root: a local entry replaces the one with the same id, or adds
// one. A broken local file gives an error naming it and is skipped; an entry that names
// an unknown treatment is dropped with an error.
func Load(local fs.FS) (*Catalogue, []error) {
	c := &Catalogue{treatments: map[string]*Treatment{}}
	errs := c.addDir(embedded, "conditions", "embedded")
	if local != nil {
		errs = append(errs, c.addDir(local, ".", "")...)
	}
	errs = append(errs, c.resolve()...)
	return c, errs
}

// addDir reads every *.yaml file of dir.
func (c *Catalogue) addDir(fsys fs.FS, dir, source string) []error {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return []error{fmt.Errorf("list conditions: %w", err)}
	}
	var errs []error
	for _, name := range names {
		src := source
		if src == "" {
			src = name
		}
		data, err := fs.ReadFile(fsys, name)
		if err == nil {
			err = c.add(data, src)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", src, err))
		}
	}
	return errs
}

// add parses one file and merges it: all of it or, on any error, none.
func (c *Catalogue) add(data []byte, source string) error {
	var f file
	if err := yaml.UnmarshalWithOptions(data, &f, yaml.Strict()); err != nil {
		msg := strings.Join(strings.Fields(yaml.FormatError(err, false, false)), " ")
		if m := yamlPos.FindStringSubmatch(msg); m != nil {
			msg = "line " + m[1] + ", column " + m[2] + ": " + msg[len(m[0]):]
		}
		return errors.New(msg)
	}
	var problems []string
	for i, t := range f.Treatments {
		problems = append(problems, checkTreatment(i, t)...)
	}
	for i, cd := range f.Conditions {
		problems = append(problems, compileCondition(i, cd)...)
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	for _, t := range f.Treatments {
		t.Source = source
		if _, ok := c.treatments[t.ID]; !ok {
			c.order = append(c.order, t.ID)
		}
		c.treatments[t.ID] = t
	}
	for _, cd := range f.Conditions {
		cd.Source = source
		i := slices.IndexFunc(c.conditions, func(o *Condition) bool { return o.ID == cd.ID })
		if i >= 0 {
			c.conditions[i] = cd
		} else {
			c.conditions = append(c.conditions, cd)
		}
	}
	return nil
}

// yamlPos matches the "[line:column] " that starts go-yaml's messages.
var yamlPos = regexp.MustCompile(`^\[(\d+):(\d+)\] `)

// idPattern is what ids may look like.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9_.\-]+$`)

// checkTreatment reports what is wrong with treatment i.
func checkTreatment(i int, t *Treatment) []string {
	where := fmt.Sprintf("treatments[%d]", i)
	if t == nil || !idPattern.MatchString(t.ID) {
		return []string{where + ".id: missing or not a plain id"}
	}
	where = "treatment " + t.ID
	var p []string
	if !slices.Contains(Types, t.Type) {
		p = append(p, fmt.Sprintf("%s: type %q is not one of %s", where, t.Type,
			strings.Join(Types, ", ")))
	}
	if !slices.Contains(Owners, t.Owner) {
		p = append(p, fmt.Sprintf("%s: owner %q is not one of %s", where, t.Owner,
			strings.Join(Owners, ", ")))
	}
	if t.DueDays < 1 || t.DueDays > 3660 {
		p = append(p, fmt.Sprintf("%s: due_days %d is not 1 to 3660", where, t.DueDays))
	}
	if t.Name.ID == "" || t.Name.EN == "" {
		p = append(p, where+": name needs id and en")
	}
	return p
}

// compileCondition checks condition i and parses its tests.
func compileCondition(i int, cd *Condition) []string {
	where := fmt.Sprintf("conditions[%d]", i)
	if cd == nil || !idPattern.MatchString(cd.ID) {
		return []string{where + ".id: missing or not a plain id"}
	}
	where = "condition " + cd.ID
	var p []string
	if cd.Name.ID == "" || cd.Name.EN == "" {
		p = append(p, where+": name needs id and en")
	}
	if len(cd.Triggers) == 0 {
		p = append(p, where+": no triggers")
	}
	if len(cd.Treatments) == 0 {
		p = append(p, where+": no treatments")
	}
	for j := range cd.Triggers {
		p = append(p, compileTrigger(fmt.Sprintf("%s: triggers[%d]", where, j),
			&cd.Triggers[j])...)
	}
	return p
}

// compileTrigger checks one trigger and parses its tests.
func compileTrigger(where string, t *Trigger) []string {
	tests := 0
	var src string
	for _, s := range []string{t.Ratio, t.Nilai, t.Ya, t.Skor} {
		if s != "" {
			tests++
			src = s
		}
	}
	switch {
	case t.Question != "" && (t.Answer == nil || tests > 0):
		return []string{where + ": a question trigger needs answer and no other test"}
	case t.Question == "" && (t.Answer != nil || tests != 1):
		return []string{where + ": give exactly one of ratio, nilai, ya, skor (or a " +
			"question and its answer)"}
	case t.Question == "" && t.Skor != "" && (t.Aspect == "" || t.Component != ""):
		return []string{where + ": skor tests an aspect: give aspect, not component"}
	case t.Question == "" && t.Skor == "" && (t.Component == "" || t.Aspect != ""):
		return []string{where + ": ratio, nilai and ya test a component: give component"}
	}
	var p []string
	if src != "" {
		var err error
		if t.test, err = parseTest(src); err != nil {
			p = append(p, where+": "+err.Error())
		}
	}
	if t.Level != "" {
		if t.level = severityIDs[t.Level]; t.level == 0 {
			p = append(p, fmt.Sprintf("%s: level %q is not ringan, sedang or berat", where,
				t.Level))
		}
	}
	if t.Question != "" && t.Level == "" {
		p = append(p, where+": a question trigger needs a level")
	}
	t.levels = map[Severity]test{}
	for name, s := range t.Levels {
		sev := severityIDs[name]
		if sev == 0 {
			p = append(p, fmt.Sprintf("%s: levels: %q is not ringan, sedang or berat",
				where, name))
			continue
		}
		lt, err := parseTest(s)
		if err != nil {
			p = append(p, fmt.Sprintf("%s: levels.%s: %v", where, name, err))
		}
		t.levels[sev] = lt
	}
	return p
}

// resolve drops conditions that name unknown treatments, one error each.
func (c *Catalogue) resolve() []error {
	var errs []error
	kept := c.conditions[:0]
	for _, cd := range c.conditions {
		var bad []string
		for _, id := range slices.Concat(cd.Treatments, cd.BeratTreatments) {
			if c.treatments[id] == nil {
				bad = append(bad, id)
			}
		}
		if len(bad) > 0 {
			errs = append(errs, fmt.Errorf("%s: condition %s: unknown treatments %s; "+
				"condition left out", cd.Source, cd.ID, strings.Join(bad, ", ")))
			continue
		}
		kept = append(kept, cd)
	}
	c.conditions = kept
	return errs
}

// Conditions returns every condition in catalogue order.
func (c *Catalogue) Conditions() []*Condition { return slices.Clone(c.conditions) }

// Condition returns the condition with the given id.
func (c *Catalogue) Condition(id string) (*Condition, bool) {
	i := slices.IndexFunc(c.conditions, func(o *Condition) bool { return o.ID == id })
	if i < 0 {
		return nil, false
	}
	return c.conditions[i], true
}

// Treatment returns the treatment with the given id.
func (c *Catalogue) Treatment(id string) (*Treatment, bool) {
	t, ok := c.treatments[id]
	return t, ok
}

// Treatments returns every treatment in file order.
func (c *Catalogue) Treatments() []*Treatment {
	out := make([]*Treatment, 0, len(c.order))
	for _, id := range c.order {
		out = append(out, c.treatments[id])
	}
	return out
}

// Covers reports whether some trigger of the catalogue can fire on component (a
// component id, or a question id of the adjustment factors) of instrument in.
func (c *Catalogue) Covers(in *scoring.Instrument, id string) bool {
	for _, cd := range c.conditions {
		for _, t := range cd.Triggers {
			if t.Instrument != "" && t.Instrument != in.ID {
				continue
			}
			if t.Component == id || (t.Component == "" && t.Question == id) {
				return true
			}
		}
	}
	return false
}
