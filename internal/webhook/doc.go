// Package webhook delivers release events to HTTP endpoints: each webhook
// has its own durable consumer of MW_RELEASES (Notifier), so events wait
// while modelwire or the receiver is down; deliveries are signed (Sign,
// VerifySignature) and formatted as modelwire's JSON or a chat product's
// message (Payload: Slack, Discord, Teams, Mattermost).
//
//	webhook.go  Notifier: consuming, delivering, retrying, dead-lettering; signatures
//	format.go   Payload: the JSON and chat formats
package webhook
