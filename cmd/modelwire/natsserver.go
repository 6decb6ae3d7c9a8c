package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/internal/bus"
)

// newNATSServerCmd runs the NATS server modelwire embeds as a server of its
// own, from a nats-server configuration file: a node of a JetStream cluster
// on a machine without the nats-server binary. It is hidden: deployments
// use the official nats-server; this is for trying a cluster on one host.
func newNATSServerCmd(g *globals) *cobra.Command {
	var conf string
	cmd := &cobra.Command{
		Use:     "nats-server --nats-config FILE",
		Short:   "Run a NATS server (a JetStream cluster node) from a nats-server config file",
		Hidden:  true,
		Example: `  NATS_NAME=nats1 modelwire nats-server --nats-config deploy/nats/cluster.conf`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if conf == "" {
				return errors.New("--nats-config is required")
			}
			log := g.logger()
			srv, err := bus.StartFromConfig(conf, log)
			if err != nil {
				return err
			}
			log.Info("nats server started", "name", srv.Name(), "url", srv.ClientURL(), "cluster", srv.ClusterName())
			<-cmd.Context().Done()
			srv.Shutdown()
			srv.WaitForShutdown()
			log.Info("nats server stopped", "name", srv.Name())
			return nil
		},
	}
	cmd.Flags().StringVar(&conf, "nats-config", "", "nats-server configuration file")
	return cmd
}
