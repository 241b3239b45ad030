package feed

import (
	"net/url"
	"sort"
	"strings"
)

// trackingParams are query parameters that only say where a reader came
// from. They never change what a link points to, so two links that differ
// only in them are the same story.
var trackingParams = map[string]bool{
	"fbclid":  true,
	"gclid":   true,
	"dclid":   true,
	"msclkid": true,
	"mc_cid":  true,
	"mc_eid":  true,
	"igshid":  true,
	"_hsenc":  true,
	"_hsmi":   true,
	"mkt_tok": true,
	"yclid":   true,
	"ref_src": true,
	"cmpid":   true,
}

// defaultPorts maps each scheme we canonicalise to the port it implies.
var defaultPorts = map[string]string{"http": "80", "https": "443"}

// CanonicalLink returns raw in a form where the same story gives the same
// string: the scheme and host are lower-cased, a default port, the fragment
// and tracking parameters (utm_* and the click identifiers of the big ad
// networks) are dropped, and the remaining query parameters are sorted. The
// path is kept as it is. Anything that is not an absolute http(s) URL comes
// back trimmed but otherwise unchanged.
func CanonicalLink(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" || u.Host == "" {
		return raw
	}
	scheme := strings.ToLower(u.Scheme)
	port, ok := defaultPorts[scheme]
	if !ok {
		return raw
	}
	u.Scheme = scheme
	u.Host = strings.ToLower(u.Host)
	if u.Port() == port {
		u.Host = strings.TrimSuffix(u.Host, ":"+port)
	}
	u.Fragment, u.RawFragment = "", ""
	u.RawQuery = canonicalQuery(u.RawQuery)
	u.ForceQuery = false
	return u.String()
}

// canonicalQuery drops tracking parameters from a raw query and sorts what
// remains by key, keeping the order of repeated keys. It works on the raw
// pairs so that the escaping a site chose is kept byte for byte.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct{ key, raw string }
	var kept []pair
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		rawKey, _, _ := strings.Cut(part, "=")
		key, err := url.QueryUnescape(rawKey)
		if err != nil {
			key = rawKey
		}
		if isTrackingParam(key) {
			continue
		}
		kept = append(kept, pair{key, part})
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].key < kept[j].key })
	parts := make([]string, len(kept))
	for i, p := range kept {
		parts[i] = p.raw
	}
	return strings.Join(parts, "&")
}

// isTrackingParam reports whether a query key only tracks the reader.
func isTrackingParam(key string) bool {
	key = strings.ToLower(key)
	return strings.HasPrefix(key, "utm_") || trackingParams[key]
}
