package importer

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"koroena/store"
)

// progressSteps is how many times a long import reports its progress.
const progressSteps = 100

// writeRows writes the rows in one bulk transaction: each updates the cooperative with
// its id or NIK, or adds a new one. Every row is tried, so that all the problems the store
// finds are listed; any problem rolls everything back.
func writeRows(s *store.Store, file string, h header, rows []row, opts Options,
	res *Result,
) error {
	coaches, err := coachesByName(s)
	if err != nil {
		return err
	}
	return s.Bulk(func(b *store.Bulk) error {
		for i, r := range rows {
			if err := writeRow(b, r, coaches, res); err != nil {
				res.Errors = append(res.Errors, rowError(file, h, r, err))
			}
			if opts.Progress != nil && (i+1)%max(1, len(rows)/progressSteps) == 0 {
				opts.Progress(i+1, len(rows))
			}
		}
		if opts.Progress != nil {
			opts.Progress(len(rows), len(rows))
		}
		switch {
		case len(res.Errors) > 0:
			return ErrRefused
		case opts.DryRun:
			return errDryRun
		}
		return nil
	})
}

// coachesByName maps the stored coaches' lowercased names to their ids.
func coachesByName(s *store.Store) (map[string]string, error) {
	list, err := s.Coaches()
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, c := range list {
		m[strings.ToLower(c.Name)] = c.ID
	}
	return m, nil
}

// writeRow adds or updates the cooperative of one row.
func writeRow(b *store.Bulk, r row, coaches map[string]string, res *Result) error {
	if r.coach != "" {
		id, ok := coaches[strings.ToLower(r.coach)]
		if !ok {
			c, err := b.AddCoach(store.Coach{Name: r.coach, Active: true})
			if err != nil {
				return err
			}
			id = c.ID
			coaches[strings.ToLower(r.coach)] = id
			res.NewCoaches = append(res.NewCoaches, r.coach)
		}
		r.coop.CoachID, r.set[fCoach] = id, true
	}

	old, found, err := existing(b, r)
	if err != nil {
		return err
	}
	if !found {
		if !r.set[fActive] {
			r.coop.Active = true
		}
		_, err := b.AddCooperative(r.coop)
		if err == nil {
			res.Created++
		}
		return err
	}
	_, changed, err := b.UpdateCooperative(overlay(old, r))
	switch {
	case err != nil:
		return err
	case changed:
		res.Updated++
	default:
		res.Unchanged++
	}
	switch r.matchedBy {
	case matchName:
		res.MatchedByName++
	case matchLegal:
		res.MatchedByLegalNumber++
	}
	return nil
}

// existing finds the stored cooperative a row updates: the one with its id, else the one
// with its NIK, else (for a row with neither) the one matchStored found.
func existing(b *store.Bulk, r row) (store.Cooperative, bool, error) {
	if r.matchID != "" {
		c, err := b.Cooperative(r.matchID)
		return c, err == nil, err
	}
	if r.coop.ID != "" {
		c, err := b.Cooperative(r.coop.ID)
		if err == nil {
			return c, true, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return c, false, err
		}
	}
	return b.CooperativeByNIK(r.coop.NIK)
}

// overlay puts the fields a row sets onto a stored cooperative; the others keep their
// stored values.
func overlay(c store.Cooperative, r row) store.Cooperative {
	n := r.coop
	pairs := []struct {
		f        field
		dst, src *string
	}{
		{fName, &c.Name, &n.Name}, {fNIK, &c.NIK, &n.NIK},
		{fLegalNumber, &c.LegalNumber, &n.LegalNumber}, {fAddress, &c.Address, &n.Address},
		{fKelurahan, &c.Kelurahan, &n.Kelurahan}, {fKecamatan, &c.Kecamatan, &n.Kecamatan},
		{fPhone, &c.Phone, &n.Phone}, {fChair, &c.Chair, &n.Chair},
		{fManager, &c.Manager, &n.Manager}, {fCoach, &c.CoachID, &n.CoachID},
		{fFiscalYearEnd, &c.FiscalYearEnd, &n.FiscalYearEnd}, {fNotes, &c.Notes, &n.Notes},
		{fLegalType, &c.LegalType, &n.LegalType},
	}
	for _, p := range pairs {
		if r.set[p.f] {
			*p.dst = *p.src
		}
	}
	if r.set[fType] {
		c.BusinessType = n.BusinessType
		if n.LegalType != "" {
			c.LegalType = n.LegalType
		}
	}
	if r.set[fLegalDate] {
		c.LegalDate = n.LegalDate
	}
	if r.set[fLastRAT] {
		c.LastRAT = n.LastRAT
	}
	if r.set[fMembers] {
		c.Members = n.Members
	}
	if r.set[fActive] {
		c.Active = n.Active
	}
	return c
}

// rowError turns a store error about a row into a message at the column it concerns.
func rowError(file string, h header, r row, err error) Message {
	f := fName
	switch {
	case errors.Is(err, store.ErrDuplicateNIK):
		f = fNIK
	case r.coop.ID != "" && strings.Contains(err.Error(), "id "):
		f = fID
	}
	col := ""
	if c := colOf(h, f); c >= 0 {
		col = column(c)
	}
	return Message{File: file, Row: r.num, Column: col, Text: fieldNames[f] + ": " +
		clipValues(err.Error(), r)}
}

// clipValues cuts each of the row's text values that a store error quotes whole (the
// cooperative's name, a field with a control character) to what quoted shows.
func clipValues(msg string, r row) string {
	c := r.coop
	for _, v := range []string{c.Name, c.NIK, c.LegalNumber, c.Address, c.Kelurahan,
		c.Kecamatan, c.Phone, c.Chair, c.Manager, c.Notes, c.ID, r.coach} {
		if utf8.RuneCountInString(v) > maxQuoted {
			msg = strings.ReplaceAll(msg, strconv.Quote(v), quoted(v))
		}
	}
	return msg
}
