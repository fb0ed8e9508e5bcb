package tui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"koroena/scoring"
	"koroena/scoring/diagnosis"
	"koroena/store"
)

// CareRepo is what the care screens (plan, visit, follow-up, city, training) need of the
// store besides Repo.
type CareRepo interface {
	Repo
	// AssessmentsOf returns a cooperative's assessments, newest year first.
	AssessmentsOf(coopID string) ([]store.Assessment, error)
	// Treatments returns every plan item of every cooperative.
	Treatments() ([]store.Treatment, error)
	// TreatmentsOf returns one cooperative's plan items.
	TreatmentsOf(coopID string) ([]store.Treatment, error)
	// AddTreatment stores a new plan item.
	AddTreatment(t store.Treatment) (store.Treatment, error)
	// UpdateTreatment saves a plan item's editable fields.
	UpdateTreatment(t store.Treatment) (store.Treatment, error)
	// RecordVisit stores a visit and applies its reviews of plan items.
	RecordVisit(v store.Visit) (store.Visit, error)
	// FinalHeads returns every cooperative's final assessments, oldest year first.
	FinalHeads() (map[string][]store.AssessmentHead, error)
}

// The care screens on the root's stack. They number from 100 so that the root's own
// list can grow without renumbering them.
const (
	focusFollowUp focus = 100 + iota
	focusCity
	focusCityList
	focusTraining
	focusPlan
	focusVisit
)

// isCareFocus reports whether f is one of the care screens.
func isCareFocus(f focus) bool { return f >= focusFollowUp && f <= focusVisit }

// careKeyMap holds the keys that open the care screens: from the list, and from a
// cooperative's record or diagnosis.
type careKeyMap struct {
	FollowUp, City, Training key.Binding // on the list
	Plan, Visit              key.Binding // on the record and the diagnosis
}

// defaultCareKeyMap builds the keys with help in language l.
func defaultCareKeyMap(l Language) careKeyMap {
	b := func(k string, id ctxt) key.Binding {
		return key.NewBinding(key.WithKeys(k), key.WithHelp(k, l.ct(id)))
	}
	return careKeyMap{
		FollowUp: b("u", ctKeyFollowUp),
		City:     b("c", ctKeyCity),
		Training: b("t", ctKeyTraining),
		Plan:     b("p", ctKeyPlan),
		Visit:    b("v", ctKeyVisit),
	}
}

// careScreens are the root's screens for treating and following up. The root keeps them
// here so that its own file only hooks them in.
type careScreens struct {
	repo      CareRepo // nil when the root's Repo cannot keep plans
	cat       *diagnosis.Catalogue
	reg       *scoring.Registry
	now       func() time.Time
	exportDir string
	keys      careKeyMap

	follow   followModel
	city     cityModel
	cityList coopListModel
	training trainingModel
	plan     planModel
	visit    visitModel
}

