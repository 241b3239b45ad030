package feed

import "strings"

// redacted stands for a secret taken out of a URL.
const redacted = "xxxxx"

// secretParams are words that, in a query parameter's name, mark its value
// as a credential: apikey, api_key, access_token, sig, X-Amz-Signature,
// password…
var secretParams = []string{"key", "token", "secret", "sig", "pass", "pwd", "auth", "session", "credential", "hash"}

// Redact returns a feed URL fit to leave the process (a log, the database,
// Slack): the password of its user info (or, without a password, the user
// name, often a token itself) and the values of query parameters whose
// names look secret are replaced by "xxxxx". It works on the text, so that
// URLs which do not parse are redacted too; anything else (a file path) is
// returned as it is.
func Redact(source string) string {
	scheme, rest, ok := strings.Cut(source, "://")
	if !ok {
		return source
	}
	end := len(rest)
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		end = i
	}
	authority, tail := rest[:end], rest[end:]
	if at := strings.LastIndex(authority, "@"); at >= 0 {
		if user, _, hasPassword := strings.Cut(authority[:at], ":"); hasPassword {
			authority = user + ":" + redacted + authority[at:]
		} else {
			authority = redacted + authority[at:]
		}
	}
	return scheme + "://" + authority + redactQuery(tail)
}

// redactQuery hides the secret-looking parameters of the query in tail
// (the path, query and fragment of a URL).
func redactQuery(tail string) string {
	path, query, ok := strings.Cut(tail, "?")
	if !ok {
		return tail
	}
	query, fragment, hasFragment := strings.Cut(query, "#")
	params := strings.Split(query, "&")
	for i, p := range params {
		name, _, hasValue := strings.Cut(p, "=")
		if hasValue && secretName(name) {
			params[i] = name + "=" + redacted
		}
	}
	out := path + "?" + strings.Join(params, "&")
	if hasFragment {
		out += "#" + fragment
	}
	return out
}

// secretName reports whether a query parameter's name looks like it holds
// a credential.
func secretName(name string) bool {
	name = strings.ToLower(name)
	for _, w := range secretParams {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}
