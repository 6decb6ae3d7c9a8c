// Package pipeline runs modelwire's stages on NATS JetStream, each a thin
// shell around work done elsewhere (the crawler, the extractor, the search
// store), acknowledging each message only after the next stage has it
// durably and dead-lettering what can never succeed (bus.Retry,
// bus.DeadLetter).
//
// The stages, in the order a page goes through them:
//
//	publish.go        crawler → MW_PAGES: PagePublisher (big bodies to mw_bodies)
//	extract.go        MW_PAGES → extractor → MW_ARTICLES, releases to the Announcer: ExtractStage
//	budget.go           an article cut to fit one message
//	index.go          MW_ARTICLES → search store: IndexStage
//	release_index.go  MW_RELEASES → the store's release records: ReleaseIndexStage
//	fetch.go, bulk.go   batches for the index stages: fetching, store outages, per-item acks
//	metrics.go          the stages' Prometheus collectors
//	run.go            every stage in one process (modelwire run, run --once): All
//
// Beside the stages, in packages of their own: the crawler's state in
// JetStream (internal/crawlstate: mw_seen, host leases, the backlog that
// paces the crawler, crawl metrics), release announcing (internal/announce:
// exactly-once release events and mw_releases), fan-out to webhooks
// (internal/webhook), and consuming and following streams (internal/bus).
package pipeline