// newCareScreens builds the screens on repo, if it can keep plans.
func newCareScreens(repo Repo, opts Options, l Language, st *styles) careScreens {
	s := careScreens{cat: opts.Conditions, reg: opts.Instruments, now: opts.Now,
		exportDir: opts.ExportDir, keys: defaultCareKeyMap(l)}
	if s.cat == nil {
		s.cat = diagnosis.Default()
	}
	if s.reg == nil {
		s.reg = scoring.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.repo, _ = repo.(CareRepo)
	s.follow = newFollowModel(l, st, s.cat)
	s.city = newCityModel(l, st)
	s.cityList = newCoopListModel(l, st, "", nil)
	s.training = newTrainingModel(l, st, s.cat, s.exportDir)
	s.plan = newPlanModel(l, st, planDeps{s.repo, s.cat, s.reg, s.now}, "")
	s.visit = newVisitModel(l, st, s.repo, s.cat, "")
	return s
}

// Navigation and result messages of the care screens.
type (
	// openCareMsg asks the root to push care screen f, for cooperative coopID when it is
	// the plan or the visit.
	openCareMsg struct {
		f      focus
		coopID string
	}
	// openCoopListMsg asks the root to push the list of the cooperatives behind a number.
	openCoopListMsg struct {
		title string
		sums  []store.CoopSummary
	}
	// careDataLoadedMsg brings what the follow-up, city and training screens show.
	careDataLoadedMsg struct {
		data careData
		err  error
	}
	// csvExportedMsg reports the training CSV written (or not).
	csvExportedMsg struct {
		path string
		err  error
	}
)

// careData is the city as the follow-up, city and training screens see it.
type careData struct {
	sums       []store.CoopSummary
	treatments []store.Treatment
	finals     map[string][]store.AssessmentHead
	coaches    []store.Coach
	settings   map[string]string
	today      time.Time
}

// careSettingKeys are the settings the care screens read.
func careSettingKeys() []string {
	keys := []string{SettingRATOverdueMonths, SettingTargetHealthy, settingDemoToday}
	for pred := range defaultVisitMonths {
		keys = append(keys, SettingVisitMonths+pred)
	}
	return keys
}

// loadCareCmd reads the city, the plans and the settings. Today is the demo city's fixed
// today when the file is a demo, else the clock's.
func loadCareCmd(repo CareRepo, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		d := careData{settings: map[string]string{}, today: now()}
		var err error
		if d.sums, err = repo.CooperativeSummaries(); err != nil {
			return careDataLoadedMsg{err: fmt.Errorf("load cooperatives: %w", err)}
		}
		if d.treatments, err = repo.Treatments(); err != nil {
			return careDataLoadedMsg{err: fmt.Errorf("load plans: %w", err)}
		}
		if d.finals, err = repo.FinalHeads(); err != nil {
			return careDataLoadedMsg{err: fmt.Errorf("load assessments: %w", err)}
		}
		if d.coaches, err = repo.Coaches(); err != nil {
			return careDataLoadedMsg{err: fmt.Errorf("load coaches: %w", err)}
		}
		for _, k := range careSettingKeys() {
			v, ok, err := repo.Setting(k)
			if err != nil {
				return careDataLoadedMsg{err: fmt.Errorf("load setting %s: %w", k, err)}
			}
			if ok {
				d.settings[k] = v
			}
		}
		if t, err := time.Parse(time.DateOnly, d.settings[settingDemoToday]); err == nil {
			d.today = t
		}
		return careDataLoadedMsg{data: d}
	}
}

// routeCare handles the care screens' navigation and result messages; ok is false for
// every other message.
func (m Model) routeCare(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case openCareMsg:
		if m.care.repo == nil {
			m.status, m.statusErr = m.lang.ct(ctNoCareStore), true
			return m, nil, true
		}
		return m.openCare(msg)
	case openCoopListMsg:
		m.care.cityList = newCoopListModel(m.lang, &m.styles, msg.title, msg.sums)
		m.care.cityList.SetSize(m.width, m.bodyHeight())
		m.stack = append(m.stack, focusCityList)
		return m, nil, true
	case openDiagnosisMsg:
		// The diagnosis lists conditions from this catalogue.
		next, cmd, ok := m.routeAssess(msg)
		next.as.diag.cat = m.care.cat
		return next, cmd, ok
	case backMsg:
		if !isCareFocus(m.focused()) {
			return m, nil, false
		}
		m = m.back()
		return m, m.refreshAfterCare(), true
	case careDataLoadedMsg:
		m.care.follow, _ = m.care.follow.Update(msg)
		m.care.city, _ = m.care.city.Update(msg)
		m.care.training, _ = m.care.training.Update(msg)
		return m.noteError(msg.err), nil, true
	case planLoadedMsg, treatmentSavedMsg:
		var cmd tea.Cmd
		m.care.plan, cmd = m.care.plan.Update(msg)
		return m.noteCareSaved(msg), cmd, true
	case visitLoadedMsg:
		m.care.visit, _ = m.care.visit.Update(msg)
		return m, nil, true
	case visitRecordedMsg:
		return m.visitRecorded(msg)
	case csvExportedMsg:
		if msg.err != nil {
			m.status, m.statusErr = m.lang.ctf(ctExportFailed, msg.err), true
		} else {
			m.status, m.statusErr = m.lang.ctf(ctExported, msg.path), false
		}
		return m, nil, true
	}
	return m, nil, false
}

