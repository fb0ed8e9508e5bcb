package store

import "errors"

// Errors returned when opening a data file.
var (
	// ErrLocked means another koroena holds the data file open. The returned error names
	// the file; close the other copy of the program and try again.
	ErrLocked = errors.New("data file is in use by another koroena")
	// ErrDamaged means the file is not a bbolt file, is truncated or fails its checksums.
	ErrDamaged = errors.New("data file is damaged or not a koroena data file")
	// ErrAlreadyCompact: Compact would not make the file smaller, so it left it as it was.
	ErrAlreadyCompact = errors.New("data file is compact already")
	// ErrTooNew means the file was written by a newer koroena with a schema this one does
	// not know.
	ErrTooNew = errors.New("data file was written by a newer koroena")
)

// Errors returned by reads and writes.
var (
	// ErrNotFound means no record has the given id or key.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means a record or an argument breaks a rule; the wrapping message says
	// which field and why.
	ErrInvalid = errors.New("invalid")
	// ErrReadOnly means a write was attempted on a store opened with Options.ReadOnly.
	ErrReadOnly = errors.New("data file is open read-only")
	// ErrDuplicateNIK means another cooperative already has this NIK.
	ErrDuplicateNIK = errors.New("another cooperative has this NIK")
	// ErrFinal means the assessment is final or amended and can no longer be edited;
	// amend it to make a correction.
	ErrFinal = errors.New("assessment is final")
	// ErrNotFinal means an operation that needs a final assessment (amend) got a draft or
	// an already amended one.
	ErrNotFinal = errors.New("assessment is not the current final")
	// ErrDuplicateFinal means the cooperative already has a final assessment for that
	// fiscal year; amend it instead of starting another.
	ErrDuplicateFinal = errors.New("a final assessment exists for this cooperative and year")
	// ErrDuplicateDraft means the cooperative already has an open draft for that fiscal
	// year; continue it instead of starting another.
	ErrDuplicateDraft = errors.New("an open draft exists for this cooperative and year")
	// ErrIncomplete means finalize was asked for a result that is not complete.
	ErrIncomplete = errors.New("assessment is not complete")
)
