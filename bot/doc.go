// Package bot is the Slack side of pactwatch. This part delivers the alert
// outbox: Render turns an alert into Block Kit with a plain fallback and
// message metadata; a Deliverer posts due alerts through a Poster (Slack,
// or a writer when there is no token) in order per channel, retries what
// can be retried, fails what cannot, and after a crash asks History whether
// an interrupted post arrived before posting it again.
package bot
