package main

import "github.com/spf13/cobra"

// TODO(lead): placeholder until the list command lands.
func (a *app) listCmd() *cobra.Command {
	return &cobra.Command{Use: "list", Hidden: true}
}
