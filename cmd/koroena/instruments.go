package main

import "github.com/spf13/cobra"

// TODO(lead): placeholder until the instruments command lands.
func (a *app) instrumentsCmd() *cobra.Command {
	return &cobra.Command{Use: "instruments", Hidden: true}
}
