package probe

import (
	"encoding/json"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// DefaultAllowedHosts returns the Host names a server listening on addr
// answers when none are configured: "localhost" and the listen address's
// host name, if it is one. Addresses (127.0.0.1, [::1], a pod IP) are
// always answered; see AllowHosts.
func DefaultAllowedHosts(addr string) []string {
	hosts := []string{"localhost"}
	if h, _, err := net.SplitHostPort(addr); err == nil && h != "" {
		if _, err := netip.ParseAddr(h); err != nil {
			hosts = append(hosts, h)
		}
	}
	return hosts
}

// AllowHosts answers requests whose Host header names one of hosts (any
// port; "*" allows every name) or an IP address, and refuses the others
// with HTTP 400 and a JSON error. It defeats DNS rebinding: a page on a
// hostile site whose name is made to resolve to 127.0.0.1 can reach a
// local port from the browser, but its requests carry its own name, never
// an address. A request without a Host header (HTTP/1.0; no browser sends
// one) is answered.
func AllowHosts(hosts []string, next http.Handler) http.Handler {
	allowed := map[string]bool{}
	for _, h := range hosts {
		allowed[normalHost(h)] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := normalHost(r.Host)
		if _, err := netip.ParseAddr(h); err == nil || h == "" || allowed["*"] || allowed[h] {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusBadRequest)
		name := h
		if len(name) > 64 {
			name = name[:64] + "…"
		}
		json.NewEncoder(w).Encode(map[string]string{
			"error": "host " + name + " is not served here (see http.allowed_hosts)", "param": "Host"})
	})
}

// normalHost returns a Host header's name, lower-cased, without port,
// brackets or trailing dot.
func normalHost(h string) string {
	h = strings.TrimSpace(h)
	if hh, _, err := net.SplitHostPort(h); err == nil {
		h = hh
	}
	return strings.TrimSuffix(strings.ToLower(strings.Trim(h, "[]")), ".")
}
