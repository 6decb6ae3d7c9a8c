// Package crawlstate keeps the crawler's state in JetStream, so crawler
// replicas and restarts share it:
//
//	seen.go     SeenStore: what was fetched (validators, content hashes, fetch times) in mw_seen; a crawler.Seen
//	leases.go   HostLeases: per-host leases in mw_hosts, so politeness holds across replicas; a crawler.HostLeases
//	backlog.go  Backlog: holds the crawler back while the extractor is behind; a crawler.Pacer
//	metrics.go  Metrics: the crawler's pass counters as Prometheus metrics; a crawler.Observer
package crawlstate
