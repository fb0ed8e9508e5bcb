package store

import (
	"encoding/json"
	"time"
)

// Cooperative is one koperasi of the city's registry: its profile as the office keeps it.
type Cooperative struct {
	ID           string    `json:"id"`            // UUID v7, assigned by the store
	Name         string    `json:"name"`          // e.g. "KSP Sumber Rejeki"
	NIK          string    `json:"nik,omitempty"` // 16 digits, optional, unique when present
	LegalNumber  string    `json:"legal_number,omitempty"`
	LegalDate    time.Time `json:"legal_date,omitzero"`
	LegalType    string    `json:"legal_type,omitempty"`    // see LegalTypes
	BusinessType string    `json:"business_type,omitempty"` // see BusinessTypes
	Address      string    `json:"address,omitempty"`
	Kelurahan    string    `json:"kelurahan,omitempty"`
	Kecamatan    string    `json:"kecamatan,omitempty"`
	Phone        string    `json:"phone,omitempty"`
	Chair        string    `json:"chair,omitempty"`   // ketua pengurus
	Manager      string    `json:"manager,omitempty"` // manajer / pengelola
	Members      int       `json:"members,omitempty"`
	CoachID      string    `json:"coach_id,omitempty"`
	// FiscalYearEnd is the month and day the books close, as "MM-DD"; "12-31" when empty.
	FiscalYearEnd string    `json:"fiscal_year_end,omitempty"`
	LastRAT       time.Time `json:"last_rat,omitzero"`
	Active        bool      `json:"active"`
	Notes         string    `json:"notes,omitempty"`
	CreatedAt     time.Time `json:"created_at,omitzero"`
	UpdatedAt     time.Time `json:"updated_at,omitzero"`
}

// BusinessTypes are the ids of the kinds of business a cooperative runs, in display order.
var BusinessTypes = []string{
	"ksp",      // Koperasi Simpan Pinjam
	"ksu_usp",  // Koperasi Serba Usaha with a Unit Simpan Pinjam
	"kpri",     // Koperasi Pegawai Republik Indonesia
	"kspps",    // Koperasi Simpan Pinjam dan Pembiayaan Syariah
	"karyawan", // employees' cooperative
	"wanita",   // women's cooperative
	"pasar",    // market traders' cooperative
	"konsumen", // consumer cooperative
	"produsen", // producer cooperative
	"jasa",     // service cooperative
}

// LegalTypes are the legal kinds of cooperative by business (jenis koperasi).
var LegalTypes = []string{"simpan_pinjam", "konsumen", "produsen", "pemasaran", "jasa"}

// Coach is a pendamping of the cooperative office.
type Coach struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Phone  string `json:"phone,omitempty"`
	Active bool   `json:"active"`
}

// Visit is a coach's site visit (kunjungan) to a cooperative.
type Visit struct {
	ID        string    `json:"id"`
	CoopID    string    `json:"coop_id"`
	CoachID   string    `json:"coach_id,omitempty"`
	Date      time.Time `json:"date"`
	Purpose   string    `json:"purpose,omitempty"`
	Notes     string    `json:"notes,omitempty"`
	CreatedAt time.Time `json:"created_at,omitzero"`
	// Reviewed lists the plan items the visit reviewed (RecordVisit applies them).
	Reviewed []TreatmentReview `json:"reviewed,omitempty"`
}

// AssessmentStatus is where an assessment is in its life: a draft being filled, a final
// (locked) one, or a final one that a later revision has amended.
type AssessmentStatus string

// The assessment statuses.
const (
	StatusDraft   AssessmentStatus = "draft"
	StatusFinal   AssessmentStatus = "final"
	StatusAmended AssessmentStatus = "amended"
)

