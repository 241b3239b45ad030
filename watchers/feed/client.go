package feed

import (
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Limits of the client NewClient builds.
const (
	connectTimeout        = 10 * time.Second
	tlsHandshakeTimeout   = 10 * time.Second
	responseHeaderTimeout = 20 * time.Second
	maxRedirects          = 5
)

// sharedClient serves Fetchers that were not given a client.
var sharedClient = sync.OnceValue(NewClient)

// NewClient returns the HTTP client a Fetcher uses by default: proxy from
// the environment, 10s to connect and 10s for the TLS handshake, 20s for the
// response headers, at most 5 redirects. The whole fetch is bounded by
// Fetcher.Timeout. It does not decompress by itself: Fetch asks for gzip and
// decodes it under its size limit.
func NewClient() *http.Client {
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: connectTimeout, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   tlsHandshakeTimeout,
		ResponseHeaderTimeout: responseHeaderTimeout,
		ExpectContinueTimeout: time.Second,
		DisableCompression:    true,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          20,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{Transport: transport, CheckRedirect: checkRedirect}
}

// errTooManyRedirects stops a redirect chain.
var errTooManyRedirects = fmt.Errorf("stopped after %d redirects", maxRedirects)

// checkRedirect follows at most maxRedirects redirects.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return errTooManyRedirects
	}
	return nil
}
