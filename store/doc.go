// Package store keeps koroena's records in one bbolt file: cooperatives, coaches, visits,
// assessments with their revisions, settings, and an audit event for every write.
//
// # Opening
//
// Open takes the file lock with a timeout (DefaultTimeout, 1 s): a second koroena on the
// same file gets an error wrapping ErrLocked that names the file, never a hang. A new file
// is created with mode 0600 (the caller makes its directory, 0700). A file at an older
// schema version is first copied, consistently, to
// "<path>.schema<N>-<yyyymmddThhmmssZ>.bak", then migrated in one transaction. A file
// that is not bbolt, fails its checksums or belongs to another program gives ErrDamaged;
// one from a newer koroena gives ErrTooNew.
//
// # Transactions
//
// Every write method is one bbolt transaction holding the record, its index entries, the
// cooperative's summary row and the audit event: all of it is committed or none. Reads
// decode and copy inside their transaction and never return bbolt's bytes.
//
// # Buckets, keys and values
//
// Record ids are UUID v7 (time-ordered); as keys they are the 16 raw bytes, so a cursor
// walks records in creation order. Numbers inside keys are big-endian. Values are JSON
// objects with a "v" field, the value layout version (now 1). Times are stored in UTC.
//
//	meta                 "schema_version" → 8-byte big-endian schema version (now 4);
//	                     "list_counts" → cooperatives in all, active, and active by the
//	                     predicate of their newest final ("" for none), as JSON
//	coops_by_name        lowercased name | 0 | coop id → empty: the list's name order
//	coops                coop id → Cooperative
//	coops_by_nik         NIK (16 ASCII digits) → coop id; unique
//	coop_summary         coop id → the cooperative's list row, compact binary (below)
//	coaches              coach id → Coach
//	visits               visit id → Visit
//	visits_by_coop       coop id | date (8 bytes: unix seconds, sign bit flipped) | visit id
//	                     → empty
//	assessments          assessment id → Assessment (figures, answers, options, notes in
//	                     the JSON shape of `koroena score`'s input; Result once final);
//	                     assessment id | event id with every bit inverted (32 bytes)
//	                     → AuditEvent of one edit of it as a draft (below)
//	assessments_by_coop  coop id | fiscal year (4 bytes) | assessment id → AssessmentHead
//	treatments           treatment id → Treatment (a plan item; see treatment.go)
//	treatments_by_coop   coop id | treatment id → empty
//	settings             key (text) → {"v":1,"value":"…"}
//	audit                event id → AuditEvent, for every write but a draft's edits
//	audit_by_record      key length (1 byte) | record key | event id → empty; the record key
//	                     is a record's 16-byte id, or a setting's key text
//
// # The list row
//
// coop_summary holds what CooperativeSummaries returns, so the list of 130,000
// cooperatives never decodes JSON or reads an assessment. It is rewritten in the same
// transaction as any change to the cooperative, its visits or its assessments. Layout:
// a format byte (1); the strings ID, Name, NIK, LegalNumber, LegalType, BusinessType,
// Address, Kelurahan, Kecamatan, Phone, Chair, Manager, CoachID, FiscalYearEnd, each as a
// uvarint length and bytes; the times LegalDate, LastRAT, CreatedAt, UpdatedAt, LastVisit,
// each as 0 (zero time) or 1, varint unix seconds, uvarint nanoseconds; Members as a
// varint; a flags byte (1 active, 2 has an open draft, 4 has a final assessment); and with
// flag 4 the newest final assessment's head: strings ID, Instrument, Status, Total,
// Predicate, then varints Version and FiscalYear. Notes are not kept in the row.
//
// # Assessments
//
// A draft is edited one figure, answer, note or option set per transaction, each with an
// audit event of what changed ("figures.kas": [old, new]). FinalizeAssessment locks it:
// later edits return ErrFinal. A correction is AmendAssessment: a new draft revision whose
// Replaces names the final one, with a required reason. The old revision stays final (and
// is the one lists show) until the new one is finalized; in that same transaction the old
// one becomes StatusAmended and its AmendedBy names the new one. A cooperative has at most
// one open draft (ErrDuplicateDraft) and one final assessment (ErrDuplicateFinal) per
// fiscal year.
//
// The audit event of a draft edit is kept beside the draft in the assessments bucket, not
// in audit: its key is the draft's 16-byte key followed by the event's 16-byte key with
// every bit inverted, so a draft's events follow it newest first and the one a save
// writes lands in the draft's own leaf page (one bucket's pages written per save instead
// of three; issue #8). The value is the same AuditEvent JSON as in audit. A reader of the
// bucket tells the two apart by key length (16 or 32); AuditOf merges both places by event
// id, which is time-ordered. DeleteDraft moves a draft's events to audit and
// audit_by_record. Files written before this have all their events in audit, which
// readers handle alike.
//
// # Schema versions
//
//	1  records, indexes and audit, without coop_summary
//	2  coop_summary added, built from the records by the migration
//	3  treatments and treatments_by_coop added (empty)
//	4  coops_by_name and the list counts added, built from coop_summary
package store
