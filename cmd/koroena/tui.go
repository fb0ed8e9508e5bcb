package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(lead): placeholder until the screens land.
func (a *app) runTUI(_ *cobra.Command) error {
	return errors.New("the screens are not built yet")
}
