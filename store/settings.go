package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Setting returns the value of a setting; ok is false when it was never set.
func (s *Store) Setting(key string) (value string, ok bool, err error) {
	var rec settingRecord
	err = s.view(func(tx *bolt.Tx) error {
		var err error
		ok, err = getJSON(tx.Bucket(bucketSettings), []byte(key), &rec)
		return err
	})
	if err != nil {
		return "", false, fmt.Errorf("setting %q: %w", key, err)
	}
	return rec.Value, ok, nil
}

// SetSetting stores a setting's value; the key must be 1 to 255 bytes.
func (s *Store) SetSetting(key, value string) error {
	err := s.update(func(w *writer) error { return w.setSetting(key, value) })
	if err != nil {
		return fmt.Errorf("set %q: %w", key, err)
	}
	return nil
}

// setSetting stores a setting with its audit event.
func (w *writer) setSetting(key, value string) error {
	if key == "" || len(key) > 255 {
		return fmt.Errorf("key must be 1 to 255 bytes: %w", ErrInvalid)
	}
	b := w.tx.Bucket(bucketSettings)
	var old settingRecord
	found, err := getJSON(b, []byte(key), &old)
	if err != nil {
		return err
	}
	if err := putJSON(b, []byte(key), settingRecord{valueVersion, value}); err != nil {
		return err
	}
	action, oldJSON := ActionCreate, json.RawMessage("null")
	if found {
		action = ActionUpdate
		oldJSON, _ = json.Marshal(old.Value)
	}
	newJSON, _ := json.Marshal(value)
	change, err := json.Marshal(map[string][2]json.RawMessage{"value": {oldJSON, newJSON}})
	if err != nil {
		return err
	}
	return w.audit(KindSetting, key, action, change)
}

// DeleteSetting removes a setting, so its default applies again; removing one that was
// never set does nothing.
func (s *Store) DeleteSetting(key string) error {
	err := s.update(func(w *writer) error {
		b := w.tx.Bucket(bucketSettings)
		var old settingRecord
		found, err := getJSON(b, []byte(key), &old)
		if err != nil || !found {
			return err
		}
		if err := b.Delete([]byte(key)); err != nil {
			return err
		}
		oldJSON, _ := json.Marshal(old.Value)
		change, err := json.Marshal(map[string][2]json.RawMessage{
			"value": {oldJSON, json.RawMessage("null")}})
		if err != nil {
			return err
		}
		return w.audit(KindSetting, key, ActionDelete, change)
	})
	if err != nil {
		return fmt.Errorf("delete setting %q: %w", key, err)
	}
	return nil
}
