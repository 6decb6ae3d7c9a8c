package main

import (
	"fmt"
	"net/http"
	"time"

	"github.com/spf13/cobra"
)

// newHealthcheckCmd asks a running modelwire process whether it is ready:
// the container image has no shell and no curl, so its health check runs
// the binary itself.
func newHealthcheckCmd(g *globals) *cobra.Command {
	var (
		url     string
		timeout time.Duration
	)
	cmd := &cobra.Command{
		Use:   "healthcheck [--url URL]",
		Short: "Exit 0 if a modelwire process answers its readiness probe, 1 otherwise",
		Long: `Healthcheck asks a running modelwire process — any stage, run or serve — for its
readiness (GET /readyz) and exits 0 on 200, 1 otherwise, printing the answer.
It is for container health checks: the image has no shell and no curl.`,
		Example: `  modelwire healthcheck --url http://127.0.0.1:8080/readyz`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			client := http.Client{Timeout: timeout}
			res, err := client.Get(url)
			if err != nil {
				return fmt.Errorf("not ready: %w", err)
			}
			defer res.Body.Close()
			if res.StatusCode != http.StatusOK {
				return fmt.Errorf("not ready: %s answered %s", url, res.Status)
			}
			fmt.Fprintln(g.stdout, "ready")
			return nil
		},
	}
	cmd.Flags().StringVar(&url, "url", "http://127.0.0.1:8080/readyz", "readiness URL of the process")
	cmd.Flags().DurationVar(&timeout, "timeout", 5*time.Second, "how long to wait for the answer")
	return cmd
}