// Assessment is one health assessment (penilaian kesehatan) of a cooperative for one fiscal
// year. Figures, answers and options use the JSON shape of `koroena score`'s input, so an
// assessment can always be re-scored from outside.
type Assessment struct {
	ID         string `json:"id"`
	CoopID     string `json:"coop_id"`
	Instrument string `json:"instrument"`         // instrument id, e.g. "ksp-2016"
	Version    int    `json:"instrument_version"` // the version it is scored with
	FiscalYear int    `json:"fiscal_year"`        // tahun buku

	// Figures maps a figure id to an exact decimal amount in contract form ("1234567.50").
	Figures map[string]string `json:"figures,omitempty"`
	// Answers maps a question id to ya (true) or tidak (false); absent means unanswered.
	Answers map[string]bool `json:"answers,omitempty"`
	// Options holds the instrument's named alternatives chosen for this assessment.
	Options map[string]string `json:"options,omitempty"`
	// ItemNotes holds the coach's note on any figure or question, by its id.
	ItemNotes map[string]string `json:"item_notes,omitempty"`

	Status      AssessmentStatus `json:"status"`
	Replaces    string           `json:"replaces,omitempty"`   // id of the revision it amends
	AmendedBy   string           `json:"amended_by,omitempty"` // id of the revision amending it
	AmendReason string           `json:"amend_reason,omitempty"`
	CoachID     string           `json:"coach_id,omitempty"`
	CreatedAt   time.Time        `json:"created_at,omitzero"`
	UpdatedAt   time.Time        `json:"updated_at,omitzero"`
	FinalizedAt time.Time        `json:"finalized_at,omitzero"`
	FinalizedBy string           `json:"finalized_by,omitempty"`

	// Result is the stored result of a finalized assessment (nil for a draft).
	Result *Result `json:"result,omitempty"`
}

// Result is what the store keeps of a scored assessment: the headline numbers for lists
// and charts, and the scoring engine's whole output as JSON for the diagnosis.
type Result struct {
	Complete  bool            `json:"complete"`
	Total     string          `json:"total"`               // 2 decimals, e.g. "89.45"
	Predicate string          `json:"predicate,omitempty"` // predicate id, e.g. "sehat"
	Aspects   []AspectScore   `json:"aspects,omitempty"`
	Output    json.RawMessage `json:"output,omitempty"` // `koroena score` output
}

// AspectScore is one aspect's points against its maximum.
type AspectScore struct {
	ID   string `json:"id"`
	Skor string `json:"skor"`
	Max  string `json:"max"`
}

// AuditEvent records one write: who, when, which record, what changed. It is written in
// the same transaction as the change itself.
type AuditEvent struct {
	ID       string          `json:"id"`
	At       time.Time       `json:"at"`
	Actor    string          `json:"actor"`            // the coach or OS user who made the change
	Kind     string          `json:"kind"`             // record kind: "cooperative", "assessment", …
	RecordID string          `json:"record_id"`        // id of the changed record
	Action   string          `json:"action"`           // "create", "update", "delete", "finalize", …
	Change   json.RawMessage `json:"change,omitempty"` // what changed, e.g. {"kas":["1","2"]}
}

// CoopSummary is one row of the cooperative list: the profile joined with what the list
// shows of its history.
type CoopSummary struct {
	Cooperative
	CoachName string          `json:"coach_name,omitempty"`
	Latest    *AssessmentHead `json:"latest,omitempty"` // newest final assessment, if any
	LastVisit time.Time       `json:"last_visit,omitzero"`
	HasDraft  bool            `json:"has_draft"`
}

// AssessmentHead is the little of an assessment that lists and timelines need, kept small
// so that a list of a whole country's cooperatives stays light.
type AssessmentHead struct {
	ID         string           `json:"id"`
	Instrument string           `json:"instrument"`
	Version    int              `json:"instrument_version"`
	FiscalYear int              `json:"fiscal_year"`
	Status     AssessmentStatus `json:"status"`
	Total      string           `json:"total,omitempty"`
	Predicate  string           `json:"predicate,omitempty"`
}