// openCare pushes a care screen and starts its load.
func (m Model) openCare(msg openCareMsg) (Model, tea.Cmd, bool) {
	c := &m.care
	var cmd tea.Cmd
	switch msg.f {
	case focusFollowUp:
		c.follow = newFollowModel(m.lang, &m.styles, c.cat)
		c.follow.SetSize(m.width, m.bodyHeight())
		cmd = loadCareCmd(c.repo, c.now)
	case focusCity:
		c.city = newCityModel(m.lang, &m.styles)
		c.city.SetSize(m.width, m.bodyHeight())
		cmd = loadCareCmd(c.repo, c.now)
	case focusTraining:
		c.training = newTrainingModel(m.lang, &m.styles, c.cat, c.exportDir)
		c.training.SetSize(m.width, m.bodyHeight())
		cmd = loadCareCmd(c.repo, c.now)
	case focusPlan:
		c.plan = newPlanModel(m.lang, &m.styles, planDeps{c.repo, c.cat, c.reg, c.now},
			msg.coopID)
		c.plan.SetSize(m.width, m.bodyHeight())
		cmd = loadPlanCmd(c.repo, msg.coopID, c.now)
	case focusVisit:
		c.visit = newVisitModel(m.lang, &m.styles, c.repo, c.cat, msg.coopID)
		c.visit.SetSize(m.width, m.bodyHeight())
		cmd = loadVisitCmd(c.repo, msg.coopID, c.now)
	default:
		return m, nil, true
	}
	m.stack = append(m.stack, msg.f)
	return m, cmd, true
}

// refreshAfterCare reloads the screen uncovered by going back, so it shows what changed.
func (m Model) refreshAfterCare() tea.Cmd {
	switch m.focused() {
	case focusRecord:
		return loadRecordCmd(m.repo, m.record.coopID)
	case focusPlan:
		return loadPlanCmd(m.care.repo, m.care.plan.coopID, m.care.now)
	case focusFollowUp, focusCity, focusTraining:
		return loadCareCmd(m.care.repo, m.care.now)
	}
	return nil
}

// noteCareSaved notes a saved or refused plan change in the status line.
func (m Model) noteCareSaved(msg tea.Msg) Model {
	switch msg := msg.(type) {
	case treatmentSavedMsg:
		if msg.err != nil {
			m.log.Error("save treatment", "err", msg.err)
			m.status, m.statusErr = m.lang.trf(txtErrSave, msg.err), true
			return m
		}
		text := ctTreatmentSaved
		if msg.added {
			text = ctTreatmentAdded
		}
		m.status, m.statusErr = m.lang.ct(text), false
	case planLoadedMsg:
		return m.noteError(msg.err)
	}
	return m
}

// visitRecorded goes back from the visit screen once it is saved, and reloads below.
func (m Model) visitRecorded(msg visitRecordedMsg) (Model, tea.Cmd, bool) {
	if msg.err != nil {
		m.log.Error("record visit", "err", msg.err)
		m.care.visit, _ = m.care.visit.Update(msg)
		m.status, m.statusErr = m.lang.trf(txtErrSave, msg.err), true
		return m, nil, true
	}
	if m.focused() == focusVisit {
		m = m.back()
	}
	m.status, m.statusErr = m.lang.ct(ctVisitSaved), false
	return m, m.refreshAfterCare(), true
}

// careKey handles the keys that open care screens and the keys of a focused care screen;
// ok is false for every other key.
func (m Model) careKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	k := m.care.keys
	open := func(f focus, coopID string) (Model, tea.Cmd, bool) {
		return m, func() tea.Msg { return openCareMsg{f: f, coopID: coopID} }, true
	}
	switch f := m.focused(); {
	case f == focusList && key.Matches(msg, k.FollowUp):
		return open(focusFollowUp, "")
	case f == focusList && key.Matches(msg, k.City):
		return open(focusCity, "")
	case f == focusList && key.Matches(msg, k.Training):
		return open(focusTraining, "")
	case (f == focusRecord || f == focusDiagnosis) && key.Matches(msg, k.Plan):
		return open(focusPlan, m.careCoopID())
	case (f == focusRecord || f == focusDiagnosis) && key.Matches(msg, k.Visit):
		return open(focusVisit, m.careCoopID())
	case isCareFocus(f):
		next, cmd := m.toCareScreen(msg)
		return next, cmd, true
	}
	return m, nil, false
}

