package crawler

import (
	"errors"
	"net/netip"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"

	wurl "github.com/nlnwa/whatwg-url/url"
)

// maxURLBytes bounds a link the crawler follows: what web servers accept
// in a request line (Apache's and nginx's default is 8 KiB); a longer
// "URL" in a feed or page is junk or an attack on the messages that carry
// it.
const maxURLBytes = 8 << 10

// maxHintBytes bounds a title a feed or sitemap gives for a page.
const maxHintBytes = 1000

// clipHint shortens a listing's text to at most maxHintBytes, at a rune
// boundary.
func clipHint(s string) string {
	s = strings.TrimSpace(s)
	if len(s) <= maxHintBytes {
		return s
	}
	n := maxHintBytes
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// errNotHTTP reports a URL that is not an absolute http(s) URL.
var errNotHTTP = errors.New("not an absolute http(s) URL")

// Normalize returns the key form of an absolute http(s) URL, so that the
// same page reached by a feed, a sitemap and a link is recognised as one:
// scheme and host lower-cased, default port and fragment dropped, an empty
// path made "/", dot segments resolved, tracking parameters (utm_*, fbclid,
// gclid, …) removed and the remaining query parameters sorted. The result
// is itself normalised (Normalize is idempotent). It is a pure function,
// safe for concurrent use.
func Normalize(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", err
	}
	return normalizeURL(u)
}

// resolveNormalize resolves ref against base and normalises the result; it
// returns "" for references that are not http(s) pages (mailto:, javascript:,
// malformed, …).
func resolveNormalize(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") || len(ref) > maxURLBytes {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		r = base.ResolveReference(r)
	}
	s, err := normalizeURL(r)
	if err != nil {
		return ""
	}
	return s
}

func normalizeURL(u *url.URL) (string, error) {
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return "", errNotHTTP
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimRight(host, ".")
	if host == "" {
		return "", errNotHTTP
	}
	if ip, ok := parseIPv4Host(host); ok {
		host = ip.String()
	} else if numericLooking(host) && !isDomainLike(host) {
		return "", errNotHTTP // 1.2.3.4.5, 999999999999: no host a browser would accept
	}
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	out := url.URL{Scheme: u.Scheme, Host: host, User: u.User}

	// Resolve dot segments; ResolveReference does it for an absolute path.
	p := u.EscapedPath()
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	if strings.Contains(p, "/.") {
		ref := &url.URL{Path: u.Path, RawPath: u.RawPath}
		if ref.Path == "" || ref.Path[0] != '/' {
			ref.Path, ref.RawPath = "/"+ref.Path, ""
		}
		p = (&url.URL{Scheme: "http", Host: "x", Path: "/"}).ResolveReference(ref).EscapedPath()
	}
	// Re-encode the path canonically unless it holds an escaped slash,
	// whose meaning differs from a plain one.
	if dec, err := url.PathUnescape(p); err == nil && !strings.Contains(strings.ToUpper(p), "%2F") {
		out.Path = dec
	} else {
		out.Path, _ = url.PathUnescape(p)
		out.RawPath = p
	}
	out.RawQuery = normalizeQuery(u.RawQuery)
	return out.String(), nil
}

// parseIPv4Host reads a host that URL parsing as browsers do it (the WHATWG
// URL standard, which many resolvers' inet_aton agrees with) takes for an
// IPv4 address in another spelling — 2130706433, 0x7f000001, 0177.0.0.1,
// 127.1 — so that one host is one host for politeness, robots.txt and the
// seen-set. ok is false for names and for hosts already dotted quads.
func parseIPv4Host(host string) (netip.Addr, bool) {
	if !numericLooking(host) {
		return netip.Addr{}, false
	}
	if ip, err := netip.ParseAddr(host); err == nil && ip.Is4() {
		return ip, true
	}
	u, err := wurl.Parse("http://" + host + "/")
	if err != nil {
		return netip.Addr{}, false
	}
	ip, err := netip.ParseAddr(u.Hostname())
	return ip, err == nil && ip.Is4()
}

// numericLooking reports whether host is made only of the characters an
// IPv4 address can be spelt with (digits, hex digits, "x", dots).
func numericLooking(host string) bool {
	for _, r := range host {
		if !strings.ContainsRune("0123456789abcdefx.", r) {
			return false
		}
	}
	return host != ""
}

// isDomainLike reports whether a numeric-looking host is still a name:
// its last label is not a number in any base ("cafe.face", "deadbeef").
func isDomainLike(host string) bool {
	last := host[strings.LastIndexByte(host, '.')+1:]
	if last == "" {
		return false
	}
	if strings.HasPrefix(last, "0x") {
		return false
	}
	for _, r := range last {
		if r < '0' || r > '9' {
			return true
		}
	}
	return false
}

// normalizeQuery drops tracking parameters and empty pairs and sorts the
// rest, keeping each pair's encoding as the server will see it.
func normalizeQuery(q string) string {
	if q == "" {
		return ""
	}
	parts := strings.Split(q, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		key, _, _ := strings.Cut(p, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		if isTracking(strings.ToLower(key)) {
			continue
		}
		kept = append(kept, canonicalEscape(p))
	}
	sort.SliceStable(kept, func(i, j int) bool {
		ki, _, _ := strings.Cut(kept[i], "=")
		kj, _, _ := strings.Cut(kept[j], "=")
		if ki != kj {
			return ki < kj
		}
		return kept[i] < kept[j]
	})
	return strings.Join(kept, "&")
}

// canonicalEscape re-encodes one key=value pair so that equivalent
// spellings ("a%20b", "a+b", "a b") compare equal.
func canonicalEscape(pair string) string {
	k, v, hasV := strings.Cut(pair, "=")
	ku, err1 := url.QueryUnescape(k)
	vu, err2 := url.QueryUnescape(v)
	if err1 != nil || err2 != nil { // malformed escapes: take the text literally
		ku, vu = k, v
	}
	if !hasV {
		return url.QueryEscape(ku)
	}
	return url.QueryEscape(ku) + "=" + url.QueryEscape(vu)
}

// trackingParams are query parameters that only identify a campaign or a
// click, never the page.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "ttclid": true, "li_fat_id": true,
	"mc_cid": true, "mc_eid": true, "igshid": true, "_ga": true, "_gl": true,
	"_hsenc": true, "_hsmi": true, "mkt_tok": true, "spm": true, "vero_id": true,
	"oly_anon_id": true, "oly_enc_id": true, "rb_clickid": true, "s_cid": true,
	"ncid": true, "cmpid": true, "wt.mc_id": true,
}

func isTracking(key string) bool {
	return strings.HasPrefix(key, "utm_") || trackingParams[key]
}
