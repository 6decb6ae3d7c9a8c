// Package clustertest proves modelwire's scale-out on loopback: a 3-node
// NATS JetStream cluster (R3 streams), a 2-node Elasticsearch cluster, two
// replicas of every stage as separate processes, a generated site of a few
// thousand articles on several hosts — and faults while it runs: kill -9
// of one replica of each stage, one NATS node stopped, Elasticsearch
// stopped for a minute. It then checks that every article is indexed
// exactly once, every release announced once, the dead-letter queue holds
// only what is really bad, and per-host politeness held cluster-wide.
//
// The test is behind the build tag "cluster" (it takes minutes and starts
// Elasticsearch nodes); run it with `make cluster-test`, which builds
// bin/modelwire first. It has no other code.
package clustertest
