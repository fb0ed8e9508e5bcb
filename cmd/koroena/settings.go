package main

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/spf13/cobra"

	"koroena/store"
	"koroena/store/importer"
	"koroena/tui"
)

// settingSpec is one setting the office may change: its key, what it means, its value
// when unset, and how a typed value is checked (and put in its stored form).
type settingSpec struct {
	key, help, def string
	check          func(st *store.Store, v string) (string, error)
}

// visitPredicates are the predicates with a visit interval, and "none" for a
// cooperative never assessed.
var visitPredicates = []string{"sehat", "cukup_sehat", "dalam_pengawasan",
	"dalam_pengawasan_khusus", "none"}

// settingSpecs lists every setting koroena reads, in the order `koroena settings` shows
// them.
func settingSpecs() []settingSpec {
	specs := []settingSpec{
		{tui.SettingLanguage, "language of the screens and reports: id or en",
			"the locale's", oneOf("id", "en")},
		{store.SettingOfficeName, "the office's name, printed on every medical record",
			"Klinik Koperasi", text(200)},
		{tui.SettingTargetHealthy, "the city's target share of Sehat cooperatives, in %",
			tui.DefaultTargetHealthy, percent},
		{tui.SettingCoach, "the coach who signs new assessments on this laptop (id or name)",
			"none", coachID},
	}
	for _, p := range visitPredicates {
		what := "a " + strings.ReplaceAll(p, "_", " ") + " cooperative"
		if p == "none" {
			what = "a cooperative never assessed"
		}
		specs = append(specs, settingSpec{tui.SettingVisitMonths + p,
			"months between routine visits of " + what,
			strconv.Itoa(tui.VisitMonthsDefault(p)), whole(1, 120)})
	}
	return append(specs,
		settingSpec{tui.SettingRATOverdueMonths,
			"months after the fiscal year's end when a missing RAT is overdue",
			strconv.Itoa(tui.RATOverdueMonthsDefault), whole(1, 120)},
		settingSpec{store.SettingBackupKeep, "how many automatic backups are kept",
			strconv.Itoa(store.DefaultBackupKeep), whole(1, 1000)},
		settingSpec{importer.SettingKelurahan,
			"the city's kelurahan, separated by commas, for the import's unknown-kelurahan " +
				"warning", "those of the stored cooperatives", text(20000)},
	)
}

// settingsCmd shows and changes the settings kept in the data file.
func (a *app) settingsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "settings",
		Short: "Show the settings kept in the data file; set or unset one",
		Long: "Show every setting with its value (or the default it falls back to) and what\n" +
			"it means. `settings set KEY VALUE` changes one, checked first; `settings unset\n" +
			"KEY` returns it to its default. Each change is in the audit log.",
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error { return a.runSettings() },
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "set KEY VALUE",
		Short: "Change a setting",
		Args:  cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			return a.runSetSetting(args[0], args[1])
		},
	}, &cobra.Command{
		Use:   "unset KEY",
		Short: "Return a setting to its default",
		Args:  cobra.ExactArgs(1),
		RunE:  func(_ *cobra.Command, args []string) error { return a.runUnsetSetting(args[0]) },
	})
	return cmd
}

