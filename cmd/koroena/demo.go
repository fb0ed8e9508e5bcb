package main

import "github.com/spf13/cobra"

// TODO(lead): placeholder until the demo command lands.
func (a *app) demoCmd() *cobra.Command {
	return &cobra.Command{Use: "demo", Hidden: true}
}