// careCoopID is the cooperative of the focused record or diagnosis.
func (m Model) careCoopID() string {
	if m.focused() == focusDiagnosis {
		return m.as.diag.a.CoopID
	}
	return m.record.coopID
}

// toCareScreen passes msg to the focused care screen.
func (m Model) toCareScreen(msg tea.Msg) (Model, tea.Cmd) {
	c := &m.care
	var cmd tea.Cmd
	switch m.focused() {
	case focusFollowUp:
		c.follow, cmd = c.follow.Update(msg)
	case focusCity:
		c.city, cmd = c.city.Update(msg)
	case focusCityList:
		c.cityList, cmd = c.cityList.Update(msg)
	case focusTraining:
		c.training, cmd = c.training.Update(msg)
	case focusPlan:
		c.plan, cmd = c.plan.Update(msg)
	case focusVisit:
		c.visit, cmd = c.visit.Update(msg)
	}
	return m, cmd
}

// careCapturing reports whether the focused care screen takes typing.
func (m Model) careCapturing() bool {
	switch m.focused() {
	case focusPlan:
		return m.care.plan.capturing()
	case focusVisit:
		return m.care.visit.capturing()
	}
	return false
}

// setLanguage switches the care screens to l.
func (s *careScreens) setLanguage(l Language) {
	s.keys = defaultCareKeyMap(l)
	s.follow.SetLanguage(l)
	s.city.SetLanguage(l)
	s.cityList.SetLanguage(l)
	s.training.SetLanguage(l)
	s.plan.SetLanguage(l)
	s.visit.SetLanguage(l)
}

// setSize lays the care screens out.
func (s *careScreens) setSize(w, h int) {
	s.follow.SetSize(w, h)
	s.city.SetSize(w, h)
	s.cityList.SetSize(w, h)
	s.training.SetSize(w, h)
	s.plan.SetSize(w, h)
	s.visit.SetSize(w, h)
}

// setStyles hands the care screens new styles.
func (s *careScreens) setStyles(st *styles) {
	s.follow.SetStyles(st)
	s.city.SetStyles(st)
	s.cityList.SetStyles(st)
	s.training.SetStyles(st)
	s.plan.SetStyles(st)
	s.visit.SetStyles(st)
}

// view draws the focused care screen.
func (s careScreens) view(f focus) string {
	switch f {
	case focusFollowUp:
		return s.follow.View()
	case focusCity:
		return s.city.View()
	case focusCityList:
		return s.cityList.View()
	case focusTraining:
		return s.training.View()
	case focusPlan:
		return s.plan.View()
	}
	return s.visit.View()
}

// title is the focused care screen's part of the title line.
func (s careScreens) title(f focus) string {
	switch f {
	case focusFollowUp:
		return s.follow.title()
	case focusCity:
		return s.city.title()
	case focusCityList:
		return s.cityList.title()
	case focusTraining:
		return s.training.title()
	case focusPlan:
		return s.plan.title()
	}
	return s.visit.title()
}

// shortHelp is the focused care screen's main keys.
func (s careScreens) shortHelp(f focus) []key.Binding {
	switch f {
	case focusFollowUp:
		return s.follow.ShortHelp()
	case focusCity:
		return s.city.ShortHelp()
	case focusCityList:
		return s.cityList.ShortHelp()
	case focusTraining:
		return s.training.ShortHelp()
	case focusPlan:
		return s.plan.ShortHelp()
	}
	return s.visit.ShortHelp()
}

// fullHelp is every key of the focused care screen.
func (s careScreens) fullHelp(f focus) [][]key.Binding {
	switch f {
	case focusFollowUp:
		return s.follow.FullHelp()
	case focusCity:
		return s.city.FullHelp()
	case focusCityList:
		return s.cityList.FullHelp()
	case focusTraining:
		return s.training.FullHelp()
	case focusPlan:
		return s.plan.FullHelp()
	}
	return s.visit.FullHelp()
}

// listHelp is the care keys of the list; recordHelp those of a record or diagnosis.
func (s careScreens) listHelp() []key.Binding {
	return []key.Binding{s.keys.FollowUp, s.keys.City, s.keys.Training}
}

// recordHelp is the care keys of a record or a diagnosis.
func (s careScreens) recordHelp() []key.Binding {
	return []key.Binding{s.keys.Plan, s.keys.Visit}
}