// runSettings prints every setting.
func (a *app) runSettings() error {
	st, err := a.openDataFile(openRead)
	if err != nil {
		return err
	}
	defer st.Close()
	tw := tabwriter.NewWriter(a.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tVALUE\tMEANING")
	for _, s := range settingSpecs() {
		v, ok, err := st.Setting(s.key)
		if err != nil {
			return err
		}
		switch {
		case !ok:
			v = "(default: " + s.def + ")"
		case s.key == tui.SettingCoach:
			v = coachName(st, v)
		case len([]rune(v)) > 40:
			v = string([]rune(v)[:37]) + "..."
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.key, v, s.help)
	}
	return tw.Flush()
}

// coachName is the coach's name with the id, or the id alone when no coach has it.
func coachName(st *store.Store, id string) string {
	coaches, err := st.Coaches()
	if err != nil {
		return id
	}
	for _, c := range coaches {
		if c.ID == id {
			return c.Name + " (" + id + ")"
		}
	}
	return id + " (no such coach)"
}

// runSetSetting checks and stores one setting.
func (a *app) runSetSetting(key, value string) error {
	spec, err := findSetting(key)
	if err != nil {
		return err
	}
	st, err := a.openDataFile(openWrite)
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := spec.check(st, strings.TrimSpace(value))
	if err != nil {
		return &exitError{code: 2, msg: fmt.Sprintf("settings: %s: %v", key, err)}
	}
	if err := st.SetSetting(key, v); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s = %s\n", key, v)
	return nil
}

// runUnsetSetting returns a setting to its default.
func (a *app) runUnsetSetting(key string) error {
	spec, err := findSetting(key)
	if err != nil {
		return err
	}
	st, err := a.openDataFile(openWrite)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.DeleteSetting(key); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s is back to its default: %s\n", key, spec.def)
	return nil
}

// openDataFile opens the data file for a settings command; settings belong to a city, so
// there must be one.
func (a *app) openDataFile(mode openMode) (*store.Store, error) {
	path, err := a.dataFile()
	if err != nil {
		return nil, err
	}
	if missing(path) {
		return nil, &exitError{code: 1, msg: fmt.Sprintf("no data file at %s (koroena "+
			"demo --db %s writes a demo city there; koroena import coops fills a new one)",
			path, path)}
	}
	return a.openStore(path, mode)
}

// findSetting looks a key up; an unknown one is an error that lists the keys.
func findSetting(key string) (settingSpec, error) {
	specs := settingSpecs()
	var keys []string
	for _, s := range specs {
		if s.key == key {
			return s, nil
		}
		keys = append(keys, s.key)
	}
	return settingSpec{}, &exitError{code: 2, msg: fmt.Sprintf("settings: unknown key %q; "+
		"the keys are %s", key, strings.Join(keys, ", "))}
}

// oneOf accepts one of values.
func oneOf(values ...string) func(*store.Store, string) (string, error) {
	return func(_ *store.Store, v string) (string, error) {
		if !slices.Contains(values, v) {
			return "", fmt.Errorf("%q is not one of %s", v, strings.Join(values, ", "))
		}
		return v, nil
	}
}

// whole accepts a whole number from lo to hi.
func whole(lo, hi int) func(*store.Store, string) (string, error) {
	return func(_ *store.Store, v string) (string, error) {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return "", fmt.Errorf("%q is not a whole number from %d to %d", v, lo, hi)
		}
		return strconv.Itoa(n), nil
	}
}

// text accepts a line of at most max characters without control characters.
func text(max int) func(*store.Store, string) (string, error) {
	return func(_ *store.Store, v string) (string, error) {
		switch {
		case v == "":
			return "", errors.New("is empty; `settings unset` returns it to its default")
		case len([]rune(v)) > max:
			return "", fmt.Errorf("is %d characters long, more than the %d allowed",
				len([]rune(v)), max)
		case strings.IndexFunc(v, unicode.IsControl) >= 0:
			return "", errors.New("holds a control character")
		}
		return v, nil
	}
}

// percent accepts a share above 0 and at most 100, with at most one decimal (a point or
// a comma), as the city's healthy target.
func percent(_ *store.Store, v string) (string, error) {
	v = strings.TrimSpace(strings.TrimSuffix(v, "%"))
	r, ok := new(big.Rat).SetString(strings.Replace(v, ",", ".", 1))
	whole, frac, _ := strings.Cut(strings.Replace(v, ",", ".", 1), ".")
	if !ok || whole == "" || len(frac) > 1 || r.Sign() <= 0 || r.Cmp(big.NewRat(100, 1)) > 0 {
		return "", fmt.Errorf("%q is not a percentage above 0 and at most 100 (e.g. 20 "+
			"or 22.5)", v)
	}
	return strings.Replace(v, ",", ".", 1), nil
}

// coachID accepts a coach's id, or a part of the name that only one coach has, and
// stores the id.
func coachID(st *store.Store, v string) (string, error) {
	coaches, err := st.Coaches()
	if err != nil {
		return "", err
	}
	var found []store.Coach
	for _, c := range coaches {
		if c.ID == v {
			return c.ID, nil
		}
		if strings.Contains(strings.ToLower(c.Name), strings.ToLower(v)) {
			found = append(found, c)
		}
	}
	switch len(found) {
	case 1:
		return found[0].ID, nil
	case 0:
		return "", fmt.Errorf("no coach is called %q", v)
	}
	var names []string
	for _, c := range found {
		names = append(names, c.Name)
	}
	return "", fmt.Errorf("%q names %d coaches (%s); give more of the name or the id", v,
		len(found), strings.Join(names, "; "))
}
