// Package bot is the Slack side of pactwatch. This part delivers the alert
// outbox: Render turns an alert into Block Kit with a plain fallback and
// message metadata; a Deliverer posts due alerts through a Poster (Slack,
// or a writer when there is no token) in order per channel, retries what
// can be retried, fails what cannot, and after a crash asks History whether
// an interrupted post arrived before posting it again.
//
// The other part is the app people talk to: App answers /pact commands,
// the Confirm and Revert buttons of detected status changes and the Home
// tab, over HTTP (Handler, every request verified against the signing
// secret and accepted once) or Socket Mode (RunSocketMode), answering
// within Slack's three seconds or through response_url.
package bot
