package main

import "github.com/spf13/cobra"

// TODO(lead): placeholder until the score command lands.
func (a *app) scoreCmd() *cobra.Command {
	return &cobra.Command{Use: "score", Hidden: true}
}
