//go:build windows

package store

import (
	"errors"
	"fmt"
	"os"
)

// lockFile checks that no koroena has the data file open by opening it as bbolt does
// and closing it again. Unlike the Unix version it holds no lock afterwards: a koroena
// started in the moment between the check and the swap is not kept out.
func lockFile(path string) (unlock func(), err error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return func() {}, nil
	}
	db, err := openBolt(path, DefaultTimeout, false)
	if errors.Is(err, ErrLocked) {
		return nil, fmt.Errorf("%s: %w", path, ErrLocked)
	}
	if err == nil {
		db.Close()
	}
	return func() {}, nil
}
